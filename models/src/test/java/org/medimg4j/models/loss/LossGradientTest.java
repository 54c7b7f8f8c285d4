package org.medimg4j.models.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** computeGradient against central differences of computeScore, in DOUBLE, for every loss, activation and mask. */
class LossGradientTest {

    private static final int ROWS = 8;
    private static final int CLASSES = 3;
    private static final double STEP = 1e-6;

    @BeforeAll
    static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /**
     * Every loss with softmax, with and without a mask, and with sigmoid unmasked (masking happens before and after
     * the activation's backprop, so it does not depend on the activation). The unweighted variants are left out:
     * they run the same code with weights 1.
     */
    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        List<ProbabilityLoss> oneHot = new ArrayList<>(LossFixtures.oneHotLosses());
        oneHot.remove(new WeightedCrossEntropyLoss());
        // per-image Dice: two images of 4 pixels
        oneHot.add(new SoftDiceLoss(true, 0.5, 4));
        oneHot.add(new DiceCrossEntropyLoss(false, 1.0, 4, null, 1.0, 0.5));
        ProbabilityLoss binary = LossFixtures.binaryLosses().get(0);
        for (Activation activation : new Activation[] {Activation.SOFTMAX, Activation.SIGMOID}) {
            for (boolean masked : activation == Activation.SOFTMAX ? new boolean[] {false, true}
                    : new boolean[] {false}) {
                for (ProbabilityLoss loss : oneHot) {
                    all.add(Arguments.of(loss, activation, masked, true));
                }
                all.add(Arguments.of(binary, activation, masked, false));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} masked={2}")
    @MethodSource("cases")
    void analyticGradientMatchesCentralDifferences(ProbabilityLoss loss, Activation activation, boolean masked,
            boolean oneHot) {
        Random random = new Random(42 + loss.hashCode());
        INDArray z = LossFixtures.preOutput(random, ROWS, CLASSES);
        INDArray y = oneHot ? LossFixtures.oneHot(random, ROWS, CLASSES) : LossFixtures.binary(random, ROWS, CLASSES);
        INDArray mask = masked ? LossFixtures.mask(ROWS, 1, 5) : null;
        IActivation fn = activation.getActivationFunction();

        INDArray analytic = loss.computeGradient(y, z.dup(), fn, mask);
        double worst = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < CLASSES; c++) {
                INDArray plus = z.dup();
                plus.putScalar(r, c, z.getDouble(r, c) + STEP);
                INDArray minus = z.dup();
                minus.putScalar(r, c, z.getDouble(r, c) - STEP);
                double numeric = (loss.computeScore(y, plus, fn, mask, false)
                        - loss.computeScore(y, minus, fn, mask, false)) / (2 * STEP);
                double a = analytic.getDouble(r, c);
                double error = Math.abs(a - numeric) / Math.max(1e-3, Math.abs(a) + Math.abs(numeric));
                worst = Math.max(worst, error);
                if (masked && (r == 1 || r == 5)) {
                    assertEquals(0.0, a, 0.0, "masked row " + r + " has a gradient");
                }
            }
        }
        assertTrue(worst < 1e-6, loss + " " + activation + ": worst relative error " + worst);
    }

    @ParameterizedTest(name = "{0} {1} masked={2}")
    @MethodSource("cases")
    void scoreArraySumsToTheScoreAndAverageDividesByRows(ProbabilityLoss loss, Activation activation,
            boolean masked, boolean oneHot) {
        Random random = new Random(7);
        INDArray z = LossFixtures.preOutput(random, ROWS, CLASSES);
        INDArray y = oneHot ? LossFixtures.oneHot(random, ROWS, CLASSES) : LossFixtures.binary(random, ROWS, CLASSES);
        INDArray mask = masked ? LossFixtures.mask(ROWS, 0) : null;
        IActivation fn = activation.getActivationFunction();
        INDArray array = loss.computeScoreArray(y, z, fn, mask);
        double sum = loss.computeScore(y, z, fn, mask, false);
        assertEquals(ROWS, array.size(0));
        assertEquals(1, array.size(1));
        assertEquals(array.sumNumber().doubleValue(), sum, 1e-12);
        assertEquals(sum / ROWS, loss.computeScore(y, z, fn, mask, true), 1e-12);
        assertEquals(sum, loss.computeGradientAndScore(y, z, fn, mask, false).getFirst(), 1e-12);
        if (masked) {
            assertEquals(0.0, array.getDouble(0, 0), 0.0);
        }
    }
}
