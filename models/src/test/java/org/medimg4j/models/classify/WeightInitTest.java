package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Convolution weights start with torchvision's spread: fan-out He normal in ResNet, fan-in He normal in DenseNet. */
class WeightInitTest {

    @BeforeAll
    static void floatDefault() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static double std(INDArray w) {
        return w.stdNumber().doubleValue();
    }

    @Test
    void resNetConvolutionsUseFanOut() {
        ComputationGraph net = ResNet.builder().blocks(1, 1).baseWidth(16).inputSize(32, 32).build()
                .initialisedGraph(12);
        // layer2.0.conv1: 16 -> 32 channels, 3x3, stride 2: fan_out 288 (fan_in would give sqrt(2/144) = 0.118)
        assertEquals(Math.sqrt(2.0 / 288), std(net.getParam("layer2.0.conv1_W")), 0.03 * Math.sqrt(2.0 / 288));
        // downsample 1x1: fan_out 32
        assertEquals(Math.sqrt(2.0 / 32), std(net.getParam("layer2.0.downsample.0_W")), 0.1 * Math.sqrt(2.0 / 32));
    }

    @Test
    void denseNetConvolutionsUseFanIn() {
        ComputationGraph net = DenseNet.builder().growthRate(16).blockLayers(2, 2).initFeatures(32).bnSize(4)
                .inputSize(32, 32).build().initialisedGraph(12);
        // denselayer1.conv1: 32 -> 64 channels, 1x1: fan_in 32
        assertEquals(Math.sqrt(2.0 / 32), std(net.getParam("features.denseblock1.denselayer1.conv1_W")),
                0.05 * Math.sqrt(2.0 / 32));
    }
}
