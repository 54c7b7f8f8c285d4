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

    private final UniformRange sigmaRange;

    private RandomGaussianNoise(long seed, double probability, UniformRange sigmaRange) {
        super(seed, probability);
        this.sigmaRange = sigmaRange;
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
        return sigmaRange.min();
    }

    /** @return the highest sigma drawn, image units (HU for CT) */
    public double sigmaMax() {
        return sigmaRange.max();
    }

    @Override
    String name() {
        return "RandomGaussianNoise";
    }

    @Override
    Transform drawStep(SplittableRandom random) {
        double sigma = sigmaRange.draw(random);
        long noiseSeed = random.nextLong();
        return GaussianNoise.of(sigma, noiseSeed);
    }

    @Override
    public String toString() {
        return "RandomGaussianNoise[sigma=" + sigmaRange + ", probability=" + probability() + ", seed=" + seed()
                + "]";
    }

    /** Builds a {@link RandomGaussianNoise}; {@link #build()} validates. */
    public static final class Builder {
        private double min = Double.NaN;
        private double max = Double.NaN;
        private boolean rangeSet;
        private double probability = 1;
        private Long seed;

        private Builder() {
        }

        /**
         * @param minValue lowest sigma, image units (HU for CT), ≥ 0
         * @param maxValue highest sigma, image units (HU for CT), ≥ minValue
         * @return this builder
         */
        public Builder sigma(double minValue, double maxValue) {
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
         * @throws IllegalArgumentException naming the parameter: sigma range missing, not finite, negative or with
         *                                  min &gt; max; probability outside [0, 1]; seed missing
         */
        public RandomGaussianNoise build() {
            UniformRange range = RandomIntensityTransform.requireRange("RandomGaussianNoise", "sigma",
                    rangeSet ? UniformRange.of("RandomGaussianNoise", "sigma", min, max) : null);
            if (range.min() < 0) {
                throw new IllegalArgumentException("RandomGaussianNoise: sigma range must be >= 0, got " + range);
            }
            double p = RandomIntensityTransform.requireProbability("RandomGaussianNoise", probability);
            long s = RandomIntensityTransform.requireSeed("RandomGaussianNoise", seed);
            return new RandomGaussianNoise(s, p, range);
        }
    }
}
