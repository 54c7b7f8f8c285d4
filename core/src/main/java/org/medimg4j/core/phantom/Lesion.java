package org.medimg4j.core.phantom;

import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;

/**
 * A phantom lesion: an ellipsoid whose axes are parallel to the patient axes (a sphere when the three radii are
 * equal), with its contrast and the tissue it sits in. Immutable.
 *
 * <p>Voxels (or, for a 2-D X-ray, pixels) whose centre lies inside the ellipsoid carry the lesion label, without
 * partial volume; {@link #volumeMl()} is the analytic volume the label approximates.
 *
 * <p>{@code contrast} is in the phantom's terms: for CT, HU added to the tissue at the lesion's centre (a lung
 * nodule of +800 HU in −850 HU lung images at about −50 HU); for MR, arbitrary units added to that tissue; for a
 * chest X-ray, the nodule's attenuation relative to soft tissue (1.0 = as dense as soft tissue), where the
 * recorded centre is the sphere's centre projected onto the detector plane.
 *
 * @param centreMm   centre, LPS mm
 * @param radiusXMm  semi-axis along patient x (left), mm, &gt; 0
 * @param radiusYMm  semi-axis along patient y (posterior), mm, &gt; 0
 * @param radiusZMm  semi-axis along patient z (superior), mm, &gt; 0
 * @param contrast   contrast in the phantom's terms (see above)
 * @param site       the tissue at its centre; {@link LesionSite#UNSPECIFIED} for an explicit lesion not yet placed
 */
public record Lesion(Point3 centreMm, double radiusXMm, double radiusYMm, double radiusZMm, double contrast,
                     LesionSite site) {

    /** @throws IllegalArgumentException naming the parameter at fault */
    public Lesion {
        if (centreMm == null || !Double.isFinite(centreMm.x()) || !Double.isFinite(centreMm.y())
                || !Double.isFinite(centreMm.z())) {
            throw new IllegalArgumentException("centreMm must be a finite point in LPS mm, got " + centreMm);
        }
        requireRadius("radiusXMm", radiusXMm);
        requireRadius("radiusYMm", radiusYMm);
        requireRadius("radiusZMm", radiusZMm);
        if (!Double.isFinite(contrast)) {
            throw new IllegalArgumentException("contrast must be finite, got " + contrast);
        }
        Objects.requireNonNull(site, "site");
    }

    /**
     * A sphere whose site the phantom resolves when it places it.
     *
     * @param centreMm centre, LPS mm
     * @param radiusMm radius, mm, &gt; 0
     * @param contrast in the phantom's terms (HU for CT)
     * @throws IllegalArgumentException naming {@code radiusMm} if it is not a positive finite number
     */
    public static Lesion sphere(Point3 centreMm, double radiusMm, double contrast) {
        requireRadius("radiusMm", radiusMm);
        return new Lesion(centreMm, radiusMm, radiusMm, radiusMm, contrast, LesionSite.UNSPECIFIED);
    }

    /** An axis-aligned ellipsoid whose site the phantom resolves; radii in mm along patient x, y, z. */
    public static Lesion ellipsoid(Point3 centreMm, double radiusXMm, double radiusYMm, double radiusZMm,
                                   double contrast) {
        return new Lesion(centreMm, radiusXMm, radiusYMm, radiusZMm, contrast, LesionSite.UNSPECIFIED);
    }

    private static void requireRadius(String name, double r) {
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException(name + " must be a positive finite number of mm, got " + r);
        }
    }

    /** @return the analytic volume 4/3·π·rx·ry·rz, mm³ */
    public double volumeMm3() {
        return 4.0 / 3.0 * Math.PI * radiusXMm * radiusYMm * radiusZMm;
    }

    /** @return the analytic volume, millilitres (1 mL = 1000 mm³) */
    public double volumeMl() {
        return volumeMm3() / 1000.0;
    }

    /** @return the largest semi-axis, mm */
    public double maxRadiusMm() {
        return Math.max(radiusXMm, Math.max(radiusYMm, radiusZMm));
    }

    /** @return the diameter of the sphere with the same volume, mm */
    public double equivalentDiameterMm() {
        return 2 * Math.cbrt(radiusXMm * radiusYMm * radiusZMm);
    }

    /** @return whether {@code p} (LPS mm) lies inside the ellipsoid or on its surface */
    public boolean contains(Point3 p) {
        double dx = (p.x() - centreMm.x()) / radiusXMm;
        double dy = (p.y() - centreMm.y()) / radiusYMm;
        double dz = (p.z() - centreMm.z()) / radiusZMm;
        return dx * dx + dy * dy + dz * dz <= 1.0;
    }

    /** @return the centre as a continuous voxel index {i, j, k} of {@code geometry} (pixel index for an X-ray) */
    public double[] centreIndex(Geometry geometry) {
        return geometry.worldToIndex(centreMm);
    }

    /** @return this lesion with {@code newSite} */
    public Lesion withSite(LesionSite newSite) {
        return new Lesion(centreMm, radiusXMm, radiusYMm, radiusZMm, contrast, newSite);
    }
}
