package org.medimg4j.models.data;

import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stacks an {@link ExampleSampler}'s examples into FLOAT32 batches (features NCHW or NCDHW, labels one-hot) and
 * serves them as DL4J's {@link MultiDataSetIterator} (one input, one output: what a {@code ComputationGraph} fits
 * from), or through {@link #asDataSetIterator()} for a {@code MultiLayerNetwork}.
 *
 * <h2>Epochs and determinism</h2>
 * Batch b of epoch e holds examples b·B .. b·B+B-1 of epoch e (the last batch may be smaller). {@link #reset()}
 * moves to the next epoch (DL4J calls it between epochs) unless nothing of the current epoch was taken;
 * {@link #startEpoch(int)} sets the epoch explicitly (resuming training). Since examples are pure functions of
 * (epoch, index), the batches are the same whatever the number of workers.
 *
 * <h2>Prefetch and bounded memory</h2>
 * With {@code workers ≥ 1}, batches are built on that many daemon threads ahead of the consumer, at most
 * {@code prefetch} batches in flight (queued, being built, or built and waiting): a new batch is only submitted
 * when the consumer takes one, so memory stays bounded by {@code prefetch} batches plus the one the consumer holds
 * (after a {@link #reset()} mid-epoch, up to {@code workers} abandoned batches may still finish). With
 * {@code workers = 0} batches are built in the caller's thread. {@link #asyncSupported()} is false so that DL4J
 * does not wrap this iterator in a second prefetch thread.
 *
 * <h2>Native memory</h2>
 * Each batch's two arrays are fresh, owned by the consumer and shared with nothing: a training loop that wants
 * native memory flat rather than waiting for the garbage collector may {@code close()} them after the step.
 *
 * <h2>Failures and shutdown</h2>
 * An exception in a worker reaches the consumer at the {@link #next()} that wanted that batch, as a
 * {@link DataException} with the worker's exception as cause; it never hangs. {@link #close()} stops the workers
 * (they are daemons, so an unclosed iterator does not keep the JVM alive).
 */
public final class BatchIterator implements MultiDataSetIterator, EpochAware, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient ExampleSampler sampler;
    private final int batchSize;
    private final int workers;
    private final int prefetch;
    private final long[] featureShape;
    private final long[] labelShape;
    private final int featureLength;
    private final int labelLength;
    private final int batchesPerEpoch;

    private final transient ArrayDeque<Future<MultiDataSet>> inFlight = new ArrayDeque<>();
    private transient ExecutorService executor;
    private transient MultiDataSetPreProcessor preProcessor;
    private int epoch;
    private int nextBatch;
    private int nextSubmit;
    private boolean closed;

    private BatchIterator(ExampleSampler sampler, int batchSize, int workers, int prefetch) {
        this.sampler = sampler;
        this.batchSize = batchSize;
        this.workers = workers;
        this.prefetch = prefetch;
        this.featureShape = sampler.featureShape();
        this.labelShape = sampler.labelShape();
        this.featureLength = ExampleSampler.length(featureShape);
        this.labelLength = ExampleSampler.length(labelShape);
        this.batchesPerEpoch = (sampler.examplesPerEpoch() + batchSize - 1) / batchSize;
    }

    /**
     * @param sampler   makes the examples
     * @param batchSize examples per batch, &ge; 1
     * @param workers   prefetch threads, &ge; 0 (0: build batches in the caller's thread)
     * @param prefetch  the most batches in flight, &ge; 1 (ignored without workers)
     * @throws IllegalArgumentException naming {@code batchSize}, {@code workers} or {@code prefetch}
     */
    public static BatchIterator of(ExampleSampler sampler, int batchSize, int workers, int prefetch) {
        Objects.requireNonNull(sampler, "sampler");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0 threads, got " + workers);
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be >= 1 batch, got " + prefetch);
        }
        if (sampler.examplesPerEpoch() < 1) {
            throw new IllegalArgumentException("sampler gives " + sampler.examplesPerEpoch()
                    + " examples per epoch; at least 1 is needed");
        }
        return new BatchIterator(sampler, batchSize, workers, prefetch);
    }

    /** @return the epoch being served, from 0 */
    public int epoch() {
        return epoch;
    }

    /** @return batches in one epoch */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** @return batches submitted to workers and not yet taken by the consumer; never above {@code prefetch} */
    public synchronized int inFlight() {
        return inFlight.size();
    }

    /**
     * Restarts at the first batch of {@code e}, dropping batches prepared for another epoch.
     *
     * @param e the epoch, &ge; 0
     */
    @Override
    public synchronized void startEpoch(int e) {
        if (e < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + e);
        }
        dropInFlight();
        epoch = e;
        nextBatch = 0;
        nextSubmit = 0;
    }

    /** Builds batch {@code b} of epoch {@code e} in the calling thread. */
    MultiDataSet build(int e, int b) {
        int from = b * batchSize;
        int n = Math.min(batchSize, sampler.examplesPerEpoch() - from);
        float[] f = new float[n * featureLength];
        float[] l = new float[n * labelLength];
        for (int i = 0; i < n; i++) {
            sampler.sample(e, from + i, f, i * featureLength, l, i * labelLength);
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(
                Nd4j.create(f, withBatch(n, featureShape), DataType.FLOAT),
                Nd4j.create(l, withBatch(n, labelShape), DataType.FLOAT));
    }

    private static long[] withBatch(int n, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    @Override
    public synchronized boolean hasNext() {
        return nextBatch < batchesPerEpoch;
    }

    @Override
    public MultiDataSet next() {
        MultiDataSet m;
        int e;
        int b;
        Future<MultiDataSet> f;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("BatchIterator is closed");
            }
            if (nextBatch >= batchesPerEpoch) {
                throw new NoSuchElementException("epoch " + epoch + " has " + batchesPerEpoch
                        + " batches, all taken; call reset() for the next epoch");
            }
            e = epoch;
            b = nextBatch++;
            if (workers == 0) {
                f = null;
            } else {
                fill();
                f = inFlight.pollFirst();
            }
        }
        if (f == null) {
            m = build(e, b);
        } else {
            try {
                m = f.get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new DataException("interrupted while waiting for batch " + b + " of epoch " + e, ex);
            } catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                throw new DataException("batch " + b + " of epoch " + e + " failed in a prefetch worker: " + cause,
                        cause);
            } catch (CancellationException ex) {
                throw new DataException("batch " + b + " of epoch " + e + " was cancelled (iterator reset or closed)",
                        ex);
            }
            synchronized (this) {
                fill();
            }
        }
        if (preProcessor != null) {
            preProcessor.preProcess(m);
        }
        return m;
    }

    /** Submits batches until {@code prefetch} are in flight or the epoch has none left; called holding the lock. */
    private void fill() {
        if (closed) {
            return;
        }
        if (executor == null) {
            executor = Executors.newFixedThreadPool(workers, new DaemonThreads());
        }
        if (nextSubmit < nextBatch - 1) {
            nextSubmit = nextBatch - 1;
        }
        while (inFlight.size() < prefetch && nextSubmit < batchesPerEpoch) {
            int e = epoch;
            int b = nextSubmit++;
            inFlight.addLast(executor.submit(() -> build(e, b)));
        }
    }

    private void dropInFlight() {
        for (Future<MultiDataSet> f : inFlight) {
            f.cancel(false);
        }
        inFlight.clear();
    }

    /** @throws UnsupportedOperationException always: the batch size is fixed at construction */
    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("next(num): the batch size is fixed at " + batchSize
                + "; build another BatchIterator for another size");
    }

    @Override
    public synchronized void setPreProcessor(MultiDataSetPreProcessor p) {
        this.preProcessor = p;
    }

    @Override
    public synchronized MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** @return false: this iterator prefetches itself, DL4J must not add its own thread */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Moves to the next epoch, or restarts the current one if none of its batches was taken. */
    @Override
    public synchronized void reset() {
        startEpoch(nextBatch == 0 ? epoch : epoch + 1);
    }

    /** Stops the workers and drops prefetched batches; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        dropInFlight();
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** @return a view as DL4J's {@link DataSetIterator} (for a MultiLayerNetwork), sharing this iterator's state */
    public DataSetIterator asDataSetIterator() {
        return new DataSets(this);
    }

    private static final class DaemonThreads implements ThreadFactory {
        private static final AtomicInteger POOL = new AtomicInteger();
        private final int pool = POOL.incrementAndGet();
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "medimg4j-prefetch-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** The {@link DataSetIterator} view: each MultiDataSet's single input and output as a DataSet. */
    private static final class DataSets implements DataSetIterator {
        private static final long serialVersionUID = 1L;
        private final transient BatchIterator batches;
        private transient DataSetPreProcessor preProcessor;

        DataSets(BatchIterator batches) {
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            return batches.hasNext();
        }

        @Override
        public DataSet next() {
            MultiDataSet m = batches.next();
            DataSet d = new DataSet(m.getFeatures(0), m.getLabels(0));
            if (preProcessor != null) {
                preProcessor.preProcess(d);
            }
            return d;
        }

        @Override
        public DataSet next(int num) {
            throw new UnsupportedOperationException("next(num): the batch size is fixed at " + batches.batchSize);
        }

        @Override
        public int inputColumns() {
            return batches.featureLength;
        }

        @Override
        public int totalOutcomes() {
            return (int) batches.labelShape[0];
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            batches.reset();
        }

        @Override
        public int batch() {
            return batches.batchSize;
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor p) {
            this.preProcessor = p;
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return preProcessor;
        }

        @Override
        public List<String> getLabels() {
            return null;
        }
    }
}
