package org.medimg4j.models.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * A score of the network on validation data, computed once per epoch, that early stopping and best-checkpoint
 * selection follow. The caller supplies it: {@link #dice(int)} for segmentation, {@link #auc(int)} for
 * classification, {@link #loss()}, or their own.
 *
 * <p>Implementations run the network in inference mode ({@code output(false, …)}) and must not change its
 * parameters; the trainer resets the iterator before calling.
 */
public interface ValidationMetric {

    /** @return a short name for the CSV header and logs, e.g. "dice[1]" or "auc" */
    String name();

    /** @return whether a larger value is better (Dice, AUC) rather than a smaller one (loss) */
    boolean higherIsBetter();

    /**
     * @param network    the network, in its current state
     * @param validation the validation batches, reset, to be read to the end
     * @return the metric over all validation batches (not an average of per-batch values, where that differs)
     */
    double evaluate(ComputationGraph network, MultiDataSetIterator validation);

    /**
     * Dice of one class for a segmentation network with one NCHW or NCDHW softmax output and one-hot labels:
     * the predicted class of a voxel is the arg-max over channels, and true/false positives and negatives are
     * summed over every voxel of every validation batch before {@code 2TP / (2TP + FP + FN)} is taken (1 when
     * the class is absent from both, as {@link org.medimg4j.core.metric.BinaryConfusion#dice()}).
     *
     * <p>Not for a one-channel sigmoid output (its arg-max is always channel 0): give such a network two softmax
     * channels, or supply a thresholding metric of your own.
     *
     * @param label the class channel to score, &gt;= 0
     */
    static ValidationMetric dice(int label) {
        return new DiceMetric(label);
    }

    /**
     * Area under the ROC curve for a classifier with one output {@code [batch, classes]} and one-hot labels: the
     * score is the output column {@code positiveClass}, the truth whether the label's arg-max is that class;
     * computed with {@link org.medimg4j.core.metric.RocCurve} over all validation examples.
     *
     * @param positiveClass the column of the positive class, &gt;= 0 (1 for a two-class softmax)
     */
    static ValidationMetric auc(int positiveClass) {
        return new AucMetric(positiveClass);
    }

    /** @return the network's loss on the validation data, averaged over examples (lower is better) */
    static ValidationMetric loss() {
        return new LossMetric();
    }
}
