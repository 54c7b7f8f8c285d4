package org.medimg4j.models.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** InstanceNorm on NCDHW and NCHW: per-example statistics, batch independence, gradients. */
class InstanceNormTest {

    @AfterEach
    void restoreFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static ComputationGraph net3d(DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, 3, 3, 2, 1))
                .addLayer("conv", new Convolution3D.Builder(2, 2, 2).nOut(2).hasBias(false)
                        .activation(Activation.IDENTITY).dataFormat(Convolution3D.DataFormat.NCDHW).build(), "in")
                .addLayer("in1", new InstanceNorm.Builder().build(), "conv")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.TANH).build(), "in1")
                .addLayer("out", new Cnn3DLossLayer.Builder(Convolution3D.DataFormat.NCDHW)
                        .lossFunction(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "act")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    @Test
    void normalisesEachExampleAndChannelOverItsOwnVoxels() {
        ComputationGraph net = net3d(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 3, 3, 2);
        x.get(NDArrayIndex.point(1)).muli(50).addi(7); // a very different second example
        // training mode: in inference DL4J's ActivationLayer may apply tanh in place on this layer's output
        INDArray y = net.feedForward(new INDArray[] {x}, true).get("in1");
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 2; c++) {
                INDArray v = y.get(NDArrayIndex.point(n), NDArrayIndex.point(c)).dup();
                assertEquals(0.0, v.meanNumber().doubleValue(), 1e-9);
                assertEquals(1.0, v.varNumber().doubleValue() * (v.length() - 1) / v.length(), 1e-3);
            }
        }
        // one example alone gives the same output as inside the batch: no batch statistics
        INDArray alone = net.feedForward(new INDArray[] {x.get(NDArrayIndex.interval(0, 1)).dup()}, true).get("in1");
        assertEquals(y.get(NDArrayIndex.interval(0, 1)), alone);
    }

    @Test
    void passesDl4jGradientCheckOnVolumes() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraph net = net3d(DataType.DOUBLE);
        net.getLayer("in1").getParam(InstanceNorm.GAMMA).assign(Nd4j.createFromArray(1.5, 0.7).reshape(1, 2));
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 3, 3, 2);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 3, 2);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)));
    }

    @Test
    void passesDl4jGradientCheckOnImages() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(4, 3, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(2, 2).nOut(2).activation(Activation.IDENTITY).build(),
                        "in")
                .addLayer("in1", new InstanceNorm.Builder().build(), "conv")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "in1")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 3);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, 2, 4, 3);
        labels.get(NDArrayIndex.all(), NDArrayIndex.point(1)).assign(1);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)));
    }

    @Test
    void countsGammaAndBeta() {
        assertEquals(2 * 2 + 2 * 8, net3d(DataType.FLOAT).numParams());
    }

    @Test
    void builderRefusesNonPositiveEps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InstanceNorm.Builder().eps(0));
        assertTrue(e.getMessage().contains("eps"), e.getMessage());
    }
}
