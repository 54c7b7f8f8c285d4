package org.medimg4j.core.volume;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;

/**
 * A 3-D scalar image, optionally multi-channel, with its place in patient space ({@link Geometry}), voxel type,
 * intensity unit and provenance. A 2-D image (an X-ray) is a volume of depth 1. Immutable.
 *
 * <h2>Storage</h2>
 * Voxels live in one NIO buffer in C order (channel, z, y, x): the voxel (c, z, y, x) is at index
 * {@code ((c·nz + z)·ny + y)·nx + x}, which is exactly ND4J's NCDHW layout (NCHW when nz = 1) for a batch of one.
 * The buffer is either a heap buffer (wrapping a Java array) or a direct, native-order buffer; a direct FLOAT32
 * volume can be handed to ND4J as an {@code INDArray} without a copy, a heap one is copied once into ND4J's
 * off-heap memory.
 *
 * <p>What copies: {@link Builder#build()} never copies (it takes ownership of the array or buffer given; do not
 * change it afterwards); {@link #floats()}, {@link #shorts()}, {@link #unsignedBytes()} and the {@code with…}
 * methods share the voxels; {@link #toFloatArray()}, {@link #toFloat32()} on a non-float volume and
 * {@link #readSlice} copy.
 *
 * <p>The number of voxels over all channels must fit a Java buffer index (below 2³¹).
 */
public final class Volume {

    private final Geometry geometry;
    private final int channels;
    private final VoxelType type;
    private final IntensityUnit unit;
    private final VolumeMetadata metadata;
    private final Buffer data;

    private Volume(Geometry geometry, int channels, VoxelType type, IntensityUnit unit, VolumeMetadata metadata,
                   Buffer data) {
        this.geometry = geometry;
        this.channels = channels;
        this.type = type;
        this.unit = unit;
        this.metadata = metadata;
        this.data = data;
    }

    /** @return a builder for a volume on {@code geometry} */
    public static Builder builder(Geometry geometry) {
        return new Builder(geometry);
    }

    /** @return a single-channel FLOAT32 volume in arbitrary units wrapping {@code voxels} (C order z, y, x) */
    public static Volume ofFloats(Geometry geometry, float[] voxels) {
        return builder(geometry).floats(voxels).build();
    }

    /** @return a single-channel FLOAT32 volume in {@code unit} wrapping {@code voxels} (C order z, y, x) */
    public static Volume ofFloats(Geometry geometry, IntensityUnit unit, float[] voxels) {
        return builder(geometry).unit(unit).floats(voxels).build();
    }

    /**
     * A FLOAT32 volume like this one (same channels, unit, metadata) on {@code newGeometry} with new voxels: what a
     * transform returns.
     *
     * @param newGeometry the geometry of the new voxels
     * @param voxels      channels·voxelCount floats, C order; owned by the new volume
     */
    public Volume derive(Geometry newGeometry, float[] voxels) {
        return builder(newGeometry).channels(channels).unit(unit).metadata(metadata).floats(voxels).build();
    }

    /** @return the same voxels on another geometry of the same size (e.g. after a relabelling of axes) */
    public Volume withGeometry(Geometry newGeometry) {
        if (!java.util.Arrays.equals(newGeometry.size(), geometry.size())) {
            throw new IllegalArgumentException("withGeometry: new geometry size "
                    + java.util.Arrays.toString(newGeometry.size()) + " must equal the volume's "
                    + java.util.Arrays.toString(geometry.size()));
        }
        return new Volume(newGeometry, channels, type, unit, metadata, data);
    }

    /** @return the same voxels, labelled with another unit */
    public Volume withUnit(IntensityUnit newUnit) {
        return new Volume(geometry, channels, type, Objects.requireNonNull(newUnit, "unit"), metadata, data);
    }

    /** @return the same voxels with other metadata */
    public Volume withMetadata(VolumeMetadata newMetadata) {
        return new Volume(geometry, channels, type, unit, Objects.requireNonNull(newMetadata, "metadata"), data);
    }

    public Geometry geometry() {
        return geometry;
    }

    /** @return channels (1 for a scalar image) */
    public int channels() {
        return channels;
    }

    public VoxelType voxelType() {
        return type;
    }

    public IntensityUnit unit() {
        return unit;
    }

    public VolumeMetadata metadata() {
        return metadata;
    }

    /** @return voxels in one channel, nx·ny·nz */
    public int voxelsPerChannel() {
        return (int) geometry.voxelCount();
    }

    /** @return whether the voxels live in a direct (off-heap) buffer */
    public boolean isDirect() {
        return data.isDirect();
    }

    /**
     * @return a read-only view of the FLOAT32 voxels, C order (c, z, y, x); use absolute gets
     * @throws IllegalStateException if the volume is not FLOAT32 (convert with {@link #toFloat32()})
     */
    public FloatBuffer floats() {
        requireType(VoxelType.FLOAT32);
        return ((FloatBuffer) data).asReadOnlyBuffer();
    }

    /** @return a read-only view of the INT16 voxels, C order @throws IllegalStateException if not INT16 */
    public ShortBuffer shorts() {
        requireType(VoxelType.INT16);
        return ((ShortBuffer) data).asReadOnlyBuffer();
    }

    /**
     * @return a read-only view of the UINT8 voxels (read them with {@code & 0xFF}), C order
     * @throws IllegalStateException if not UINT8
     */
    public ByteBuffer unsignedBytes() {
        requireType(VoxelType.UINT8);
        return ((ByteBuffer) data).asReadOnlyBuffer();
    }

    /** @return the voxel (c, z, y, x) as a float; for tests and probes, not for loops over voxels */
    public float get(int c, int z, int y, int x) {
        int nx = geometry.nx();
        int ny = geometry.ny();
        int nz = geometry.nz();
        if (c < 0 || c >= channels || z < 0 || z >= nz || y < 0 || y >= ny || x < 0 || x >= nx) {
            throw new IndexOutOfBoundsException("voxel (c=" + c + ", z=" + z + ", y=" + y + ", x=" + x
                    + ") outside " + channels + "x" + nz + "x" + ny + "x" + nx);
        }
        return getFlat(((c * nz + z) * ny + y) * nx + x);
    }

    /** @return the voxel (0, z, y, x) of a single-channel volume as a float */
    public float get(int z, int y, int x) {
        return get(0, z, y, x);
    }

    private float getFlat(int index) {
        return switch (type) {
            case FLOAT32 -> ((FloatBuffer) data).get(index);
            case INT16 -> ((ShortBuffer) data).get(index);
            case UINT8 -> ((ByteBuffer) data).get(index) & 0xFF;
        };
    }

    /**
     * Copies one z-slice of one channel into {@code dst} as floats (ny·nx values, row by row).
     *
     * @param c   the channel
     * @param z   the slice index
     * @param dst at least nx·ny floats
     */
    public void readSlice(int c, int z, float[] dst) {
        int plane = geometry.nx() * geometry.ny();
        if (dst.length < plane) {
            throw new IllegalArgumentException("readSlice: dst holds " + dst.length + " floats, a slice needs " + plane);
        }
        if (c < 0 || c >= channels || z < 0 || z >= geometry.nz()) {
            throw new IndexOutOfBoundsException("slice (c=" + c + ", z=" + z + ") outside " + channels + " channels x "
                    + geometry.nz() + " slices");
        }
        copyAsFloat((c * geometry.nz() + z) * plane, dst, 0, plane);
    }

    /** @return all voxels, all channels, converted to a new float array in C order (c, z, y, x) */
    public float[] toFloatArray() {
        int n = channels * voxelsPerChannel();
        float[] out = new float[n];
        copyAsFloat(0, out, 0, n);
        return out;
    }

    /** @return this volume if it is FLOAT32, else a FLOAT32 copy with the same geometry, unit and metadata */
    public Volume toFloat32() {
        return type == VoxelType.FLOAT32 ? this : derive(geometry, toFloatArray());
    }

    private void copyAsFloat(int from, float[] dst, int dstOffset, int count) {
        switch (type) {
            case FLOAT32 -> ((FloatBuffer) data).get(from, dst, dstOffset, count);
            case INT16 -> {
                ShortBuffer b = (ShortBuffer) data;
                short[] row = new short[Math.min(count, 1 << 16)];
                for (int done = 0; done < count; done += row.length) {
                    int n = Math.min(row.length, count - done);
                    b.get(from + done, row, 0, n);
                    for (int i = 0; i < n; i++) {
                        dst[dstOffset + done + i] = row[i];
                    }
                }
            }
            case UINT8 -> {
                ByteBuffer b = (ByteBuffer) data;
                byte[] row = new byte[Math.min(count, 1 << 16)];
                for (int done = 0; done < count; done += row.length) {
                    int n = Math.min(row.length, count - done);
                    b.get(from + done, row, 0, n);
                    for (int i = 0; i < n; i++) {
                        dst[dstOffset + done + i] = row[i] & 0xFF;
                    }
                }
            }
        }
    }

    /**
     * @param what names the caller's parameter in the message
     * @throws IllegalArgumentException naming {@code what} and the first NaN voxel, if any voxel is NaN
     */
    public void requireNoNaN(String what) {
        if (type != VoxelType.FLOAT32) {
            return;
        }
        FloatBuffer b = (FloatBuffer) data;
        int n = b.capacity();
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(b.get(i))) {
                throw new IllegalArgumentException(what + ": NaN voxel at flat index " + i + " (c, z, y, x C order) where NaN is not allowed");
            }
        }
    }

    private void requireType(VoxelType expected) {
        if (type != expected) {
            throw new IllegalStateException("volume voxels are " + type + ", not " + expected
                    + (expected == VoxelType.FLOAT32 ? "; convert with toFloat32()" : ""));
        }
    }

    @Override
    public String toString() {
        return "Volume[" + type + ", " + channels + " channel(s), " + unit + ", " + metadata.modality() + ", "
                + geometry + "]";
    }

    /** Builds a {@link Volume}; {@link #build()} checks the voxel count against geometry and channels. */
    public static final class Builder {
        private final Geometry geometry;
        private int channels = 1;
        private IntensityUnit unit = IntensityUnit.ARBITRARY;
        private VolumeMetadata metadata = VolumeMetadata.EMPTY;
        private Buffer data;
        private VoxelType type;

        private Builder(Geometry geometry) {
            this.geometry = Objects.requireNonNull(geometry, "geometry");
        }

        /** @param n channels, at least 1 */
        public Builder channels(int n) {
            this.channels = n;
            return this;
        }

        public Builder unit(IntensityUnit u) {
            this.unit = Objects.requireNonNull(u, "unit");
            return this;
        }

        public Builder metadata(VolumeMetadata m) {
            this.metadata = Objects.requireNonNull(m, "metadata");
            return this;
        }

        /** @param voxels FLOAT32 voxels, C order (c, z, y, x); owned by the volume from now on */
        public Builder floats(float[] voxels) {
            return floats(FloatBuffer.wrap(voxels));
        }

        /** @param voxels FLOAT32 voxels from index 0, C order; heap or direct; owned by the volume from now on */
        public Builder floats(FloatBuffer voxels) {
            this.data = voxels.duplicate().clear();
            this.type = VoxelType.FLOAT32;
            return this;
        }

        /** @param voxels INT16 voxels, C order; owned by the volume from now on */
        public Builder shorts(short[] voxels) {
            return shorts(ShortBuffer.wrap(voxels));
        }

        /** @param voxels INT16 voxels from index 0, C order; heap or direct; owned by the volume from now on */
        public Builder shorts(ShortBuffer voxels) {
            this.data = voxels.duplicate().clear();
            this.type = VoxelType.INT16;
            return this;
        }

        /** @param voxels UINT8 voxels, C order; owned by the volume from now on */
        public Builder unsignedBytes(byte[] voxels) {
            return unsignedBytes(ByteBuffer.wrap(voxels));
        }

        /** @param voxels UINT8 voxels from index 0, C order; heap or direct; owned by the volume from now on */
        public Builder unsignedBytes(ByteBuffer voxels) {
            this.data = voxels.duplicate().clear();
            this.type = VoxelType.UINT8;
            return this;
        }

        /**
         * @return the volume
         * @throws IllegalArgumentException if no voxels were given, channels &lt; 1, or the voxel count is not
         *                                  channels·nx·ny·nz
         */
        public Volume build() {
            if (data == null) {
                throw new IllegalArgumentException("Volume.Builder: voxels must be given (floats, shorts or unsignedBytes)");
            }
            if (channels < 1) {
                throw new IllegalArgumentException("channels must be >= 1, got " + channels);
            }
            long expected = (long) channels * geometry.voxelCount();
            if (expected > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("volume too large: " + channels + " channel(s) x "
                        + geometry.voxelCount() + " voxels exceeds a Java buffer's 2^31 elements; split it");
            }
            if (data.capacity() != expected) {
                throw new IllegalArgumentException("voxel buffer holds " + data.capacity() + " " + type + " values, but "
                        + channels + " channel(s) x " + geometry.nx() + "x" + geometry.ny() + "x" + geometry.nz()
                        + " needs " + expected);
            }
            return new Volume(geometry, channels, type, unit, metadata, data);
        }
    }
}
