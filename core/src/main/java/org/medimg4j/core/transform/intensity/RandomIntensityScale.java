package org.medimg4j.core.transform.intensity;

import java.util.SplittableRandom;
import org.medimg4j.core.transform.Transform;

/**
 * Multiplies every voxel by a factor drawn uniformly from {@code [factorMin, factorMax]} (unitless; 1 is the
 * identity). Note that MONAI's {@code RandScaleIntensity} multiplies by {@code 1 + f}; here the drawn value is the
 * multiplier itself.
 *
 * <p>With the given probability a sample is transformed: the transform draws the factor from its generator (a pure
 * function of this transform's seed and the sample's seed, see {@link org.medimg4j.core.transform.RandomTransform})
 * and delegates to {@link IntensityScale}, which records the drawn values in the sample's history. Otherwise the
 * image is passed on as FLOAT32 and the skip is recorded. The label is never touched. Immutable and thread-safe.
 *
 * <pre>{@code
 * Transform t = RandomIntensityScale.builder().factor(0.9, 1.1).probability(0.5).seed(42).build();
 * }</pre>
 */
public final class RandomIntensityScale extends RandomIntensityTransform {

    private final UniformRange factorRange;

    private RandomIntensityScale(long seed, double probability, UniformRange factorRange) {
        super(seed, probability);
        this.factorRange = factorRange;
    }

    /** @return a builder; the factor range and the seed are required, the probability defaults to 1 */
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

    /** @return the lowest factor drawn, unitless multiplier */
    public double factorMin() {
        return factorRange.min();
    }

    /** @return the highest factor drawn, unitless multiplier */
    public double factorMax() {
        return factorRange.max();
    }

    @Override
    String name() {
        return "RandomIntensityScale";
    }

    @Override
    Transform drawStep(SplittableRandom random) {
        return IntensityScale.of(factorRange.draw(random));
    }

    @Override
    public String toString() {
        return "RandomIntensityScale[factor=" + factorRange + ", probability=" + probability() + ", seed=" + seed()
                + "]";
    }

    /** Builds a {@link RandomIntensityScale}; {@link #build()} validates. */
    public static final class Builder {
        private double min = Double.NaN;
        private double max = Double.NaN;
        private boolean rangeSet;
        private double probability = 1;
        private Long seed;

        private Builder() {
        }

        /**
         * @param minValue lowest factor, unitless multiplier
         * @param maxValue highest factor, unitless multiplier, ≥ minValue
         * @return this builder
         */
        public Builder factor(double minValue, double maxValue) {
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
         * @throws IllegalArgumentException naming the parameter: factor range missing, not finite or with
         *                                  min &gt; max; probability outside [0, 1]; seed missing
         */
        public RandomIntensityScale build() {
            UniformRange range = RandomIntensityTransform.requireRange("RandomIntensityScale", "factor",
                    rangeSet ? UniformRange.of("RandomIntensityScale", "factor", min, max) : null);
            double p = RandomIntensityTransform.requireProbability("RandomIntensityScale", probability);
            long s = RandomIntensityTransform.requireSeed("RandomIntensityScale", seed);
            return new RandomIntensityScale(s, p, range);
        }
    }
}
