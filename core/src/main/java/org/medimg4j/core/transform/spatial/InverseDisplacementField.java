package org.medimg4j.core.transform.spatial;

/**
 * The inverse of a displacement field by fixed-point iteration: v(p) solves v = −u(p + v), iterated from
 * v₀ = −u(p) until an iteration changes v by less than {@link #TOLERANCE_MM} or after {@link #MAX_ITERATIONS}.
 *
 * <p>Accuracy: the iteration contracts with the field's Lipschitz constant L (the largest norm of u's Jacobian),
 * so wherever L &lt; 1 it converges and the final v is within L·{@value #TOLERANCE_MM} mm of the exact inverse,
 * far below a voxel. Fields from {@link BSplineDisplacementField#random} with a displacement of at most 0.2 × the
 * control spacing have L well below 1 in practice; where a field is close to folding the iteration slows, and
 * after {@value #MAX_ITERATIONS} iterations the last iterate is used. Resampling forward then back still blurs
 * the image twice by linear interpolation: that, not the inverse, dominates the round-trip error.
 */
final class InverseDisplacementField extends DisplacementField {

    /** Stop when an iteration moves v by less than this, mm. */
    static final double TOLERANCE_MM = 1e-3;
    /** Give up (keep the last iterate) after this many iterations. */
    static final int MAX_ITERATIONS = 50;

    private final DisplacementField forward;

    InverseDisplacementField(DisplacementField forward) {
        this.forward = forward;
    }

    @Override
    public void displacementAt(double x, double y, double z, double[] out) {
        forward.displacementAt(x, y, z, out);
        refine(x, y, z, -out[0], -out[1], -out[2], out);
    }

    /** Iterates from the guess (vx, vy, vz) and writes the result to {@code out}. */
    private void refine(double x, double y, double z, double vx, double vy, double vz, double[] out) {
        double tol2 = TOLERANCE_MM * TOLERANCE_MM;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            forward.displacementAt(x + vx, y + vy, z + vz, out);
            double nx = -out[0];
            double ny = -out[1];
            double nz = -out[2];
            double d2 = (nx - vx) * (nx - vx) + (ny - vy) * (ny - vy) + (nz - vz) * (nz - vz);
            vx = nx;
            vy = ny;
            vz = nz;
            if (d2 < tol2) {
                break;
            }
        }
        out[0] = vx;
        out[1] = vy;
        out[2] = vz;
    }

    @Override
    void fillLine(double x0, double y0, double z0, double dx, double dy, double dz, int n,
                  double[] ux, double[] uy, double[] uz) {
        // the forward field's fast row path gives the first guess; the refinement is per point
        forward.fillLine(x0, y0, z0, dx, dy, dz, n, ux, uy, uz);
        double[] v = new double[3];
        for (int i = 0; i < n; i++) {
            refine(x0 + i * dx, y0 + i * dy, z0 + i * dz, -ux[i], -uy[i], -uz[i], v);
            ux[i] = v[0];
            uy[i] = v[1];
            uz[i] = v[2];
        }
    }

    /** @return the forward field, exactly */
    @Override
    public DisplacementField inverse() {
        return forward;
    }

    @Override
    public String toString() {
        return "inverse of " + forward;
    }
}
