package org.medimg4j.core.nifti;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decodes NIfTI voxel data from a stream positioned at {@code vox_offset} into primitive arrays. The stream is
 * read in bulk chunks of {@value #CHUNK_BYTES} bytes; each chunk is converted with NIO typed views and plain
 * loops over primitive arrays (byte order handled by the view), never a call per voxel through an interface.
 * The arrays hold voxels in file order, which for NIfTI (x fastest, then y, z, then dim[4]) is the C order
 * (channel, z, y, x) of {@link org.medimg4j.core.volume.Volume}.
 */
final class NiftiVoxelDecoder {

    /** Bytes read per bulk read: a multiple of every voxel size, small enough to stay in cache. */
    static final int CHUNK_BYTES = 1 << 18;

    private final InputStream in;
    private final NiftiHeader header;
    private final String source;
    private final byte[] chunk;
    private final ByteBuffer view;
    /** Voxels over all channels the dimensions require. */
    private final int total;
    /** Elements allocated before any data arrives; the output grows from here as data is read. */
    private final int initialCapacity;
    /** The output array, one of three according to the target type. */
    private byte[] bytesOut;
    private short[] shortsOut;
    private float[] floatsOut;
    /** Scratch for widening a chunk to doubles, allocated on first use. */
    private double[] widened;
    private short[] shortScratch;
    private int[] intScratch;
    private float[] floatScratch;

    /**
     * @param in              positioned at the first voxel; not closed here
     * @param header          the parsed header (datatype, byte order, dimensions)
     * @param source          the file name, for messages
     * @param initialElements how many output elements to allocate up front: all of them when the source is known
     *                        to hold the data, fewer otherwise, so that a header claiming more data than the
     *                        stream holds costs at most about twice what actually arrives (the output doubles
     *                        as data is read)
     */
    NiftiVoxelDecoder(InputStream in, NiftiHeader header, String source, int initialElements) {
        this.in = in;
        this.header = header;
        this.source = source;
        this.total = (int) header.elementCount();
        this.initialCapacity = Math.max(0, Math.min(total, initialElements));
        this.chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(header.dataBytes(), 1))];
        this.view = ByteBuffer.wrap(chunk).order(header.order());
    }

    /** A consumer of one decoded chunk: {@code count} voxels starting at flat index {@code first}. */
    @FunctionalInterface
    private interface ChunkSink {
        void accept(int first, int count) throws NiftiException;
    }

    /** @return the voxels of a UINT8 file, unscaled */
    byte[] readUint8() throws IOException {
        bytesOut = new byte[initialCapacity];
        forEachChunk((first, count) -> System.arraycopy(chunk, 0, bytesOut, first, count));
        return bytesOut;
    }

    /** @return the voxels of an INT16 file, unscaled */
    short[] readInt16() throws IOException {
        shortsOut = new short[initialCapacity];
        forEachChunk((first, count) -> view.asShortBuffer().get(shortsOut, first, count));
        return shortsOut;
    }

    /** @return the voxels of any supported datatype as floats, with scl_slope/scl_inter applied */
    float[] readFloat32() throws IOException {
        floatsOut = new float[initialCapacity];
        double slope = header.effectiveSlope();
        double inter = header.effectiveInter();
        boolean scaled = header.isScaled();
        if (header.datatype() == NiftiDatatype.FLOAT32) {
            forEachChunk((first, count) -> {
                float[] out = floatsOut;
                view.asFloatBuffer().get(out, first, count);
                if (scaled) {
                    for (int i = first, end = first + count; i < end; i++) {
                        out[i] = (float) (out[i] * slope + inter);
                    }
                }
            });
        } else {
            forEachChunk((first, count) -> {
                float[] out = floatsOut;
                double[] v = widen(count);
                for (int i = 0; i < count; i++) {
                    out[first + i] = (float) (v[i] * slope + inter);
                }
            });
        }
        return floatsOut;
    }

    /**
     * @return one label per voxel
     * @throws NiftiException naming the voxel, if a (scaled) value is not a whole number in 0..255
     */
    byte[] readLabels() throws IOException {
        if (header.datatype() == NiftiDatatype.UINT8 && !header.isScaled()) {
            return readUint8();
        }
        bytesOut = new byte[initialCapacity];
        double slope = header.effectiveSlope();
        double inter = header.effectiveInter();
        forEachChunk((first, count) -> {
            byte[] out = bytesOut;
            double[] v = widen(count);
            for (int i = 0; i < count; i++) {
                double label = v[i] * slope + inter;
                if (!(label >= 0 && label <= 255) || label != Math.rint(label)) {
                    throw new NiftiException(source, "labels must be whole numbers 0..255 (" + header.datatype()
                            + " data), but voxel " + voxelName(first + i) + " holds " + label);
                }
                out[first + i] = (byte) (int) label;
            }
        });
        return bytesOut;
    }

    /** Reads the voxel data chunk by chunk into {@link #chunk}, failing if the stream ends early. */
    private void forEachChunk(ChunkSink sink) throws IOException {
        int bytesPerVoxel = header.datatype().bytes;
        long total = header.elementCount();
        int perChunk = chunk.length / bytesPerVoxel;
        long done = 0;
        while (done < total) {
            int count = (int) Math.min(perChunk, total - done);
            int want = count * bytesPerVoxel;
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                long have = done * bytesPerVoxel + got;
                throw new NiftiException(source, "voxel data is shorter than the dimensions require: dim "
                        + header.nx() + "x" + header.ny() + "x" + header.nz() + "x" + header.channels() + " of "
                        + header.datatype() + " needs " + header.dataBytes() + " bytes after vox_offset "
                        + header.voxOffset() + ", but the data ends after " + have);
            }
            view.clear().limit(want);
            ensureCapacity((int) done + count);
            sink.accept((int) done, count);
            done += count;
        }
    }

    /** Doubles the output array (up to {@link #total}) until it holds {@code needed} elements. */
    private void ensureCapacity(int needed) {
        int capacity = bytesOut != null ? bytesOut.length : shortsOut != null ? shortsOut.length : floatsOut.length;
        if (needed <= capacity) {
            return;
        }
        int grown = (int) Math.min(total, Math.max(needed, 2L * capacity));
        if (bytesOut != null) {
            bytesOut = Arrays.copyOf(bytesOut, grown);
        } else if (shortsOut != null) {
            shortsOut = Arrays.copyOf(shortsOut, grown);
        } else {
            floatsOut = Arrays.copyOf(floatsOut, grown);
        }
    }

    /** @return the first {@code count} voxels of the current chunk as doubles (a scratch array) */
    private double[] widen(int count) {
        if (widened == null) {
            widened = new double[chunk.length / header.datatype().bytes];
        }
        double[] v = widened;
        switch (header.datatype()) {
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    v[i] = chunk[i] & 0xFF;
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    v[i] = chunk[i];
                }
            }
            case INT16, UINT16 -> {
                short[] s = shortScratch == null ? (shortScratch = new short[v.length]) : shortScratch;
                view.asShortBuffer().get(s, 0, count);
                if (header.datatype() == NiftiDatatype.INT16) {
                    for (int i = 0; i < count; i++) {
                        v[i] = s[i];
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        v[i] = s[i] & 0xFFFF;
                    }
                }
            }
            case INT32 -> {
                int[] s = intScratch == null ? (intScratch = new int[v.length]) : intScratch;
                view.asIntBuffer().get(s, 0, count);
                for (int i = 0; i < count; i++) {
                    v[i] = s[i];
                }
            }
            case FLOAT32 -> {
                float[] s = floatScratch == null ? (floatScratch = new float[v.length]) : floatScratch;
                view.asFloatBuffer().get(s, 0, count);
                for (int i = 0; i < count; i++) {
                    v[i] = s[i];
                }
            }
            case FLOAT64 -> view.asDoubleBuffer().get(v, 0, count);
        }
        return v;
    }

    /** @return "(x, y, z)" or "(x, y, z, channel)" of a flat voxel index, for messages */
    private String voxelName(long flat) {
        long plane = (long) header.nx() * header.ny();
        long vol = plane * header.nz();
        long c = flat / vol;
        long z = flat % vol / plane;
        long y = flat % plane / header.nx();
        long x = flat % header.nx();
        return "(x=" + x + ", y=" + y + ", z=" + z + (header.channels() > 1 ? ", channel=" + c : "") + ")";
    }
}
