package org.medimg4j.core.phantom;

import java.util.ArrayList;
import java.util.List;
import org.medimg4j.core.geometry.Point3;

/**
 * Places a case's lesions in a phantom's anatomy: random ones by rejection sampling (every probe point on the
 * lesion's surface, grown by a margin, must lie in the site's tissue and inside the grid, and lesions must not
 * touch), explicit ones by checking that they lie inside the body and the grid and resolving their site from the
 * tissue at their centre.
 */
final class LesionPlacer {

    /** Candidate centres tried per site before the next site is tried. */
    static final int ATTEMPTS_PER_SITE = 400;
    /** Random lesions' radii vary per axis by up to this fraction, making ellipsoids rather than spheres. */
    static final double AXIS_JITTER = 0.15;

    private static final double[][] PROBES = probes();

    private LesionPlacer() {
    }

    private static double[][] probes() {
        List<double[]> p = new ArrayList<>();
        for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (dx != 0 || dy != 0 || dz != 0) {
                        double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
                        p.add(new double[] {dx / n, dy / n, dz / n});
                    }
                }
            }
        }
        return p.toArray(new double[0][]);
    }

    /**
     * @param specs the sites random lesions may take, drawn uniformly; the others are tried when one is full
     * @return the lesions with centres in world LPS mm
     * @throws IllegalArgumentException naming {@code lesionRadiusMm} when a lesion cannot be placed, or
     *                                  {@code lesions[i]} when an explicit lesion does not fit
     */
    static List<Lesion> place(PhantomSettings s, GridFrame f, TissueMap map, List<LesionSiteSpec> specs,
                              PhantomRandom r) {
        double margin = 0.5 * Math.max(f.geometry.spacing(0), Math.max(f.geometry.spacing(1), f.geometry.spacing(2)));
        if (s.explicitLesions() != null) {
            return placeExplicit(s.explicitLesions(), f, map);
        }
        int n = s.lesionCountFor(r);
        List<Lesion> placed = new ArrayList<>(n);
        for (int l = 0; l < n; l++) {
            double radius = r.uniform(s.radiusMinMm(), s.radiusMaxMm());
            double rx = radius * (1 + AXIS_JITTER * r.uniform(-1, 1));
            double ry = radius * (1 + AXIS_JITTER * r.uniform(-1, 1));
            double rz = radius * (1 + AXIS_JITTER * r.uniform(-1, 1));
            int first = r.nextInt(specs.size());
            Lesion lesion = null;
            for (int t = 0; t < specs.size() && lesion == null; t++) {
                LesionSiteSpec spec = specs.get((first + t) % specs.size());
                double lo = s.hasContrastRange() ? s.contrastMin() : spec.defaultContrastMin();
                double hi = s.hasContrastRange() ? s.contrastMax() : spec.defaultContrastMax();
                double contrast = r.uniform(lo, hi);
                for (int attempt = 0; attempt < ATTEMPTS_PER_SITE; attempt++) {
                    double x = r.uniform(spec.minX(), spec.maxX());
                    double y = r.uniform(spec.minY(), spec.maxY());
                    double z = r.uniform(spec.minZ(), spec.maxZ());
                    if (fits(map, f, spec.tissue(), x, y, z, rx + margin, ry + margin, rz + margin)
                            && apart(placed, f, x, y, z, Math.max(rx, Math.max(ry, rz)) + margin)) {
                        lesion = new Lesion(f.toWorld(x, y, z), rx, ry, rz, contrast, spec.site());
                        break;
                    }
                }
            }
            if (lesion == null) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "lesionRadiusMm: could not place random lesion %d of %d (radius %.1f mm) inside %s of this "
                                + "%.0f x %.0f x %.0f mm field of view; reduce lesionRadiusMm or lesionCount",
                        l + 1, n, radius, sites(specs), 2 * f.hx, 2 * f.hy, 2 * f.hz));
            }
            placed.add(lesion);
        }
        return placed;
    }

    private static List<Lesion> placeExplicit(List<Lesion> explicit, GridFrame f, TissueMap map) {
        List<Lesion> out = new ArrayList<>(explicit.size());
        for (int i = 0; i < explicit.size(); i++) {
            Lesion l = explicit.get(i);
            double x = l.centreMm().x() - f.cx;
            double y = l.centreMm().y() - f.cy;
            double z = l.centreMm().z() - f.cz;
            if (!insideBody(map, f, x, y, z, l.radiusXMm(), l.radiusYMm(), l.radiusZMm())) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "lesions[%d]: the lesion at (%.1f, %.1f, %.1f) mm LPS with radii %.1f x %.1f x %.1f mm does "
                                + "not fit inside the body and the grid",
                        i, l.centreMm().x(), l.centreMm().y(), l.centreMm().z(), l.radiusXMm(), l.radiusYMm(),
                        l.radiusZMm()));
            }
            out.add(l.withSite(map.siteOf(map.tissueAt(x, y, z))));
        }
        return out;
    }

    private static boolean fits(TissueMap map, GridFrame f, int tissue, double x, double y, double z, double rx,
                                double ry, double rz) {
        if (map.tissueAt(x, y, z) != tissue) {
            return false;
        }
        for (double[] d : PROBES) {
            double px = x + d[0] * rx;
            double py = y + d[1] * ry;
            double pz = z + d[2] * rz;
            if (map.tissueAt(px, py, pz) != tissue || !f.containsCentre(px, py, pz)) {
                return false;
            }
        }
        return true;
    }

    private static boolean insideBody(TissueMap map, GridFrame f, double x, double y, double z, double rx, double ry,
                                      double rz) {
        if (!map.isInsideBody(map.tissueAt(x, y, z))) {
            return false;
        }
        for (double[] d : PROBES) {
            double px = x + d[0] * rx;
            double py = y + d[1] * ry;
            double pz = z + d[2] * rz;
            if (!map.isInsideBody(map.tissueAt(px, py, pz)) || !f.containsCentre(px, py, pz)) {
                return false;
            }
        }
        return true;
    }

    private static boolean apart(List<Lesion> placed, GridFrame f, double x, double y, double z, double radius) {
        Point3 p = f.toWorld(x, y, z);
        for (Lesion other : placed) {
            if (p.distanceTo(other.centreMm()) <= radius + other.maxRadiusMm()) {
                return false;
            }
        }
        return true;
    }

    private static String sites(List<LesionSiteSpec> specs) {
        List<LesionSite> sites = new ArrayList<>();
        for (LesionSiteSpec s : specs) {
            sites.add(s.site());
        }
        return sites.toString();
    }
}
