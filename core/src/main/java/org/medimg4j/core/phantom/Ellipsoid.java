package org.medimg4j.core.phantom;

/**
 * An axis-aligned ellipsoid in a phantom's anatomy frame: centre ({@code cx}, {@code cy}, {@code cz}) and
 * semi-axes ({@code rx}, {@code ry}, {@code rz}) along patient x, y, z, all mm. The organs and cavities the
 * phantoms model as ellipsoids (heart, stomach gas, ventricles, deep grey nuclei, breasts) are values of this type.
 * A record, so final and with final fields: its tests are plain arithmetic the JIT inlines into the per-voxel loop.
 */
record Ellipsoid(double cx, double cy, double cz, double rx, double ry, double rz) {

    /** @return whether (x, y, z), mm, lies strictly inside */
    boolean contains(double x, double y, double z) {
        double ex = (x - cx) / rx;
        double ey = (y - cy) / ry;
        double ez = (z - cz) / rz;
        return ex * ex + ey * ey + ez * ez < 1;
    }

    /** @return half the chord along y through this ellipsoid at (x, z), mm; 0 outside its silhouette */
    double halfChordY(double x, double z) {
        return halfChordY(x - cx, z - cz, rx, ry, rz);
    }

    /**
     * Half the chord along y through an ellipsoid with semi-axes (rx, ry, rz), mm, at offsets (dx, dz), mm, from
     * its centre: what a beam along y crosses of it, halved.
     *
     * @return the half chord, mm; 0 outside the silhouette
     */
    static double halfChordY(double dx, double dz, double rx, double ry, double rz) {
        double ex = dx / rx;
        double ez = dz / rz;
        double t = 1 - ex * ex - ez * ez;
        return t > 0 ? ry * Math.sqrt(t) : 0;
    }
}
