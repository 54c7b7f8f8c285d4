package org.medimg4j.models.data;

/**
 * The shuffled order of n items for one epoch, a pure function of (seed, epoch), remembered for the latest epoch
 * asked so that examples of one epoch do not each redraw it. Thread-safe: a race only computes the same order twice.
 */
final class EpochShuffle {

    private record Order(int epoch, int[] permutation) {
    }

    private final int n;
    private final long seed;
    private final boolean shuffle;
    private volatile Order latest;

    EpochShuffle(int n, long seed, boolean shuffle) {
        this.n = n;
        this.seed = seed;
        this.shuffle = shuffle;
    }

    /** @return the item at position {@code i} (taken modulo n) of {@code epoch}'s order */
    int item(int epoch, int i) {
        int k = Math.floorMod(i, n);
        if (!shuffle) {
            return k;
        }
        Order o = latest;
        if (o == null || o.epoch() != epoch) {
            o = new Order(epoch, ExampleWriter.permutation(n, SampleSeed.epoch(seed, epoch)));
            latest = o;
        }
        return o.permutation()[k];
    }
}
