package org.medimg4j.models.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Class-weighted binary cross-entropy for a sigmoid output (each channel an independent yes/no, e.g. one channel
 * per lesion type): per element {@code -w_c [q_c y log p + (1 - y) log(1 - p)]}, {@code w_c} the class weight and
 * {@code q_c} the positive weight (PyTorch's {@code pos_weight}: more than 1 makes a missed lesion pixel cost more
 * than a false alarm). Labels are 0 or 1.
 *
 * <p>Sum score {@code S = Σ_rows Σ_c} of the elements; DL4J reports {@code S / N} (N = examples for
 * {@code OutputLayer}, images for {@code CnnLossLayer}). Probabilities are clipped to {@code [ε, 1-ε]},
 * ε = 1e-7 (FLOAT) / 1e-12 (DOUBLE).
 */
public final class WeightedBinaryCrossEntropyLoss extends ProbabilityLoss {

    private static final long serialVersionUID = 1L;

    @JsonProperty("classWeights")
    private final double[] classWeights;
    @JsonProperty("positiveWeights")
    private final double[] positiveWeights;

    /**
     * @param classWeights one non-negative weight per channel, or null for all ones
     * @param positiveWeights one non-negative weight per channel for the positive term, or null for all ones
     * @throws IllegalArgumentException naming the parameter when a weight is negative or not finite
     */
    @JsonCreator
    public WeightedBinaryCrossEntropyLoss(@JsonProperty("classWeights") double[] classWeights,
            @JsonProperty("positiveWeights") double[] positiveWeights) {
        this.classWeights = LabelRules.checkedWeights("classWeights", classWeights);
        this.positiveWeights = LabelRules.checkedWeights("positiveWeights", positiveWeights);
    }

    /** Unweighted binary cross-entropy. */
    public WeightedBinaryCrossEntropyLoss() {
        this(null, null);
    }

    /** @return a copy of the per-channel weights, or null */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** @return a copy of the per-channel positive weights, or null */
    public double[] positiveWeights() {
        return positiveWeights == null ? null : positiveWeights.clone();
    }

    @Override
    protected void validateLabels(INDArray labels, INDArray mask) {
        LabelRules.requireBinary(labels);
        LabelRules.requireClassCount("classWeights", classWeights, labels);
        LabelRules.requireClassCount("positiveWeights", positiveWeights, labels);
    }

    /** {@code q_c y}: the labels with the positive weights applied. */
    private INDArray positiveTerm(INDArray y) {
        INDArray qy = y.dup();
        if (positiveWeights != null) {
            qy.muliRowVector(Nd4j.create(positiveWeights).castTo(y.dataType()));
        }
        return qy;
    }

    /** Applies the class weights and the mask in place. */
    private INDArray weighted(INDArray perElement, INDArray mask) {
        if (classWeights != null) {
            perElement.muliRowVector(Nd4j.create(classWeights).castTo(perElement.dataType()));
        }
        if (mask != null) {
            perElement.muliColumnVector(mask);
        }
        return perElement;
    }

    private static INDArray clipped(INDArray p) {
        double eps = epsilonFor(p);
        return Transforms.min(Transforms.max(p, eps, true), 1.0 - eps, false);
    }

    @Override
    protected INDArray rowScores(INDArray p, INDArray y, INDArray mask) {
        INDArray pc = clipped(p);
        INDArray positive = positiveTerm(y).muli(Transforms.log(pc, true));
        INDArray negative = y.rsub(1.0).muli(Transforms.log(pc.rsub(1.0), false));
        return weighted(positive.addi(negative), mask).sum(true, 1).negi();
    }

    @Override
    protected INDArray scoreGradientWrtProbabilities(INDArray p, INDArray y, INDArray mask) {
        INDArray pc = clipped(p);
        // d/dp of -[q y log p + (1-y) log(1-p)] = -q y / p + (1-y) / (1-p)
        INDArray positive = positiveTerm(y).divi(pc);
        INDArray negative = y.rsub(1.0).divi(pc.rsub(1.0));
        return weighted(negative.subi(positive), mask);
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "WeightedBinaryCrossEntropyLoss(classWeights=" + Arrays.toString(classWeights) + ", positiveWeights="
                + Arrays.toString(positiveWeights) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedBinaryCrossEntropyLoss other && Arrays.equals(classWeights, other.classWeights)
                && Arrays.equals(positiveWeights, other.positiveWeights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(classWeights) + Arrays.hashCode(positiveWeights);
    }
}
