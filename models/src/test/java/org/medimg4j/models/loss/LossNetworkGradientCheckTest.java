package org.medimg4j.models.loss;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * DL4J's own GradientCheckUtil on tiny DOUBLE networks ending in each loss: a 2×2 convolution into an NCHW
 * {@code CnnLossLayer} (segmentation, 2 images of 4×4, with and without a per-pixel label mask) and a dense layer
 * into an {@code OutputLayer} (classification).
 */
class LossNetworkGradientCheckTest {

    private static final int CLASSES = 3;
    private static final int SIZE = 4;

    @BeforeAll
    static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /**
     * One configuration of each loss (the unit gradient test covers the variants): the network check is the slow
     * one, a forward pass per parameter.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new SoftDiceLoss(false, 0.5), Activation.SOFTMAX, true),
                Arguments.of(new DiceCrossEntropyLoss(true, 1.0, new double[] {0.5, 2.0, 3.0}, 0.7, 1.3),
                        Activation.SOFTMAX, true),
                Arguments.of(new FocalLoss(2.0, new double[] {0.25, 0.75, 1.5}), Activation.SOFTMAX, true),
                Arguments.of(new WeightedCrossEntropyLoss(new double[] {1.0, 4.0, 0.5}), Activation.SOFTMAX, true),
                Arguments.of(new WeightedBinaryCrossEntropyLoss(new double[] {1.0, 2.0, 0.5},
                        new double[] {3.0, 1.0, 2.0}), Activation.SIGMOID, false));
    }

    private static NeuralNetConfiguration.ListBuilder base() {
        return new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).list();
    }

    /** Labels {@code [N, C, H, W]}: one-hot or independent 0/1 per pixel. */
    private static INDArray segmentationLabels(Random random, int n, boolean oneHot) {
        INDArray rows = oneHot ? LossFixtures.oneHot(random, n * SIZE * SIZE, CLASSES)
                : LossFixtures.binary(random, n * SIZE * SIZE, CLASSES);
        // rows are ordered (n, h, w), as CnnLossLayer's NCHW reshape orders them
        return rows.reshape(n, SIZE, SIZE, CLASSES).permute(0, 3, 1, 2).dup();
    }

    @ParameterizedTest(name = "{0} CnnLossLayer masked={3}")
    @MethodSource("segmentationCases")
    void segmentationNetworkPassesDl4jGradientCheck(ProbabilityLoss loss, Activation activation, boolean oneHot,
            boolean masked) {
        MultiLayerConfiguration conf = base()
                .layer(new ConvolutionLayer.Builder(2, 2).convolutionMode(ConvolutionMode.Same).nOut(CLASSES)
                        .activation(Activation.TANH).build())
                .layer(new CnnLossLayer.Builder(loss).activation(activation).build())
                .setInputType(InputType.convolutional(SIZE, SIZE, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random random = new Random(3);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, SIZE, SIZE).subi(0.5);
        INDArray labels = segmentationLabels(random, 2, oneHot);
        INDArray labelMask = null;
        if (masked) {
            labelMask = Nd4j.ones(DataType.DOUBLE, 2, 1, SIZE, SIZE);
            labelMask.putScalar(new long[] {0, 0, 1, 2}, 0.0);
            labelMask.putScalar(new long[] {1, 0, 3, 0}, 0.0);
        }
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                .labels(labels).labelMask(labelMask).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, loss + " fails DL4J's gradient check in a CnnLossLayer");
    }

    static Stream<Arguments> segmentationCases() {
        Stream<Arguments> perImage = Stream.of(new DiceCrossEntropyLoss(false, 1.0, SIZE * SIZE, null, 1.0, 1.0))
                .flatMap(loss -> Stream.of(Arguments.of(loss, Activation.SOFTMAX, true, false),
                        Arguments.of(loss, Activation.SOFTMAX, true, true)));
        return Stream.concat(perImage, cases().flatMap(a -> Stream.of(Arguments.of(a.get()[0], a.get()[1], a.get()[2], false),
                Arguments.of(a.get()[0], a.get()[1], a.get()[2], true))));
    }

    /** A loss whose gradient is 10% too large: the check above must catch it, or it proves nothing. */
    private static final class SkewedGradientLoss extends ProbabilityLoss {
        private static final long serialVersionUID = 1L;
        private final WeightedCrossEntropyLoss inner = new WeightedCrossEntropyLoss();

        @Override
        protected INDArray rowScores(INDArray p, INDArray y, INDArray mask) {
            return inner.rowScores(p, y, mask);
        }

        @Override
        protected INDArray scoreGradientWrtProbabilities(INDArray p, INDArray y, INDArray mask) {
            return inner.scoreGradientWrtProbabilities(p, y, mask).muli(1.1);
        }

        @Override
        protected void validateLabels(INDArray labels, INDArray mask) {
            inner.validateLabels(labels, mask);
        }

        @Override
        public String name() {
            return "skewed";
        }
    }

    @Test
    void theNetworkCheckCatchesAWrongLossGradient() {
        MultiLayerNetwork net = new MultiLayerNetwork(base()
                .layer(new ConvolutionLayer.Builder(2, 2).convolutionMode(ConvolutionMode.Same).nOut(CLASSES)
                        .activation(Activation.TANH).build())
                .layer(new CnnLossLayer.Builder(new SkewedGradientLoss()).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SIZE, SIZE, 2)).build());
        net.init();
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, SIZE, SIZE).subi(0.5);
        assertFalse(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                .labels(segmentationLabels(new Random(3), 2, true)).epsilon(1e-6).maxRelError(1e-5)
                .minAbsoluteError(1e-9).exitOnFirstError(true).print(GradientCheckUtil.PrintMode.ZEROS)));
    }

    @ParameterizedTest(name = "{0} OutputLayer")
    @MethodSource("cases")
    void classificationNetworkPassesDl4jGradientCheck(ProbabilityLoss loss, Activation activation, boolean oneHot) {
        MultiLayerConfiguration conf = base()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(loss).nIn(5).nOut(CLASSES).activation(activation).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random random = new Random(5);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 6, 4).subi(0.5);
        INDArray labels = oneHot ? LossFixtures.oneHot(random, 6, CLASSES) : LossFixtures.binary(random, 6, CLASSES);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                .labels(labels).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, loss + " fails DL4J's gradient check in an OutputLayer");
    }
}
