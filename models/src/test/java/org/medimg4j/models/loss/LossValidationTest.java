package org.medimg4j.models.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bad labels, weights, shapes and parameters fail with an IllegalArgumentException naming the parameter. */
class LossValidationTest {

    private static final IActivation SOFTMAX = Activation.SOFTMAX.getActivationFunction();
    private static final INDArray Z = Nd4j.createFromArray(new double[][] {{0.1, 0.2}, {0.3, -0.4}});
    private static final INDArray ONE_HOT = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}});

    @BeforeAll
    static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static void assertRejects(String parameter, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }

    @Test
    void labelsThatAreNotOneHotAreRejectedByEveryOneHotLoss() {
        INDArray twoHot = Nd4j.createFromArray(new double[][] {{1, 1}, {0, 1}});
        INDArray soft = Nd4j.createFromArray(new double[][] {{0.7, 0.3}, {0, 1}});
        for (ProbabilityLoss loss : new ProbabilityLoss[] {new SoftDiceLoss(), new DiceCrossEntropyLoss(),
                new FocalLoss(2, null), new WeightedCrossEntropyLoss()}) {
            assertRejects("one-hot", () -> loss.computeScore(twoHot, Z, SOFTMAX, null, false));
            assertRejects("labels", () -> loss.computeGradient(twoHot, Z, SOFTMAX, null));
            assertRejects("labels", () -> loss.computeScore(soft, Z, SOFTMAX, null, false));
        }
    }

    @Test
    void anEmptyLabelRowIsAcceptedOnlyWhereMasked() {
        INDArray empty = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 0}});
        WeightedCrossEntropyLoss ce = new WeightedCrossEntropyLoss();
        assertRejects("row 1", () -> ce.computeScore(empty, Z, SOFTMAX, null, false));
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {0}});
        double expected = -Math.log(Math.exp(0.1) / (Math.exp(0.1) + Math.exp(0.2)));
        assertEquals(expected, ce.computeScore(empty, Z, SOFTMAX, mask, false), 1e-12);
    }

    @Test
    void binaryLabelsOutsideZeroOneAreRejected() {
        INDArray bad = Nd4j.createFromArray(new double[][] {{1, 0.5}, {0, 1}});
        assertRejects("labels must be 0 or 1", () -> new WeightedBinaryCrossEntropyLoss().computeScore(bad, Z,
                Activation.SIGMOID.getActivationFunction(), null, false));
    }

    @Test
    void weightsOfTheWrongLengthNameTheirParameter() {
        double[] three = {1, 2, 3};
        assertRejects("classWeights", () -> new WeightedCrossEntropyLoss(three).computeScore(ONE_HOT, Z, SOFTMAX,
                null, false));
        assertRejects("alpha", () -> new FocalLoss(2, three).computeGradient(ONE_HOT, Z, SOFTMAX, null));
        assertRejects("classWeights", () -> new DiceCrossEntropyLoss(true, 1, three, 1, 1).computeScore(ONE_HOT, Z,
                SOFTMAX, null, false));
        assertRejects("positiveWeights", () -> new WeightedBinaryCrossEntropyLoss(null, three).computeScore(ONE_HOT,
                Z, SOFTMAX, null, false));
    }

    @Test
    void negativeOrEmptyWeightsAndBadParametersAreRejectedAtConstruction() {
        assertRejects("classWeights[1]", () -> new WeightedCrossEntropyLoss(new double[] {1, -2}));
        assertRejects("classWeights", () -> new WeightedCrossEntropyLoss(new double[0]));
        assertRejects("alpha[0]", () -> new FocalLoss(2, new double[] {Double.NaN}));
        assertRejects("gamma", () -> new FocalLoss(-1, null));
        assertRejects("smooth", () -> new SoftDiceLoss(true, 0));
        assertRejects("pixelsPerImage", () -> new SoftDiceLoss(true, 1, -4));
        assertRejects("diceWeight", () -> new DiceCrossEntropyLoss(true, 1, null, -1, 1));
        assertRejects("crossEntropyWeight", () -> new DiceCrossEntropyLoss(true, 1, null, 1,
                Double.POSITIVE_INFINITY));
        assertRejects("positiveWeights[0]", () -> new WeightedBinaryCrossEntropyLoss(null, new double[] {-1}));
    }

    @Test
    void shapesAndMasksAreChecked() {
        WeightedCrossEntropyLoss ce = new WeightedCrossEntropyLoss();
        assertRejects("labels", () -> ce.computeScore(Nd4j.createFromArray(new double[][] {{1, 0}}), Z, SOFTMAX,
                null, false));
        assertRejects("preOutput", () -> ce.computeScore(ONE_HOT.reshape(1, 2, 2, 1), Z.reshape(1, 2, 2, 1),
                SOFTMAX, null, false));
        assertRejects("mask", () -> ce.computeScore(ONE_HOT, Z, SOFTMAX, Nd4j.ones(DataType.DOUBLE, 2, 2), false));
    }

    @Test
    void perImageDiceRejectsRowsThatAreNotWholeImages() {
        assertRejects("pixelsPerImage=3", () -> new SoftDiceLoss(true, 1, 3).computeScore(ONE_HOT, Z, SOFTMAX, null,
                false));
        assertRejects("pixelsPerImage", () -> new DiceCrossEntropyLoss(true, 1, 3, null, 1, 1).computeGradient(
                ONE_HOT, Z, SOFTMAX, null));
    }

    @Test
    void diceWithoutBackgroundNeedsTwoClasses() {
        INDArray single = Nd4j.createFromArray(new double[][] {{1}, {1}});
        assertRejects("includeBackground", () -> new SoftDiceLoss(false, 1).computeScore(single,
                Nd4j.createFromArray(new double[][] {{0.3}, {0.2}}), Activation.SIGMOID.getActivationFunction(),
                null, false));
    }
}
