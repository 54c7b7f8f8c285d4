package org.medimg4j.models.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * What DL4J 1.0.0-M2.1's {@code CnnLossLayer} hands a loss, and its NHWC defect. A 1×1 convolution feeds a softmax
 * {@code CnnLossLayer}; the expected score is {@code Σ_pixels -log softmax(z)[label] / N}, computed here in Java
 * from the convolution's own output {@code z}. H = 3, W = 4, C = 2 are all different so that any mix-up of axes
 * shows.
 */
class CnnLossLayerFormatTest {

    private static final int N = 2;
    private static final int C = 2;
    private static final int H = 3;
    private static final int W = 4;

    @BeforeAll
    static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static MultiLayerNetwork network(CNN2DFormat format, ILossFunction loss) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(C).dataFormat(format).activation(Activation.IDENTITY)
                        .build())
                .layer(new CnnLossLayer.Builder(loss).format(format).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(H, W, 3, format)).build());
        net.init();
        return net;
    }

    /** Input {@code [N, 3, H, W]} and one-hot labels {@code [N, C, H, W]}, NCHW. */
    private static INDArray[] nchwData() {
        Random random = new Random(11);
        INDArray input = Nd4j.rand(DataType.DOUBLE, N, 3, H, W).subi(0.5).muli(4);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, N, C, H, W);
        for (int n = 0; n < N; n++) {
            for (int h = 0; h < H; h++) {
                for (int w = 0; w < W; w++) {
                    labels.putScalar(new long[] {n, random.nextInt(C), h, w}, 1.0);
                }
            }
        }
        return new INDArray[] {input, labels};
    }

    /** {@code Σ_pixels -log softmax(z)[label] / N} with {@code z} and labels indexed [n][c][h][w]. */
    private static double handCrossEntropy(INDArray zNchw, INDArray labelsNchw) {
        double sum = 0;
        for (int n = 0; n < N; n++) {
            for (int h = 0; h < H; h++) {
                for (int w = 0; w < W; w++) {
                    double norm = 0;
                    double picked = 0;
                    for (int c = 0; c < C; c++) {
                        double z = zNchw.getDouble(n, c, h, w);
                        norm += Math.exp(z);
                        picked += labelsNchw.getDouble(n, c, h, w) * z;
                    }
                    sum -= picked - Math.log(norm);
                }
            }
        }
        return sum / N;
    }

    private static double scoreAndHand(CNN2DFormat format, ILossFunction loss, double[] hand) {
        INDArray[] d = nchwData();
        boolean nhwc = format == CNN2DFormat.NHWC;
        INDArray input = nhwc ? d[0].permute(0, 2, 3, 1).dup() : d[0];
        INDArray labels = nhwc ? d[1].permute(0, 2, 3, 1).dup() : d[1];
        MultiLayerNetwork net = network(format, loss);
        INDArray z = net.feedForward(input, false).get(1);
        hand[0] = handCrossEntropy(nhwc ? z.permute(0, 3, 1, 2) : z, d[1]);
        return net.score(new DataSet(input, labels));
    }

    @Test
    void nchwScoreIsTheSumOverPixelsDividedByImagesToWithin1e6() {
        double[] hand = new double[1];
        double dl4j = scoreAndHand(CNN2DFormat.NCHW, new LossMCXENT(), hand);
        assertEquals(hand[0], dl4j, 1e-6);
        double ours = scoreAndHand(CNN2DFormat.NCHW, new WeightedCrossEntropyLoss(), hand);
        assertEquals(hand[0], ours, 1e-6);
    }

    /**
     * DL4J 1.0.0-M2.1 defect: {@code CnnLossLayer.computeScore} reshapes NHWC activations as if they were NCHW, so
     * the loss sees rows that mix the class axis with a spatial one and the score is wrong. If this test fails after
     * a DL4J upgrade, the defect is fixed: NHWC loss layers become usable and the package doc can say so.
     */
    @Test
    void nhwcScoreIsWrongInDl4jM21() {
        double[] hand = new double[1];
        double dl4j = scoreAndHand(CNN2DFormat.NHWC, new LossMCXENT(), hand);
        assertTrue(Math.abs(dl4j / hand[0] - 1) > 0.05, "NHWC score " + dl4j + " vs hand " + hand[0]);
    }

    @Test
    void perImageDiceInCnnLossLayerMatchesDiceComputedImageByImage() {
        INDArray[] d = nchwData();
        SoftDiceLoss loss = new SoftDiceLoss(true, 1.0, H * W);
        MultiLayerNetwork net = network(CNN2DFormat.NCHW, loss);
        INDArray z = net.feedForward(d[0], false).get(1);
        double diceSum = 0;
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                double i = 0;
                double p = 0;
                double y = 0;
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        double e0 = Math.exp(z.getDouble(n, 0, h, w));
                        double e1 = Math.exp(z.getDouble(n, 1, h, w));
                        double prob = (c == 0 ? e0 : e1) / (e0 + e1);
                        double label = d[1].getDouble(n, c, h, w);
                        i += prob * label;
                        p += prob;
                        y += label;
                    }
                }
                diceSum += (2 * i + 1) / (p + y + 1);
            }
        }
        double diceLoss = 1 - diceSum / (N * C);
        // sum score rows * D, divided by the N images: H * W * D
        assertEquals(H * W * diceLoss, net.score(new DataSet(d[0], d[1])), 1e-9);
    }

    @Test
    void ourLossesRejectTheMixedUpRowsOfTheNhwcPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scoreAndHand(CNN2DFormat.NHWC, new WeightedCrossEntropyLoss(), new double[1]));
        assertTrue(e.getMessage().contains("one-hot"), e.getMessage());
    }

    /** Records the shapes the layer hands over; scores like plain cross-entropy. */
    private static final class ShapeRecordingLoss extends ProbabilityLoss {
        private static final long serialVersionUID = 1L;
        private final transient List<long[]> shapes = new ArrayList<>();
        private final WeightedCrossEntropyLoss inner = new WeightedCrossEntropyLoss();

        @Override
        protected INDArray rowScores(INDArray p, INDArray y, INDArray mask) {
            shapes.add(p.shape());
            return inner.rowScores(p, y, mask);
        }

        @Override
        protected INDArray scoreGradientWrtProbabilities(INDArray p, INDArray y, INDArray mask) {
            return inner.scoreGradientWrtProbabilities(p, y, mask);
        }

        @Override
        protected void validateLabels(INDArray labels, INDArray mask) {
            inner.validateLabels(labels, mask);
        }

        @Override
        public String name() {
            return "recording";
        }
    }

    @Test
    void cnnLossLayerHandsTheLossOneRowPerPixelOfTheMinibatch() {
        ShapeRecordingLoss loss = new ShapeRecordingLoss();
        INDArray[] d = nchwData();
        network(CNN2DFormat.NCHW, loss).score(new DataSet(d[0], d[1]));
        assertEquals(1, loss.shapes.size());
        assertArrayEquals(new long[] {N * H * W, C}, loss.shapes.get(0));
    }
}
