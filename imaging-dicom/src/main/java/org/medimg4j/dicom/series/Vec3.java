package org.medimg4j.dicom.series;

import java.util.Locale;
import org.medimg4j.core.geometry.Point3;

/** The few 3-vector operations stacking needs, on core's {@link Point3} (LPS mm or unit vectors). */
final class Vec3 {

    private Vec3() {
    }

    static double dot(Point3 a, Point3 b) {
        return a.x() * b.x() + a.y() * b.y() + a.z() * b.z();
    }

    static Point3 cross(Point3 a, Point3 b) {
        return new Point3(a.y() * b.z() - a.z() * b.y(), a.z() * b.x() - a.x() * b.z(),
                a.x() * b.y() - a.y() * b.x());
    }

    static Point3 scale(Point3 a, double s) {
        return new Point3(a.x() * s, a.y() * s, a.z() * s);
    }

    static double norm(Point3 a) {
        return Math.sqrt(dot(a, a));
    }

    /** @return a / |a|; a must not be zero */
    static Point3 unit(Point3 a) {
        return scale(a, 1 / norm(a));
    }

    /** @return the angle between two unit vectors, degrees (acos clamped against rounding) */
    static double angleDegrees(Point3 a, Point3 b) {
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot(a, b)))));
    }

    /** @return "(x, y, z)" with up to 3 decimals, for messages */
    static String format(Point3 p) {
        return "(" + mm(p.x()) + ", " + mm(p.y()) + ", " + mm(p.z()) + ")";
    }

    /** @return a length in mm as a short decimal: "2.5", "-7.5", "0.333" */
    static String mm(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return "-0".equals(s) ? "0" : s;
    }
}
