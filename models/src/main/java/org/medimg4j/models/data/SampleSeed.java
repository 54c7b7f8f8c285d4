package org.medimg4j.models.data;

/**
 * The seeds of the data pipeline, pure functions of a base seed and (epoch, index), so that a batch is the same
 * whichever worker thread makes it and in whatever order: the sampling draw (which case, slice, patch centre)
 * and the augmentation seed handed to {@code core}'s {@link org.medimg4j.core.transform.Sample#withSeed}.
 */
public final class SampleSeed {

    private SampleSeed() {
    }

    /** @return the seed of example {@code index} of {@code epoch}'s sampling draw */
    public static long draw(long seed, int epoch, long index) {
        return mix(mix(mix(seed, 0x5A3D_1E2BL), epoch), index);
    }

    /** @return the seed of example {@code index} of {@code epoch}'s augmentation (a stream apart from the draw) */
    public static long augmentation(long seed, int epoch, long index) {
        return mix(mix(mix(seed, 0x0A06_7E17L), epoch), index);
    }

    /** @return the seed of {@code epoch}'s shuffle of cases or slices */
    public static long epoch(long seed, int epoch) {
        return mix(mix(seed, 0x3E90_C411L), epoch);
    }

    /** SplitMix64's finaliser over a + golden-ratio·b: nearby inputs give unrelated outputs. */
    static long mix(long a, long b) {
        long z = a + (b + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
