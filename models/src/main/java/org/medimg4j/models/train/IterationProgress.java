package org.medimg4j.models.train;

/**
 * What a {@link ProgressListener} hears after each training batch.
 *
 * @param epoch             the epoch, from 0
 * @param batch             the batch within the epoch, from 0
 * @param batchesPerEpoch   the batches in an epoch if known (from the previous epoch), else −1
 * @param iteration         the batch counted over the whole run (including epochs before a resume), from 0
 * @param loss              the batch's loss as DL4J scores it (mean over the batch plus regularisation)
 * @param examples          examples in the batch
 * @param examplesPerSecond throughput of this batch: examples over the wall time of the fit step and of fetching
 *                          the batch from the iterator
 */
public record IterationProgress(int epoch, int batch, int batchesPerEpoch, long iteration, double loss,
                                long examples, double examplesPerSecond) {
}
