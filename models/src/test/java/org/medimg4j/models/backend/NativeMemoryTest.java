package org.medimg4j.models.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native memory over repeated forward passes of a small U-Net-like graph (conv, batch norm, pool, transposed conv,
 * concatenation; oneDNN helpers on). No GC is requested anywhere: freeing must be deterministic.
 */
class NativeMemoryTest {

    private static final long[] INPUT = {2, 1, 64, 64};
    private static final long OUTPUT_BYTES = 2L * 2 * 64 * 64 * Float.BYTES; // 64 KiB per call

    @BeforeAll
    static void startUp() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        assertTrue(OneDnn.requireActive().mmapThresholdPinned(), "start-up pins glibc's mmap threshold");
    }

    @Test
    void twoHundredForwardPassesKeepNativeMemoryFlat() {
        ComputationGraph graph = smallUNet(WorkspaceMode.ENABLED);
        INDArray x = Nd4j.rand(DataType.FLOAT, INPUT);
        INDArray expected = graph.outputSingle(x);
        INDArray target = Nd4j.create(DataType.FLOAT, expected.shape());
        try (InferenceSession session = new InferenceSession(graph)) {
            for (int i = 0; i < 20; i++) { // warm-up: workspaces learn their sizes, caches fill
                session.outputInto(target, x);
            }
            NativeMemory.Reading before = NativeMemory.read();
            for (int i = 0; i < 200; i++) {
                session.outputInto(target, x);
            }
            NativeMemory.Reading after = NativeMemory.read();
            String change = before + " -> " + after;
            // leaking outputs would add 200 x 64 KiB = 13 MB to the ND4J count
            assertTrue(Math.abs(after.nd4jArrayBytes() - before.nd4jArrayBytes()) < 1_000_000, change);
            // with glibc's dynamic threshold the resident set grew ~2 MB per call here (~400 MB); heap and JIT
            // account for the rest of what is allowed
            assertTrue(after.residentBytes() - before.residentBytes() < 64_000_000, change);
        }
        assertTrue(target.equalsWithEps(expected, 1e-5), "the session computes what output() does");
        expected.close();
    }

    @Test
    void outputArraysStayAllocatedUntilClosed() {
        ComputationGraph graph = smallUNet(WorkspaceMode.ENABLED);
        INDArray x = Nd4j.rand(DataType.FLOAT, INPUT);
        graph.outputSingle(x).close(); // warm-up
        long before = NativeMemory.nd4jArrayBytes();
        List<INDArray> kept = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            kept.add(graph.outputSingle(x));
        }
        long grown = NativeMemory.nd4jArrayBytes() - before;
        assertTrue(grown >= 30 * OUTPUT_BYTES, "each output() result holds native memory: " + grown);
        kept.forEach(INDArray::close);
        assertTrue(NativeMemory.nd4jArrayBytes() - before < 1_000_000, "close() frees at once, no GC needed");
    }

    @Test
    void aReaderMayNotKeepAnArrayFromTheWorkspace() {
        try (InferenceSession session = new InferenceSession(smallUNet(WorkspaceMode.ENABLED))) {
            INDArray x = Nd4j.rand(DataType.FLOAT, INPUT);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.run(o -> o[0], x));
            assertTrue(e.getMessage().startsWith("reader:"), e.getMessage());
            float[] copied = session.run(o -> o[0].ravel().toFloatVector(), Nd4j.rand(DataType.FLOAT, 2, 1, 64, 64));
            assertEquals(2 * 2 * 64 * 64, copied.length, "a smaller batch later is fine, and copies survive");
        }
    }

    @Test
    void outputIntoNamesAWrongTargetShape() {
        try (InferenceSession session = new InferenceSession(smallUNet(WorkspaceMode.ENABLED))) {
            INDArray wrong = Nd4j.create(DataType.FLOAT, 2, 2, 32, 32);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> session.outputInto(wrong, Nd4j.rand(DataType.FLOAT, INPUT)));
            assertTrue(e.getMessage().startsWith("target:") && e.getMessage().contains("[2, 2, 64, 64]"),
                    e.getMessage());
        }
    }

    @Test
    void aGraphWithoutInferenceWorkspacesIsRefused() {
        ComputationGraph graph = smallUNet(WorkspaceMode.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InferenceSession(graph));
        assertTrue(e.getMessage().startsWith("graph:") && e.getMessage().contains("NONE"), e.getMessage());
    }

    private static ComputationGraph smallUNet(WorkspaceMode inference) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).seed(1).inferenceWorkspaceMode(inference)
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(64, 64, 1))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(8).build(), "in")
                .addLayer("b1", new BatchNormalization.Builder().activation(Activation.RELU).build(), "c1")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build(), "b1")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build(),
                        "pool")
                .addLayer("up", new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(8).build(), "c2")
                .addVertex("cat", new MergeVertex(), "up", "b1")
                .addLayer("head", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY)
                        .build(), "cat")
                .setOutputs("head").build());
        graph.init();
        return graph;
    }
}
