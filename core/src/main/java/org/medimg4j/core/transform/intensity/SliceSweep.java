package org.medimg4j.core.transform.intensity;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * The loop every intensity transform runs: over a volume's (channel, z) slices, in parallel, each slice in
 * cache-sized chunks. A chunk is copied (and converted to float) straight into its place in the output array and
 * transformed there while it is still in L1/L2 cache, so a point-wise transform reads the input once and writes
 * the output once.
 *
 * <p>Slice {@code s} is channel {@code s / nz}, z {@code s % nz}; its voxels are the flat indices
 * {@code [s·plane, (s+1)·plane)} of the C-order (c, z, y, x) layout. Work is split by slice only, never by
 * thread count, so anything computed per slice (noise, partial sums) does not depend on scheduling.
 */
final class SliceSweep {

    /** Voxels per chunk: 16 KiB of floats, small enough to stay in L1 between the copy and the transform. */
    static final int CHUNK = 4096;

    private static final double MIB = 1024.0 * 1024.0;

    /** Below this many voxels the fork/join overhead outweighs the work, so the sweep stays on the caller's thread. */
    static final long PARALLEL_MIN_VOXELS = 1L << 15;

    private SliceSweep() {
    }

    /** A point-wise transform applied in place to {@code v[from, to)}; called once per chunk, never per voxel. */
    @FunctionalInterface
    interface ChunkOp {
        void apply(float[] v, int from, int to);
    }

    /** @return the number of (channel, z) slices of {@code image} */
    static int sliceCount(Volume image) {
        return image.channels() * image.geometry().nz();
    }

    /** @return voxels per slice, nx·ny */
    static int plane(Volume image) {
        return image.geometry().nx() * image.geometry().ny();
    }

    /** Runs {@code task} for every slice index, in parallel when the volume is large enough. */
    static void forEachSlice(Volume image, IntConsumer task) {
        int slices = sliceCount(image);
        long voxels = (long) image.channels() * image.voxelsPerChannel();
        if (slices > 1 && voxels >= PARALLEL_MIN_VOXELS) {
            // A stream over slices, not voxels: each element is a whole slice of work.
            IntStream.range(0, slices).parallel().forEach(task);
        } else {
            for (int s = 0; s < slices; s++) {
                task.accept(s);
            }
        }
    }

    /**
     * @param owner the transform, named if the output cannot be allocated
     * @return a new FLOAT32-ready array holding {@code op} applied to every voxel of {@code image}
     * @throws TransformException naming {@code owner} if the output does not fit the heap (see {@link #outputLength})
     */
    static float[] map(String owner, Volume image, ChunkOp op) {
        return map(owner, image, s -> op);
    }

    /**
     * @param owner      the transform, named if the output cannot be allocated
     * @param opForSlice gives the chunk operation for one slice (called once per slice, e.g. to seed a per-slice
     *                   generator)
     * @return a new array, C order (c, z, y, x), holding the transformed voxels of {@code image}
     * @throws TransformException naming {@code owner} if the output does not fit the heap (see {@link #outputLength})
     */
    static float[] map(String owner, Volume image, IntFunction<ChunkOp> opForSlice) {
        int plane = plane(image);
        float[] out = new float[outputLength(owner, image, Runtime.getRuntime().maxMemory())];
        forEachSlice(image, s -> {
            ChunkOp op = opForSlice.apply(s);
            VoxelReader reader = new VoxelReader(image);
            int end = (s + 1) * plane;
            for (int from = s * plane; from < end; from += CHUNK) {
                int to = Math.min(from + CHUNK, end);
                reader.read(from, out, from, to - from);
                op.apply(out, from, to);
            }
        });
        return out;
    }

    /**
     * The check made before the output array is allocated. The output has as many elements as the input, which
     * {@code Volume.Builder} has already held to a Java array's limit, so only the heap can refuse it: a FLOAT32
     * output of an INT16 or UINT8 input is two or four times its size. The test is against the maximum heap, with
     * the input beside the output when it lives on the heap: such a request cannot succeed whatever is collected.
     * (The free heap, max − used, would count garbage as used and refuse requests that would succeed.)
     *
     * @param owner        the transform, named in the message
     * @param maxHeapBytes the JVM's maximum heap, bytes ({@link Runtime#maxMemory()})
     * @return the output's length, channels · nx · ny · nz
     * @throws TransformException naming {@code owner}, the grid and the MiB needed if output and input exceed
     *                            {@code maxHeapBytes}
     */
    static int outputLength(String owner, Volume image, long maxHeapBytes) {
        int count = sliceCount(image) * plane(image);
        long output = (long) count * Float.BYTES;
        long input = image.isDirect() ? 0 : (long) count * image.voxelType().bytes();
        if (output + input > maxHeapBytes) {
            Geometry g = image.geometry();
            throw new TransformException(String.format(Locale.ROOT, "%s: the FLOAT32 output of %dx%dx%d voxels x %d "
                            + "channel(s) needs about %.0f MiB of heap (%.0f MiB output + %.0f MiB input), more than "
                            + "the JVM's maximum heap of %.0f MiB (-Xmx)", owner, g.nx(), g.ny(), g.nz(),
                    image.channels(), (output + input) / MIB, output / MIB, input / MIB, maxHeapBytes / MIB));
        }
        return count;
    }

    /**
     * Reads a volume's voxels as floats, chunk by chunk. Holds its own buffer view and scratch, so use one per
     * thread (one per slice task).
     */
    static final class VoxelReader {
        private final FloatBuffer floats;
        private final ShortBuffer shorts;
        private final ByteBuffer bytes;
        private short[] shortScratch;
        private byte[] byteScratch;

        VoxelReader(Volume image) {
            switch (image.voxelType()) {
                case FLOAT32 -> {
                    floats = image.floats();
                    shorts = null;
                    bytes = null;
                }
                case INT16 -> {
                    floats = null;
                    shorts = image.shorts();
                    bytes = null;
                    shortScratch = new short[CHUNK];
                }
                case UINT8 -> {
                    floats = null;
                    shorts = null;
                    bytes = image.unsignedBytes();
                    byteScratch = new byte[CHUNK];
                }
                default -> throw new IllegalStateException("unknown voxel type " + image.voxelType());
            }
        }

        /** Copies voxels {@code [from, from + n)} (flat, C order; n ≤ {@link #CHUNK}) to {@code dst[off, ...)}. */
        void read(int from, float[] dst, int off, int n) {
            if (floats != null) {
                floats.get(from, dst, off, n);
            } else if (shorts != null) {
                short[] s = shortScratch;
                shorts.get(from, s, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[off + i] = s[i];
                }
            } else {
                byte[] b = byteScratch;
                bytes.get(from, b, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[off + i] = b[i] & 0xFF;
                }
            }
        }
    }

    /** Reads a label volume's bytes chunk by chunk; one per thread. */
    static final class MaskReader {
        private final ByteBuffer labels;
        private final int voxelsPerChannel;

        MaskReader(LabelVolume mask) {
            this.labels = mask.labels();
            this.voxelsPerChannel = (int) mask.geometry().voxelCount();
        }

        /**
         * Copies the labels under image voxels {@code [from, from + n)} (flat over all channels: the same mask
         * serves every channel) into {@code dst[0, n)}.
         */
        void read(int from, byte[] dst, int n) {
            labels.get(from % voxelsPerChannel, dst, 0, n);
        }
    }
}
