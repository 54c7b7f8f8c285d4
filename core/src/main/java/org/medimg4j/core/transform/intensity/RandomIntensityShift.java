package org.medimg4j.core.transform.intensity;

import java.util.SplittableRandom;
import org.medimg4j.core.transform.Transform;

/**
 * Adds a constant offset drawn uniformly from {@code [offsetMin, offsetMax]} (image units, HU for CT) to every
 * voxel, like MONAI's {@code RandShiftIntensity}.
 *
 * <p>With the given probability a sample is transformed: the transform draws the offset from its generator (a pure
 * function of this transform's seed and the sample's seed, see {@link org.medimg4j.core.transform.RandomTransform})
 * and delegates to {@link IntensityShift}, which records the drawn values in the sample's history. Otherwise the
 * image is passed on as FLOAT32 and the skip is recorded. The label is never touched. Immutable and thread-safe.
 *
 * <pre>{@code
 * Transform t = RandomIntensityShift.builder().offset(-20, 20).probability(0.5).seed(42).build();
 * }</pre>
 */
public final class RandomIntensityShift extends RandomIntensityTransform {

    private final UniformRange offsetRange;

    private RandomIntensityShift(long seed, double probability, UniformRange offsetRange) {
        super(seed, probability);
        this.offsetRange = offsetRange;
    }

    /** @return a builder; the offset range and the seed are required, the probability defaults to 1 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param seed this transform's seed (give each random transform of a chain its own), as the spatial random
     *             transforms take it
     * @return a builder with the seed set
     */
    public static Builder builder(long seed) {
        return new Builder().seed(seed);
    }

    /** @return the lowest offset drawn, image units (HU for CT) */
    public double offsetMin() {
        return offsetRange.min();
    }

    /** @return the highest offset drawn, image units (HU for CT) */
    public double offsetMax() {
        return offsetRange.max();
    }

    @Override
    String name() {
        return "RandomIntensityShift";
    }

    @Override
    Transform drawStep(SplittableRandom random) {
        return IntensityShift.of(offsetRange.draw(random));
    }

    @Override
    public String toString() {
        return "RandomIntensityShift[offset=" + offsetRange + ", probability=" + probability() + ", seed=" + seed()
                + "]";
    }

    /** Builds a {@link RandomIntensityShift}; {@link #build()} validates. */
    public static final class Builder {
        private double min = Double.NaN;
        private double max = Double.NaN;
        private boolean rangeSet;
        private double probability = 1;
        private Long seed;

        private Builder() {
        }

        /**
         * @param minValue lowest offset, image units (HU for CT)
         * @param maxValue highest offset, image units (HU for CT), ≥ minValue
         * @return this builder
         */
        public Builder offset(double minValue, double maxValue) {
            this.min = minValue;
            this.max = maxValue;
            this.rangeSet = true;
            return this;
        }

        /**
         * @param p probability in [0, 1] that a sample is transformed (default 1)
         * @return this builder
         */
        public Builder probability(double p) {
            this.probability = p;
            return this;
        }

        /**
         * @param s this transform's seed (required; give each random transform of a chain its own)
         * @return this builder
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @return the transform
         * @throws IllegalArgumentException naming the parameter: offset range missing, not finite or with
         *                                  min &gt; max; probability outside [0, 1]; seed missing
         */
        public RandomIntensityShift build() {
            UniformRange range = RandomIntensityTransform.requireRange("RandomIntensityShift", "offset",
                    rangeSet ? UniformRange.of("RandomIntensityShift", "offset", min, max) : null);
            double p = RandomIntensityTransform.requireProbability("RandomIntensityShift", probability);
            long s = RandomIntensityTransform.requireSeed("RandomIntensityShift", seed);
            return new RandomIntensityShift(s, p, range);
        }
    }
}
