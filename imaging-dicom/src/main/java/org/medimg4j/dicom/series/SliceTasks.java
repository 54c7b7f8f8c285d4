package org.medimg4j.dicom.series;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.medimg4j.dicom.codec.SampleBuffer;

/**
 * Runs one task per slice on a bounded pool of worker threads, each with its own scratch buffers, and stops at
 * the first failure (rethrown as thrown). Workers take the next index from a shared counter, so slow files (a
 * cold disk, a compressed slice) do not hold up a fixed share. One instance per load; {@link #close()} ends the
 * threads.
 */
final class SliceTasks implements AutoCloseable {

    /** Per-worker state: decode buffers reused from slice to slice. */
    static final class Scratch {
        private final int samples;
        private SampleBuffer bytes;
        private SampleBuffer shorts;
        private SampleBuffer ints;

        Scratch(int samples) {
            this.samples = samples;
        }

        /** @return this worker's buffer of one frame for Bits Allocated {@code bits} (1 and 8 share bytes) */
        SampleBuffer forBits(int bits) {
            if (bits <= 8) {
                if (bytes == null) {
                    bytes = SampleBuffer.of(new byte[samples], 0);
                }
                return bytes;
            }
            if (bits == 16) {
                if (shorts == null) {
                    shorts = SampleBuffer.of(new short[samples], 0);
                }
                return shorts;
            }
            if (ints == null) {
                ints = SampleBuffer.of(new int[samples], 0);
            }
            return ints;
        }
    }

    /** One slice's work. */
    @FunctionalInterface
    interface Task {
        void run(int index, Scratch scratch) throws IOException;
    }

    private final int threads;
    private final int samplesPerSlice;
    private final ExecutorService pool;

    /**
     * @param threads         the most worker threads
     * @param samplesPerSlice the scratch buffer size, samples
     */
    SliceTasks(int threads, int samplesPerSlice) {
        this.threads = threads;
        this.samplesPerSlice = samplesPerSlice;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "medimg4j-series-loader");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Runs {@code task} for indices 0 to n - 1.
     *
     * @throws IOException the first failure of a task (later ones are dropped), or InterruptedIOException
     */
    void run(int n, Task task) throws IOException {
        int workers = Math.min(threads, n);
        if (workers <= 1 || pool == null) {
            Scratch s = new Scratch(samplesPerSlice);
            for (int i = 0; i < n; i++) {
                task.run(i, s);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                Scratch s = new Scratch(samplesPerSlice);
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                    try {
                        task.run(i, s);
                    } catch (IOException | RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            failure.compareAndSet(null, e.getCause());
        }
        Throwable t = failure.get();
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        InterruptedIOException ie = new InterruptedIOException("series loading interrupted");
        ie.initCause(t);
        throw ie;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
