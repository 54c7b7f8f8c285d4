package org.medimg4j.core.transform;

import java.util.SplittableRandom;

/**
 * An augmentation that first draws its parameters, then applies a deterministic transform with them, which
 * records exactly what it did (and how to undo it) in the sample's history.
 *
 * <p>Replayable: the random stream is a pure function of this transform's seed and the sample's
 * {@link Sample#seed()}, so the same pair gives the same output on any thread, in any order, and no state is
 * shared between calls.
 */
public abstract class RandomTransform implements Transform {

    private final long seed;

    /** @param seed this transform's seed; two transforms in a chain should have different seeds */
    protected RandomTransform(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /**
     * Draws the parameters for {@code sample} and returns the deterministic transform that applies them.
     *
     * @param random a generator seeded from this transform's seed and the sample's seed
     * @param sample the sample it will be applied to (for its geometry)
     */
    protected abstract Transform draw(SplittableRandom random, Sample sample);

    @Override
    public final Sample apply(Sample sample) {
        return draw(randomFor(sample), sample).apply(sample);
    }

    /** @return the generator this transform uses for {@code sample}: same seeds, same stream */
    protected final SplittableRandom randomFor(Sample sample) {
        // SplitMix64 finaliser over both seeds, so that nearby seeds give unrelated streams.
        long z = seed * 0x9E3779B97F4A7C15L + sample.seed();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }
}
