package org.medimg4j.core.transform.intensity;

import java.util.SplittableRandom;
import org.medimg4j.core.transform.Transform;

/**
 * Adds zero-mean Gaussian noise whose standard deviation is drawn uniformly from {@code [sigmaMin, sigmaMax]} (image
 * units, HU for CT); the noise field's seed is drawn too, so the whole noise is reproducible.
 *
 * <p>With the given probability a sample is transformed: the transform draws sigma, then the noise seed from its
 * generator (a pure function of this transform's seed and the sample's seed, see {@link
 * org.medimg4j.core.transform.RandomTransform}) and delegates to {@link GaussianNoise}, which records the drawn
 * values in the sample's history. Otherwise the image is passed on as FLOAT32 and the skip is recorded. The label is
 * never touched. Immutable and thread-safe.
 *
 * <pre>{@code
 * Transform t = RandomGaussianNoise.builder().sigma(0, 25).probability(0.5).seed(42).build();
 * }</pre>
 */
public final class RandomGaussianNoise extends RandomIntensityTransform {

    private static final String NAME = "RandomGaussianNoise";
    private static final String PARAMETER = "sigma";

    private RandomGaussianNoise(UniformRange sigmaRange, double probability, long seed) {
        super(NAME, PARAMETER, sigmaRange, probability, seed);
    }

    /** @return a builder; the sigma range and the seed are required, the probability defaults to 1 */
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

    /** @return the lowest sigma drawn, image units (HU for CT) */
    public double sigmaMin() {
        return range().min();
    }

    /** @return the highest sigma drawn, image units (HU for CT) */
    public double sigmaMax() {
        return range().max();
    }

    @Override
    Transform drawStep(SplittableRandom random) {
        double sigma = range().draw(random);
        long noiseSeed = random.nextLong();
        return GaussianNoise.of(sigma, noiseSeed);
    }

    /** Builds a {@link RandomGaussianNoise}; {@link #build()} validates. */
    public static final class Builder extends AbstractBuilder<Builder, RandomGaussianNoise> {

        private Builder() {
            super(NAME, PARAMETER);
        }

        /**
         * @param minValue lowest sigma, image units (HU for CT), ≥ 0
         * @param maxValue highest sigma, image units (HU for CT), ≥ minValue
         * @return this builder
         */
        public Builder sigma(double minValue, double maxValue) {
            return range(minValue, maxValue);
        }

        @Override
        void checkRange(UniformRange range) {
            if (range.min() < 0) {
                throw new IllegalArgumentException(NAME + ": sigma range must be >= 0, got " + range);
            }
        }

        @Override
        RandomGaussianNoise create(UniformRange range, double probability, long seed) {
            return new RandomGaussianNoise(range, probability, seed);
        }
    }
}
