package org.medimg4j.models.train;

import java.util.List;
import org.medimg4j.models.data.EpochAware;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** A fixed list of batches, the same order every epoch; records the epochs it was told about. */
final class InMemoryBatches implements MultiDataSetIterator, EpochAware {

    private static final long serialVersionUID = 1L;

    private final List<MultiDataSet> batches;
    private int next;
    int lastEpoch = -1;

    InMemoryBatches(List<MultiDataSet> batches) {
        this.batches = batches;
    }

    /**
     * Two Gaussian blobs in 4-D, class 1 centred at +1 and class 0 at −1 on every feature, one-hot labels.
     */
    static InMemoryBatches blobs(long seed, int batchCount, int batchSize) {
        var rng = new java.util.Random(seed);
        java.util.List<MultiDataSet> list = new java.util.ArrayList<>();
        for (int b = 0; b < batchCount; b++) {
            float[] x = new float[batchSize * 4];
            float[] y = new float[batchSize * 2];
            for (int i = 0; i < batchSize; i++) {
                int c = (i + b) % 2;
                for (int f = 0; f < 4; f++) {
                    x[i * 4 + f] = (c == 1 ? 1f : -1f) + (float) rng.nextGaussian();
                }
                y[i * 2 + c] = 1f;
            }
            INDArray features = Nd4j.create(x, new long[] {batchSize, 4});
            INDArray labels = Nd4j.create(y, new long[] {batchSize, 2});
            list.add(new org.nd4j.linalg.dataset.MultiDataSet(features, labels));
        }
        return new InMemoryBatches(list);
    }

    @Override
    public void startEpoch(int epoch) {
        lastEpoch = epoch;
    }

    @Override
    public MultiDataSet next(int num) {
        return next();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return null;
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
        next = 0;
    }

    @Override
    public boolean hasNext() {
        return next < batches.size();
    }

    @Override
    public MultiDataSet next() {
        return batches.get(next++);
    }
}
