package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class PatchClassifierTest {

    @BeforeAll
    static void floatDefault() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void parameterCountsMatchTheSameLayersInTorch() {
        // torch: Conv(3, pad 1, bias only without BN) [+ BatchNorm] per conv, then Linear; trainable + running stats
        assertEquals(72_146L + 448L, ParamCount.of(PatchClassifier.builder().inputSize(32, 32).build()
                .configuration(1)));
        assertEquals(3_291L, ParamCount.of(PatchClassifier.builder().dimensions(3).filters(4, 8).inChannels(2)
                .classes(3).normalization(Normalization.none()).inputSize(32, 32, 32).build().configuration(1)));
        assertEquals(1_672L + 56L, ParamCount.of(PatchClassifier.builder().filters(4, 8, 16).convsPerBlock(1)
                .inChannels(3).classes(4).inputSize(64, 64).build().configuration(1)));
    }

    @Test
    void outputShapesFor32And64PixelPatches() {
        for (int size : new int[] {32, 64}) {
            PatchClassifier spec = PatchClassifier.builder().filters(4, 8, 16).classes(3).dropout(0.2)
                    .inputSize(size, size).build();
            ComputationGraph net = spec.initialisedGraph(2);
            Map<String, INDArray> acts = net.feedForward(Nd4j.rand(DataType.FLOAT, 3, 1, size, size), false);
            assertArrayEquals(new long[] {3, 16, size / 8, size / 8}, acts.get("block3.pool").shape());
            INDArray p = acts.get(spec.outputName());
            assertArrayEquals(new long[] {3, 3}, p.shape());
            Probabilities.assertRowsAreDistributions(p);
        }
    }

    @Test
    void threeDimensionalPatchesOf32CubedGiveProbabilities() {
        PatchClassifier spec = PatchClassifier.builder().dimensions(3).filters(2, 4, 8)
                .normalization(Normalization.none()).inputSize(32, 32, 32).build();
        assertArrayEquals(new int[] {4, 4, 4}, spec.featureSize());
        Map<String, INDArray> acts = spec.initialisedGraph(4)
                .feedForward(Nd4j.rand(DataType.FLOAT, 2, 1, 32, 32, 32), false);
        assertArrayEquals(new long[] {2, 8, 4, 4, 4}, acts.get("block3.pool").shape());
        Probabilities.assertRowsAreDistributions(acts.get("fc"));
    }

    @Test
    void dropoutLayerIsOnlyAddedWhenAsked() {
        assertFalse(PatchClassifier.builder().inputSize(32, 32).build().configuration(1).getVertices()
                .containsKey("dropout"));
        assertTrue(PatchClassifier.builder().dropout(0.5).inputSize(32, 32).build().configuration(1).getVertices()
                .containsKey("dropout"));
    }

    @Test
    void inputNotDivisibleByTotalStrideIsRefusedNamingTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PatchClassifier.builder().inputSize(32, 36).build());
        assertTrue(e.getMessage().contains("width 36") && e.getMessage().contains("8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PatchClassifier.builder().dimensions(3)
                .normalization(Normalization.none()).inputSize(4, 32, 32).build());
        assertTrue(e.getMessage().contains("depth 4") && e.getMessage().contains("smaller"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter() {
        assertMessage("filters[1]", () -> PatchClassifier.builder().filters(4, 0).inputSize(32, 32).build());
        assertMessage("convsPerBlock", () -> PatchClassifier.builder().convsPerBlock(0).inputSize(32, 32).build());
        assertMessage("dropout", () -> PatchClassifier.builder().dropout(1.0).inputSize(32, 32).build());
        assertMessage("inputSize", () -> PatchClassifier.builder().build());
    }
}
