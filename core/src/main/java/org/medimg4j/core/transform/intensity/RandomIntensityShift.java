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

    private static final String NAME = "RandomIntensityShift";
    private static final String PARAMETER = "offset";

    private RandomIntensityShift(UniformRange offsetRange, double probability, long seed) {
        super(NAME, PARAMETER, offsetRange, probability, seed);
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
        return range().min();
    }

    /** @return the highest offset drawn, image units (HU for CT) */
    public double offsetMax() {
        return range().max();
    }

    @Override
    Transform drawStep(SplittableRandom random) {
        return IntensityShift.of(range().draw(random));
    }

    /** Builds a {@link RandomIntensityShift}; {@link #build()} validates. */
    public static final class Builder extends AbstractBuilder<Builder, RandomIntensityShift> {

        private Builder() {
            super(NAME, PARAMETER);
        }

        /**
         * @param minValue lowest offset, image units (HU for CT)
         * @param maxValue highest offset, image units (HU for CT), ≥ minValue
         * @return this builder
         */
        public Builder offset(double minValue, double maxValue) {
            return range(minValue, maxValue);
        }

        @Override
        RandomIntensityShift create(UniformRange range, double probability, long seed) {
            return new RandomIntensityShift(range, probability, seed);
        }
    }
}
