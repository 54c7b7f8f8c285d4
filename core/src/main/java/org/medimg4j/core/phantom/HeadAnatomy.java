package org.medimg4j.core.phantom;

/**
 * One case's head for {@link MrPhantom}: nested ellipsoidal shells (scalp, skull, subarachnoid CSF), a cortex of
 * grey matter whose boundary with the white matter is folded by a smooth texture, CSF-filled sulci, lateral
 * ventricles, deep grey nuclei, and a neck below. Anatomy-frame mm (LPS relative to the grid's centre). Ventricles
 * and sulci widen with age (atrophy, linear from 40 to 90 years); male heads are 5 % larger.
 */
final class HeadAnatomy extends TissueMap {

    // tissue codes after AIR (0), indexes of values (signal)
    static final int SCALP = 1;
    static final int SKULL = 2;
    static final int CSF = 3;
    static final int GM = 4;
    static final int WM = 5;
    static final int MUSCLE = 6;
    static final int TISSUES = 7;

    final double hx, hy, hz, zc;
    private final double csfOuter2, scalpInner2, cortexOuter, neckTop, neckA, neckB, neckY;
    private final Ellipsoid ventricle;
    private final Ellipsoid nucleus;
    private final double sulcusThreshold;
    private final ValueNoise folds;
    private final ValueNoise sulci;

    HeadAnatomy(GridFrame f, Demographics d, MrContrast contrast, PhantomRandom r, PhantomRandom texture) {
        super(TISSUES);
        double atrophy = Math.max(0, Math.min(1, (d.ageYears() - 40) / 50.0));
        double size = (d.sex() == Sex.M ? 1.0 : 0.95) * r.uniform(0.95, 1.03);
        hy = Math.min(0.80 * f.hy * size, 0.9 * f.hy);
        hx = Math.min(hy * r.uniform(0.76, 0.84), 0.9 * f.hx);
        hz = hy * r.uniform(0.85, 0.95);
        // keep the vertex inside the grid when the grid is tall enough; a thin slab goes through the brain's middle
        zc = Math.max(-0.35 * hz, Math.min(0, 0.92 * f.hz - hz));
        scalpInner2 = 0.94 * 0.94;
        double skullInner = 0.87;
        csfOuter2 = sq(skullInner);
        neckTop = -0.55 * hz;
        neckA = 0.55 * hx;
        neckB = 0.55 * hy;
        neckY = 0.10 * hy;
        double vs = 1 + 0.8 * atrophy;
        // one lateral ventricle and one deep grey nucleus, mirrored by testing |x|
        ventricle = new Ellipsoid(0.10 * hx, -0.05 * hy, 0.12 * hz, 0.07 * hx * vs, 0.30 * hy, 0.14 * hz * vs);
        nucleus = new Ellipsoid(0.11 * hx, 0.05 * hy, -0.02 * hz, 0.09 * hx, 0.12 * hy, 0.09 * hz);
        cortexOuter = 0.85 - 0.03 * atrophy;
        sulcusThreshold = 0.45 - 0.30 * atrophy;
        double feature = 9 * hy / 95;
        folds = new ValueNoise(texture, f.hx, f.hy, f.hz, feature);
        sulci = new ValueNoise(texture, f.hx, f.hy, f.hz, 0.6 * feature);
        for (int t = 0; t < TISSUES; t++) {
            values[t] = (float) (contrast.nominal(t) * r.uniform(0.97, 1.03));
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    @Override
    int tissueAt(double x, double y, double z) {
        double rz = z - zc;
        double ex = x / hx;
        double ey = y / hy;
        double ez = rz / hz;
        double s2 = ex * ex + ey * ey + ez * ez;
        if (s2 > 1) {
            if (rz < neckTop) {
                double nx = x / neckA;
                double ny = (y - neckY) / neckB;
                if (nx * nx + ny * ny < 1) {
                    return MUSCLE;
                }
            }
            return AIR;
        }
        if (s2 > scalpInner2) {
            return SCALP;
        }
        if (s2 > csfOuter2) {
            return SKULL;
        }
        double s = Math.sqrt(s2);
        if (s > cortexOuter) {
            return CSF;
        }
        double ax = Math.abs(x);
        if (ventricle.contains(ax, y, rz)) {
            return CSF;
        }
        if (nucleus.contains(ax, y, rz)) {
            return GM;
        }
        double wmEdge = 0.69 + 0.07 * folds.at(x, y, z);
        if (s > wmEdge) {
            if (s > wmEdge + 0.03 && sulci.at(x, y, z) > sulcusThreshold) {
                return CSF;
            }
            return GM;
        }
        return WM;
    }

    @Override
    LesionSite siteOf(int tissue) {
        return switch (tissue) {
            case WM -> LesionSite.WHITE_MATTER;
            case GM -> LesionSite.GREY_MATTER;
            default -> LesionSite.OTHER;
        };
    }

    /** @return where random white-matter lesions are drawn */
    LesionSiteSpec whiteMatter(MrContrast contrast) {
        return new LesionSiteSpec(LesionSite.WHITE_MATTER, WM, -0.7 * hx, 0.7 * hx, -0.7 * hy, 0.7 * hy,
                zc - 0.7 * hz, zc + 0.7 * hz, contrast.defaultLesionContrastMin(), contrast.defaultLesionContrastMax());
    }
}
