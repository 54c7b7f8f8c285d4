package org.medimg4j.core.transform.spatial;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.medimg4j.core.transform.RandomTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;

/**
 * Flips each index axis (i, j, k) independently with its own probability, then applies the {@link Flip} drawn:
 * voxels keep their place in patient space and the label follows. The history records the step as "RandomFlip"
 * with the axes drawn (and the uniform numbers that decided them), and its inverse is that {@link Flip}.
 *
 * <p>Replayable: the draw is a pure function of this transform's seed and the sample's seed (see
 * {@link RandomTransform}); exactly three numbers are drawn per sample, one per axis, whatever the outcome.
 *
 * <pre>{@code
 * Transform aug = RandomFlip.of(42L, 0.5, 0, 1);   // left-right and up-down, each half the time
 * }</pre>
 */
public final class RandomFlip extends RandomTransform {

    private final double[] probability;

    private RandomFlip(long seed, double[] probability) {
        super(seed);
        this.probability = probability;
    }

    /**
     * @param seed        this transform's seed
     * @param probability the probability, 0..1, of flipping each of {@code axes}
     * @param axes        the axes that may flip: 0 = i, 1 = j, 2 = k, each at most once
     * @return the random flip
     * @throws IllegalArgumentException naming probability or axes if outside their ranges
     * @throws NullPointerException     if {@code axes} is null
     */
    public static RandomFlip of(long seed, double probability, int... axes) {
        requireProbability(probability, "probability");
        Flip all = Flip.along(axes);
        double[] p = new double[3];
        for (int a : all.axes()) {
            p[a] = probability;
        }
        return new RandomFlip(seed, p);
    }

    /**
     * @param seed this transform's seed
     * @param pI   probability, 0..1, of flipping i
     * @param pJ   probability of flipping j
     * @param pK   probability of flipping k (keep 0 for a 2-D image, whose k axis has one voxel)
     * @return the random flip
     * @throws IllegalArgumentException naming the probability that lies outside 0..1
     */
    public static RandomFlip perAxis(long seed, double pI, double pJ, double pK) {
        requireProbability(pI, "pI");
        requireProbability(pJ, "pJ");
        requireProbability(pK, "pK");
        return new RandomFlip(seed, new double[] {pI, pJ, pK});
    }

    /** @param axis 0 = i, 1 = j, 2 = k @return the probability of flipping that axis */
    public double probability(int axis) {
        return probability[axis];
    }

    @Override
    protected Transform draw(SplittableRandom random, Sample sample) {
        double[] u = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
        int[] chosen = new int[3];
        int count = 0;
        for (int a = 0; a < 3; a++) {
            if (u[a] < probability[a]) {
                chosen[count++] = a;
            }
        }
        Flip flip = Flip.along(Arrays.copyOf(chosen, count));
        String parameters = String.format(Locale.ROOT,
                "%s (drew u=(%.4f, %.4f, %.4f) against probability=(%s, %s, %s); seed=%d, sample seed=%d)",
                flip.parameters(), u[0], u[1], u[2], probability[0], probability[1], probability[2], seed(),
                sample.seed());
        return s -> flip.apply(Objects.requireNonNull(s, "sample"), "RandomFlip", parameters);
    }

    private static void requireProbability(double p, String name) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("RandomFlip: " + name + " must be within 0..1, got " + p);
        }
    }

    @Override
    public String toString() {
        return "RandomFlip(probability=" + Arrays.toString(probability) + ", seed=" + seed() + ")";
    }
}
