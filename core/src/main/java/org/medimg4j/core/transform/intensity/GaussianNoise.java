package org.medimg4j.core.transform.intensity;

import java.util.SplittableRandom;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.Volume;

/**
 * Adds zero-mean Gaussian noise of standard deviation {@code sigma} (image units, HU for CT) to every voxel:
 * {@code out = x + sigma · N(0, 1)}. The deterministic step behind {@link RandomGaussianNoise}.
 *
 * <p>Reproducible: the noise is a pure function of {@code noiseSeed} and the voxel's place. Each (channel, z)
 * slice draws from its own generator, seeded from {@code noiseSeed} and the slice index {@code c·nz + z}, so the
 * output does not depend on how slices are spread over threads (the exact values depend on the Java runtime's
 * {@link SplittableRandom#nextGaussian()}, identical across runs and threads of one runtime).
 *
 * <p>The unit is kept. The label is left untouched; INT16 and UINT8 input gives FLOAT32 output; NaN stays NaN.
 * One pass, parallel over slices. Immutable and thread-safe.
 */
public final class GaussianNoise implements Transform {

    private final double sigma;
    private final long noiseSeed;

    private GaussianNoise(double sigma, long noiseSeed) {
        this.sigma = sigma;
        this.noiseSeed = noiseSeed;
    }

    /**
     * @param sigma     standard deviation of the noise, image units (HU for CT), finite and ≥ 0 (0 adds nothing)
     * @param noiseSeed seed of the noise field
     * @return the transform
     * @throws IllegalArgumentException naming "sigma" if it is negative or not finite
     */
    public static GaussianNoise of(double sigma, long noiseSeed) {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("GaussianNoise: sigma must be finite and >= 0 (image units), got "
                    + sigma);
        }
        return new GaussianNoise(sigma, noiseSeed);
    }

    /** @return the noise standard deviation, image units */
    public double sigma() {
        return sigma;
    }

    /** @return the seed of the noise field */
    public long noiseSeed() {
        return noiseSeed;
    }

    @Override
    public Sample apply(Sample sample) {
        Volume image = sample.image();
        double s = sigma;
        float[] out = SliceSweep.map("GaussianNoise", image, slice -> {
            SplittableRandom rng = new SplittableRandom(sliceSeed(noiseSeed, slice));
            return (v, from, to) -> {
                for (int i = from; i < to; i++) {
                    v[i] = (float) (v[i] + s * rng.nextGaussian());
                }
            };
        });
        String params = "sigma=" + sigma + " " + image.unit() + ", noiseSeed=" + noiseSeed;
        return sample.nextImage(image.derive(image.geometry(), out),
                AppliedTransform.intensity("GaussianNoise", params, image.geometry()));
    }

    /**
     * SplitMix64 finaliser over the seed and slice: SplittableRandom streams whose seeds differ by its own gamma
     * are shifted copies of each other, so consecutive slices must not get seeds in arithmetic progression.
     */
    static long sliceSeed(long noiseSeed, int slice) {
        long z = noiseSeed + 0x9E3779B97F4A7C15L * (slice + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "GaussianNoise[sigma=" + sigma + ", noiseSeed=" + noiseSeed + "]";
    }
}
