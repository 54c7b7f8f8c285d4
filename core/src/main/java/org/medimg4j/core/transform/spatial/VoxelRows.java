package org.medimg4j.core.transform.spatial;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/**
 * Row-level copies between a volume's voxel buffer and primitive arrays of its own voxel type, for the
 * index-permuting transforms. The voxel type is resolved once per row (one {@code instanceof} per row, never per
 * voxel), and the inner loops run on {@code float[]}, {@code short[]} or {@code byte[]} so that the JIT sees plain
 * primitive array loops; unit-stride rows go through {@link System#arraycopy} or an absolute bulk get.
 *
 * <p>Arrays are passed as {@code Object} because Java has no generics over primitive arrays; every method
 * accepts exactly {@code float[]}, {@code short[]} or {@code byte[]}.
 */
final class VoxelRows {

    /** Below this many output voxels the work is done on the calling thread: forking would cost more than it saves. */
    static final long PARALLEL_MIN_VOXELS = 1L << 18;

    private VoxelRows() {
    }

    /** @return the volume's voxels as a read-only buffer of its own type (FloatBuffer, ShortBuffer or ByteBuffer) */
    static Buffer buffer(Volume v) {
        return switch (v.voxelType()) {
            case FLOAT32 -> v.floats();
            case INT16 -> v.shorts();
            case UINT8 -> v.unsignedBytes();
        };
    }

    /** @return a zeroed primitive array of {@code n} voxels of {@code type} */
    static Object allocate(VoxelType type, int n) {
        return switch (type) {
            case FLOAT32 -> new float[n];
            case INT16 -> new short[n];
            case UINT8 -> new byte[n];
        };
    }

    /** @return the whole buffer copied into a new primitive array of its type (one bulk copy) */
    static Object toArray(Buffer src, VoxelType type) {
        Object a = allocate(type, src.capacity());
        read(src, 0, a, 0, src.capacity());
        return a;
    }

    /** Copies {@code len} voxels from absolute index {@code from} of {@code src} into {@code dst} at {@code off}. */
    static void read(Buffer src, int from, Object dst, int off, int len) {
        if (dst instanceof float[] f) {
            ((FloatBuffer) src).get(from, f, off, len);
        } else if (dst instanceof short[] s) {
            ((ShortBuffer) src).get(from, s, off, len);
        } else {
            ((ByteBuffer) src).get(from, (byte[]) dst, off, len);
        }
    }

    /**
     * Copies {@code len} voxels from {@code src}, starting at {@code from} and stepping {@code stride} (which may be
     * negative: a reversed or transposed row), into {@code dst} from {@code off} with unit stride.
     */
    static void copy(Object src, int from, int stride, Object dst, int off, int len) {
        if (stride == 1) {
            System.arraycopy(src, from, dst, off, len);
        } else if (dst instanceof float[] d) {
            float[] s = (float[]) src;
            for (int x = 0, p = from; x < len; x++, p += stride) {
                d[off + x] = s[p];
            }
        } else if (dst instanceof short[] d) {
            short[] s = (short[]) src;
            for (int x = 0, p = from; x < len; x++, p += stride) {
                d[off + x] = s[p];
            }
        } else {
            byte[] d = (byte[]) dst;
            byte[] s = (byte[]) src;
            for (int x = 0, p = from; x < len; x++, p += stride) {
                d[off + x] = s[p];
            }
        }
    }

    /** Sets every voxel of {@code dst} to {@code value}, which the caller has checked fits the array's type. */
    static void fill(Object dst, double value) {
        if (dst instanceof float[] d) {
            Arrays.fill(d, (float) value);
        } else if (dst instanceof short[] d) {
            Arrays.fill(d, (short) value);
        } else {
            Arrays.fill((byte[]) dst, (byte) (int) value);
        }
    }

    /**
     * @return whether {@code value} is stored exactly by {@code type} (INT16: an integer in −32768..32767; UINT8:
     *         an integer in 0..255; FLOAT32: any value a float holds exactly)
     */
    static boolean representable(VoxelType type, double value) {
        return switch (type) {
            case FLOAT32 -> (double) (float) value == value;
            case INT16 -> value == Math.rint(value) && value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
            case UINT8 -> value == Math.rint(value) && value >= 0 && value <= 255;
        };
    }

    /**
     * A volume like {@code like} (channels, unit, metadata and voxel type) on {@code geometry}, owning {@code voxels}.
     */
    static Volume volumeLike(Volume like, Geometry geometry, Object voxels) {
        Volume.Builder b = Volume.builder(geometry).channels(like.channels()).unit(like.unit()).metadata(like.metadata());
        if (voxels instanceof float[] f) {
            b.floats(f);
        } else if (voxels instanceof short[] s) {
            b.shorts(s);
        } else {
            b.unsignedBytes((byte[]) voxels);
        }
        return b.build();
    }

    /** @return a label volume like {@code like} (metadata) on {@code geometry}, owning {@code labels} */
    static LabelVolume labelLike(LabelVolume like, Geometry geometry, byte[] labels) {
        return LabelVolume.of(geometry, labels).withMetadata(like.metadata());
    }

    /**
     * Runs {@code body} for every task index in [0, tasks): in parallel when the work is large enough to pay for
     * forking (each task is a whole output slice, so tasks never write the same voxels).
     *
     * @param tasks       number of independent tasks (output slices over all channels)
     * @param totalVoxels output voxels over all tasks, to decide whether to fork
     */
    static void forEachSlice(int tasks, long totalVoxels, java.util.function.IntConsumer body) {
        if (tasks > 1 && totalVoxels >= PARALLEL_MIN_VOXELS) {
            IntStream.range(0, tasks).parallel().forEach(body);
        } else {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
        }
    }
}
