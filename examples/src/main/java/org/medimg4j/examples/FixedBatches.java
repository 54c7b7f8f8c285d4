package org.medimg4j.examples;

import java.util.List;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The same batches every pass, held in memory: a validation set of randomly cut patches that must not be
 * re-drawn each epoch (a {@code BatchIterator} moves to the next epoch's draw on {@code reset()}), so that early
 * stopping compares epochs on identical data. Package-private: the examples' plumbing.
 */
final class FixedBatches implements MultiDataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient List<MultiDataSet> batches;
    private int next;

    /** Reads {@code source} to its end once and keeps its batches. */
    FixedBatches(MultiDataSetIterator source) {
        java.util.ArrayList<MultiDataSet> all = new java.util.ArrayList<>();
        while (source.hasNext()) {
            all.add(source.next());
        }
        this.batches = List.copyOf(all);
    }

    /** @return the number of batches */
    int size() {
        return batches.size();
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("next(num): the batches are fixed");
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("setPreProcessor: the batches are fixed");
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
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("no batch left; reset() starts again");
        }
        return batches.get(next++);
    }
}
