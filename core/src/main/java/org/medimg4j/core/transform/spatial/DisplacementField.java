package org.medimg4j.core.transform.spatial;

import org.medimg4j.core.geometry.Point3;

/**
 * A smooth displacement u(p) of patient space, in LPS millimetres, used as a pull-back: resampling through it
 * gives each output point p the input's value at p + u(p). Immutable and thread-safe.
 *
 * <p>{@link GridResampler} asks for one output row at a time ({@link #fillLine}); implementations make that call
 * fast, so that no per-voxel virtual call is made on the hot path.
 */
public abstract sealed class DisplacementField permits BSplineDisplacementField, InverseDisplacementField {

    DisplacementField() {
    }

    /**
     * @param x   LPS x of the point, mm
     * @param y   LPS y, mm
     * @param z   LPS z, mm
     * @param out receives the displacement {ux, uy, uz} in mm (at least 3 values)
     */
    public abstract void displacementAt(double x, double y, double z, double[] out);

    /** @return the displacement at {@code p}, mm (LPS) */
    public Point3 displacementAt(Point3 p) {
        double[] u = new double[3];
        displacementAt(p.x(), p.y(), p.z(), u);
        return new Point3(u[0], u[1], u[2]);
    }

    /** @return p + u(p): the input point whose value the output point {@code p} takes, LPS mm */
    public Point3 map(Point3 p) {
        return p.plus(displacementAt(p));
    }

    /**
     * @return the field v with v(p) + u(p + v(p)) ≈ 0, which undoes a resample through this field (see each
     *         implementation for how it is computed and how accurate it is)
     */
    public abstract DisplacementField inverse();

    /**
     * Displacements at the n points start + i·step (LPS mm), i = 0 … n − 1: one output row.
     *
     * @param n  points on the line
     * @param ux receives the x displacements, mm (and likewise {@code uy}, {@code uz})
     */
    void fillLine(double x0, double y0, double z0, double dx, double dy, double dz, int n,
                  double[] ux, double[] uy, double[] uz) {
        double[] u = new double[3];
        for (int i = 0; i < n; i++) {
            displacementAt(x0 + i * dx, y0 + i * dy, z0 + i * dz, u);
            ux[i] = u[0];
            uy[i] = u[1];
            uz[i] = u[2];
        }
    }
}
