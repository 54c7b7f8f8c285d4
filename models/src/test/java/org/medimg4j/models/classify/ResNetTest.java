package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class ResNetTest {

    @BeforeAll
    static void floatDefault() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void reference18HasTorchvisionParametersPlusBatchNormRunningStatistics() {
        // torch_models.py: 11,171,266 trainable + 9,600 running mean/variance values DL4J counts as parameters
        assertEquals(11_171_266L + 9_600L, ParamCount.of(ResNet.reference18().configuration(1)));
    }

    @Test
    void resNet34HasTorchvisionParametersPlusBatchNormRunningStatistics() {
        // torchvision resnet34 with a 1-channel stem and 2 classes: 21,279,426 trainable, 17,024 running statistics
        ResNet net = ResNet.builder().depth(34).inputSize(224, 224).build();
        assertEquals(21_279_426L + 17_024L, ParamCount.of(net.configuration(1)));
    }

    @Test
    void resNet3dWithoutNormalizationCountsBiasedCubicConvolutions() {
        // PyTorch: Conv3d with bias everywhere, BasicBlocks [1,1,1,1] of width 4, 2 channels in, 3 classes
        ResNet net = ResNet.builder().dimensions(3).blocks(1, 1, 1, 1).baseWidth(4).inChannels(2).classes(3)
                .normalization(Normalization.none()).inputSize(32, 32, 32).build();
        assertEquals(58_991L, ParamCount.of(net.configuration(1)));
    }

    @Test
    void featureMapsAndOutputHaveTorchShapesForSeveralInputs() {
        int[][] sizes = {{32, 32}, {64, 64}, {50, 70}};
        int[][] expectedFeatures = {{1, 1}, {2, 2}, {2, 3}};
        for (int i = 0; i < sizes.length; i++) {
            ResNet spec = ResNet.builder().blocks(1, 1, 1, 1).baseWidth(4).inChannels(2).classes(3)
                    .inputSize(sizes[i]).build();
            assertArrayEquals(expectedFeatures[i], spec.featureSize());
            ComputationGraph net = spec.initialisedGraph(7);
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, sizes[i][0], sizes[i][1]);
            Map<String, INDArray> acts = net.feedForward(x, false);
            assertArrayEquals(new long[] {2, 32, expectedFeatures[i][0], expectedFeatures[i][1]},
                    acts.get("layer4.0.relu").shape(), "last stage at " + sizes[i][0] + "x" + sizes[i][1]);
            assertArrayEquals(new long[] {2, 3}, acts.get(spec.outputName()).shape());
        }
    }

    @Test
    void threeDimensionalVariantRunsOnVolumesWithoutNormalization() {
        ResNet spec = ResNet.builder().dimensions(3).blocks(1, 1).baseWidth(2).classes(2)
                .normalization(Normalization.none()).inputSize(8, 16, 12).build();
        assertEquals(8, spec.totalStride());
        assertArrayEquals(new int[] {1, 2, 2}, spec.featureSize());
        ComputationGraph net = spec.initialisedGraph(3);
        Map<String, INDArray> acts = net.feedForward(Nd4j.rand(DataType.FLOAT, 1, 1, 8, 16, 12), false);
        assertArrayEquals(new long[] {1, 4, 1, 2, 2}, acts.get("layer2.0.relu").shape());
        INDArray p = acts.get("fc");
        assertArrayEquals(new long[] {1, 2}, p.shape());
        assertEquals(1.0, p.sumNumber().doubleValue(), 1e-5);
    }

    @Test
    void reference18ForwardAt64GivesFiniteProbabilitiesSummingToOne() {
        ComputationGraph net = ResNet.reference18().toBuilder().inputSize(64, 64).build().initialisedGraph(11);
        INDArray p = net.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 1, 64, 64));
        assertArrayEquals(new long[] {2, 2}, p.shape());
        Probabilities.assertRowsAreDistributions(p);
    }

    @Test
    void logitsHeadGivesTheScoresTheSoftmaxHeadNormalises() {
        ResNet.Builder b = ResNet.builder().blocks(1, 1).baseWidth(4).inputSize(16, 16).classes(3);
        ComputationGraph soft = b.head(Head.SOFTMAX).build().initialisedGraph(5);
        ComputationGraph logits = b.head(Head.LOGITS).build().initialisedGraph(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 16, 16);
        INDArray z = logits.outputSingle(x);
        assertTrue(Math.abs(z.sum(1).getDouble(0) - 1.0) > 1e-3, "logits are not probabilities");
        assertArrayEquals(soft.outputSingle(x).data().asFloat(), Transforms.softmax(z, true).data().asFloat(), 1e-5f);
    }

    @Test
    void inputSmallerThanTotalStrideIsRefusedNamingTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResNet.builder().inputSize(16, 64).build());
        assertTrue(e.getMessage().contains("height 16") && e.getMessage().contains("32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResNet.builder().inputSize(64, 31).build());
        assertTrue(e.getMessage().contains("width 31") && e.getMessage().contains("inputSize[1]"), e.getMessage());
    }

    @Test
    void missingOrWrongRankInputSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResNet.builder().build());
        assertTrue(e.getMessage().contains("inputSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ResNet.builder().dimensions(3).normalization(Normalization.none()).inputSize(64, 64).build());
        assertTrue(e.getMessage().contains("inputSize needs 3"), e.getMessage());
    }

    @Test
    void threeDimensionalBatchNormalizationUsesOurLayerAndRuns() {
        ResNet spec = ResNet.builder().dimensions(3).blocks(1, 1).baseWidth(2).classes(2).inputSize(16, 16, 16)
                .build();
        ComputationGraph net = spec.initialisedGraph(3);
        assertTrue(net.getConfiguration().getVertices().values().stream()
                .anyMatch(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                        && lv.getLayerConf().getLayer() instanceof org.medimg4j.models.layer.BatchNorm3D),
                "3-D batch norm is BatchNorm3D");
        INDArray p = net.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 1, 16, 16, 16));
        assertEquals(2, p.size(1));
        assertEquals(1.0, p.getRow(0).sumNumber().doubleValue(), 1e-5);
        assertTrue(Double.isFinite(p.sumNumber().doubleValue()));
    }

    @Test
    void badCountsAreRefusedNamingTheParameter() {
        assertMessage("depth", () -> ResNet.builder().depth(50));
        assertMessage("classes", () -> ResNet.builder().classes(1).inputSize(32, 32).build());
        assertMessage("inChannels", () -> ResNet.builder().inChannels(0).inputSize(32, 32).build());
        assertMessage("baseWidth", () -> ResNet.builder().baseWidth(0).inputSize(32, 32).build());
        assertMessage("blocks[2]", () -> ResNet.builder().blocks(2, 2, 0, 2).inputSize(32, 32).build());
        assertMessage("dimensions", () -> ResNet.builder().dimensions(1).inputSize(32).build());
    }

    /**
     * Why {@link Normalization#batch()} refuses 3-D: DL4J 1.0.0-M2.1's BatchNormalization accepts a rank-5
     * configuration and fails on the first forward pass. When this test fails, DL4J fixed it and the refusal can go.
     */
    @Test
    void dl4jBatchNormalizationStillFailsOnRank5Input() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, 4, 4, 4, 1))
                .addLayer("conv", new Convolution3D.Builder().kernelSize(1, 1, 1).nOut(2).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(2).build(), "conv")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn")
                .addLayer("out", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> net.outputSingle(Nd4j.rand(DataType.FLOAT, 1, 1, 4, 4, 4)));
        assertTrue(String.valueOf(e.getMessage()).contains("rank 5"), String.valueOf(e.getMessage()));
    }

    static void assertMessage(String parameter, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(parameter), () -> "message should name " + parameter + ": "
                + e.getMessage());
    }
}
