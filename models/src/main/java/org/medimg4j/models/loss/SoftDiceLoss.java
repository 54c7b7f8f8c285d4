package org.medimg4j.models.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Multi-class soft Dice loss over the class (channel) axis. By default it is computed over <em>all rows the loss
 * sees</em>: with DL4J's {@code CnnLossLayer}/{@code Cnn3DLossLayer} those are all pixels/voxels of the minibatch,
 * so this is the "batch Dice" (MONAI's {@code batch=True}) — DL4J reshapes {@code [N, C, H, W]} to
 * {@code [N·H·W, C]} before calling any loss, and the image boundaries are gone. Given {@code pixelsPerImage}
 * (H·W, or D·H·W) it recovers them, because those layers order the rows image by image: Dice is then computed
 * per image and averaged over images and classes (MONAI's default), for training images of that one size.
 *
 * <p>For class {@code c}, over unmasked rows: {@code I_c = Σ p y}, {@code P_c = Σ p}, {@code Y_c = Σ y},
 * {@code dice_c = (2 I_c + s) / (P_c + Y_c + s)}; the Dice loss is {@code D = 1 - mean_c dice_c} over the classes
 * included (all, or all but channel 0 when the background is excluded), and over images in the per-image mode.
 * The smoothing {@code s > 0} keeps {@code dice_c} defined when a class is absent from both prediction and labels (then {@code dice_c = 1}).
 *
 * <p>Scale: the sum score is {@code S = rows · D}, shared equally by the unmasked rows in
 * {@link #computeScoreArray}. So an {@code OutputLayer} (which divides by rows) reports exactly {@code D}, and
 * {@code CnnLossLayer} (which divides by images N) reports {@code H·W·D}; the same {@code rows} factor is applied
 * to the cross-entropy-style losses' per-row mean, which keeps {@link DiceCrossEntropyLoss} balanced.
 * Labels must be one-hot.
 */
public final class SoftDiceLoss extends ProbabilityLoss {

    private static final long serialVersionUID = 1L;

    /** Default smoothing: 1, which keeps an empty class's Dice near 1 when the prediction is nearly empty. */
    public static final double DEFAULT_SMOOTH = 1.0;

    @JsonProperty("includeBackground")
    private final boolean includeBackground;
    @JsonProperty("smooth")
    private final double smooth;
    @JsonProperty("pixelsPerImage")
    private final long pixelsPerImage;

    /**
     * @param includeBackground whether channel 0 (background) counts in the mean over classes
     * @param smooth smoothing added to numerator and denominator, finite and {@code > 0} (in pixel counts)
     * @param pixelsPerImage 0 for the batch Dice over all rows; otherwise the pixels (voxels) of one image, H·W
     *     (D·H·W), so that Dice is computed per image and averaged — the training images must all have that size
     * @throws IllegalArgumentException naming {@code smooth} or {@code pixelsPerImage} when out of range
     */
    @JsonCreator
    public SoftDiceLoss(@JsonProperty("includeBackground") boolean includeBackground,
            @JsonProperty("smooth") double smooth, @JsonProperty("pixelsPerImage") long pixelsPerImage) {
        if (!(smooth > 0) || Double.isInfinite(smooth)) {
            throw new IllegalArgumentException("smooth must be finite and > 0 (it defines Dice for an empty class); "
                    + "got " + smooth);
        }
        if (pixelsPerImage < 0) {
            throw new IllegalArgumentException("pixelsPerImage must be 0 (batch Dice) or > 0; got " + pixelsPerImage);
        }
        this.includeBackground = includeBackground;
        this.smooth = smooth;
        this.pixelsPerImage = pixelsPerImage;
    }

    /**
     * Batch Dice over all rows the loss sees.
     *
     * @param includeBackground whether channel 0 (background) counts in the mean over classes
     * @param smooth smoothing, finite and {@code > 0} (pixel counts)
     */
    public SoftDiceLoss(boolean includeBackground, double smooth) {
        this(includeBackground, smooth, 0);
    }

    /** Dice over all classes except channel 0 (background), smoothing {@link #DEFAULT_SMOOTH}. */
    public SoftDiceLoss() {
        this(false, DEFAULT_SMOOTH);
    }

    /** @return whether channel 0 counts in the mean over classes */
    public boolean includeBackground() {
        return includeBackground;
    }

    /** @return the smoothing, in pixel counts */
    public double smooth() {
        return smooth;
    }

    /** @return the pixels per image for a per-image Dice, or 0 for the batch Dice */
    public long pixelsPerImage() {
        return pixelsPerImage;
    }

    @Override
    protected void validateLabels(INDArray labels, INDArray mask) {
        LabelRules.requireOneHot(labels, mask);
        if (!includeBackground && labels.size(1) < 2) {
            throw new IllegalArgumentException("includeBackground=false needs at least 2 classes (channel 0 is the "
                    + "background); the labels have " + labels.size(1));
        }
    }

    /** Number of images the rows split into: 1 for the batch Dice, rows / pixelsPerImage otherwise. */
    private long groups(INDArray p) {
        if (pixelsPerImage == 0) {
            return 1;
        }
        if (p.size(0) % pixelsPerImage != 0) {
            throw new IllegalArgumentException("pixelsPerImage=" + pixelsPerImage + " does not divide the "
                    + p.size(0) + " rows the loss layer handed over: the images are not of the configured size");
        }
        return p.size(0) / pixelsPerImage;
    }

    /** Per-image, per-class sums {@code [I, P, Y]}, each {@code [groups, C]}, over unmasked rows. */
    private INDArray[] classSums(INDArray p, INDArray y, INDArray mask, long groups) {
        INDArray mp = mask == null ? p : p.mulColumnVector(mask);
        INDArray my = mask == null ? y : y.mulColumnVector(mask);
        long classes = p.size(1);
        long perGroup = p.size(0) / groups;
        // Rows are ordered image by image (the loss layers permute to N, H, W, C before the reshape), so a
        // [groups, pixels, C] view puts each image in one slice.
        return new INDArray[] {
            mp.mul(y).reshape('c', groups, perGroup, classes).sum(1),
            mp.dup('c').reshape('c', groups, perGroup, classes).sum(1),
            my.dup('c').reshape('c', groups, perGroup, classes).sum(1)};
    }

    /** 1 for the classes in the mean, 0 for the background when excluded, as a {@code [1, C]} row. */
    private INDArray included(INDArray p) {
        INDArray inc = p.getRow(0, true).ulike().assign(1.0);
        if (!includeBackground) {
            inc.putScalar(0, 0, 0.0);
        }
        return inc;
    }

    /**
     * The Dice loss {@code D} of probabilities against one-hot labels, without the row scaling.
     *
     * @return {@code 1 - mean over images and included classes of dice}, in [0, 1]
     */
    double diceLoss(INDArray p, INDArray y, INDArray mask) {
        long groups = groups(p);
        INDArray[] s = classSums(p, y, mask, groups);
        INDArray inc = included(p);
        INDArray dice = s[0].mul(2).addi(smooth).divi(s[1].add(s[2]).addi(smooth));
        return 1.0 - dice.muliRowVector(inc).sumNumber().doubleValue() / (groups * inc.sumNumber().doubleValue());
    }

    @Override
    protected INDArray rowScores(INDArray p, INDArray y, INDArray mask) {
        long rows = p.size(0);
        double sumScore = rows * diceLoss(p, y, mask);
        INDArray share = mask == null ? p.getColumn(0, true).ulike().assign(1.0) : mask.dup();
        double unmasked = share.sumNumber().doubleValue();
        return unmasked == 0 ? share : share.muli(sumScore / unmasked);
    }

    @Override
    protected INDArray scoreGradientWrtProbabilities(INDArray p, INDArray y, INDArray mask) {
        long groups = groups(p);
        long perGroup = p.size(0) / groups;
        INDArray[] s = classSums(p, y, mask, groups);
        INDArray inc = included(p);
        INDArray denominator = s[1].add(s[2]).addi(smooth);
        // d dice_gc / d p_rc = [2 y_rc (P_gc + Y_gc + s) - (2 I_gc + s)] / (P_gc + Y_gc + s)^2 for row r of image g
        INDArray twoOverDenominator = denominator.rdiv(2.0).repeat(0, perGroup);
        INDArray numeratorOverDenominatorSquared =
                s[0].mul(2).addi(smooth).divi(Transforms.pow(denominator, 2, true)).repeat(0, perGroup);
        INDArray grad = y.mul(twoOverDenominator).subi(numeratorOverDenominatorSquared);
        double scale = -(double) p.size(0) / (groups * inc.sumNumber().doubleValue());
        grad.muliRowVector(inc.muli(scale));
        if (mask != null) {
            grad.muliColumnVector(mask);
        }
        return grad;
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "SoftDiceLoss(includeBackground=" + includeBackground + ", smooth=" + smooth + ", pixelsPerImage="
                + pixelsPerImage + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftDiceLoss other && includeBackground == other.includeBackground
                && Double.compare(smooth, other.smooth) == 0 && pixelsPerImage == other.pixelsPerImage;
    }

    @Override
    public int hashCode() {
        return (31 * Boolean.hashCode(includeBackground) + Double.hashCode(smooth)) * 31 + Long.hashCode(pixelsPerImage);
    }
}
