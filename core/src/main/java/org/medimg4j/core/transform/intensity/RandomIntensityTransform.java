package org.medimg4j.core.transform.intensity;

import java.util.SplittableRandom;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.RandomTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.Volume;

/**
 * What the random intensity augmentations share: a probability gate drawn first, then the parameters, always in
 * the same order, so a given (transform seed, sample seed) pair replays exactly. A sample the gate skips is
 * passed on unchanged except for being converted to FLOAT32 (so that a batch does not mix voxel types), and the
 * skip is recorded in its history with the value drawn.
 */
abstract class RandomIntensityTransform extends RandomTransform {

    private final double probability;

    RandomIntensityTransform(long seed, double probability) {
        super(seed);
        this.probability = probability;
    }

    /** @return the probability that a sample is transformed, in [0, 1] */
    public double probability() {
        return probability;
    }

    /** @return the name recorded in the history for a skipped sample */
    abstract String name();

    /** Draws the parameters and returns the deterministic step that applies them. */
    abstract Transform drawStep(SplittableRandom random);

    @Override
    protected final Transform draw(SplittableRandom random, Sample sample) {
        double gate = random.nextDouble();
        if (gate >= probability) {
            return s -> {
                Volume image = s.image();
                return s.nextImage(image.toFloat32(), AppliedTransform.intensity(name(),
                        "not applied: drew " + gate + " >= probability " + probability, image.geometry()));
            };
        }
        return drawStep(random);
    }

    /** @throws IllegalArgumentException naming "probability" unless it is in [0, 1] */
    static double requireProbability(String owner, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(owner + ": probability must be in [0, 1], got " + probability);
        }
        return probability;
    }

    /** @throws IllegalArgumentException naming "seed" if it was not given */
    static long requireSeed(String owner, Long seed) {
        if (seed == null) {
            throw new IllegalArgumentException(owner + ": seed must be given explicitly, so that augmentation replays");
        }
        return seed;
    }

    /** @throws IllegalArgumentException naming the parameter if its range was not given */
    static UniformRange requireRange(String owner, String name, UniformRange range) {
        if (range == null) {
            throw new IllegalArgumentException(owner + ": " + name + " range must be given");
        }
        return range;
    }
}
