package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import java.util.SplittableRandom;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.TransformException;

/**
 * A displacement field given by vectors on a coarse control grid and interpolated by uniform cubic B-splines,
 * which makes it twice continuously differentiable (the free-form deformation of Rueckert et al., 1999).
 * Immutable.
 *
 * <h2>Control grid</h2>
 * The control grid is anchored to an image {@link Geometry} and runs along its i, j, k axes with one spacing
 * {@code controlSpacingMm} on all of them. Control point 1 sits on the image's outer voxel corner (index −½) and
 * the grid reaches one point beyond the far corner plus the two extra points a cubic needs, so
 * {@code ⌊n·s / S⌋ + 4} points per axis (n voxels of spacing s mm, control spacing S mm). An axis of one voxel (the
 * depth of a 2-D image) gets a single control layer and no displacement along it, so a 2-D image stays in its
 * plane. Outside the grid the field is held at its boundary value.
 *
 * <p>Each coefficient is a displacement vector in mm (LPS). Because cubic B-spline weights are non-negative and
 * sum to one, no displacement component (along an image axis) exceeds the largest coefficient component.
 */
public final class BSplineDisplacementField extends DisplacementField {

    /**
     * The largest displacement accepted for {@link #random}, as a fraction of the control spacing: below 0.4 a
     * 3-D cubic B-spline deformation is guaranteed not to fold (Choi and Lee, 2000; Rueckert et al., 2006), so the
     * deformed anatomy stays plausible and the field can be inverted.
     */
    public static final double MAX_DISPLACEMENT_FRACTION = 0.4;

    /** A guard against a control spacing so fine that the grid would not fit memory. */
    private static final long MAX_CONTROL_POINTS = 1L << 24;

    private final Geometry grid;
    private final double spacingMm;
    private final int ncx;
    private final int ncy;
    private final int ncz;
    /** Coefficients, LPS mm, flat (cz·ncy + cy)·ncx + cx. */
    private final double[] cx;
    private final double[] cy;
    private final double[] cz;
    /** World (LPS mm) → continuous control coordinates, row-major 3×4. */
    private final double[] worldToControl;
    private final String description;

    private BSplineDisplacementField(Geometry grid, double spacingMm, int[] nc, double[] cx, double[] cy,
                                     double[] cz, String description) {
        this.grid = grid;
        this.spacingMm = spacingMm;
        this.ncx = nc[0];
        this.ncy = nc[1];
        this.ncz = nc[2];
        this.cx = cx;
        this.cy = cy;
        this.cz = cz;
        this.description = description;
        double[] w2i = grid.worldToIndexAffine();
        worldToControl = new double[12];
        for (int a = 0; a < 3; a++) {
            if (nc[a] == 1) {
                continue; // single layer: coordinate 0 everywhere (row stays zero)
            }
            double scale = grid.spacing(a) / spacingMm;
            for (int k = 0; k < 4; k++) {
                worldToControl[a * 4 + k] = w2i[a * 4 + k] * scale;
            }
            // index −½ (the outer corner) is control coordinate 1
            worldToControl[a * 4 + 3] += 0.5 * scale + 1;
        }
    }

    /**
     * @param grid             the image grid the control grid covers
     * @param controlSpacingMm the control point spacing, mm
     * @return control points along i, j, k (see the class comment)
     * @throws TransformException naming {@code controlSpacingMm} if it is not positive and finite, or so fine that
     *                            the control grid would exceed 2²⁴ points
     */
    public static int[] controlGridSize(Geometry grid, double controlSpacingMm) {
        if (!(controlSpacingMm > 0) || Double.isInfinite(controlSpacingMm)) {
            throw new TransformException("BSplineDisplacementField: controlSpacingMm must be a positive finite number"
                    + " of mm, got " + controlSpacingMm);
        }
        int[] n = grid.size();
        int[] nc = new int[3];
        long total = 1;
        for (int a = 0; a < 3; a++) {
            nc[a] = n[a] == 1 ? 1 : (int) Math.min(Integer.MAX_VALUE / 2,
                    Math.floor(n[a] * grid.spacing(a) / controlSpacingMm) + 4);
            total *= nc[a];
            if (total > MAX_CONTROL_POINTS) {
                throw new TransformException("BSplineDisplacementField: controlSpacingMm " + controlSpacingMm
                        + " mm is too fine for " + grid + " (more than " + MAX_CONTROL_POINTS + " control points)");
            }
        }
        return nc;
    }

    /**
     * A random field: each coefficient's component along each image axis is drawn uniformly from
     * [−{@code maxDisplacementMm}, +{@code maxDisplacementMm}] (none along an axis of one voxel), from a generator
     * seeded with {@code seed} alone, so the same arguments give the same field on any thread.
     *
     * @param grid              the image grid
     * @param controlSpacingMm  control point spacing, mm
     * @param maxDisplacementMm the largest displacement along any image axis, mm; at most
     *                          {@link #MAX_DISPLACEMENT_FRACTION} × {@code controlSpacingMm}
     * @param seed              the field's seed
     * @throws TransformException naming the parameter at fault
     */
    public static BSplineDisplacementField random(Geometry grid, double controlSpacingMm, double maxDisplacementMm,
                                                  long seed) {
        int[] nc = controlGridSize(grid, controlSpacingMm);
        requireDisplacement(maxDisplacementMm, controlSpacingMm);
        int total = nc[0] * nc[1] * nc[2];
        double[] cx = new double[total];
        double[] cy = new double[total];
        double[] cz = new double[total];
        double[] dir = grid.direction();
        boolean[] moves = {grid.nx() > 1, grid.ny() > 1, grid.nz() > 1};
        SplittableRandom random = new SplittableRandom(seed);
        double[] d = new double[3];
        for (int p = 0; p < total; p++) {
            for (int a = 0; a < 3; a++) {
                // always draw, so that the stream does not depend on which axes move
                double v = (2 * random.nextDouble() - 1) * maxDisplacementMm;
                d[a] = moves[a] ? v : 0;
            }
            cx[p] = dir[0] * d[0] + dir[1] * d[1] + dir[2] * d[2];
            cy[p] = dir[3] * d[0] + dir[4] * d[1] + dir[5] * d[2];
            cz[p] = dir[6] * d[0] + dir[7] * d[1] + dir[8] * d[2];
        }
        return new BSplineDisplacementField(grid, controlSpacingMm, nc, cx, cy, cz, String.format(Locale.ROOT,
                "B-spline field (control spacing %.4g mm, max displacement %.4g mm, seed %d)",
                controlSpacingMm, maxDisplacementMm, seed));
    }

    /**
     * A field with given coefficients.
     *
     * @param grid             the image grid
     * @param controlSpacingMm control point spacing, mm
     * @param coefficientsMm   3 values (x, y, z displacement, LPS mm) per control point, control points in C order
     *                         (k, j, i) over {@link #controlGridSize}; copied
     * @throws TransformException naming {@code coefficientsMm} if it has the wrong length or a non-finite value
     */
    public static BSplineDisplacementField of(Geometry grid, double controlSpacingMm, double[] coefficientsMm) {
        int[] nc = controlGridSize(grid, controlSpacingMm);
        int total = nc[0] * nc[1] * nc[2];
        if (coefficientsMm == null || coefficientsMm.length != 3 * total) {
            throw new TransformException("BSplineDisplacementField: coefficientsMm must hold 3 x " + nc[0] + "x"
                    + nc[1] + "x" + nc[2] + " = " + 3 * total + " values, got "
                    + (coefficientsMm == null ? "null" : coefficientsMm.length));
        }
        double[] cx = new double[total];
        double[] cy = new double[total];
        double[] cz = new double[total];
        for (int p = 0; p < total; p++) {
            cx[p] = coefficientsMm[3 * p];
            cy[p] = coefficientsMm[3 * p + 1];
            cz[p] = coefficientsMm[3 * p + 2];
            if (!Double.isFinite(cx[p]) || !Double.isFinite(cy[p]) || !Double.isFinite(cz[p])) {
                throw new TransformException("BSplineDisplacementField: coefficientsMm must be finite; control point "
                        + p + " is not");
            }
        }
        return new BSplineDisplacementField(grid, controlSpacingMm, nc, cx, cy, cz, String.format(Locale.ROOT,
                "B-spline field (control spacing %.4g mm, given coefficients)", controlSpacingMm));
    }

    static void requireDisplacement(double maxDisplacementMm, double controlSpacingMm) {
        if (!(maxDisplacementMm >= 0) || Double.isInfinite(maxDisplacementMm)) {
            throw new TransformException("maxDisplacementMm must be a finite number of mm >= 0, got "
                    + maxDisplacementMm);
        }
        if (maxDisplacementMm > MAX_DISPLACEMENT_FRACTION * controlSpacingMm) {
            throw new TransformException("maxDisplacementMm " + maxDisplacementMm + " mm must be at most "
                    + MAX_DISPLACEMENT_FRACTION + " x controlSpacingMm (" + controlSpacingMm
                    + " mm) so that the deformation cannot fold");
        }
    }

    /** @return the grid the control points are anchored to */
    public Geometry grid() {
        return grid;
    }

    /** @return the control point spacing, mm */
    public double controlSpacingMm() {
        return spacingMm;
    }

    /** Fills four tap indices and weights, from {@code at}, for control coordinate u on an axis of nc points. */
    private static void taps(double u, int nc, int[] idx, double[] w, int at) {
        // hold the field at its boundary outside the grid; u >= 1 makes the cast a floor
        double uc = u < 1 ? 1 : Math.min(u, Math.max(1, nc - 3));
        int f = (int) uc;
        double t = uc - f;
        double t2 = t * t;
        double t3 = t2 * t;
        double s = 1 - t;
        w[at] = s * s * s / 6;
        w[at + 1] = (3 * t3 - 6 * t2 + 4) / 6;
        w[at + 2] = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6;
        w[at + 3] = t3 / 6;
        for (int k = 0; k < 4; k++) {
            idx[at + k] = Math.min(Math.max(f - 1 + k, 0), nc - 1);
        }
    }

    @Override
    public void displacementAt(double x, double y, double z, double[] out) {
        evaluate(x, y, z, out, new int[12], new double[12]);
    }

    /**
     * The displacement at (x, y, z) into {@code out}, using caller-owned scratch (12 ints, 12 doubles) so that a
     * loop over many points allocates nothing.
     */
    void evaluate(double x, double y, double z, double[] out, int[] idx, double[] w) {
        double[] m = worldToControl;
        taps(m[0] * x + m[1] * y + m[2] * z + m[3], ncx, idx, w, 0);
        taps(m[4] * x + m[5] * y + m[6] * z + m[7], ncy, idx, w, 4);
        taps(m[8] * x + m[9] * y + m[10] * z + m[11], ncz, idx, w, 8);
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int c = 0; c < 4; c++) {
            for (int b = 0; b < 4; b++) {
                int row = (idx[8 + c] * ncy + idx[4 + b]) * ncx;
                double wzy = w[8 + c] * w[4 + b];
                for (int a = 0; a < 4; a++) {
                    int p = row + idx[a];
                    double wa = wzy * w[a];
                    sx += wa * cx[p];
                    sy += wa * cy[p];
                    sz += wa * cz[p];
                }
            }
        }
        out[0] = sx;
        out[1] = sy;
        out[2] = sz;
    }

    /**
     * Fast path for a line along the control grid's first axis (an output row of the anchoring grid): the
     * y and z taps are the same for every point, so the coefficients are contracted over them once per row and
     * each point costs four taps instead of sixty-four.
     */
    @Override
    void fillLine(double x0, double y0, double z0, double dx, double dy, double dz, int n,
                  double[] ux, double[] uy, double[] uz) {
        double[] m = worldToControl;
        double duy = m[4] * dx + m[5] * dy + m[6] * dz;
        double duz = m[8] * dx + m[9] * dy + m[10] * dz;
        if (Math.abs(duy) * n > 1e-9 || Math.abs(duz) * n > 1e-9) {
            super.fillLine(x0, y0, z0, dx, dy, dz, n, ux, uy, uz);
            return;
        }
        int[] iy = new int[4];
        int[] iz = new int[4];
        double[] wy = new double[4];
        double[] wz = new double[4];
        taps(m[4] * x0 + m[5] * y0 + m[6] * z0 + m[7], ncy, iy, wy, 0);
        taps(m[8] * x0 + m[9] * y0 + m[10] * z0 + m[11], ncz, iz, wz, 0);
        double[] rx = new double[ncx];
        double[] ry = new double[ncx];
        double[] rz = new double[ncx];
        for (int c = 0; c < 4; c++) {
            for (int b = 0; b < 4; b++) {
                int row = (iz[c] * ncy + iy[b]) * ncx;
                double w = wz[c] * wy[b];
                for (int a = 0; a < ncx; a++) {
                    rx[a] += w * cx[row + a];
                    ry[a] += w * cy[row + a];
                    rz[a] += w * cz[row + a];
                }
            }
        }
        double u0 = m[0] * x0 + m[1] * y0 + m[2] * z0 + m[3];
        double du = m[0] * dx + m[1] * dy + m[2] * dz;
        int[] ix = new int[4];
        double[] wx = new double[4];
        for (int i = 0; i < n; i++) {
            taps(u0 + i * du, ncx, ix, wx, 0);
            double sx = 0;
            double sy = 0;
            double sz = 0;
            for (int a = 0; a < 4; a++) {
                sx += wx[a] * rx[ix[a]];
                sy += wx[a] * ry[ix[a]];
                sz += wx[a] * rz[ix[a]];
            }
            ux[i] = sx;
            uy[i] = sy;
            uz[i] = sz;
        }
    }

    /**
     * @return the inverse by fixed-point iteration of v = −u(p + v), evaluated per point to within 0.001 mm; it
     *         converges for every field {@link #random} accepts (largest Jacobian norm measured at about 1.1 × the
     *         displacement-to-spacing ratio, so under 0.45)
     */
    @Override
    public DisplacementField inverse() {
        return new InverseDisplacementField(this);
    }

    @Override
    public String toString() {
        return description;
    }
}
