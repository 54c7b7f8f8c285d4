package org.medimg4j.core.volume;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;

/**
 * A segmentation: one unsigned 8-bit label (0 = background, 1..255 = classes) per voxel of a {@link Geometry},
 * in C order (z, y, x). Follows the same geometry rules as {@link Volume}; spatial transforms move labels with
 * nearest-neighbour interpolation so that no label is invented. Immutable: the factory methods take ownership of
 * the array or buffer they are given.
 */
public final class LabelVolume {

    /** Geometries of an image and its label may differ by this much (mm) and still count as the same grid. */
    public static final double GEOMETRY_TOLERANCE_MM = 1e-3;

    private final Geometry geometry;
    private final ByteBuffer labels;
    private final VolumeMetadata metadata;

    private LabelVolume(Geometry geometry, ByteBuffer labels, VolumeMetadata metadata) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        if (labels.capacity() != geometry.voxelCount()) {
            throw new IllegalArgumentException("label buffer holds " + labels.capacity() + " voxels, but geometry "
                    + geometry.nx() + "x" + geometry.ny() + "x" + geometry.nz() + " needs " + geometry.voxelCount());
        }
        this.labels = labels.duplicate().clear();
    }

    /** @param labels one label per voxel, C order (z, y, x); owned by the result */
    public static LabelVolume of(Geometry geometry, byte[] labels) {
        return new LabelVolume(geometry, ByteBuffer.wrap(labels), VolumeMetadata.EMPTY);
    }

    /** @param labels one label per voxel from index 0, heap or direct; owned by the result */
    public static LabelVolume of(Geometry geometry, ByteBuffer labels) {
        return new LabelVolume(geometry, labels, VolumeMetadata.EMPTY);
    }

    /** @return an all-background label volume */
    public static LabelVolume empty(Geometry geometry) {
        long n = geometry.voxelCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("label volume too large: " + n + " voxels");
        }
        return of(geometry, new byte[(int) n]);
    }

    /** @return a binary mask: 1 where {@code image} (channel 0) is ≥ {@code threshold}, 0 elsewhere */
    public static LabelVolume threshold(Volume image, float threshold) {
        Geometry g = image.geometry();
        int plane = g.nx() * g.ny();
        byte[] out = new byte[image.voxelsPerChannel()];
        float[] slice = new float[plane];
        for (int z = 0; z < g.nz(); z++) {
            image.readSlice(0, z, slice);
            int base = z * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = slice[i] >= threshold ? (byte) 1 : 0;
            }
        }
        return of(g, out);
    }

    /**
     * @param wanted the labels to keep (0..255)
     * @return a binary mask: 1 where this volume holds one of {@code wanted}, 0 elsewhere
     */
    public LabelVolume select(int... wanted) {
        boolean[] keep = new boolean[256];
        for (int w : wanted) {
            if (w < 0 || w > 255) {
                throw new IllegalArgumentException("select: label " + w + " outside 0..255");
            }
            keep[w] = true;
        }
        int n = labels.capacity();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = keep[labels.get(i) & 0xFF] ? (byte) 1 : 0;
        }
        return new LabelVolume(geometry, ByteBuffer.wrap(out), metadata);
    }

    /**
     * @param region a mask on the same geometry
     * @return these labels where {@code region} is non-zero, 0 elsewhere
     * @throws org.medimg4j.core.geometry.GeometryException if the region's geometry is not this label's
     */
    public LabelVolume maskedBy(LabelVolume region) {
        geometry.requireSameGrid(region.geometry, GEOMETRY_TOLERANCE_MM, "maskedBy: region vs label");
        int n = labels.capacity();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = region.labels.get(i) != 0 ? labels.get(i) : 0;
        }
        return new LabelVolume(geometry, ByteBuffer.wrap(out), metadata);
    }

    /** @return the same labels on another geometry of the same size */
    public LabelVolume withGeometry(Geometry newGeometry) {
        return new LabelVolume(newGeometry, labels, metadata);
    }

    public LabelVolume withMetadata(VolumeMetadata newMetadata) {
        return new LabelVolume(geometry, labels, newMetadata);
    }

    public Geometry geometry() {
        return geometry;
    }

    public VolumeMetadata metadata() {
        return metadata;
    }

    /** @return a read-only view of the labels (read with {@code & 0xFF}), C order (z, y, x) */
    public ByteBuffer labels() {
        return labels.asReadOnlyBuffer();
    }

    /** @return a copy of the labels, C order (z, y, x) */
    public byte[] toByteArray() {
        byte[] out = new byte[labels.capacity()];
        labels.get(0, out);
        return out;
    }

    /** @return the label at (z, y, x), 0..255 */
    public int get(int z, int y, int x) {
        Geometry g = geometry;
        if (z < 0 || z >= g.nz() || y < 0 || y >= g.ny() || x < 0 || x >= g.nx()) {
            throw new IndexOutOfBoundsException("voxel (z=" + z + ", y=" + y + ", x=" + x + ") outside "
                    + g.nz() + "x" + g.ny() + "x" + g.nx());
        }
        return labels.get((z * g.ny() + y) * g.nx() + x) & 0xFF;
    }

    /** @return the number of voxels holding {@code label} */
    public long count(int label) {
        long n = 0;
        int cap = labels.capacity();
        byte want = (byte) label;
        for (int i = 0; i < cap; i++) {
            if (labels.get(i) == want) {
                n++;
            }
        }
        return n;
    }

    /** @return the volume of {@code label} in millilitres (voxel count × voxel volume in mm³ / 1000) */
    public double volumeMl(int label) {
        return count(label) * geometry.voxelVolumeMm3() / 1000.0;
    }

    /** @return the largest label present (0 for an all-background volume) */
    public int maxLabel() {
        int max = 0;
        int cap = labels.capacity();
        for (int i = 0; i < cap; i++) {
            max = Math.max(max, labels.get(i) & 0xFF);
        }
        return max;
    }

    /**
     * @throws org.medimg4j.core.geometry.GeometryException if {@code image}'s geometry is not this label's, within
     *                                                      {@link #GEOMETRY_TOLERANCE_MM}
     */
    public void requireSameGeometry(Volume image) {
        geometry.requireSameGrid(image.geometry(), GEOMETRY_TOLERANCE_MM, "label vs image");
    }

    @Override
    public String toString() {
        return "LabelVolume[" + geometry + "]";
    }
}
