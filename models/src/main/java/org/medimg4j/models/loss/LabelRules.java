package org.medimg4j.models.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The checks a loss makes on its labels and on its per-class parameters, with messages that name the parameter.
 * Vectorised (a few whole-array ND4J reductions), so that checking every minibatch costs little.
 */
final class LabelRules {

    /** Labels closer than this to 0 or 1 (and row sums closer to 1) are accepted: FLOAT labels are exact anyway. */
    private static final double TOLERANCE = 1e-6;

    private LabelRules() {
    }

    /** Every label value is 0 or 1. */
    static void requireBinary(INDArray labels) {
        // y (y - 1) is zero exactly when y is 0 or 1.
        double worst = Transforms.abs(labels.mul(labels.sub(1.0)), false).maxNumber().doubleValue();
        if (!(worst <= TOLERANCE)) {
            throw new IllegalArgumentException("labels must be 0 or 1; found a value " + firstNonBinary(labels));
        }
    }

    /** Every unmasked row is one-hot over the class (channel) axis. */
    static void requireOneHot(INDArray labels, INDArray mask) {
        requireBinary(labels);
        INDArray deviation = Transforms.abs(labels.sum(true, 1).subi(1.0), false);
        if (mask != null) {
            deviation.muli(mask);
        }
        double worst = deviation.maxNumber().doubleValue();
        if (!(worst <= TOLERANCE)) {
            long row = deviation.argMax(0).getLong(0);
            throw new IllegalArgumentException("labels must be one-hot over the class (channel) axis: row " + row
                    + " sums to " + labels.getRow(row).sumNumber().doubleValue() + " instead of 1 (rows are pixels "
                    + "of the minibatch after the loss layer's reshape)");
        }
    }

    /** A per-class array's length matches the number of classes in the labels. */
    static void requireClassCount(String parameter, double[] perClass, INDArray labels) {
        if (perClass != null && perClass.length != labels.size(1)) {
            throw new IllegalArgumentException(parameter + " has " + perClass.length + " entries but the labels have "
                    + labels.size(1) + " classes (channels)");
        }
    }

    /** Validates per-class weights at construction: null or finite and non-negative. */
    static double[] checkedWeights(String parameter, double[] weights) {
        if (weights == null) {
            return null;
        }
        if (weights.length == 0) {
            throw new IllegalArgumentException(parameter + " must have one entry per class; got an empty array");
        }
        for (int c = 0; c < weights.length; c++) {
            if (!(weights[c] >= 0) || Double.isInfinite(weights[c])) {
                throw new IllegalArgumentException(parameter + "[" + c + "] must be finite and >= 0; got "
                        + weights[c]);
            }
        }
        return weights.clone();
    }

    private static double firstNonBinary(INDArray labels) {
        double[] v = labels.dup().data().asDouble();
        for (double x : v) {
            if (Math.abs(x * (x - 1)) > TOLERANCE || Double.isNaN(x)) {
                return x;
            }
        }
        return Double.NaN;
    }
}
