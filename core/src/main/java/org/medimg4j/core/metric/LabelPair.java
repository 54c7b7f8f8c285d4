package org.medimg4j.core.metric;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.LabelVolume;

/**
 * A prediction and its ground truth, checked once at the boundary to lie on the same voxel grid, with read-only
 * views of both label buffers for the metric loops.
 *
 * @param geometry   the common grid (the prediction's)
 * @param prediction the predicted labels, C order (z, y, x), read with {@code & 0xFF}
 * @param truth      the reference labels, same layout
 */
record LabelPair(Geometry geometry, ByteBuffer prediction, ByteBuffer truth) {

    /** Voxels copied from the label buffers at a time: large enough to amortise the bulk get, small for cache. */
    static final int CHUNK = 1 << 14;

    /**
     * @throws NullPointerException                              naming {@code prediction} or {@code truth}
     * @throws org.medimg4j.core.geometry.GeometryException if the two geometries differ by more than
     *                                                           {@link LabelVolume#GEOMETRY_TOLERANCE_MM}
     */
    static LabelPair of(LabelVolume prediction, LabelVolume truth) {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(truth, "truth");
        prediction.geometry().requireSameGrid(truth.geometry(), LabelVolume.GEOMETRY_TOLERANCE_MM,
                "prediction vs truth");
        return new LabelPair(prediction.geometry(), prediction.labels(), truth.labels());
    }

    /** @return the number of voxels (fits an int: a label buffer is one Java buffer) */
    int voxels() {
        return prediction.capacity();
    }

    /** @throws IllegalArgumentException naming {@code label} unless it is a valid 8-bit label, 0..255 */
    static void requireLabel(int label) {
        if (label < 0 || label > 255) {
            throw new IllegalArgumentException("label must be in 0..255 (labels are unsigned 8-bit), got " + label);
        }
    }
}
