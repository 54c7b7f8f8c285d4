package org.medimg4j.models.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.medimg4j.models.unet.UNet;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * NetworkSummary: FLOPs by torch_models.count_flops' convention, parameters by DL4J's numParams, shapes, joins.
 *
 * <p>The U-Net FLOP figures were produced by running {@code torch_models.count_flops} (PyTorch 1.13, Debian
 * python3-torch) on this machine: unet2d 1×1×256² → 24,071,110,656; 1×1×64² → 1,504,444,416; unet3d 1×1×32³ →
 * 3,514,826,752; 1×1×16³ → 439,353,344. 96³ is 27 × the 32³ figure (every term scales with the voxel count).
 */
class NetworkSummaryTest {

    @Test
    void reference2dFlopsMatchTorchCountFlops() {
        UNet u = UNet.reference2d();
        assertEquals(24_071_110_656L, u.summary(1, 1, 256, 256).totalFlops());
        assertEquals(8 * 24_071_110_656L, u.summary(8, 1, 256, 256).totalFlops());
        assertEquals(1_504_444_416L, u.summary(1, 1, 64, 64).totalFlops());
    }

    @Test
    void reference3dFlopsMatchTorchCountFlops() {
        UNet u = UNet.reference3d();
        assertEquals(439_353_344L, u.summary(1, 1, 16, 16, 16).totalFlops());
        assertEquals(3_514_826_752L, u.summary(1, 1, 32, 32, 32).totalFlops());
        NetworkSummary s = u.summary(1, 1, 96, 96, 96);
        assertEquals(27 * 3_514_826_752L, s.totalFlops());
        // NCDHW throughout, including after pooling (DL4J's Subsampling3DLayer reports NDHWC there)
        assertArrayEquals(new long[] {1, 16, 48, 48, 48}, s.row("pool0").outputShape());
        assertArrayEquals(new long[] {1, 32, 96, 96, 96}, s.row("cat0").outputShape());
        NetworkSummary up = UNet.builder().dimensions(3).filters(2, 4).upsampling(
                org.medimg4j.models.unet.DecoderUpsampling.UPSAMPLE_CONV).build().summary(1, 1, 8, 8, 8);
        assertArrayEquals(new long[] {1, 4, 8, 8, 8}, up.row("up0_resize").outputShape());
        assertArrayEquals(new long[] {1, 2, 8, 8, 8}, up.row("up0").outputShape());
    }

    @Test
    void perLayerFlopsFollowTheConvolutionFormulas() {
        NetworkSummary s = UNet.reference2d().summary(1, 1, 256, 256);
        assertEquals(2L * 256 * 256 * 32 * 1 * 9, s.row("enc0_conv1").flops());
        assertEquals(2L * 128 * 128 * 64 * 32 * 4, s.row("up0").flops(), "transposed: input voxels x cout x k");
        assertEquals(2L * 256 * 256 * 2 * 32, s.row(UNet.HEAD).flops());
        assertEquals(0, s.row("enc0_norm1").flops());
        assertEquals(0, s.row("pool0").flops());
        assertEquals(0, s.row("cat0").flops());
        assertArrayEquals(new long[] {1, 2, 256, 256}, s.outputShape());
    }

    /** A small classifier-like graph: conv, BN, pooling, residual add, merge, deconv, global pool, dense, output. */
    private static ComputationGraphConfiguration classifier() {
        return new NeuralNetConfiguration.Builder().seed(1).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("x").setInputTypes(InputType.convolutional(16, 16, 3))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).hasBias(false).build(), "x")
                .addLayer("bn", new BatchNormalization.Builder().build(), "c1")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "relu")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c2", "relu")
                .addLayer("pool", new SubsamplingLayer.Builder(2, 2).stride(2, 2).build(), "add")
                .addLayer("up", new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(2)
                        .convolutionMode(ConvolutionMode.Truncate).build(), "pool")
                .addVertex("cat", new MergeVertex(), "add", "up")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "cat")
                .addLayer("drop", new DropoutLayer.Builder(0.5).build(), "gap")
                .addLayer("fc", new DenseLayer.Builder().nOut(5).build(), "drop")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("out").build();
    }

    @Test
    void summarisesAnyGraphWithParametersEqualToDl4jAndFlopsByFormula() {
        ComputationGraph net = new ComputationGraph(classifier());
        net.init();
        NetworkSummary s = NetworkSummary.of(net, 2, 3, 16, 16);
        assertEquals(net.numParams(), s.totalParameters());
        assertEquals(2L * 2 * 16 * 16 * 4 * 3 * 9, s.row("c1").flops());
        assertEquals(4 * 4, s.row("bn").parameters());
        assertEquals(2L * (2 * 4 * 8 * 8) * 2 * 4, s.row("up").flops());
        assertArrayEquals(new long[] {2, 6, 16, 16}, s.row("cat").outputShape());
        assertArrayEquals(new long[] {2, 6}, s.row("gap").outputShape());
        assertEquals(2L * 2 * 6 * 5, s.row("fc").flops());
        assertEquals(2L * 2 * 5 * 2, s.row("out").flops());
        assertEquals(0, s.row("drop").flops() + s.row("add").flops() + s.row("pool").flops());
        long expected = 2L * 2 * 16 * 16 * 4 * (3 * 9 + 4 * 9) + 2L * 2 * 4 * 8 * 8 * 2 * 4 + 2L * 2 * 6 * 5
                + 2L * 2 * 5 * 2;
        assertEquals(expected, s.totalFlops());
        assertArrayEquals(new long[] {2, 2}, s.outputShape());
        // the real forward agrees with the summary's shapes
        assertArrayEquals(s.outputShape(), net.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16)).shape());
    }

    @Test
    void tableListsEveryVertexAndTheTotals() {
        String table = UNet.reference2d().summary(1, 1, 256, 256).toString();
        assertTrue(table.contains("enc0_conv1") && table.contains("ConvolutionLayer 3x3/1x1"), table);
        assertTrue(table.contains("Deconvolution2D 2x2/2x2"), table);
        assertTrue(table.contains("7,768,386 parameters"), table);
        assertTrue(table.contains("24.071 GFLOPs"), table);
        assertEquals(UNet.reference2d().summary(1, 1, 64, 64).rows().size() + 2, table.split("\n").length);
    }

    @Test
    void refusesAnInputWhoseSizesCannotJoinAgain() {
        // no up-front validation here: the summary itself finds that the skip and the up-sampled map differ
        InputShapeException e = assertThrows(InputShapeException.class,
                () -> NetworkSummary.of(UNet.reference2d().configuration(), 1, 1, 100, 100));
        assertTrue(e.getMessage().contains("[1, 1, 100, 100]"), e.getMessage());
        assertTrue(e.getMessage().contains("cat"), e.getMessage());
    }

    @Test
    void refusesMalformedInputShapes() {
        ComputationGraphConfiguration conf = classifier();
        InputShapeException rank = assertThrows(InputShapeException.class, () -> NetworkSummary.of(conf, 1, 3, 16));
        assertTrue(rank.getMessage().contains("inputShape"), rank.getMessage());
        InputShapeException zero = assertThrows(InputShapeException.class,
                () -> NetworkSummary.of(conf, 1, 3, 0, 16));
        assertTrue(zero.getMessage().contains("dimension 2"), zero.getMessage());
    }
}
