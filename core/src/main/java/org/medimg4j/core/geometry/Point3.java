package org.medimg4j.core.geometry;

/**
 * A point (or vector) in patient space, in millimetres, in DICOM's LPS frame: +x towards the patient's
 * Left, +y towards Posterior, +z towards Superior (PS3.3 C.7.6.2.1.1).
 *
 * @param x left-ward coordinate, mm
 * @param y posterior-ward coordinate, mm
 * @param z superior-ward coordinate, mm
 */
public record Point3(double x, double y, double z) {

    public static final Point3 ORIGIN = new Point3(0, 0, 0);

    /** @return the Euclidean distance to {@code other}, in mm */
    public double distanceTo(Point3 other) {
        double dx = x - other.x;
        double dy = y - other.y;
        double dz = z - other.z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    public Point3 plus(Point3 other) {
        return new Point3(x + other.x, y + other.y, z + other.z);
    }

    public Point3 minus(Point3 other) {
        return new Point3(x - other.x, y - other.y, z - other.z);
    }

    /** @return {x, y, z} as a new array */
    public double[] toArray() {
        return new double[] {x, y, z};
    }
}
