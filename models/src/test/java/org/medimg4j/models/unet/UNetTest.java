package org.medimg4j.models.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.medimg4j.models.network.InputShapeException;
import org.medimg4j.models.network.NetworkSummary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** UNet: parameter counts against torch_models.py, output shapes, input validation, builder rules. */
class UNetTest {

    /** torch_models.EXPECTED_PARAMS (trainable) + BatchNorm running mean and variance, as DL4J counts them. */
    private static final long TORCH_UNET2D = 7_762_498L;
    private static final long TORCH_UNET3D = 1_401_282L;

    private static long bnRunningStats(int[] f, int cin) {
        // two BN per block, 2·(L + L−1) blocks' worth of channels, mean + var each
        long sum = 0;
        for (int i = 0; i < f.length; i++) {
            sum += 2 * f[i];
        }
        for (int i = 0; i < f.length - 1; i++) {
            sum += 2 * f[i];
        }
        return 2 * sum;
    }

    @Test
    void reference2dCountsTorchParametersPlusBatchNormRunningStatistics() {
        UNet u = UNet.reference2d();
        assertEquals(5_888, bnRunningStats(u.filters(), 1));
        ComputationGraph net = u.newNetwork();
        assertEquals(TORCH_UNET2D + 5_888, net.numParams());
        assertEquals(7_768_386L, net.numParams());
        assertEquals(7_768_386L, u.summary(1, 1, 256, 256).totalParameters());
    }

    @Test
    void reference3dCountsTorchParametersPlusBatchNormRunningStatistics() {
        UNet u = UNet.reference3d();
        assertEquals(1_408, bnRunningStats(u.filters(), 1));
        assertEquals(TORCH_UNET3D + 1_408, u.summary(1, 1, 96, 96, 96).totalParameters());
        assertEquals(1_402_690L, u.newNetwork().numParams());
    }

    @Test
    void reference2dForwardAt64GivesTwoLogitMapsOfInputSize() {
        ComputationGraph net = UNet.reference2d().newNetwork();
        INDArray y = net.outputSingle(false, Nd4j.rand(DataType.FLOAT, 1, 1, 64, 64));
        assertArrayEquals(new long[] {1, 2, 64, 64}, y.shape());
        assertTrue(y.minNumber().doubleValue() < 0, "logits, not probabilities");
    }

    @Test
    void small2dNetTakesSeveralInputSizesAndChannels() {
        UNet u = UNet.builder().dimensions(2).inChannels(3).numClasses(4).depth(3).baseFilters(4).build();
        ComputationGraph net = u.newNetwork();
        for (long[] s : new long[][] {{2, 3, 64, 64}, {1, 3, 96, 96}, {1, 3, 16, 40}}) {
            INDArray y = net.outputSingle(false, Nd4j.rand(DataType.FLOAT, s));
            assertArrayEquals(new long[] {s[0], 4, s[2], s[3]}, y.shape());
            // softmax over the class axis: the four maps sum to 1 at every pixel
            assertEquals(1.0, y.sum(1).getDouble(0, 3, 5), 1e-5);
            assertArrayEquals(y.shape(), u.summary(s).outputShape());
        }
    }

    @Test
    void small3dNetTakesCubesAndNonCubes() {
        UNet u = UNet.builder().dimensions(3).numClasses(2).filters(2, 4, 8).outputActivation(OutputActivation.SIGMOID)
                .build();
        ComputationGraph net = u.newNetwork();
        for (long[] s : new long[][] {{1, 1, 16, 16, 16}, {1, 1, 32, 32, 32}, {2, 1, 8, 16, 12}}) {
            INDArray y = net.outputSingle(false, Nd4j.rand(DataType.FLOAT, s));
            assertArrayEquals(new long[] {s[0], 2, s[2], s[3], s[4]}, y.shape());
            assertTrue(y.minNumber().doubleValue() > 0 && y.maxNumber().doubleValue() < 1);
        }
    }

    @Test
    void reference3dForwardAt16() {
        INDArray y = UNet.reference3d().newNetwork().outputSingle(false, Nd4j.rand(DataType.FLOAT, 1, 1, 16, 16, 16));
        assertArrayEquals(new long[] {1, 2, 16, 16, 16}, y.shape());
    }

    @Test
    void variantsBuildAndRun() {
        for (UNet u : new UNet[] {
            UNet.builder().depth(3).baseFilters(4).residual(true).dropout(0.2).build(),
            UNet.builder().depth(3).baseFilters(4).normalization(Normalization.NONE)
                    .upsampling(DecoderUpsampling.UPSAMPLE_CONV).build(),
            UNet.builder().dimensions(3).depth(2).baseFilters(2).residual(true)
                    .upsampling(DecoderUpsampling.UPSAMPLE_CONV).build(),
            UNet.builder().depth(2).baseFilters(4).normalization(Normalization.INSTANCE).build(),
            UNet.builder().dimensions(3).depth(2).baseFilters(2).normalization(Normalization.INSTANCE).build()}) {
            long[] s = u.dimensions() == 2 ? new long[] {1, 1, 16, 16} : new long[] {1, 1, 8, 8, 8};
            INDArray y = u.newNetwork().outputSingle(false, Nd4j.rand(DataType.FLOAT, s));
            long[] expected = s.clone();
            expected[1] = 2;
            assertArrayEquals(expected, y.shape(), u.toString());
            assertEquals(u.newNetwork().numParams(), u.summary(s).totalParameters(), u.toString());
        }
    }

    @Test
    void tiny3dResidualNetTrainsAndItsTrainingLossFalls() {
        // 3-D exercises BatchNorm3D, ChannelConcat and the residual sum in backprop
        UNet u = UNet.builder().dimensions(3).filters(2, 4).residual(true).build();
        ComputationGraph net = u.newNetwork();
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8, 8);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 2, 2, 8, 8, 8);
        labels.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                .assign(1);
        net.fit(new INDArray[] {x}, new INDArray[] {labels});
        double first = net.score();
        for (int i = 0; i < 3; i++) {
            net.fit(new INDArray[] {x}, new INDArray[] {labels});
        }
        // scores of training-mode passes (batch statistics), so comparable with each other
        assertTrue(net.score() < first, "training loss fell from " + first + " to " + net.score());
    }

    @Test
    void configurationSurvivesJsonRoundTrip() {
        ComputationGraphConfiguration conf = UNet.builder().dimensions(3).filters(2, 4).residual(true).build()
                .configuration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void refusesInputNotDivisibleByTwoToTheLevelsMinusOne() {
        UNet u = UNet.reference2d();
        assertEquals(16, u.divisor());
        org.medimg4j.models.network.InputShapeValidator rule = u; // how an inferer sees it
        InputShapeException e = assertThrows(InputShapeException.class, () -> rule.validateInput(1, 1, 256, 100));
        assertTrue(e.getMessage().contains("width 100") && e.getMessage().contains("16"), e.getMessage());
        InputShapeException e3 = assertThrows(InputShapeException.class,
                () -> UNet.reference3d().summary(1, 1, 96, 90, 96));
        assertTrue(e3.getMessage().contains("height 90") && e3.getMessage().contains(" 8 "), e3.getMessage());
    }

    @Test
    void refusesWrongRankAndChannels() {
        UNet u = UNet.reference3d();
        InputShapeException rank = assertThrows(InputShapeException.class, () -> u.validateInput(1, 1, 32, 32));
        assertTrue(rank.getMessage().contains("[N, C, D, H, W]"), rank.getMessage());
        InputShapeException ch = assertThrows(InputShapeException.class, () -> u.validateInput(1, 3, 32, 32, 32));
        assertTrue(ch.getMessage().contains("channels"), ch.getMessage());
    }

    @Test
    void builderNamesTheBadSetting() {
        assertMessage("dimensions", () -> UNet.builder().dimensions(4).build());
        assertMessage("inChannels", () -> UNet.builder().inChannels(0).build());
        assertMessage("numClasses", () -> UNet.builder().numClasses(1).build());
        assertMessage("depth", () -> UNet.builder().depth(0).build());
        assertMessage("baseFilters", () -> UNet.builder().baseFilters(0).build());
        assertMessage("filters[1]", () -> UNet.builder().filters(4, -1).build());
        assertMessage("depth 3", () -> UNet.builder().depth(3).filters(4, 8).build());
        assertMessage("dropout", () -> UNet.builder().dropout(1.0).build());
    }

    @Test
    void depthAndBaseFiltersDoublePerLevel() {
        UNet u = UNet.builder().depth(4).baseFilters(16).build();
        assertArrayEquals(new int[] {16, 32, 64, 128}, u.filters());
        assertEquals(4, u.levels());
    }

    @Test
    void summaryRowsFollowTorchLayerOrder() {
        NetworkSummary s = UNet.reference2d().summary(1, 1, 64, 64);
        assertArrayEquals(new long[] {1, 32, 64, 64}, s.row("enc0_conv1").outputShape());
        assertEquals(32 * 9, s.row("enc0_conv1").parameters());
        assertEquals(4 * 32, s.row("enc0_norm1").parameters());
        assertArrayEquals(new long[] {1, 512, 4, 4}, s.row("enc4_relu2").outputShape());
        assertArrayEquals(new long[] {1, 256, 8, 8}, s.row("up3").outputShape());
        assertEquals(512 * 256 * 4 + 256, s.row("up3").parameters());
        assertArrayEquals(new long[] {1, 512, 8, 8}, s.row("cat3").outputShape());
        assertEquals(32 * 2 + 2, s.row(UNet.HEAD).parameters());
    }

    @Test
    void savedAndRestoredNetworkGivesIdenticalOutputs() throws java.io.IOException {
        // the custom layers and vertex must survive DL4J's model zip (configuration JSON + flat parameters)
        UNet u = UNet.builder().dimensions(3).filters(2, 4).residual(true).build();
        ComputationGraph net = u.newNetwork();
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 1, 8, 8, 8);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 1, 2, 8, 8, 8);
        net.fit(new INDArray[] {x}, new INDArray[] {labels}); // moves the BN running statistics off their init
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, bytes, true);
        ComputationGraph back = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(
                new java.io.ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(net.params(), back.params());
        assertEquals(net.outputSingle(false, x), back.outputSingle(false, x));
    }

    @Test
    void channelsLastNetworkWithTheSameWeightsGivesThePermutedOutput() {
        // train channels-first, infer channels-last: the parameter layout is the same in both
        for (int dims = 2; dims <= 3; dims++) {
            UNet.Builder b = UNet.builder().dimensions(dims).filters(2, 4).outputActivation(OutputActivation.LOGITS);
            ComputationGraph first = b.build().newNetwork();
            ComputationGraph last = b.channelsLast(true).build().newNetwork();
            assertEquals(first.numParams(), last.numParams());
            INDArray x = dims == 2 ? Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8) : Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8, 8);
            // make inference-mode statistics matter (both batch-norm layers name their running mean "mean")
            first.getLayer("enc0_norm1").getParam(org.medimg4j.models.layer.BatchNorm3D.RUNNING_MEAN).assign(0.3);
            last.setParams(first.params());
            int[] toLast = dims == 2 ? new int[] {0, 2, 3, 1} : new int[] {0, 2, 3, 4, 1};
            INDArray expected = first.outputSingle(false, x).permute(toLast);
            INDArray actual = last.outputSingle(false, x.permute(toLast).dup('c'));
            assertTrue(expected.equalsWithEps(actual, 1e-4), "dims " + dims);
            long[] shape = dims == 2 ? new long[] {2, 8, 8, 1} : new long[] {2, 8, 8, 8, 1};
            long[] out = shape.clone();
            out[out.length - 1] = 2;
            assertArrayEquals(out, b.build().summary(shape).outputShape());
            assertArrayEquals(out, actual.shape());
        }
    }

    @Test
    void channelsLastIsRefusedWithALossLayerAndValidatesItsOwnLayout() {
        assertMessage("channelsLast", () -> UNet.builder().channelsLast(true).build()); // default SOFTMAX
        UNet u = UNet.builder().dimensions(3).filters(2, 4).outputActivation(OutputActivation.LOGITS)
                .channelsLast(true).build();
        u.validateInput(1, 8, 8, 8, 1);
        InputShapeException ch = assertThrows(InputShapeException.class, () -> u.validateInput(1, 1, 8, 8, 8));
        assertTrue(ch.getMessage().contains("dimension 4 of [N, D, H, W, C]"), ch.getMessage());
    }

    @Test
    void batchNormRunningMeanMovesWithTorchMomentumInBothDimensions() {
        // DL4J's 2-D BatchNormalization is configured with decay 0.9, BatchNorm3D with momentum 0.1: the same rule
        for (int dims = 2; dims <= 3; dims++) {
            ComputationGraph net = UNet.builder().dimensions(dims).filters(2, 4).build().newNetwork();
            INDArray x = dims == 2 ? Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8) : Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4, 4);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, dims == 2 ? new long[] {2, 2, 8, 8} : new long[] {2, 2, 4, 4, 4});
            INDArray conv = net.feedForward(new INDArray[] {x}, true).get("enc0_conv1").dup();
            double batchMean = conv.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(1)).meanNumber().doubleValue();
            net.fit(new INDArray[] {x}, new INDArray[] {labels});
            assertEquals(0.1 * batchMean, net.getLayer("enc0_norm1").getParam("mean").getDouble(1), 1e-6,
                    dims + "-D");
        }
    }

    private static void assertMessage(String part, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
