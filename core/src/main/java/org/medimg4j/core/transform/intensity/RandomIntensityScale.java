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

    private static final String NAME = "RandomIntensityScale";
    private static final String PARAMETER = "factor";

    private RandomIntensityScale(UniformRange factorRange, double probability, long seed) {
        super(NAME, PARAMETER, factorRange, probability, seed);
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
        return range().min();
    }

    /** @return the highest factor drawn, unitless multiplier */
    public double factorMax() {
        return range().max();
    }

    @Override
    Transform drawStep(SplittableRandom random) {
        return IntensityScale.of(range().draw(random));
    }

    /** Builds a {@link RandomIntensityScale}; {@link #build()} validates. */
    public static final class Builder extends AbstractBuilder<Builder, RandomIntensityScale> {

        private Builder() {
            super(NAME, PARAMETER);
        }

        /**
         * @param minValue lowest factor, unitless multiplier
         * @param maxValue highest factor, unitless multiplier, ≥ minValue
         * @return this builder
         */
        public Builder factor(double minValue, double maxValue) {
            return range(minValue, maxValue);
        }

        @Override
        RandomIntensityScale create(UniformRange range, double probability, long seed) {
            return new RandomIntensityScale(range, probability, seed);
        }
    }
}
