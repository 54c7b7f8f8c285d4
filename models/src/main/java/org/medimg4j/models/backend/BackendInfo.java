package org.medimg4j.models.backend;

import java.util.List;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which ND4J backend and native build this process runs on, decided once at start-up by what the application put
 * on the classpath (see the README's "Choosing the ND4J backend"), and logged in one line.
 *
 * @param backend     the ND4J backend class, e.g. "CpuBackend" or "JCublasBackend"
 * @param nativeBuild the native build found on the classpath, e.g. "linux-x86_64-onednn-avx2"; "unknown" if none
 *                    of the known builds is found
 * @param threads     the native thread count ND4J uses
 * @param oneDnn      whether DL4J's 2-D layers really use oneDNN (or cuDNN): the native build has it and a
 *                    ConvolutionLayer built now gets DL4J's oneDNN (or cuDNN) helper ({@link OneDnn})
 * @param convolutionHelper the simple name of the helper a ConvolutionLayer gets, e.g. "MKLDNNConvHelper"; "none"
 * @param mmapThresholdPinned whether glibc's mmap threshold is pinned so that native memory stays flat over
 *                    repeated forward passes ({@link NativeMemory#pinMallocThreshold()})
 */
public record BackendInfo(String backend, String nativeBuild, int threads, boolean oneDnn,
        String convolutionHelper, boolean mmapThresholdPinned) {

    private static final Logger LOG = LoggerFactory.getLogger(BackendInfo.class);
    private static volatile BackendInfo logged;

    /** The native builds we know of, most specific first: the resource path of each build's ND4J library. */
    private static final List<String[]> BUILDS = List.of(
            cpu("linux-x86_64-onednn-avx512"), cpu("linux-x86_64-onednn-avx2"), cpu("linux-x86_64-onednn"),
            cpu("linux-x86_64-avx512"), cpu("linux-x86_64-avx2"), cpu("linux-x86_64"),
            new String[] {"linux-x86_64-cudnn", "org/nd4j/linalg/jcublas/bindings/linux-x86_64-cudnn/libnd4jcuda.so"},
            new String[] {"linux-x86_64", "org/nd4j/linalg/jcublas/bindings/linux-x86_64/libnd4jcuda.so"});

    private static String[] cpu(String build) {
        return new String[] {build, "org/nd4j/linalg/cpu/nativecpu/bindings/" + build + "/libnd4jcpu.so"};
    }

    /**
     * Initialises ND4J if it is not yet, and describes it as it is now, without switching anything: a
     * ConvolutionLayer is built to see which helper DL4J gives it ({@link OneDnn#convolutionHelper()}).
     *
     * @return the backend this process runs on
     */
    public static BackendInfo current() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        ClassLoader cl = Nd4j.class.getClassLoader();
        String build = "unknown";
        for (String[] b : BUILDS) {
            if (cl.getResource(b[1]) != null) {
                build = b[0];
                break;
            }
        }
        Class<?> helper = OneDnn.convolutionHelper();
        boolean used = build.contains("onednn") ? OneDnn.isOneDnnHelper(helper)
                : build.contains("cudnn") && helper != null;
        return new BackendInfo(backend, build, Nd4j.getEnvironment().maxThreads(), used,
                helper == null ? "none" : helper.getSimpleName(), NativeMemory.mallocThresholdPinned());
    }

    /**
     * The start-up line: switches DL4J's helpers on ({@link OneDnn#enable()}) and pins glibc's mmap threshold
     * ({@link NativeMemory#pinMallocThreshold()}), then logs {@link #oneLine()} at INFO
     * the first time it is called in this process, and returns the info. {@link OneDnn#requireActive()} calls this
     * and also fails when oneDNN is off.
     *
     * @return the backend as described at the first call
     */
    public static BackendInfo logOnce() {
        BackendInfo info = logged;
        if (info == null) {
            synchronized (BackendInfo.class) {
                if (logged == null) {
                    OneDnn.enable();
                    NativeMemory.pinMallocThreshold();
                    logged = current();
                    LOG.info(logged.oneLine());
                }
                info = logged;
            }
        }
        return info;
    }

    /**
     * @return e.g. "ND4J CpuBackend, native build linux-x86_64-onednn-avx2, 2 threads, oneDNN helpers on
     *     (ConvolutionLayer -> MKLDNNConvHelper), malloc mmap threshold pinned"
     */
    public String oneLine() {
        return "ND4J " + backend + ", native build " + nativeBuild + ", " + threads + " threads, "
                + (nativeBuild.contains("cudnn") ? "cuDNN" : "oneDNN") + " helpers " + (oneDnn ? "on" : "off")
                + " (ConvolutionLayer -> " + convolutionHelper + "), malloc mmap threshold "
                + (mmapThresholdPinned ? "pinned" : "dynamic (native memory may grow)");
    }

    /** @return ND4J's own description of its environment (BLAS vendor, cores, memory), for diagnostics */
    public static Properties environment() {
        return Nd4j.getExecutioner().getEnvironmentInformation();
    }
}
