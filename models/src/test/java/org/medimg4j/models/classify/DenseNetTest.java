package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.models.classify.ResNetTest.assertMessage;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DenseNetTest {

    @BeforeAll
    static void floatDefault() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static DenseNet.Builder small() {
        return DenseNet.builder().growthRate(4).blockLayers(2, 2, 2, 2).initFeatures(8).bnSize(2);
    }

    @Test
    void reference121HasTorchvisionParametersPlusBatchNormRunningStatistics() {
        // torch_models.py: 6,949,634 trainable + 83,648 running mean/variance values DL4J counts as parameters
        DenseNet net = DenseNet.reference121();
        assertEquals(1024, net.featureChannels());
        assertEquals(6_949_634L + 83_648L, ParamCount.of(net.configuration(1)));
    }

    @Test
    void smallVariantHasTorchParameterCounts() {
        // torch_models.DenseNet121(2, 3, growth_rate=4, block_config=(2, 3), num_init_features=8, bn_size=2):
        // 3,143 trainable + 280 running statistics
        DenseNet net = DenseNet.builder().inChannels(2).classes(3).growthRate(4).blockLayers(2, 3).initFeatures(8)
                .bnSize(2).inputSize(40, 56).build();
        assertEquals(20, net.featureChannels());
        assertArrayEquals(new int[] {5, 7}, net.featureSize());
        assertEquals(3_143L + 280L, ParamCount.of(net.configuration(1)));
    }

    @Test
    void featureMapsAndOutputHaveTorchShapesForSeveralInputs() {
        // torch: features(...) of the small variant is [1, 16, 1, 1], [1, 16, 2, 2], [1, 16, 1, 2]
        int[][] sizes = {{32, 32}, {64, 64}, {50, 70}};
        int[][] expected = {{1, 1}, {2, 2}, {1, 2}};
        for (int i = 0; i < sizes.length; i++) {
            DenseNet spec = small().inputSize(sizes[i]).build();
            assertArrayEquals(expected[i], spec.featureSize());
            ComputationGraph net = spec.initialisedGraph(3);
            Map<String, INDArray> acts = net.feedForward(Nd4j.rand(DataType.FLOAT, 2, 1, sizes[i][0], sizes[i][1]),
                    false);
            assertArrayEquals(new long[] {2, 16, expected[i][0], expected[i][1]}, acts.get("features.relu5").shape());
            // each dense layer sees all earlier maps: block 1 grows 8 -> 12 -> 16 channels
            assertEquals(12, acts.get("features.denseblock1.denselayer1.cat").size(1));
            assertEquals(16, acts.get("features.denseblock1.denselayer2.cat").size(1));
            assertArrayEquals(new long[] {2, 2}, acts.get(spec.outputName()).shape());
        }
    }

    @Test
    void denseLayerOutputIsAppendedAfterItsInput() {
        ComputationGraph net = small().inputSize(32, 32).build().initialisedGraph(9);
        Map<String, INDArray> acts = net.feedForward(Nd4j.rand(DataType.FLOAT, 1, 1, 32, 32), false);
        INDArray cat = acts.get("features.denseblock1.denselayer1.cat");
        INDArray in = acts.get("features.pool0");
        INDArray grown = acts.get("features.denseblock1.denselayer1.conv2");
        assertEquals(in, cat.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8)));
        assertEquals(grown, cat.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(8, 12)));
    }

    @Test
    void reference121ForwardAt64GivesFiniteProbabilitiesSummingToOne() {
        ComputationGraph net = DenseNet.reference121().toBuilder().inputSize(64, 64).build().initialisedGraph(13);
        INDArray p = net.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 1, 64, 64));
        assertArrayEquals(new long[] {2, 2}, p.shape());
        Probabilities.assertRowsAreDistributions(p);
    }

    @Test
    void inputSmallerThanTotalStrideIsRefusedNamingTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseNet.builder().inputSize(224, 24).build());
        assertTrue(e.getMessage().contains("width 24") && e.getMessage().contains("32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> small().blockLayers(2, 2).inputSize(7, 64).build());
        assertTrue(e.getMessage().contains("height 7") && e.getMessage().contains("stride 8"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter() {
        assertMessage("inputSize", () -> DenseNet.builder().inputSize(64, 64, 64).build());
        assertMessage("growthRate", () -> DenseNet.builder().growthRate(0).inputSize(64, 64).build());
        assertMessage("bnSize", () -> DenseNet.builder().bnSize(0).inputSize(64, 64).build());
        assertMessage("initFeatures", () -> DenseNet.builder().initFeatures(0).inputSize(64, 64).build());
        assertMessage("blockLayers[1]", () -> DenseNet.builder().blockLayers(3, 0).inputSize(64, 64).build());
        assertMessage("compression", () -> DenseNet.builder().compression(1.5).inputSize(64, 64).build());
        assertMessage("compression", () -> small().compression(0.01).inputSize(64, 64).build());
        assertMessage("classes", () -> DenseNet.builder().classes(1).inputSize(64, 64).build());
    }
}
