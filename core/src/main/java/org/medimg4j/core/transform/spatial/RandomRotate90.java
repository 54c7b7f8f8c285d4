package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.medimg4j.core.transform.RandomTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;

/**
 * With a given probability, rotates the grid by 1..maxTurns quarter turns (uniformly) in a plane of two index
 * axes (by default i-j), then applies the {@link Rotate90} drawn: voxels keep their place in patient space and the
 * label follows. The history records the step as "RandomRotate90" with the turns drawn, and its inverse is the
 * opposite {@link Rotate90}.
 *
 * <p>Replayable: the draw is a pure function of this transform's seed and the sample's seed (see
 * {@link RandomTransform}); exactly two numbers are drawn per sample (whether to rotate, and how far) whatever
 * the outcome.
 *
 * <pre>{@code
 * Transform aug = RandomRotate90.of(7L, 0.5, 3);   // half the time, 90°, 180° or 270° in the image plane
 * }</pre>
 */
public final class RandomRotate90 extends RandomTransform {

    private final double probability;
    private final int maxTurns;
    private final int axisA;
    private final int axisB;

    private RandomRotate90(long seed, double probability, int maxTurns, int axisA, int axisB) {
        super(seed);
        this.probability = probability;
        this.maxTurns = maxTurns;
        this.axisA = axisA;
        this.axisB = axisB;
    }

    /**
     * @param seed        this transform's seed
     * @param probability the probability, 0..1, of rotating at all
     * @param maxTurns    the most quarter turns, 1..3; the number drawn is uniform in 1..maxTurns
     * @return the random rotation in the i-j plane
     * @throws IllegalArgumentException naming probability or maxTurns if outside their ranges
     */
    public static RandomRotate90 of(long seed, double probability, int maxTurns) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("RandomRotate90: probability must be within 0..1, got " + probability);
        }
        if (maxTurns < 1 || maxTurns > 3) {
            throw new IllegalArgumentException("RandomRotate90: maxTurns must be 1, 2 or 3, got " + maxTurns);
        }
        return new RandomRotate90(seed, probability, maxTurns, 0, 1);
    }

    /**
     * @param axisA the first axis of the plane: 0 = i, 1 = j, 2 = k
     * @param axisB the second, different from {@code axisA}
     * @return this random rotation, in that plane
     * @throws IllegalArgumentException naming axisA/axisB if outside 0..2 or equal
     */
    public RandomRotate90 inPlane(int axisA, int axisB) {
        Rotate90.of(0, axisA, axisB); // validates the plane
        return new RandomRotate90(seed(), probability, maxTurns, axisA, axisB);
    }

    /** @return the probability of rotating at all */
    public double probability() {
        return probability;
    }

    /** @return the most quarter turns drawn */
    public int maxTurns() {
        return maxTurns;
    }

    @Override
    protected Transform draw(SplittableRandom random, Sample sample) {
        double u = random.nextDouble();
        int turnsIfRotating = 1 + random.nextInt(maxTurns);
        Rotate90 rotation = Rotate90.of(u < probability ? turnsIfRotating : 0, axisA, axisB);
        String parameters = String.format(Locale.ROOT,
                "%s (drew u=%.4f against probability=%s, turns 1..%d drew %d; seed=%d, sample seed=%d)",
                rotation.parameters(), u, probability, maxTurns, turnsIfRotating, seed(), sample.seed());
        return s -> rotation.apply(Objects.requireNonNull(s, "sample"), "RandomRotate90", parameters);
    }

    @Override
    public String toString() {
        return "RandomRotate90(probability=" + probability + ", maxTurns=" + maxTurns + ", plane="
                + AxisPermutation.axisName(axisA) + "-" + AxisPermutation.axisName(axisB) + ", seed=" + seed() + ")";
    }
}
