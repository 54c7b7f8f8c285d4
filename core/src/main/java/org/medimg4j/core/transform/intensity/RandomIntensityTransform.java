package org.medimg4j.core.transform.intensity;

import java.util.SplittableRandom;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.RandomTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.Volume;

/**
 * What the random intensity augmentations share: one parameter drawn uniformly from a range, a probability gate
 * drawn first, then the parameters, always in the same order, so a given (transform seed, sample seed) pair replays
 * exactly. A sample the gate skips is passed on unchanged except for being converted to FLOAT32 (so that a batch
 * does not mix voxel types), and the skip is recorded in its history with the value drawn.
 */
abstract class RandomIntensityTransform extends RandomTransform {

    private final String name;
    private final String parameter;
    private final UniformRange range;
    private final double probability;

    /**
     * @param name      the transform, recorded in the history for a skipped sample
     * @param parameter the drawn parameter, for {@link #toString()}
     */
    RandomIntensityTransform(String name, String parameter, UniformRange range, double probability, long seed) {
        super(seed);
        this.name = name;
        this.parameter = parameter;
        this.range = range;
        this.probability = probability;
    }

    /** @return the probability that a sample is transformed, in [0, 1] */
    public double probability() {
        return probability;
    }

    /** @return the range the parameter is drawn from */
    final UniformRange range() {
        return range;
    }

    /** Draws the parameters and returns the deterministic step that applies them. */
    abstract Transform drawStep(SplittableRandom random);

    @Override
    protected final Transform draw(SplittableRandom random, Sample sample) {
        double gate = random.nextDouble();
        if (gate >= probability) {
            return s -> {
                Volume image = s.image();
                return s.nextImage(image.toFloat32(), AppliedTransform.intensity(name,
                        "not applied: drew " + gate + " >= probability " + probability, image.geometry()));
            };
        }
        return drawStep(random);
    }

    @Override
    public String toString() {
        return name + "[" + parameter + "=" + range + ", probability=" + probability + ", seed=" + seed() + "]";
    }

    /**
     * The builder the random intensity transforms share: the drawn parameter's range, the probability and the seed,
     * validated at {@link #build()}. Each transform's public {@code Builder} extends it and adds the range setter
     * named for its parameter.
     *
     * @param <B> the concrete builder, returned by the setters so that calls chain in any order
     * @param <T> the transform built
     */
    abstract static class AbstractBuilder<B extends AbstractBuilder<B, T>, T extends RandomIntensityTransform> {
        private final String owner;
        private final String parameter;
        private double min = Double.NaN;
        private double max = Double.NaN;
        private boolean rangeSet;
        private double probability = 1;
        private Long seed;

        /**
         * @param owner     the transform, for messages
         * @param parameter the drawn parameter, for messages
         */
        AbstractBuilder(String owner, String parameter) {
            this.owner = owner;
            this.parameter = parameter;
        }

        /** Sets the parameter's range; the subclass's setter named for the parameter calls it. */
        final B range(double minValue, double maxValue) {
            this.min = minValue;
            this.max = maxValue;
            this.rangeSet = true;
            return self();
        }

        /**
         * @param p probability in [0, 1] that a sample is transformed (default 1)
         * @return this builder
         */
        public final B probability(double p) {
            this.probability = p;
            return self();
        }

        /**
         * @param s this transform's seed (required; give each random transform of a chain its own)
         * @return this builder
         */
        public final B seed(long s) {
            this.seed = s;
            return self();
        }

        /**
         * @return the transform
         * @throws IllegalArgumentException naming the parameter: its range missing, not finite, with min &gt; max
         *                                  or outside what the transform accepts; probability outside [0, 1];
         *                                  seed missing
         */
        public final T build() {
            if (!rangeSet) {
                throw new IllegalArgumentException(owner + ": " + parameter + " range must be given");
            }
            UniformRange range = UniformRange.of(owner, parameter, min, max);
            checkRange(range);
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException(owner + ": probability must be in [0, 1], got " + probability);
            }
            if (seed == null) {
                throw new IllegalArgumentException(owner + ": seed must be given explicitly, so that augmentation "
                        + "replays");
            }
            return create(range, probability, seed);
        }

        /**
         * Further checks on the range, beyond finite bounds with min &le; max; none by default.
         *
         * @throws IllegalArgumentException naming the parameter if the transform does not accept the range
         */
        void checkRange(UniformRange range) {
        }

        /** @return the transform, from validated settings */
        abstract T create(UniformRange range, double probability, long seed);

        @SuppressWarnings("unchecked") // B is by declaration the concrete subclass of this builder
        private B self() {
            return (B) this;
        }
    }
}
