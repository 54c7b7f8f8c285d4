package org.medimg4j.models.backend;

import java.lang.reflect.Method;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches Deeplearning4j's oneDNN layer helpers on, once, at start-up, and checks that they are really used.
 *
 * <p>How DL4J 1.0.0-M2.1 decides (read from its byte code): each 2-D layer asks for its helper when it is
 * constructed, i.e. in {@code ComputationGraph#init()} — {@code ConvolutionLayer}, {@code SubsamplingLayer},
 * {@code BatchNormalization} and {@code LocalResponseNormalization} call
 * {@code HelperUtils.createHelper(cudnnClass, mkldnnClass, ...)}. That method
 * <ol>
 * <li>returns no helper when the system property {@value #DISABLE_PROPERTY} is true, and its default
 * ({@code DL4JSystemProperties.HELPER_DISABLE_DEFAULT_VALUE}) is {@code "true"}: helpers are off unless asked for.
 * The property is read at every layer construction, so setting it before the first network is built is enough;</li>
 * <li>on the CPU backend instantiates the {@code MKLDNN*Helper} and keeps it only if its
 * {@code checkSupported()}, i.e. {@code BaseMKLDNNHelper.mklDnnEnabled()}, is true: backend "CPU", ND4J helpers
 * allowed ({@code Nd4j.getEnvironment().helpersAllowed()}), and a reflective look-up of a class renamed before M1
 * answering true. That look-up always fails in M2.1 and latches off; {@link Dl4jOneDnnLookupWorkaround} repairs
 * it.</li>
 * </ol>
 * A kept helper does not call oneDNN itself: it runs libnd4j's own op ({@code conv2d}, {@code maxpool2d},
 * {@code batchnorm}, {@code lrn}), which uses oneDNN when the native build has it and
 * {@code Nd4jCpu.Environment#isUseONEDNN()} is true; without a helper DL4J runs its own im2col + gemm path in Java.
 * Convolution3D, Deconvolution2D/3D and Subsampling3D always run libnd4j ops and need none of this.
 *
 * <p>Call {@link #requireActive()} first thing in an application (before any network is built): it switches the
 * helpers on, logs the one start-up line of {@link BackendInfo}, and throws {@link OneDnnInactiveException} if the
 * native build has oneDNN but a ConvolutionLayer still gets no oneDNN helper.
 */
public final class OneDnn {

    /** DL4J's switch ({@code DL4JSystemProperties.DISABLE_HELPER_PROPERTY}); "true" (its default) disables helpers. */
    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);

    private OneDnn() {
    }

    /**
     * Switches DL4J's layer helpers on for every layer built from now on: sets {@value #DISABLE_PROPERTY} to false
     * unless the application set it itself (an explicit "true" is respected, with a warning), and repairs DL4J's
     * oneDNN look-up. Idempotent and cheap; it does not initialise ND4J.
     */
    public static synchronized void enable() {
        String set = System.getProperty(DISABLE_PROPERTY);
        if (set == null) {
            System.setProperty(DISABLE_PROPERTY, "false");
        } else if (Boolean.parseBoolean(set)) {
            LOG.warn("-D{}={} keeps DL4J's oneDNN helpers off: 2-D layers run DL4J's slow Java paths",
                    DISABLE_PROPERTY, set);
        }
        Dl4jOneDnnLookupWorkaround.install();
    }

    /**
     * Starts up: {@link #enable()}, then {@link BackendInfo#logOnce()}, then the check, on a fresh probe (a few
     * milliseconds), so that it can be called again wherever a network is about to be built.
     *
     * @return the backend this process runs on, with {@link BackendInfo#oneDnn()} true on a oneDNN build
     * @throws OneDnnInactiveException if the native build has oneDNN but a ConvolutionLayer gets no oneDNN
     *     helper; the message says why and what to do
     */
    public static BackendInfo requireActive() {
        enable();
        BackendInfo.logOnce();
        // probe again rather than trust the logged line: a later call must see a later change (allowHelpers(false))
        BackendInfo info = BackendInfo.current();
        if (info.nativeBuild().contains("onednn") && !info.oneDnn()) {
            throw new OneDnnInactiveException(info, diagnose());
        }
        return info;
    }

    /**
     * Builds a one-layer graph (3×3 convolution on a 1×4×4 FLOAT image) and reports the helper DL4J gave its
     * ConvolutionLayer. This is the observable that decides "oneDNN on": {@code MKLDNNConvHelper} on the CPU
     * backend, {@code CudnnConvolutionHelper} with CUDA and deeplearning4j-cuda, none otherwise. Builds only the
     * configuration and a few parameters; no forward pass.
     *
     * @return the helper's class, or null if the layer got none
     */
    public static Class<? extends LayerHelper> convolutionHelper() {
        ComputationGraph probe = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).seed(0).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(1)
                        .convolutionMode(ConvolutionMode.Same).build(), "in")
                .setOutputs("conv").build());
        probe.init();
        LayerHelper helper = probe.getLayer("conv").getHelper();
        return helper == null ? null : helper.getClass();
    }

    /** @return whether the helper is one of DL4J's oneDNN (MKLDNN) helpers */
    static boolean isOneDnnHelper(Class<?> helper) {
        return helper != null && helper.getPackageName().equals(BaseMKLDNNHelper.class.getPackageName());
    }

    /**
     * libnd4j's own oneDNN switch ({@code Nd4jCpu.Environment#isUseONEDNN()} of the M2.1 CPU backend), read by
     * reflection because this module depends on nd4j-api only.
     *
     * @return the switch, or false where there is no such class (CUDA backend)
     */
    static boolean libnd4jUsesOneDnn() {
        try {
            Class<?> env = Class.forName(Dl4jOneDnnLookupWorkaround.CURRENT_CLASS, true, Nd4j.class.getClassLoader());
            Object instance = env.getMethod("getInstance").invoke(null);
            Method use = env.getMethod("isUseONEDNN");
            return (Boolean) use.invoke(instance);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    /** @return why helpers are off, first cause first, with what to do about it */
    static String diagnose() {
        String set = System.getProperty(DISABLE_PROPERTY);
        if (set == null || Boolean.parseBoolean(set)) {
            return "the system property " + DISABLE_PROPERTY + " is " + (set == null ? "unset (DL4J's default is "
                    + "true)" : set) + "; remove -D" + DISABLE_PROPERTY + "=true and call OneDnn.requireActive() "
                    + "before building any network";
        }
        if (!Nd4j.getEnvironment().helpersAllowed()) {
            return "ND4J's platform helpers are forbidden (Nd4j.getEnvironment().allowHelpers(false) was called, or "
                    + "the environment variable SD_FORBID_HELPERS is set); allow them again";
        }
        if (!libnd4jUsesOneDnn()) {
            return "libnd4j's oneDNN switch is off (Nd4jCpu.Environment.setUseONEDNN(false) was called); "
                    + "switch it on again";
        }
        if (!Dl4jOneDnnLookupWorkaround.installed()) {
            return "DL4J's class loader was replaced after OneDnn.enable() (DL4JClassLoading.setDl4jClassloader), "
                    + "so DL4J 1.0.0-M2.1's look-up of org.nd4j.nativeblas.Nd4jCpu$Environment fails again; call "
                    + "OneDnn.enable() after replacing it";
        }
        if (!BaseMKLDNNHelper.mklDnnEnabled()) {
            return "DL4J 1.0.0-M2.1 latched its oneDNN look-up off for this process because a 2-D layer was built "
                    + "with helpers enabled before OneDnn.enable() ran; call OneDnn.requireActive() first in main, "
                    + "before any network is built or deserialised";
        }
        return "unknown cause: ConvolutionLayer got no MKLDNNConvHelper although every switch DL4J reads is on; "
                + "run with the plain nd4j-native build to confirm, and report it";
    }
}
