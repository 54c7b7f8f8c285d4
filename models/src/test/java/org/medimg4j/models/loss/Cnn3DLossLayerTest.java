package org.medimg4j.models.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The segmentation losses in DL4J's {@code Cnn3DLossLayer} (NCDHW), as the 3-D U-Net uses them: the layer's score
 * is the loss's sum score over all voxels divided by the number of volumes, and DL4J's gradient check passes.
 */
class Cnn3DLossLayerTest {

    private static final int N = 2;
    private static final int C = 2;
    private static final int S = 3;

    @BeforeAll
    static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static ProbabilityLoss[] losses() {
        return new ProbabilityLoss[] {new SoftDiceLoss(false, 1.0), new SoftDiceLoss(true, 1.0, S * S * S),
            new DiceCrossEntropyLoss(),
                new FocalLoss(2.0, new double[] {0.3, 0.7})};
    }

    private static MultiLayerNetwork network(ProbabilityLoss loss) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new Convolution3D.Builder(2, 2, 2).convolutionMode(ConvolutionMode.Same).nOut(C)
                        .dataFormat(Convolution3D.DataFormat.NCDHW).activation(Activation.TANH).build())
                .layer(new Cnn3DLossLayer.Builder(Convolution3D.DataFormat.NCDHW).lossFunction(loss)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, S, S, S, 1)).build());
        net.init();
        return net;
    }

    private static INDArray[] data() {
        Random random = new Random(9);
        INDArray input = Nd4j.rand(DataType.DOUBLE, N, 1, S, S, S).subi(0.5);
        INDArray rows = LossFixtures.oneHot(random, N * S * S * S, C);
        // rows ordered (n, d, h, w), channels last; NCDHW puts the channel second
        INDArray labels = rows.reshape(N, S, S, S, C).permute(0, 4, 1, 2, 3).dup();
        return new INDArray[] {input, labels};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void scoreIsTheLossSumScoreOverAllVoxelsPerVolume(ProbabilityLoss loss) {
        INDArray[] d = data();
        MultiLayerNetwork net = network(loss);
        INDArray z = net.feedForward(d[0], false).get(1);
        INDArray zRows = z.permute(0, 2, 3, 4, 1).dup().reshape(N * S * S * S, C);
        INDArray yRows = d[1].permute(0, 2, 3, 4, 1).dup().reshape(N * S * S * S, C);
        double expected = loss.computeScore(yRows, zRows, Activation.SOFTMAX.getActivationFunction(), null, false)
                / N;
        assertEquals(expected, net.score(new DataSet(d[0], d[1])), 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void volumeNetworkPassesDl4jGradientCheck(ProbabilityLoss loss) {
        INDArray[] d = data();
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(network(loss)).input(d[0])
                .labels(d[1]).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)), loss + " in Cnn3DLossLayer");
    }
}
