package org.medimg4j.core.phantom;

/**
 * The phantoms' random source: SplitMix64 (Steele, Lea and Flood, OOPSLA 2014) written out here rather than taken
 * from {@link java.util.SplittableRandom}, because bit-identical phantoms across JDK versions need an algorithm
 * fixed by our code, not by a JDK implementation detail. Gaussians use Marsaglia's polar method with
 * {@link StrictMath#log}, whose result (unlike {@link Math#log}) is specified to the bit on every platform.
 *
 * <p>Not thread-safe: each slice and each stage owns one, seeded with {@link #mix} from the case seed and a stream
 * number, which is what makes generation independent of threads and order.
 */
final class PhantomRandom {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;
    private double spare;
    private boolean hasSpare;

    PhantomRandom(long seed) {
        this.state = seed;
    }

    /** @return a well-mixed seed for stream {@code stream} of {@code seed}; nearby inputs give unrelated outputs */
    static long mix(long seed, long stream) {
        return finalise(finalise(seed + GOLDEN) ^ (stream * GOLDEN + 0x632BE59BD9B4E019L));
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN;
        return finalise(state);
    }

    /** @return uniform in [0, 1) with 53 random bits */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** @return uniform in [lo, hi) (lo when they are equal) */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** @return uniform in 0..bound-1 (bound &ge; 1) */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /** @return a standard normal deviate */
    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * f;
        hasSpare = true;
        return u * f;
    }
}
