package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medimg4j.models.classify.ResNetTest.assertMessage;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NHWC networks compute the same function as NCHW ones initialised with the same seed: DL4J takes each 2-D layer's
 * format (convolution, pooling, BatchNorm, merge axis, global pooling) from the input type alone.
 */
class ChannelsLastTest {

    @BeforeAll
    static void floatDefault() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static void assertSameFunction(ComputationGraph nchw, ComputationGraph nhwc, int channels, int h, int w) {
        assertEquals(nchw.params(), nhwc.params(), "same weights from the same seed");
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, channels, h, w);
        INDArray expected = nchw.outputSingle(x);
        INDArray actual = nhwc.outputSingle(x.permute(0, 2, 3, 1).dup());
        assertArrayEquals(expected.data().asFloat(), actual.data().asFloat(), 1e-4f);
    }

    @Test
    void resNetInNhwcComputesTheSameAsInNchw() {
        ResNet.Builder b = ResNet.builder().blocks(1, 1, 1).baseWidth(4).inChannels(3).classes(3).inputSize(24, 40)
                .head(Head.LOGITS);
        ResNet nhwc = b.channelsLast(true).build();
        assertEquals(CNN2DFormat.NHWC, ((InputType.InputTypeConvolutional) nhwc.inputType()).getFormat());
        assertSameFunction(b.channelsLast(false).build().initialisedGraph(8), nhwc.initialisedGraph(8), 3, 24, 40);
    }

    @Test
    void denseNetInNhwcComputesTheSameAsInNchw() {
        DenseNet.Builder b = DenseNet.builder().growthRate(4).blockLayers(2, 2).initFeatures(8).bnSize(2)
                .inputSize(32, 32).head(Head.LOGITS);
        assertSameFunction(b.build().initialisedGraph(6), b.channelsLast(true).build().initialisedGraph(6), 1, 32,
                32);
    }

    @Test
    void patchClassifierInNhwcComputesTheSameAsInNchw() {
        PatchClassifier.Builder b = PatchClassifier.builder().filters(4, 8).inputSize(16, 16);
        assertSameFunction(b.build().initialisedGraph(2), b.channelsLast(true).build().initialisedGraph(2), 1, 16,
                16);
    }

    @Test
    void channelsLastIsRefusedForThreeDimensions() {
        assertMessage("channelsLast", () -> ResNet.builder().dimensions(3).normalization(Normalization.none())
                .channelsLast(true).inputSize(32, 32, 32).build());
        assertMessage("channelsLast", () -> PatchClassifier.builder().dimensions(3)
                .normalization(Normalization.none()).channelsLast(true).inputSize(32, 32, 32).build());
    }
}
