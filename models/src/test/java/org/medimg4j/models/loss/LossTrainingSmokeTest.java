package org.medimg4j.models.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
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
import org.nd4j.linalg.learning.config.Adam;

/**
 * In FLOAT, as training runs: a 3×3 convolution with a softmax {@code CnnLossLayer} learns to mark the bright
 * pixels of 8×8 images (about 1 in 8 is "lesion"), and each segmentation loss falls within 25 Adam steps.
 */
class LossTrainingSmokeTest {

    private static final int N = 4;
    private static final int SIZE = 8;

    @BeforeAll
    static void useFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static ProbabilityLoss[] losses() {
        return new ProbabilityLoss[] {new SoftDiceLoss(false, 1.0),
            new DiceCrossEntropyLoss(false, 1.0, SIZE * SIZE, new double[] {1, 4}, 1.0, 1.0),
            new FocalLoss(2.0, new double[] {0.25, 0.75})};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void scoreFallsOnAnEasySegmentation(ProbabilityLoss loss) {
        Nd4j.getRandom().setSeed(21);
        INDArray input = Nd4j.rand(DataType.FLOAT, N, 1, SIZE, SIZE);
        INDArray lesion = input.gt(0.875).castTo(DataType.FLOAT);
        INDArray labels = Nd4j.concat(1, lesion.rsub(1.0), lesion);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(21)
                .dataType(DataType.FLOAT).updater(new Adam(0.05)).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).convolutionMode(ConvolutionMode.Same).nOut(4)
                        .activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY).build())
                .layer(new CnnLossLayer.Builder(loss).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SIZE, SIZE, 1)).build());
        net.init();
        DataSet data = new DataSet(input, labels);
        double first = net.score(data);
        for (int step = 0; step < 25; step++) {
            net.fit(data);
        }
        double last = net.score(data);
        assertTrue(Double.isFinite(first) && last < 0.8 * first, loss + ": score " + first + " -> " + last);
    }
}
