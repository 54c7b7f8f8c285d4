package org.medimg4j.models.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Class-weighted multi-class cross-entropy for a softmax output: per row {@code -Σ_c w_c y_c log p_c} with one-hot
 * labels {@code y}. Up-weighting a rare lesion class counters the imbalance of background pixels.
 *
 * <p>Sum score {@code S = Σ_rows -Σ_c w_c y_c log p_c}. Through DL4J's {@code OutputLayer} the reported score is
 * {@code S / N}; through {@code CnnLossLayer} it is {@code S / N} as well, N being images, i.e. the per-pixel mean
 * times {@code H·W}. Probabilities are clipped at 1e-7 (FLOAT) / 1e-12 (DOUBLE) inside the logarithm.
 */
public final class WeightedCrossEntropyLoss extends ProbabilityLoss {

    private static final long serialVersionUID = 1L;

    @JsonProperty("classWeights")
    private final double[] classWeights;

    /**
     * @param classWeights one non-negative weight per class (channel), or null for all ones
     * @throws IllegalArgumentException naming {@code classWeights} when a weight is negative or not finite
     */
    @JsonCreator
    public WeightedCrossEntropyLoss(@JsonProperty("classWeights") double[] classWeights) {
        this.classWeights = LabelRules.checkedWeights("classWeights", classWeights);
    }

    /** Unweighted cross-entropy (all weights 1). */
    public WeightedCrossEntropyLoss() {
        this(null);
    }

    /** @return a copy of the per-class weights, or null when unweighted */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    @Override
    protected void validateLabels(INDArray labels, INDArray mask) {
        LabelRules.requireOneHot(labels, mask);
        LabelRules.requireClassCount("classWeights", classWeights, labels);
    }

    /** {@code w_c y_c}, masked: the weight each (row, class) log-probability carries. */
    INDArray weightedLabels(INDArray y, INDArray mask) {
        INDArray wy = y.dup();
        if (classWeights != null) {
            wy.muliRowVector(Nd4j.create(classWeights).castTo(y.dataType()));
        }
        if (mask != null) {
            wy.muliColumnVector(mask);
        }
        return wy;
    }

    @Override
    protected INDArray rowScores(INDArray p, INDArray y, INDArray mask) {
        INDArray logP = Transforms.log(Transforms.max(p, epsilonFor(p), true), false);
        return logP.muli(weightedLabels(y, mask)).sum(true, 1).negi();
    }

    @Override
    protected INDArray scoreGradientWrtProbabilities(INDArray p, INDArray y, INDArray mask) {
        return weightedLabels(y, mask).divi(Transforms.max(p, epsilonFor(p), true)).negi();
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "WeightedCrossEntropyLoss(classWeights=" + Arrays.toString(classWeights) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedCrossEntropyLoss other && Arrays.equals(classWeights, other.classWeights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(classWeights);
    }
}
