package org.medimg4j.core.nifti;

import java.util.Locale;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;

/**
 * Converts between a NIfTI-1 header's index → world transform and a {@link Geometry}.
 *
 * <p>NIfTI's world frame is RAS (+x Right, +y Anterior, +z Superior) and DICOM's, hence {@link Geometry}'s, is LPS:
 * the two differ by negating x and y, so an LPS affine is the RAS affine with its first two rows negated (and
 * back). Both frames index voxels from the centre of voxel (0, 0, 0), so no half-voxel shift is involved.
 *
 * <p>Which transform is used when reading (documented precedence, nibabel's choice too):
 * <ol>
 *   <li>{@code sform_code > 0}: the sform ({@code srow_x/y/z}), which may hold any affine; one whose axes are
 *       not orthogonal (sheared) cannot be represented and is refused;</li>
 *   <li>else {@code qform_code > 0}: the qform, a rotation from the quaternion ({@code quatern_b/c/d}, with
 *       {@code a = sqrt(1 - b² - c² - d²)}), the voxel size {@code pixdim[1..3]}, the handedness
 *       {@code qfac = pixdim[0]} (−1 flips the z axis; 0 counts as +1) and the offset {@code qoffset_x/y/z}
 *       (nifti1.h "METHOD 2");</li>
 *   <li>else "METHOD 1" (ANALYZE 7.5 compatibility): {@code x = pixdim[1]·i} etc. in RAS with the origin at 0.</li>
 * </ol>
 * Lengths are converted from {@code xyzt_units} (meter, micron) to mm; an unknown unit (0) is taken to be mm.
 */
final class NiftiGeometry {

    /** xyzt_units spatial codes (nifti1.h NIFTI_UNITS_*): the low three bits. */
    static final int UNITS_METER = 1;
    static final int UNITS_MM = 2;
    static final int UNITS_MICRON = 3;
    /** qform_code / sform_code NIFTI_XFORM_SCANNER_ANAT: coordinates in the scanner's (DICOM patient) frame. */
    static final short XFORM_SCANNER_ANAT = 1;

    /** Below this, 1 − b² − c² − d² (= a²) is float noise and a is taken as 0 (nifti1_io uses 1e-7). */
    private static final double QUATERNION_A2_ZERO = 1e-7;

    private static final String[] AXES = {"i (x)", "j (y)", "k (z)"};

    private NiftiGeometry() {
    }

    /** Which of the header's transforms {@link #toGeometry} used. */
    enum Source {
        SFORM, QFORM, PIXDIM
    }

    /** @return the transform {@link #toGeometry} uses for {@code h}, by the precedence in the class comment */
    static Source sourceOf(NiftiHeader h) {
        if (h.sformCode() > 0) {
            return Source.SFORM;
        }
        return h.qformCode() > 0 ? Source.QFORM : Source.PIXDIM;
    }

    /**
     * @param h      a parsed header
     * @param source the file name, for messages
     * @return the header's geometry in LPS mm, from the transform chosen by {@link #sourceOf}
     * @throws NiftiException naming the file and the transform, if it is sheared, degenerate or not finite
     */
    static Geometry toGeometry(NiftiHeader h, String source) throws NiftiException {
        return toGeometry(h, sourceOf(h), source);
    }

    /** As {@link #toGeometry(NiftiHeader, String)} but from a chosen transform (to compare qform and sform). */
    static Geometry toGeometry(NiftiHeader h, Source which, String source) throws NiftiException {
        int[] size = {h.nx(), h.ny(), h.nz()};
        double[] ras = switch (which) {
            case SFORM -> sformAffine(h);
            case QFORM -> qformAffine(h, size, source);
            case PIXDIM -> pixdimAffine(h, size, source);
        };
        double unit = mmPerUnit(h.xyztUnits());
        for (int i = 0; i < 12; i++) {
            ras[i] *= unit;
        }
        return fromRasAffine(ras, size, source, which.name().toLowerCase(Locale.ROOT));
    }

    /** @return millimetres per spatial unit of {@code xyzt_units} (unknown → mm) */
    static double mmPerUnit(int xyztUnits) {
        return switch (xyztUnits & 0x07) {
            case UNITS_METER -> 1000.0;
            case UNITS_MICRON -> 0.001;
            default -> 1.0;
        };
    }

    private static double[] sformAffine(NiftiHeader h) {
        double[] a = new double[12];
        float[] srow = h.srow();
        for (int i = 0; i < 12; i++) {
            a[i] = srow[i];
        }
        return a;
    }

    private static double[] qformAffine(NiftiHeader h, int[] size, String source) throws NiftiException {
        double b = h.quatern()[0];
        double c = h.quatern()[1];
        double d = h.quatern()[2];
        if (!Double.isFinite(b) || !Double.isFinite(c) || !Double.isFinite(d)) {
            throw new NiftiException(source, "qform quatern_b/c/d must be finite, got " + b + ", " + c + ", " + d);
        }
        double sum = b * b + c * c + d * d;
        double a;
        if (1.0 - sum < QUATERNION_A2_ZERO) {
            // near a 180-degree rotation a is tiny and float rounding of b, c, d swamps it (or pushes the sum
            // past 1): take a = 0 and renormalise, the threshold nifti1_io's quatern_to_mat44 uses
            double n = Math.sqrt(sum);
            b /= n;
            c /= n;
            d /= n;
            a = 0.0;
        } else {
            a = Math.sqrt(1.0 - sum);
        }
        double[] r = {
            a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
            2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
            2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b};
        double qfac = h.pixdim()[0] < 0 ? -1.0 : 1.0;
        double[] s = {voxelSize(h, 0, size, source), voxelSize(h, 1, size, source),
            qfac * voxelSize(h, 2, size, source)};
        double[] out = new double[12];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                out[row * 4 + col] = r[row * 3 + col] * s[col];
            }
            out[row * 4 + 3] = h.qoffset()[row];
        }
        return out;
    }

    private static double[] pixdimAffine(NiftiHeader h, int[] size, String source) throws NiftiException {
        double[] out = new double[12];
        for (int axis = 0; axis < 3; axis++) {
            out[axis * 4 + axis] = voxelSize(h, axis, size, source);
        }
        return out;
    }

    /**
     * The voxel size along an axis from {@code |pixdim[axis + 1]|}; a zero size on an axis one voxel thick (a
     * 2-D image's z) is harmless and taken as 1, elsewhere it would put every voxel in one place.
     */
    private static double voxelSize(NiftiHeader h, int axis, int[] size, String source) throws NiftiException {
        double p = Math.abs(h.pixdim()[axis + 1]);
        if (p > 0 && Double.isFinite(p)) {
            return p;
        }
        if (size[axis] == 1) {
            return 1.0;
        }
        throw new NiftiException(source, "pixdim[" + (axis + 1) + "] (voxel size along " + AXES[axis]
                + ") must be a positive finite number, got " + h.pixdim()[axis + 1]);
    }

    /** RAS affine (row-major 3×4, mm) → LPS geometry, refusing shear and degenerate axes. */
    private static Geometry fromRasAffine(double[] a, int[] size, String source, String form) throws NiftiException {
        double[] direction = new double[9];
        double[] spacing = new double[3];
        for (int col = 0; col < 3; col++) {
            double x = -a[col];
            double y = -a[4 + col];
            double z = a[8 + col];
            double norm = Math.sqrt(x * x + y * y + z * z);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new NiftiException(source, form + " column " + col + " (axis " + AXES[col]
                        + ") must be a finite non-zero vector, got (" + a[col] + ", " + a[4 + col] + ", "
                        + a[8 + col] + ")");
            }
            spacing[col] = norm;
            direction[col] = x / norm;
            direction[3 + col] = y / norm;
            direction[6 + col] = z / norm;
        }
        // i and j must be orthogonal; a k axis slanted against them is a gantry-tilted stack, which Geometry
        // models (allowShear) and checks for degeneracy.
        for (int c1 = 0; c1 < 1; c1++) {
            for (int c2 = c1 + 1; c2 < 2; c2++) {
                double dot = 0;
                for (int row = 0; row < 3; row++) {
                    dot += direction[row * 3 + c1] * direction[row * 3 + c2];
                }
                if (!(Math.abs(dot) <= Geometry.ORTHONORMAL_TOLERANCE)) {
                    throw new NiftiException(source, form + " is sheared: axes " + AXES[c1] + " and " + AXES[c2]
                            + " have cosine " + dot + " (" + String.format(Locale.ROOT, "%.3f",
                            Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))))) + " degrees), expected"
                            + " orthogonal axes within " + Geometry.ORTHONORMAL_TOLERANCE);
                }
            }
        }
        double[] origin = {-a[3], -a[7], a[11]};
        try {
            return Geometry.builder().size(size[0], size[1], size[2]).spacing(spacing[0], spacing[1], spacing[2])
                    .origin(origin[0], origin[1], origin[2]).direction(direction).allowShear(form.equals("sform"))
                    .build();
        } catch (GeometryException e) {
            throw new NiftiException(source, form + " does not give a valid geometry: " + e.getMessage(), e);
        }
    }

    /**
     * The header transforms that describe {@code g}: sform and qform for the same RAS affine.
     *
     * @param srow    sform rows, row-major 3×4, RAS mm
     * @param quatern quatern_b, quatern_c, quatern_d
     * @param qoffset qoffset_x, qoffset_y, qoffset_z, RAS mm
     * @param qfac    +1 for a right-handed grid, −1 when the k axis must be flipped to make the rotation proper
     * @param spacing voxel size along i, j, k, mm (pixdim[1..3])
     */
    record Encoded(float[] srow, float[] quatern, float[] qoffset, float qfac, float[] spacing) {
    }

    /** @return the sform and qform of {@code g} (LPS → RAS) */
    static Encoded encode(Geometry g) {
        double[] d = g.direction();
        double[] sp = g.spacing();
        double[] o = g.origin().toArray();
        double[] r = new double[9];
        for (int col = 0; col < 3; col++) {
            r[col] = -d[col];
            r[3 + col] = -d[3 + col];
            r[6 + col] = d[6 + col];
        }
        double[] ras = {-o[0], -o[1], o[2]};
        float[] srow = new float[12];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                srow[row * 4 + col] = (float) (r[row * 3 + col] * sp[col]);
            }
            srow[row * 4 + 3] = (float) ras[row];
        }
        // a quaternion only encodes a proper rotation: a left-handed grid stores its k axis flipped, qfac = -1
        double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
                + r[2] * (r[3] * r[7] - r[4] * r[6]);
        float qfac = 1f;
        if (det < 0) {
            qfac = -1f;
            r[2] = -r[2];
            r[5] = -r[5];
            r[8] = -r[8];
        }
        double[] q = quaternion(r);
        return new Encoded(srow, new float[] {(float) q[1], (float) q[2], (float) q[3]},
                new float[] {(float) ras[0], (float) ras[1], (float) ras[2]}, qfac,
                new float[] {(float) sp[0], (float) sp[1], (float) sp[2]});
    }

    /**
     * The unit quaternion (a, b, c, d), a ≥ 0, of a proper rotation matrix, by Shepperd's method: it divides by
     * the largest of the four candidate terms, so it stays accurate for rotations near 180°.
     */
    static double[] quaternion(double[] r) {
        double trace = r[0] + r[4] + r[8];
        double a;
        double b;
        double c;
        double d;
        if (trace > 0) {
            double s = 0.5 / Math.sqrt(trace + 1.0);
            a = 0.25 / s;
            b = (r[7] - r[5]) * s;
            c = (r[2] - r[6]) * s;
            d = (r[3] - r[1]) * s;
        } else if (r[0] > r[4] && r[0] > r[8]) {
            double s = 2.0 * Math.sqrt(1.0 + r[0] - r[4] - r[8]);
            a = (r[7] - r[5]) / s;
            b = 0.25 * s;
            c = (r[1] + r[3]) / s;
            d = (r[2] + r[6]) / s;
        } else if (r[4] > r[8]) {
            double s = 2.0 * Math.sqrt(1.0 + r[4] - r[0] - r[8]);
            a = (r[2] - r[6]) / s;
            b = (r[1] + r[3]) / s;
            c = 0.25 * s;
            d = (r[5] + r[7]) / s;
        } else {
            double s = 2.0 * Math.sqrt(1.0 + r[8] - r[0] - r[4]);
            a = (r[3] - r[1]) / s;
            b = (r[2] + r[6]) / s;
            c = (r[5] + r[7]) / s;
            d = 0.25 * s;
        }
        double n = Math.sqrt(a * a + b * b + c * c + d * d);
        // q and -q are the same rotation; NIfTI stores only b, c, d and derives a >= 0
        double sign = a < 0 ? -1.0 / n : 1.0 / n;
        return new double[] {a * sign, b * sign, c * sign, d * sign};
    }
}
