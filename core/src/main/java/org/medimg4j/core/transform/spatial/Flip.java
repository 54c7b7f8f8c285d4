package org.medimg4j.core.transform.spatial;

import java.util.Arrays;
import java.util.Objects;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;

/**
 * Reverses the voxel order along a subset of the index axes i (0, columns), j (1, rows) and k (2, slices), without
 * moving any voxel in patient space: each flipped axis' direction column is negated and the origin moves to the
 * voxel that was last along it, so every voxel keeps its LPS position (mm) and only its index changes. The label
 * is flipped identically. Exact (no interpolation); its own inverse. Immutable and thread-safe.
 *
 * <p>The voxel type is kept (INT16 stays INT16): a flip moves values without changing them, so converting to
 * FLOAT32 would only cost memory. Rows along i are copied with bulk buffer reads when i is not flipped, and
 * output slices are produced in parallel for large volumes.
 *
 * <pre>{@code
 * Sample mirrored = Flip.along(0).apply(sample);        // left-right in index space
 * Sample back = mirrored.spatialInverse().apply(mirrored);
 * }</pre>
 */
public final class Flip implements Transform {

    private final boolean[] flipped;

    private Flip(boolean[] flipped) {
        this.flipped = flipped;
    }

    /**
     * @param axes the index axes to flip: 0 = i, 1 = j, 2 = k, each at most once; none gives the identity
     * @return the flip
     * @throws NullPointerException     if {@code axes} is null
     * @throws IllegalArgumentException naming {@code axes} if an axis is outside 0..2 or given twice
     */
    public static Flip along(int... axes) {
        Objects.requireNonNull(axes, "axes");
        boolean[] f = new boolean[3];
        for (int a : axes) {
            if (a < 0 || a > 2) {
                throw new IllegalArgumentException("Flip: axes must be 0 (i), 1 (j) or 2 (k), got " + a
                        + " in axes=" + Arrays.toString(axes));
            }
            if (f[a]) {
                throw new IllegalArgumentException("Flip: axis " + a + " given twice in axes=" + Arrays.toString(axes));
            }
            f[a] = true;
        }
        return new Flip(f);
    }

    /** @return the flipped axes in increasing order (0 = i, 1 = j, 2 = k), a new array */
    public int[] axes() {
        int count = 0;
        for (boolean b : flipped) {
            count += b ? 1 : 0;
        }
        int[] out = new int[count];
        for (int a = 0, n = 0; a < 3; a++) {
            if (flipped[a]) {
                out[n++] = a;
            }
        }
        return out;
    }

    /** @param axis 0 = i, 1 = j, 2 = k @return whether this flip reverses that axis */
    public boolean flips(int axis) {
        return flipped[axis];
    }

    /** @return the flip that undoes this one: the same flip */
    public Flip inverse() {
        return this;
    }

    @Override
    public Sample apply(Sample sample) {
        return apply(Objects.requireNonNull(sample, "sample"), "Flip", parameters());
    }

    /** Applies the flip, recording it under {@code name} with {@code parameters} (for {@link RandomFlip}). */
    Sample apply(Sample sample, String name, String parameters) {
        return AxisPermutation.flip(flipped).apply(sample, name, parameters, this);
    }

    /** @return e.g. "axes=[i, k]" */
    String parameters() {
        StringBuilder sb = new StringBuilder("axes=[");
        int[] a = axes();
        for (int n = 0; n < a.length; n++) {
            sb.append(n > 0 ? ", " : "").append(AxisPermutation.axisName(a[n]));
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Flip f && Arrays.equals(flipped, f.flipped);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(flipped);
    }

    @Override
    public String toString() {
        return "Flip(" + parameters() + ")";
    }
}
