package org.medimg4j.core.transform.spatial;

import java.util.Arrays;
import java.util.Locale;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.TransformException;

/**
 * An affine map of patient space onto itself, p ↦ L·p + t, in LPS millimetres. Immutable.
 *
 * <p>Stored as a row-major 3×4 matrix [L | t], the layout of
 * {@link org.medimg4j.core.geometry.Geometry#indexToWorldAffine()}, so that it composes directly with a
 * geometry's index maps.
 */
public final class WorldAffine {

    private static final WorldAffine IDENTITY = new WorldAffine(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});

    /** Below this |determinant| the linear part is treated as singular (it would collapse a dimension). */
    private static final double SINGULAR_DETERMINANT = 1e-12;

    private final double[] m;

    private WorldAffine(double[] m) {
        this.m = m;
    }

    /** @return the identity map */
    public static WorldAffine identity() {
        return IDENTITY;
    }

    /**
     * @param matrix row-major 3×4 [L | t]: L unitless, t in mm; copied
     * @return the affine
     * @throws TransformException naming {@code matrix} if it is not 12 finite values with an invertible L
     */
    public static WorldAffine of(double[] matrix) {
        if (matrix == null || matrix.length != 12) {
            throw new TransformException("WorldAffine: matrix must be a row-major 3x4 matrix of 12 values, got "
                    + (matrix == null ? "null" : matrix.length + " values"));
        }
        for (double v : matrix) {
            if (!Double.isFinite(v)) {
                throw new TransformException("WorldAffine: matrix must hold finite values, got "
                        + Arrays.toString(matrix));
            }
        }
        WorldAffine a = new WorldAffine(matrix.clone());
        if (!(Math.abs(a.determinant()) > SINGULAR_DETERMINANT)) {
            throw new TransformException("WorldAffine: matrix must have an invertible 3x3 part, determinant "
                    + a.determinant() + "; matrix=" + Arrays.toString(matrix));
        }
        return a;
    }

    /**
     * The linear map L applied about {@code centre}, then moved by {@code translationMm}:
     * p ↦ c + L·(p − c) + t.
     *
     * @param linear        row-major 3×3, unitless
     * @param centre        the fixed point of L, LPS mm
     * @param translationMm {tx, ty, tz}, mm
     */
    public static WorldAffine about(double[] linear, Point3 centre, double[] translationMm) {
        if (linear == null || linear.length != 9) {
            throw new TransformException("WorldAffine.about: linear must be a row-major 3x3 matrix of 9 values");
        }
        if (translationMm == null || translationMm.length != 3) {
            throw new TransformException("WorldAffine.about: translationMm must hold 3 values (mm)");
        }
        double[] c = centre.toArray();
        double[] a = new double[12];
        for (int r = 0; r < 3; r++) {
            double t = c[r] + translationMm[r];
            for (int k = 0; k < 3; k++) {
                a[r * 4 + k] = linear[r * 3 + k];
                t -= linear[r * 3 + k] * c[k];
            }
            a[r * 4 + 3] = t;
        }
        return of(a);
    }

    /**
     * A rotation R = Rz·Ry·Rx: first about the patient x axis (L) by {@code rxDeg}, then about y (P), then z (S);
     * each right-handed in LPS (a positive angle turns +y towards +z about x, and so on).
     *
     * @param rxDeg degrees about x (L)
     * @param ryDeg degrees about y (P)
     * @param rzDeg degrees about z (S)
     * @return the row-major 3×3 rotation matrix
     */
    public static double[] rotationMatrix(double rxDeg, double ryDeg, double rzDeg) {
        double a = Math.toRadians(rxDeg);
        double b = Math.toRadians(ryDeg);
        double g = Math.toRadians(rzDeg);
        double ca = Math.cos(a), sa = Math.sin(a);
        double cb = Math.cos(b), sb = Math.sin(b);
        double cg = Math.cos(g), sg = Math.sin(g);
        double[] rx = {1, 0, 0, 0, ca, -sa, 0, sa, ca};
        double[] ry = {cb, 0, sb, 0, 1, 0, -sb, 0, cb};
        double[] rz = {cg, -sg, 0, sg, cg, 0, 0, 0, 1};
        return multiply3(rz, multiply3(ry, rx));
    }

    static double[] multiply3(double[] a, double[] b) {
        double[] c = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                c[r * 3 + k] = a[r * 3] * b[k] + a[r * 3 + 1] * b[3 + k] + a[r * 3 + 2] * b[6 + k];
            }
        }
        return c;
    }

    /** Composes two row-major 3×4 affines: the result maps p to a(b(p)). */
    static double[] compose(double[] a, double[] b) {
        double[] c = new double[12];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 4; k++) {
                double v = a[r * 4] * b[k] + a[r * 4 + 1] * b[4 + k] + a[r * 4 + 2] * b[8 + k];
                c[r * 4 + k] = k == 3 ? v + a[r * 4 + 3] : v;
            }
        }
        return c;
    }

    /** @return the map p ↦ this(before(p)) */
    public WorldAffine after(WorldAffine before) {
        return new WorldAffine(compose(m, before.m));
    }

    /** @return the inverse map */
    public WorldAffine inverse() {
        double a = m[0], b = m[1], c = m[2], d = m[4], e = m[5], f = m[6], g = m[8], h = m[9], i = m[10];
        double co0 = e * i - f * h;
        double co1 = f * g - d * i;
        double co2 = d * h - e * g;
        double inv = 1.0 / (a * co0 + b * co1 + c * co2);
        double[] l = {
            co0 * inv, (c * h - b * i) * inv, (b * f - c * e) * inv,
            co1 * inv, (a * i - c * g) * inv, (c * d - a * f) * inv,
            co2 * inv, (b * g - a * h) * inv, (a * e - b * d) * inv};
        double[] out = new double[12];
        for (int r = 0; r < 3; r++) {
            double t = 0;
            for (int k = 0; k < 3; k++) {
                out[r * 4 + k] = l[r * 3 + k];
                t -= l[r * 3 + k] * m[k * 4 + 3];
            }
            out[r * 4 + 3] = t;
        }
        return new WorldAffine(out);
    }

    /** @return the image of {@code p}, LPS mm */
    public Point3 apply(Point3 p) {
        return new Point3(
                m[0] * p.x() + m[1] * p.y() + m[2] * p.z() + m[3],
                m[4] * p.x() + m[5] * p.y() + m[6] * p.z() + m[7],
                m[8] * p.x() + m[9] * p.y() + m[10] * p.z() + m[11]);
    }

    /** @return the determinant of the linear part (the volume scale factor; negative for a mirror) */
    public double determinant() {
        return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8])
                + m[2] * (m[4] * m[9] - m[5] * m[8]);
    }

    /** @return whether this is the identity to within {@code tolerance} in every entry (t in mm) */
    public boolean isIdentity(double tolerance) {
        for (int k = 0; k < 12; k++) {
            if (Math.abs(m[k] - IDENTITY.m[k]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** @return the row-major 3×4 matrix [L | t] (a new array) */
    public double[] toArray() {
        return m.clone();
    }

    double[] matrixView() {
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorldAffine w && Arrays.equals(m, w.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WorldAffine[");
        for (int r = 0; r < 3; r++) {
            sb.append(r == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%.6g %.6g %.6g | %.4f mm",
                    m[r * 4], m[r * 4 + 1], m[r * 4 + 2], m[r * 4 + 3]));
        }
        return sb.append(']').toString();
    }
}
