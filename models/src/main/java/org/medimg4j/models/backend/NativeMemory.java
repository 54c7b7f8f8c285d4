package org.medimg4j.models.backend;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's native memory as ND4J uses it, and the one allocator setting that keeps it flat.
 *
 * <p>What we measured (DL4J/ND4J 1.0.0-M2.1, oneDNN AVX2 build, glibc 2.36; {@code NativeMemoryTest}): repeated
 * {@code ComputationGraph.output} calls grow native memory for two separate reasons.
 * <ol>
 * <li>The returned output arrays are allocated outside every workspace and freed only when the Java GC finds them
 * unreachable (ND4J's DeallocatorService); libnd4j's own count of live array bytes ({@link #nd4jArrayBytes()}) grows
 * by exactly the output's size per call. Fix: close them ({@code INDArray.close()}) or let the forward write them into
 * a workspace that is reused ({@link InferenceSession}). With DL4J's helpers off, DL4J's own 2-D path also allocates
 * per-call temporaries outside workspaces (2.4 MB per call for a small net), again freed only by a GC.</li>
 * <li>Even with every array freed, resident memory grew by about 2 MB per call of a small conv net and never came
 * back, while libnd4j's count stayed flat: the oneDNN ops allocate and free large temporaries (weight reorders,
 * scratch) on every call, and glibc's <em>dynamic</em> mmap threshold (raised to the largest chunk freed so far) moves
 * them from mmap into its heaps, where freed memory is kept. {@code malloc_trim(0)} returned 800 MB of 940 MB at
 * once, without any GC. Fix: pin glibc's mmap threshold at its initial 128 KiB ({@code mallopt(M_MMAP_THRESHOLD)},
 * which also switches the dynamic adjustment off), so that large temporaries go back to the OS when freed:
 * resident memory then stayed within 40 MB over 400 calls (most of it Java heap). The environment variable
 * {@code MALLOC_MMAP_THRESHOLD_=131072} does the same from outside the process.</li>
 * </ol>
 * Workspaces must be ENABLED for inference and training (DL4J's default); off, the probe saw 2.5x the time and
 * 13-17 GB.
 */
public final class NativeMemory {

    /** glibc's initial mmap threshold, bytes: allocations at least this large get their own mapping. */
    public static final int MMAP_THRESHOLD_BYTES = 128 * 1024;
    private static final int M_MMAP_THRESHOLD = -3; // <malloc.h>

    private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);
    private static volatile Boolean pinned;

    private NativeMemory() {
    }

    /**
     * One reading of the process's memory.
     *
     * @param residentBytes   the process's resident set (JavaCPP's {@code Pointer.physicalBytes()}, from
     *                        /proc/self/statm): Java heap, native allocations, code; bytes
     * @param nd4jArrayBytes  live bytes of ND4J array buffers as libnd4j counts them ({@link #nd4jArrayBytes()})
     * @param javacppBytes    bytes JavaCPP tracks for pointers it will free on GC ({@code Pointer.totalBytes()})
     */
    public record Reading(long residentBytes, long nd4jArrayBytes, long javacppBytes) {
        /** @return e.g. "resident 135.2 MB, ND4J arrays 0.1 MB, JavaCPP 0.4 MB" */
        @Override
        public String toString() {
            return String.format("resident %.1f MB, ND4J arrays %.1f MB, JavaCPP %.1f MB", residentBytes / 1e6,
                    nd4jArrayBytes / 1e6, javacppBytes / 1e6);
        }
    }

    /** @return the memory now; cheap (one read of /proc/self/statm), no GC */
    public static Reading read() {
        return new Reading(Pointer.physicalBytes(), nd4jArrayBytes(), Pointer.totalBytes());
    }

    /**
     * Live bytes of ND4J array buffers outside workspaces, as libnd4j's MemoryCounter counts them on device 0 (the
     * host on the CPU backend): grows with every array allocated and shrinks when one is closed or collected.
     *
     * @return bytes
     */
    public static long nd4jArrayBytes() {
        return Nd4j.getEnvironment().getDeviceCouner(0); // sic: the M2.1 API's spelling
    }

    /**
     * Pins glibc's mmap threshold at {@link #MMAP_THRESHOLD_BYTES} (see the class comment), once per process.
     * Does nothing, and says so, off glibc (macOS, Windows, musl) or where JNA (which nd4j-common brings) cannot
     * reach libc; an explicit {@code MALLOC_MMAP_THRESHOLD_} in the environment wins and is left alone.
     *
     * @return whether the threshold is pinned (by us or by the environment)
     */
    public static boolean pinMallocThreshold() {
        Boolean done = pinned;
        if (done == null) {
            synchronized (NativeMemory.class) {
                if (pinned == null) {
                    pinned = pin();
                }
                done = pinned;
            }
        }
        return done;
    }

    /** @return whether {@link #pinMallocThreshold()} has pinned the threshold in this process (no side effect) */
    public static boolean mallocThresholdPinned() {
        return Boolean.TRUE.equals(pinned) || System.getenv("MALLOC_MMAP_THRESHOLD_") != null;
    }

    private static boolean pin() {
        if (System.getenv("MALLOC_MMAP_THRESHOLD_") != null) {
            return true;
        }
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return false;
        }
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            boolean ok = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES}) == 1;
            if (!ok) {
                LOG.warn("mallopt(M_MMAP_THRESHOLD) refused: native memory may grow over repeated forward passes");
            }
            return ok;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.warn("glibc's mallopt not reachable ({}): native memory may grow over repeated forward passes; "
                    + "set MALLOC_MMAP_THRESHOLD_=131072 in the environment", e.toString());
            return false;
        }
    }

    /**
     * Gives freed heap memory back to the OS now ({@code malloc_trim(0)}); a diagnostic, not needed once the threshold
     * is pinned.
     *
     * @return whether memory was released; false off glibc
     */
    public static boolean trim() {
        try {
            return NativeLibrary.getInstance("c").getFunction("malloc_trim").invokeInt(new Object[] {0}) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }
}
