package org.medimg4j.models.loss;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The losses under test and random inputs for them, in DOUBLE. */
final class LossFixtures {

    private LossFixtures() {
    }

    /** Every loss that takes one-hot labels, configured with non-trivial weights for 3 classes. */
    static List<ProbabilityLoss> oneHotLosses() {
        return List.of(
                new SoftDiceLoss(true, 1.0),
                new SoftDiceLoss(false, 0.5),
                new DiceCrossEntropyLoss(false, 1.0, new double[] {0.5, 2.0, 3.0}, 0.7, 1.3),
                new FocalLoss(2.0, new double[] {0.25, 0.75, 1.5}),
                new FocalLoss(0.5, null),
                new WeightedCrossEntropyLoss(new double[] {1.0, 4.0, 0.5}),
                new WeightedCrossEntropyLoss());
    }

    /** The losses that take independent 0/1 labels per channel. */
    static List<ProbabilityLoss> binaryLosses() {
        return List.of(
                new WeightedBinaryCrossEntropyLoss(new double[] {1.0, 2.0, 0.5}, new double[] {3.0, 1.0, 2.0}),
                new WeightedBinaryCrossEntropyLoss());
    }

    /** Gaussian pre-activations {@code [rows, classes]}, DOUBLE. */
    static INDArray preOutput(Random random, int rows, int classes) {
        double[] v = new double[rows * classes];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, classes}, DataType.DOUBLE);
    }

    /** One-hot labels {@code [rows, classes]} with every class present at least once when rows allow. */
    static INDArray oneHot(Random random, int rows, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, classes);
        for (int r = 0; r < rows; r++) {
            y.putScalar(r, r < classes ? r : random.nextInt(classes), 1.0);
        }
        return y;
    }

    /** Independent 0/1 labels. */
    static INDArray binary(Random random, int rows, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, classes);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < classes; c++) {
                y.putScalar(r, c, random.nextBoolean() ? 1.0 : 0.0);
            }
        }
        return y;
    }

    /** A 0/1 column mask with the given rows masked out. */
    static INDArray mask(int rows, int... maskedRows) {
        INDArray m = Nd4j.ones(DataType.DOUBLE, rows, 1);
        for (int r : maskedRows) {
            m.putScalar(r, 0, 0.0);
        }
        return m;
    }
}
