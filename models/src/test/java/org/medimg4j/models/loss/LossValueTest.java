package org.medimg4j.models.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores on a 2-class 2×2 image (4 rows after the loss layer's reshape), hand-computed. The identity activation
 * hands the probabilities straight to the loss, so each expected value is the formula written out.
 */
class LossValueTest {

    /** Probabilities of classes 0 and 1 at the four pixels. */
    private static final double[][] P = {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.3, 0.7}};
    /** Labels: pixel 0 background, pixels 1-3 lesion. */
    private static final double[][] Y = {{1, 0}, {0, 1}, {0, 1}, {0, 1}};
    private static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();

    @BeforeAll
    static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static double score(ProbabilityLoss loss) {
        return loss.computeScore(Nd4j.createFromArray(Y), Nd4j.createFromArray(P), IDENTITY, null, false);
    }

    @Test
    void diceWithoutBackgroundIsOneMinusLesionDiceTimesRows() {
        // lesion: I = 0.8 + 0.4 + 0.7 = 1.9, P = 2.0, Y = 3 -> (2*1.9 + 1) / (2 + 3 + 1) = 0.8
        assertEquals(4 * (1 - 0.8), score(new SoftDiceLoss(false, 1.0)), 1e-12);
    }

    @Test
    void diceWithBackgroundAveragesBothClasses() {
        // background: I = 0.9, P = 2.0, Y = 1 -> (1.8 + 1) / (3 + 1) = 0.7; lesion 0.8
        assertEquals(4 * (1 - (0.7 + 0.8) / 2), score(new SoftDiceLoss(true, 1.0)), 1e-12);
    }

    @Test
    void diceThroughAnAveragingOutputLayerIsThePlainDiceLoss() {
        double d = new SoftDiceLoss(false, 1.0).computeScore(Nd4j.createFromArray(Y), Nd4j.createFromArray(P),
                IDENTITY, null, true);
        assertEquals(0.2, d, 1e-12);
    }

    @Test
    void perImageDiceAveragesTheDiceOfEachImage() {
        // image 0 = pixels 0-1: lesion I = 0.8, P = 0.9, Y = 1; image 1 = pixels 2-3: I = 1.1, P = 1.1, Y = 2
        double expected = 4 * (1 - (2.6 / 2.9 + 3.2 / 4.1) / 2);
        assertEquals(expected, score(new SoftDiceLoss(false, 1.0, 2)), 1e-12);
    }

    @Test
    void weightedCrossEntropyIsTheWeightedSumOfLogs() {
        double expected = -(1 * Math.log(0.9) + 3 * (Math.log(0.8) + Math.log(0.4) + Math.log(0.7)));
        assertEquals(expected, score(new WeightedCrossEntropyLoss(new double[] {1, 3})), 1e-12);
    }

    @Test
    void crossEntropyThroughSoftmaxMatchesLogSoftmaxByHand() {
        double[][] z = {{2.0, -1.0}, {0.5, 0.25}, {-0.3, 0.3}, {0.0, 1.0}};
        double expected = 0;
        for (int r = 0; r < 4; r++) {
            int label = Y[r][0] == 1 ? 0 : 1;
            expected -= z[r][label] - Math.log(Math.exp(z[r][0]) + Math.exp(z[r][1]));
        }
        double got = new WeightedCrossEntropyLoss().computeScore(Nd4j.createFromArray(Y), Nd4j.createFromArray(z),
                Activation.SOFTMAX.getActivationFunction(), null, false);
        assertEquals(expected, got, 1e-12);
    }

    @Test
    void focalLossDownWeightsEasyPixels() {
        double expected = -(0.25 * Math.pow(0.1, 2) * Math.log(0.9) + 0.75 * Math.pow(0.2, 2) * Math.log(0.8)
                + 0.75 * Math.pow(0.6, 2) * Math.log(0.4) + 0.75 * Math.pow(0.3, 2) * Math.log(0.7));
        assertEquals(expected, score(new FocalLoss(2.0, new double[] {0.25, 0.75})), 1e-12);
    }

    @Test
    void focalLossWithGammaZeroIsCrossEntropy() {
        assertEquals(score(new WeightedCrossEntropyLoss()), score(new FocalLoss(0.0, null)), 1e-12);
    }

    @Test
    void weightedBinaryCrossEntropySumsBothTermsPerChannel() {
        double[] w = {1, 2};
        double[] q = {1, 4};
        double expected = 0;
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 2; c++) {
                expected -= w[c] * (q[c] * Y[r][c] * Math.log(P[r][c]) + (1 - Y[r][c]) * Math.log(1 - P[r][c]));
            }
        }
        assertEquals(expected, score(new WeightedBinaryCrossEntropyLoss(w, q)), 1e-12);
    }

    @Test
    void diceCrossEntropyIsTheWeightedSumOfItsTerms() {
        double ce = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.7));
        double expected = 0.5 * 4 * (1 - 0.8) + 2.0 * ce;
        assertEquals(expected, score(new DiceCrossEntropyLoss(false, 1.0, null, 0.5, 2.0)), 1e-12);
    }

    @Test
    void maskedRowsDoNotCount() {
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {1}, {0}, {1}});
        // pixel 2 dropped: lesion I = 1.5, P = 0.1 + 0.8 + 0.7 = 1.6, Y = 2 -> (3 + 1) / (3.6 + 1)
        double dice = new SoftDiceLoss(false, 1.0).computeScore(Nd4j.createFromArray(Y), Nd4j.createFromArray(P),
                IDENTITY, mask, false);
        assertEquals(4 * (1 - 4.0 / 4.6), dice, 1e-12);
        double ce = new WeightedCrossEntropyLoss().computeScore(Nd4j.createFromArray(Y), Nd4j.createFromArray(P),
                IDENTITY, mask, false);
        assertEquals(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.7)), ce, 1e-12);
    }

    @Test
    void emptyForegroundHasAFiniteDiceThatRewardsAnEmptyPrediction() {
        INDArray background = Nd4j.createFromArray(new double[][] {{1, 0}, {1, 0}, {1, 0}, {1, 0}});
        INDArray nearlyEmpty = Nd4j.createFromArray(new double[][] {{1, 0}, {1, 0}, {0.99, 0.01}, {1, 0}});
        INDArray wrong = Nd4j.createFromArray(new double[][] {{0, 1}, {0, 1}, {0.5, 0.5}, {1, 0}});
        SoftDiceLoss dice = new SoftDiceLoss(false, 1.0);
        double good = dice.computeScore(background, nearlyEmpty, IDENTITY, null, true);
        double bad = dice.computeScore(background, wrong, IDENTITY, null, true);
        // lesion: I = 0, P = 0.01, Y = 0 -> 1 / 1.01
        assertEquals(1 - 1 / 1.01, good, 1e-12);
        assertEquals(1 - 1 / 3.5, bad, 1e-12);
        INDArray grad = dice.computeGradient(background, nearlyEmpty, IDENTITY, null);
        assertTrue(grad.isMatrix() && Double.isFinite(grad.sumNumber().doubleValue()));
    }

    @Test
    void floatInputGivesTheDoubleScoreToFloatPrecision() {
        double expected = score(new FocalLoss(2.0, new double[] {0.25, 0.75}));
        double got = new FocalLoss(2.0, new double[] {0.25, 0.75}).computeScore(
                Nd4j.createFromArray(Y).castTo(DataType.FLOAT), Nd4j.createFromArray(P).castTo(DataType.FLOAT),
                IDENTITY, null, false);
        assertEquals(expected, got, 1e-6);
    }
}
