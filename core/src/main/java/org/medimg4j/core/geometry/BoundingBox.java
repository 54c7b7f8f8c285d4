package org.medimg4j.core.geometry;

/**
 * An axis-aligned box in patient space (LPS, mm).
 *
 * @param min the corner with the smallest x, y and z, mm
 * @param max the corner with the largest x, y and z, mm
 */
public record BoundingBox(Point3 min, Point3 max) {

    public BoundingBox {
        if (min.x() > max.x() || min.y() > max.y() || min.z() > max.z()) {
            throw new GeometryException("BoundingBox: min " + min + " must not exceed max " + max + " on any axis");
        }
    }

    /** @return the box's size along x, y and z, in mm */
    public double[] sizeMm() {
        return new double[] {max.x() - min.x(), max.y() - min.y(), max.z() - min.z()};
    }

    /** @return whether {@code p} lies inside the box or on its boundary */
    public boolean contains(Point3 p) {
        return p.x() >= min.x() && p.x() <= max.x()
                && p.y() >= min.y() && p.y() <= max.y()
                && p.z() >= min.z() && p.z() <= max.z();
    }
}
