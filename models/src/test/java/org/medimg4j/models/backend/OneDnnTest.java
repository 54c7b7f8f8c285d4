package org.medimg4j.models.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.config.DL4JClassLoading;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J 1.0.0-M2.1's oneDNN helpers, switched on by {@link OneDnn} and {@link Dl4jOneDnnLookupWorkaround}: the tests
 * run on the linux-x86_64-onednn-avx2 build the parent POM picks.
 */
class OneDnnTest {

    @BeforeAll
    static void switchOn() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        OneDnn.requireActive(); // what an application does first; logs the start-up line
    }

    @Test
    void legacyLookupIsStillBrokenInThisDl4jVersion() {
        // If this fails, DL4J/ND4J ship the class again: delete Dl4jOneDnnLookupWorkaround.
        assertThrows(ClassNotFoundException.class, () -> Class.forName(Dl4jOneDnnLookupWorkaround.LEGACY_CLASS,
                false, DL4JClassLoading.class.getClassLoader()));
    }

    @Test
    void legacyLookupAnswersLibnd4jsOwnSwitchAfterEnable() throws Exception {
        Class<?> legacy = DL4JClassLoading.loadClassByName(Dl4jOneDnnLookupWorkaround.LEGACY_CLASS);
        assertEquals(Dl4jOneDnnLookupWorkaround.LEGACY_CLASS, legacy.getName());
        assertNotSame(DL4JClassLoading.class.getClassLoader(), legacy.getClassLoader(), "defined privately");
        Object instance = legacy.getMethod("getInstance").invoke(null);
        assertEquals(Dl4jOneDnnLookupWorkaround.CURRENT_CLASS, instance.getClass().getName());
        boolean answer = (Boolean) legacy.getMethod("isUseMKLDNN").invoke(instance);
        assertTrue(OneDnn.libnd4jUsesOneDnn());
        assertEquals(OneDnn.libnd4jUsesOneDnn(), answer);
        assertTrue(BaseMKLDNNHelper.mklDnnEnabled(), "DL4J's own check now passes");
        assertFalse(Dl4jOneDnnLookupWorkaround.install(), "a second install changes nothing");
    }

    @Test
    void twoDLayersInATinyGraphGetTheOneDnnHelpers() {
        ComputationGraph graph = tinyGraph(CNN2DFormat.NCHW);
        assertInstanceOf(MKLDNNConvHelper.class, graph.getLayer("conv1").getHelper());
        assertInstanceOf(MKLDNNBatchNormHelper.class, graph.getLayer("bn").getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, graph.getLayer("pool").getHelper());
        assertEquals(MKLDNNConvHelper.class, OneDnn.convolutionHelper());
    }

    @Test
    void startUpLineSaysOneDnnIsOn() {
        BackendInfo logged = BackendInfo.logOnce(); // the line logged at start-up, not a fresh probe
        assertTrue(logged.oneDnn());
        assertEquals("MKLDNNConvHelper", logged.convolutionHelper());
        assertTrue(logged.oneLine().contains("oneDNN helpers on (ConvolutionLayer -> MKLDNNConvHelper)"),
                logged.oneLine());
        assertEquals(logged, OneDnn.requireActive());
    }

    @Test
    void outputsWithAndWithoutHelpersAgreeNchw() {
        outputsAgree(CNN2DFormat.NCHW);
    }

    @Test
    void outputsWithAndWithoutHelpersAgreeNhwc() {
        outputsAgree(CNN2DFormat.NHWC);
    }

    private static void outputsAgree(CNN2DFormat format) {
        ComputationGraph fast = tinyGraph(format);
        ComputationGraph plain = withHelpersDisabled(() -> tinyGraph(format));
        assertNull(plain.getLayer("conv1").getHelper(), "the reference runs DL4J's own path");
        assertInstanceOf(MKLDNNConvHelper.class, fast.getLayer("conv1").getHelper());
        plain.setParams(fast.params());
        long[] shape = format == CNN2DFormat.NCHW ? new long[] {2, 3, 16, 16} : new long[] {2, 16, 16, 3};
        INDArray input = Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
        for (boolean training : new boolean[] {false, true}) {
            INDArray a = fast.output(training, input.dup())[0];
            INDArray b = plain.output(training, input.dup())[0];
            assertArrayEquals(b.shape(), a.shape());
            double maxDiff = a.sub(b).amaxNumber().doubleValue();
            assertTrue(maxDiff < 1e-4, format + " training=" + training + ": max |diff| " + maxDiff);
            assertTrue(a.amaxNumber().doubleValue() > 0.1, "a real signal, not zeros");
        }
    }

    @Test
    void gradientsWithAndWithoutHelpersAgree() {
        ComputationGraph fast = withLoss(tinyGraph(CNN2DFormat.NCHW));
        ComputationGraph plain = withHelpersDisabled(() -> withLoss(tinyGraph(CNN2DFormat.NCHW)));
        assertInstanceOf(MKLDNNConvHelper.class, fast.getLayer("conv1").getHelper());
        assertNull(plain.getLayer("conv1").getHelper());
        plain.setParams(fast.params());
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16).subi(0.5);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 2, 2);
        for (ComputationGraph g : new ComputationGraph[] {fast, plain}) {
            g.setInputs(input);
            g.setLabels(labels);
            g.computeGradientAndScore();
        }
        assertEquals(plain.score(), fast.score(), 1e-5);
        INDArray a = fast.gradient().gradient();
        INDArray b = plain.gradient().gradient();
        double maxDiff = a.sub(b).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-4, "max |gradient diff| " + maxDiff);
        assertTrue(a.amaxNumber().doubleValue() > 1e-3, "gradients are not all zero");
    }

    /** The tiny graph with global average pooling and a 2-unit MSE output layer on top, for gradients. */
    private static ComputationGraph withLoss(ComputationGraph body) {
        ComputationGraph graph = new org.deeplearning4j.nn.transferlearning.TransferLearning.GraphBuilder(body)
                .addLayer("gap", new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build(), "conv2")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE).nIn(2).nOut(2)
                        .activation(Activation.IDENTITY).build(), "gap")
                .setOutputs("out").build();
        return graph;
    }

    @Test
    void requireActiveFailsLoudlyWhenThePropertyKeepsHelpersOff() {
        OneDnnInactiveException e = assertThrows(OneDnnInactiveException.class,
                () -> withHelpersDisabled(OneDnn::requireActive));
        assertTrue(e.getMessage().contains(OneDnn.DISABLE_PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains("linux-x86_64-onednn"), e.getMessage());
        assertEquals("none", e.backend().convolutionHelper());
    }

    @Test
    void requireActiveFailsLoudlyWhenNd4jForbidsHelpers() {
        Nd4j.getEnvironment().allowHelpers(false);
        try {
            OneDnnInactiveException e = assertThrows(OneDnnInactiveException.class, OneDnn::requireActive);
            assertTrue(e.getMessage().contains("allowHelpers(false)"), e.getMessage());
        } finally {
            Nd4j.getEnvironment().allowHelpers(true);
        }
        assertTrue(OneDnn.requireActive().oneDnn(), "on again once allowed");
    }

    /**
     * conv → batch norm → ReLU → 2×2 max-pool → conv, the block every reference network is made of. No silent
     * fallback: a helper that fails throws instead of handing over to DL4J's own path, so agreement proves that the
     * helpers computed.
     */
    private static ComputationGraph tinyGraph(CNN2DFormat format) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).seed(42).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(16, 16, 3, format))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY)
                        .dataFormat(format).cudnnAllowFallback(false).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().activation(Activation.RELU)
                        .cudnnAllowFallback(false).build(), "conv1")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).dataFormat(format).cudnnAllowFallback(false).build(), "bn")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU)
                        .dataFormat(format).cudnnAllowFallback(false).build(), "pool")
                .setOutputs("conv2").build());
        graph.init();
        // non-trivial running statistics, so that inference-mode batch norm is tested too
        java.util.Map<String, INDArray> bn = graph.getLayer("bn").paramTable();
        bn.get("mean").assign(0.1);
        if (bn.containsKey("log10stdev")) { // DL4J's default: the running std is stored as log10(std)
            bn.get("log10stdev").assign(Math.log10(Math.sqrt(2.0)));
        } else {
            bn.get("var").assign(2.0);
        }
        return graph;
    }

    private static <T> T withHelpersDisabled(java.util.function.Supplier<T> build) {
        String before = System.getProperty(OneDnn.DISABLE_PROPERTY);
        System.setProperty(OneDnn.DISABLE_PROPERTY, "true");
        try {
            return build.get();
        } finally {
            if (before == null) {
                System.clearProperty(OneDnn.DISABLE_PROPERTY);
            } else {
                System.setProperty(OneDnn.DISABLE_PROPERTY, before);
            }
        }
    }
}
