package org.medimg4j.models.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The tests' backend is the oneDNN CPU build the parent POM picks, and it really computes. */
class BackendInfoTest {

    @Test
    void testsRunOnTheOneDnnCpuBuild() {
        BackendInfo info = BackendInfo.logOnce();
        assertEquals("CpuBackend", info.backend());
        assertTrue(info.nativeBuild().startsWith("linux-x86_64-onednn"), info.oneLine());
        assertTrue(info.threads() >= 1);
        assertTrue(info.oneLine().contains(info.nativeBuild()));
    }

    @Test
    void matrixProductIsRight() {
        INDArray a = Nd4j.create(new float[] {1, 2, 3, 4}, 2, 2);
        INDArray b = Nd4j.create(new float[] {5, 6, 7, 8}, 2, 2);
        assertArrayEquals(new float[] {19, 22, 43, 50}, a.mmul(b).data().asFloat(), 0f);
    }

    @Test
    void convolutionRunsForwardOnThisBuild() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1)).build());
        net.init();
        INDArray out = net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, 8, 8));
        assertArrayEquals(new long[] {3, 2}, out.shape());
        assertEquals(3.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
    }
}
