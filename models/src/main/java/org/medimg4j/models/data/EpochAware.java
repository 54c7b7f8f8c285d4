package org.medimg4j.models.data;

/**
 * Implemented by a training iterator whose batches depend on the epoch (its shuffle order, its augmentation
 * seeds): the trainer ({@code org.medimg4j.models.train.Trainer}) calls {@link #startEpoch(int)} before resetting it for each epoch. With it, a run
 * resumed from a checkpoint sees the same batches as the uninterrupted run; without it, the iterator's order
 * after a resume is whatever its own state gives.
 */
public interface EpochAware {

    /** @param epoch the epoch about to be read, from 0 */
    void startEpoch(int epoch);
}
