package org.medimg4j.core.transform.spatial;

import java.util.Objects;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;

/**
 * Rotates the voxel grid by a whole number of quarter turns in the plane of two index axes (by default i-j, the
 * image plane), without moving any voxel in patient space: the geometry's axes, spacing and size are permuted
 * (and negated where the rotation reverses an axis) and the origin moves to the voxel that lands at index
 * (0, 0, 0). Exact (no interpolation); the label turns identically; its inverse is the opposite rotation.
 * Immutable and thread-safe.
 *
 * <p>Convention: one quarter turn in the plane (a, b) makes output axis a run backwards along input axis b and
 * output axis b run forwards along input axis a (NumPy's {@code rot90(m, 1, axes=(a, b))} with axes counted in
 * (i, j, k) order). With i drawn rightwards and j downwards, as DICOM images are displayed, one turn in the i-j
 * plane turns the picture 90° clockwise. A 2-D image (nz = 1) turns in its i-j plane as expected.
 *
 * <p>The voxel type is kept: a rotation by quarter turns moves values without changing them.
 */
public final class Rotate90 implements Transform {

    private final int turns;
    private final int axisA;
    private final int axisB;

    private Rotate90(int turns, int axisA, int axisB) {
        this.turns = turns;
        this.axisA = axisA;
        this.axisB = axisB;
    }

    /**
     * @param turns quarter turns in the i-j plane; any integer, taken modulo 4 (negative turns the other way)
     * @return the rotation
     */
    public static Rotate90 of(int turns) {
        return of(turns, 0, 1);
    }

    /**
     * @param turns quarter turns, any integer, taken modulo 4 (negative turns the other way)
     * @param axisA the first axis of the plane: 0 = i, 1 = j, 2 = k
     * @param axisB the second axis of the plane, different from {@code axisA}
     * @return the rotation
     * @throws IllegalArgumentException naming {@code axisA}/{@code axisB} if an axis is outside 0..2 or both are the
     *                                  same
     */
    public static Rotate90 of(int turns, int axisA, int axisB) {
        if (axisA < 0 || axisA > 2) {
            throw new IllegalArgumentException("Rotate90: axisA must be 0 (i), 1 (j) or 2 (k), got " + axisA);
        }
        if (axisB < 0 || axisB > 2) {
            throw new IllegalArgumentException("Rotate90: axisB must be 0 (i), 1 (j) or 2 (k), got " + axisB);
        }
        if (axisA == axisB) {
            throw new IllegalArgumentException("Rotate90: axisA and axisB must name two different axes, both are " + axisA);
        }
        return new Rotate90(Math.floorMod(turns, 4), axisA, axisB);
    }

    /** @return quarter turns, 0..3 */
    public int turns() {
        return turns;
    }

    /** @return the first axis of the plane (0 = i, 1 = j, 2 = k) */
    public int axisA() {
        return axisA;
    }

    /** @return the second axis of the plane */
    public int axisB() {
        return axisB;
    }

    /** @return the opposite rotation, in the same plane */
    public Rotate90 inverse() {
        return new Rotate90(Math.floorMod(-turns, 4), axisA, axisB);
    }

    @Override
    public Sample apply(Sample sample) {
        return apply(Objects.requireNonNull(sample, "sample"), "Rotate90", parameters());
    }

    /** Applies the rotation, recording it under {@code name} with {@code parameters} (for {@link RandomRotate90}). */
    Sample apply(Sample sample, String name, String parameters) {
        return permutation().apply(sample, name, parameters, inverse());
    }

    AxisPermutation permutation() {
        AxisPermutation quarter = AxisPermutation.quarterTurn(axisA, axisB);
        AxisPermutation p = AxisPermutation.identity();
        for (int t = 0; t < turns; t++) {
            p = p.then(quarter);
        }
        return p;
    }

    /** @return e.g. "turns=1, plane=i-j" */
    String parameters() {
        return "turns=" + turns + ", plane=" + AxisPermutation.axisName(axisA) + "-" + AxisPermutation.axisName(axisB);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rotate90 r && r.turns == turns && r.axisA == axisA && r.axisB == axisB;
    }

    @Override
    public int hashCode() {
        return (turns * 31 + axisA) * 31 + axisB;
    }

    @Override
    public String toString() {
        return "Rotate90(" + parameters() + ")";
    }
}
