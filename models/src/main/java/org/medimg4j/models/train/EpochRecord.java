package org.medimg4j.models.train;

/**
 * One finished epoch: a row of the metrics CSV and a point of the training curve.
 *
 * @param epoch           the epoch, from 0
 * @param trainLoss       the mean training loss over the epoch's examples (each batch's DL4J score weighted by its
 *                        example count)
 * @param validationValue the validation metric after the epoch, NaN when there is none
 * @param learningRate    the learning rate used during the epoch
 * @param seconds         wall time of the epoch, training and validation, s
 * @param best            whether the validation metric was the best so far (a best checkpoint was written)
 * @param examples        training examples seen in the epoch
 */
public record EpochRecord(int epoch, double trainLoss, double validationValue, double learningRate, double seconds,
                          boolean best, long examples) {

    /** @return training throughput over the epoch, examples/s (the epoch's wall time includes validation) */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }
}
