package org.medimg4j.models.loss;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Base of the medimg4j loss functions: a loss written on the output probabilities {@code p = activation(z)} of
 * a 2-D {@code [rows, classes]} array, as DL4J's {@code OutputLayer} (rows = examples) and {@code CnnLossLayer} /
 * {@code Cnn3DLossLayer} (rows = pixels/voxels of the whole minibatch, after the layer's reshape) hand it over.
 *
 * <p>Subclasses give the per-row score and {@code dS/dp}; this class applies the activation, the chain rule
 * through {@link IActivation#backprop} (so softmax, sigmoid or any other activation works) and the mask.
 *
 * <p>Scale convention, the same as DL4J's own losses: the <em>sum score</em> {@code S} is the sum of
 * {@link #computeScoreArray}; {@link #computeGradient} returns {@code dS/dz} (not divided by anything);
 * {@link #computeScore} returns {@code S}, or {@code S / rows} when {@code average} is true. Each subclass
 * documents its {@code S}.
 *
 * <p>A mask, when given, must be a column {@code [rows, 1]} of 0/1 values (the per-pixel mask CnnLossLayer makes
 * from an {@code [N, 1, H, W]} label mask); a masked row contributes nothing to the score or the gradient.
 */
public abstract class ProbabilityLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    /** Creates the loss; subclasses hold only their (immutable) configuration. */
    protected ProbabilityLoss() {
    }

    /**
     * Per-row score of probabilities {@code p} against labels {@code y}, masked rows already zeroed.
     *
     * @param p probabilities {@code [rows, classes]}, the activation of the pre-output (not modified)
     * @param y labels {@code [rows, classes]}, validated, same data type as {@code p}
     * @param mask {@code [rows, 1]} 0/1 mask, or null
     * @return the score column {@code [rows, 1]}; its sum is the sum score {@code S}
     */
    protected abstract INDArray rowScores(INDArray p, INDArray y, INDArray mask);

    /**
     * Gradient of the sum score {@code S} with respect to the probabilities.
     *
     * @param p probabilities {@code [rows, classes]} (not modified)
     * @param y labels {@code [rows, classes]}, validated, same data type as {@code p}
     * @param mask {@code [rows, 1]} 0/1 mask, or null
     * @return {@code dS/dp}, {@code [rows, classes]}, a new array
     */
    protected abstract INDArray scoreGradientWrtProbabilities(INDArray p, INDArray y, INDArray mask);

    /**
     * Checks the labels' values (one-hot, binary...) before any arithmetic.
     *
     * @param labels labels {@code [rows, classes]}
     * @param mask {@code [rows, 1]} mask or null; masked rows are not checked
     * @throws IllegalArgumentException naming {@code labels} when a value is not allowed
     */
    protected abstract void validateLabels(INDArray labels, INDArray mask);

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray y = checkedLabels(labels, preOutput, mask);
        INDArray p = activationFn.getActivation(preOutput.dup(), true);
        return rowScores(p, y, mask);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray y = checkedLabels(labels, preOutput, mask);
        INDArray p = activationFn.getActivation(preOutput.dup(), true);
        INDArray dSdp = scoreGradientWrtProbabilities(p, y, mask);
        INDArray dSdz = activationFn.backprop(preOutput.dup(), dSdp).getFirst();
        if (mask != null) {
            // Softmax mixes the classes of one row only, so zeroing a masked row after backprop is exact.
            dSdz.muliColumnVector(mask.castTo(dSdz.dataType()));
        }
        return dSdz;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    /** Smallest probability used inside a logarithm or a division, for the array's data type. */
    static double epsilonFor(INDArray a) {
        return a.dataType() == DataType.DOUBLE ? 1e-12 : 1e-7;
    }

    private INDArray checkedLabels(INDArray labels, INDArray preOutput, INDArray mask) {
        if (preOutput == null || preOutput.rank() != 2) {
            throw new IllegalArgumentException("preOutput must be a 2-D [rows, classes] array (DL4J's loss layers "
                    + "reshape [N, C, H, W] to [N*H*W, C]); got shape "
                    + (preOutput == null ? "null" : java.util.Arrays.toString(preOutput.shape())));
        }
        if (labels == null || !java.util.Arrays.equals(labels.shape(), preOutput.shape())) {
            throw new IllegalArgumentException("labels must have the shape of preOutput "
                    + java.util.Arrays.toString(preOutput.shape()) + "; got "
                    + (labels == null ? "null" : java.util.Arrays.toString(labels.shape())));
        }
        if (mask != null && !(mask.rank() == 2 && mask.size(0) == preOutput.size(0) && mask.size(1) == 1)) {
            throw new IllegalArgumentException("mask must be a column [" + preOutput.size(0) + ", 1] of 0/1 "
                    + "values (one per row); got " + java.util.Arrays.toString(mask.shape()));
        }
        INDArray y = labels.dataType() == preOutput.dataType() ? labels : labels.castTo(preOutput.dataType());
        validateLabels(y, mask == null ? null : mask.castTo(preOutput.dataType()));
        return y;
    }
}
