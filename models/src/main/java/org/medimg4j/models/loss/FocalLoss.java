package org.medimg4j.models.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Multi-class focal loss (Lin et al., 2017) for a softmax output: per row {@code -Σ_c α_c y_c (1 - p_c)^γ log p_c}
 * with one-hot labels. {@code γ > 0} shrinks the loss of pixels already classified well, so that the many easy
 * background pixels do not swamp the few lesion pixels; {@code α_c} weights the classes. {@code γ = 0} with no
 * {@code α} is plain cross-entropy.
 *
 * <p>Sum score {@code S = Σ_rows} of the row values; DL4J reports {@code S / N} (N = examples for
 * {@code OutputLayer}, images for {@code CnnLossLayer}). {@code p} is clipped at 1e-7 (FLOAT) / 1e-12 (DOUBLE)
 * inside the logarithm and {@code 1 - p} at the same ε where it is raised to {@code γ - 1}.
 */
public final class FocalLoss extends ProbabilityLoss {

    private static final long serialVersionUID = 1L;

    @JsonProperty("gamma")
    private final double gamma;
    @JsonProperty("alpha")
    private final double[] alpha;

    /**
     * @param gamma focusing exponent, finite and {@code >= 0} (2 is the usual choice)
     * @param alpha one non-negative weight per class (channel), or null for all ones
     * @throws IllegalArgumentException naming {@code gamma} or {@code alpha} when out of range
     */
    @JsonCreator
    public FocalLoss(@JsonProperty("gamma") double gamma, @JsonProperty("alpha") double[] alpha) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be finite and >= 0; got " + gamma);
        }
        this.gamma = gamma;
        this.alpha = LabelRules.checkedWeights("alpha", alpha);
    }

    /** @return the focusing exponent γ */
    public double gamma() {
        return gamma;
    }

    /** @return a copy of the per-class weights α, or null */
    public double[] alpha() {
        return alpha == null ? null : alpha.clone();
    }

    @Override
    protected void validateLabels(INDArray labels, INDArray mask) {
        LabelRules.requireOneHot(labels, mask);
        LabelRules.requireClassCount("alpha", alpha, labels);
    }

    private INDArray weightedLabels(INDArray y, INDArray mask) {
        INDArray ay = y.dup();
        if (alpha != null) {
            ay.muliRowVector(Nd4j.create(alpha).castTo(y.dataType()));
        }
        if (mask != null) {
            ay.muliColumnVector(mask);
        }
        return ay;
    }

    @Override
    protected INDArray rowScores(INDArray p, INDArray y, INDArray mask) {
        double eps = epsilonFor(p);
        INDArray logP = Transforms.log(Transforms.max(p, eps, true), false);
        INDArray modulation = Transforms.pow(p.rsub(1.0), gamma, false);
        return logP.muli(modulation).muli(weightedLabels(y, mask)).sum(true, 1).negi();
    }

    @Override
    protected INDArray scoreGradientWrtProbabilities(INDArray p, INDArray y, INDArray mask) {
        double eps = epsilonFor(p);
        INDArray pc = Transforms.max(p, eps, true);
        INDArray oneMinusP = Transforms.max(p.rsub(1.0), eps, false);
        // d/dp of -(1-p)^γ log p = -(1-p)^γ / p + γ (1-p)^(γ-1) log p
        INDArray grad = Transforms.pow(oneMinusP, gamma, true).divi(pc).negi();
        if (gamma != 0) {
            grad.addi(Transforms.pow(oneMinusP, gamma - 1, true).muli(Transforms.log(pc, true)).muli(gamma));
        }
        return grad.muli(weightedLabels(y, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "FocalLoss(gamma=" + gamma + ", alpha=" + Arrays.toString(alpha) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FocalLoss other && Double.compare(gamma, other.gamma) == 0
                && Arrays.equals(alpha, other.alpha);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(gamma) + Arrays.hashCode(alpha);
    }
}
