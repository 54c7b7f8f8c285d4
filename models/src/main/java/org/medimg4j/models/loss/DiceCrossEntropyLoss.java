package org.medimg4j.models.loss;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Soft Dice plus class-weighted cross-entropy for a softmax output, the usual segmentation loss (as MONAI's
 * {@code DiceCELoss}): {@code λ_dice · D + λ_ce · mean-over-rows CE}, both terms on the same one-hot labels. Dice
 * pulls the overlap of small lesions; cross-entropy keeps the gradient well behaved early in training.
 *
 * <p>Sum score {@code S = rows · (λ_dice · D + λ_ce · mean CE)} = {@code λ_dice · S_dice + λ_ce · S_ce} with the
 * conventions of {@link SoftDiceLoss} and {@link WeightedCrossEntropyLoss}: an {@code OutputLayer} reports
 * {@code λ_dice · D + λ_ce · mean CE}, a {@code CnnLossLayer} {@code H·W} times that. Dice is the batch Dice
 * unless {@code pixelsPerImage} is given.
 */
public final class DiceCrossEntropyLoss extends ProbabilityLoss {

    private static final long serialVersionUID = 1L;

    @JsonProperty("includeBackground")
    private final boolean includeBackground;
    @JsonProperty("smooth")
    private final double smooth;
    @JsonProperty("pixelsPerImage")
    private final long pixelsPerImage;
    @JsonProperty("classWeights")
    private final double[] classWeights;
    @JsonProperty("diceWeight")
    private final double diceWeight;
    @JsonProperty("crossEntropyWeight")
    private final double crossEntropyWeight;

    private final transient SoftDiceLoss dice;
    private final transient WeightedCrossEntropyLoss crossEntropy;

    /**
     * Batch Dice plus weighted cross-entropy.
     *
     * @param includeBackground whether channel 0 counts in the Dice mean over classes
     * @param smooth Dice smoothing, {@code > 0} (pixel counts)
     * @param classWeights cross-entropy weight per class, or null for all ones
     * @param diceWeight {@code λ_dice}, finite and {@code >= 0}
     * @param crossEntropyWeight {@code λ_ce}, finite and {@code >= 0}
     * @throws IllegalArgumentException naming the parameter that is out of range
     */
    public DiceCrossEntropyLoss(boolean includeBackground, double smooth, double[] classWeights, double diceWeight,
            double crossEntropyWeight) {
        this(includeBackground, smooth, 0, classWeights, diceWeight, crossEntropyWeight);
    }

    /**
     * @param includeBackground whether channel 0 counts in the Dice mean over classes
     * @param smooth Dice smoothing, {@code > 0} (pixel counts)
     * @param pixelsPerImage 0 for the batch Dice, else H·W (D·H·W) for a per-image Dice (see {@link SoftDiceLoss})
     * @param classWeights cross-entropy weight per class, or null for all ones
     * @param diceWeight {@code λ_dice}, finite and {@code >= 0}
     * @param crossEntropyWeight {@code λ_ce}, finite and {@code >= 0}
     * @throws IllegalArgumentException naming the parameter that is out of range
     */
    @JsonCreator
    public DiceCrossEntropyLoss(@JsonProperty("includeBackground") boolean includeBackground,
            @JsonProperty("smooth") double smooth, @JsonProperty("pixelsPerImage") long pixelsPerImage,
            @JsonProperty("classWeights") double[] classWeights,
            @JsonProperty("diceWeight") double diceWeight,
            @JsonProperty("crossEntropyWeight") double crossEntropyWeight) {
        requireWeight("diceWeight", diceWeight);
        requireWeight("crossEntropyWeight", crossEntropyWeight);
        this.dice = new SoftDiceLoss(includeBackground, smooth, pixelsPerImage);
        this.crossEntropy = new WeightedCrossEntropyLoss(classWeights);
        this.includeBackground = includeBackground;
        this.smooth = smooth;
        this.pixelsPerImage = pixelsPerImage;
        this.classWeights = crossEntropy.classWeights();
        this.diceWeight = diceWeight;
        this.crossEntropyWeight = crossEntropyWeight;
    }

    /** Dice without background (smoothing 1) plus unweighted cross-entropy, each with weight 1. */
    public DiceCrossEntropyLoss() {
        this(false, SoftDiceLoss.DEFAULT_SMOOTH, null, 1.0, 1.0);
    }

    private static void requireWeight(String parameter, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(parameter + " must be finite and >= 0; got " + weight);
        }
    }

    /** @return the Dice term's configuration */
    public SoftDiceLoss dice() {
        return dice;
    }

    /** @return the cross-entropy term's configuration */
    public WeightedCrossEntropyLoss crossEntropy() {
        return crossEntropy;
    }

    /** @return {@code λ_dice} */
    public double diceWeight() {
        return diceWeight;
    }

    /** @return {@code λ_ce} */
    public double crossEntropyWeight() {
        return crossEntropyWeight;
    }

    @Override
    protected void validateLabels(INDArray labels, INDArray mask) {
        dice.validateLabels(labels, mask);
        LabelRules.requireClassCount("classWeights", classWeights, labels);
    }

    @Override
    protected INDArray rowScores(INDArray p, INDArray y, INDArray mask) {
        return dice.rowScores(p, y, mask).muli(diceWeight)
                .addi(crossEntropy.rowScores(p, y, mask).muli(crossEntropyWeight));
    }

    @Override
    protected INDArray scoreGradientWrtProbabilities(INDArray p, INDArray y, INDArray mask) {
        return dice.scoreGradientWrtProbabilities(p, y, mask).muli(diceWeight)
                .addi(crossEntropy.scoreGradientWrtProbabilities(p, y, mask).muli(crossEntropyWeight));
    }

    /** Java deserialisation: the two terms are rebuilt from the configuration fields. */
    private Object readResolve() {
        return new DiceCrossEntropyLoss(includeBackground, smooth, pixelsPerImage, classWeights, diceWeight,
                crossEntropyWeight);
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "DiceCrossEntropyLoss(includeBackground=" + includeBackground + ", smooth=" + smooth
                + ", pixelsPerImage=" + pixelsPerImage + ", classWeights=" + Arrays.toString(classWeights) + ", diceWeight=" + diceWeight
                + ", crossEntropyWeight=" + crossEntropyWeight + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiceCrossEntropyLoss other && includeBackground == other.includeBackground
                && Double.compare(smooth, other.smooth) == 0 && pixelsPerImage == other.pixelsPerImage
                && Arrays.equals(classWeights, other.classWeights)
                && Double.compare(diceWeight, other.diceWeight) == 0
                && Double.compare(crossEntropyWeight, other.crossEntropyWeight) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(includeBackground, smooth, pixelsPerImage, Arrays.hashCode(classWeights), diceWeight,
                crossEntropyWeight);
    }
}
