package org.medimg4j.core.phantom;

/**
 * One case's chest-and-upper-abdomen anatomy for {@link CtPhantom}, drawn from the anatomy stream and the
 * demographics, as analytic shapes in the anatomy frame (LPS mm relative to the grid's centre; +x patient left,
 * +y posterior, +z superior). In-plane sizes scale with the field of view, the craniocaudal layout with its
 * height, so every grid shows lungs, heart, spine and (below the right hemidiaphragm) liver.
 *
 * <p>{@link #tissueAt} is the per-voxel hot path: a fixed sequence of ellipse tests on fields, no allocation.
 */
final class CtAnatomy extends TissueMap {

    // tissue codes after AIR (0), indexes of values (HU)
    static final int FAT = 1;
    static final int SOFT = 2;
    static final int LUNG = 3;
    static final int BONE = 4;
    static final int LIVER = 5;
    static final int BLOOD = 6;
    static final int CANAL = 7;
    static final int DISC = 8;
    static final int GAS = 9;
    static final int TISSUES = 10;

    /** Length scale relative to a 170 mm half-width adult, for structures with an anatomical size (rib pitch). */
    final double scale;

    // body outline and subcutaneous fat
    final double a, b, ai, bi;
    // vertebra: body, canal, arch, spinous process, discs
    private final double yv, rv2, yCanal, rc2, rArch2, ySpin, spinA, spinB, vertPitch, vertPhase, discFrac;
    // ribs (elliptic ring in the inner ellipse's normalised radius), sternum, costal cartilage gap
    private final double ribIn2, ribOut2, ribPitch, ribPhase, ribFill, ribSlope, sternumHalf, cartilageX;
    // heart and descending aorta
    private final Ellipsoid heart;
    private final double aox, aoy, aor2;
    // mediastinal fat around the heart and great vessels
    private final double mdy, mda, mdb;
    // lungs: footprint ellipses at (±lx, ly), diaphragm domes, apex taper
    final double lx, ly, la, lb, zDomeRight, zDomeLeft, domeDepth, zApex, apexLen;
    // liver under the right dome, stomach gas under the left
    final boolean hasLiver;
    final double livX, livY, livA, livB;
    private final double liverGap;
    private final Ellipsoid gas;
    private final double halfZ;

    CtAnatomy(GridFrame f, Demographics d, boolean liver, PhantomRandom r) {
        super(TISSUES);
        boolean male = d.sex() == Sex.M;
        double age = d.ageYears();
        halfZ = f.hz;
        // body: males wider, females more subcutaneous fat
        a = f.hx * (r.uniform(0.70, 0.80) + (male ? 0.05 : 0));
        b = Math.min(a * r.uniform(0.62, 0.72), 0.9 * f.hy);
        double fat = a * (r.uniform(0.04, 0.08) + (male ? 0 : 0.025));
        ai = a - fat;
        bi = b - fat;
        scale = a / 170.0;

        yv = 0.45 * bi;
        double rv = 0.15 * bi;
        rv2 = rv * rv;
        yCanal = yv + rv + 0.06 * bi;
        double rc = 0.055 * bi;
        rc2 = rc * rc;
        double rArch = rc + 0.05 * bi;
        rArch2 = rArch * rArch;
        spinA = 0.035 * bi;
        spinB = 0.08 * bi;
        ySpin = yCanal + rArch + 0.06 * bi;
        vertPitch = 28 * scale;
        vertPhase = r.uniform(0, vertPitch);
        discFrac = 0.18;

        ribIn2 = 0.86 * 0.86;
        ribOut2 = 0.93 * 0.93;
        ribPitch = 26 * scale;
        ribPhase = r.uniform(0, ribPitch);
        ribFill = 0.38;
        ribSlope = 1.4;
        sternumHalf = 0.07 * ai;
        cartilageX = 0.30 * ai;

        lx = 0.47 * ai * r.uniform(0.96, 1.04);
        ly = 0.02 * bi;
        la = 0.33 * ai * r.uniform(0.92, 1.05);
        lb = 0.60 * bi * r.uniform(0.92, 1.05);
        zDomeRight = f.hz * (-0.15 + r.uniform(-0.06, 0.06));
        zDomeLeft = zDomeRight - f.hz * r.uniform(0.04, 0.10);
        domeDepth = 0.30 * f.hz;
        zApex = 0.45 * f.hz;
        apexLen = 0.70 * f.hz;

        double hs = r.uniform(0.92, 1.08) * (age > 65 ? 1.05 : 1.0);
        heart = new Ellipsoid(0.12 * ai, -0.25 * bi, zDomeLeft + 0.22 * f.hz, 0.30 * ai * hs, 0.36 * bi * hs,
                0.26 * f.hz * hs);
        aox = 0.14 * ai;
        aoy = yv - rv - 0.08 * bi;
        double aor = 0.075 * bi;
        aor2 = aor * aor;

        mdy = -0.15 * bi;
        mda = 0.22 * ai;
        mdb = 0.60 * bi;

        hasLiver = liver;
        livX = -0.30 * ai;
        livY = -0.05 * bi;
        livA = 0.60 * ai * r.uniform(0.95, 1.05);
        livB = 0.75 * bi * r.uniform(0.95, 1.05);
        liverGap = 0.03 * f.hz;
        double gs = r.uniform(0.6, 1.2);
        gas = new Ellipsoid(0.40 * ai, -0.25 * bi, zDomeLeft - 0.22 * f.hz, 0.16 * ai * gs, 0.16 * bi * gs,
                0.05 * f.hz * gs);

        // HU: bone loses density and lungs lose attenuation with age (osteopenia, senile emphysema)
        values[AIR] = -1000;
        values[FAT] = (float) r.uniform(-110, -90);
        values[SOFT] = (float) r.uniform(37, 47);
        values[LUNG] = (float) (-845 - 0.6 * (age - 40) + r.uniform(-10, 10));
        values[BONE] = (float) Math.max(450, Math.min(900, 720 - 2.5 * (age - 40) + 20 * r.gaussian()));
        values[LIVER] = (float) r.uniform(54, 66);
        values[BLOOD] = (float) r.uniform(36, 44);
        values[CANAL] = 15;
        values[DISC] = 85;
        values[GAS] = -990;
    }

    @Override
    int tissueAt(double x, double y, double z) {
        double ux = x / a;
        double uy = y / b;
        if (ux * ux + uy * uy > 1) {
            return AIR;
        }
        double vx = x / ai;
        double vy = y / bi;
        double q2 = vx * vx + vy * vy;
        if (q2 > 1) {
            return FAT;
        }
        double dv = y - yv;
        double phase = (z - vertPhase) / vertPitch;
        boolean disc = phase - Math.floor(phase) < discFrac;
        if (x * x + dv * dv < rv2) {
            return disc ? DISC : BONE;
        }
        double dc = y - yCanal;
        double c2 = x * x + dc * dc;
        if (c2 < rc2) {
            return CANAL;
        }
        if (!disc) {
            double sx = x / spinA;
            double sy = (y - ySpin) / spinB;
            if ((c2 < rArch2 && y > yv) || sx * sx + sy * sy < 1) {
                return BONE;
            }
        }
        if (q2 > ribIn2 && q2 < ribOut2) {
            double ax = Math.abs(x);
            if (y < 0 && ax < sternumHalf) {
                return BONE;
            }
            if (!(y < 0 && ax < cartilageX)) {
                // ribs slope: a rib is lower at the front than at the back
                double ph = (z - ribPhase) / ribPitch + ribSlope * vy;
                if (ph - Math.floor(ph) < ribFill) {
                    return BONE;
                }
            }
        }
        if (heart.contains(x, y, z)) {
            return BLOOD;
        }
        double da = (x - aox) * (x - aox) + (y - aoy) * (y - aoy);
        if (da < aor2) {
            return BLOOD;
        }
        if (inLung(x, y, z)) {
            return LUNG;
        }
        if (z > zDomeLeft) {
            double mx = x / mda;
            double my = (y - mdy) / mdb;
            if (mx * mx + my * my < 1) {
                return FAT;
            }
        }
        if (hasLiver && inLiver(x, y, z)) {
            return LIVER;
        }
        if (gas.contains(x, y, z)) {
            return GAS;
        }
        return SOFT;
    }

    private boolean inLung(double x, double y, double z) {
        double side = x < 0 ? -1 : 1;
        double dx = (x - side * lx) / la;
        double dy = (y - ly) / lb;
        double q = dx * dx + dy * dy;
        if (z > zApex) {
            double t = (z - zApex) / apexLen;
            if (t >= 1) {
                return false;
            }
            q /= 1 - t * t;
        }
        if (q >= 1) {
            return false;
        }
        // the diaphragm is a dome: highest under the middle of the lung, lowest at its rim (costophrenic recess)
        double dome = x < 0 ? zDomeRight : zDomeLeft;
        return z > dome - domeDepth * q;
    }

    private boolean inLiver(double x, double y, double z) {
        double ex = (x - livX) / livA;
        double ey = (y - livY) / livB;
        if (ex * ex + ey * ey >= 1) {
            return false;
        }
        double dx = (x + lx) / la;
        double dy = (y - ly) / lb;
        double q = Math.min(1.5, dx * dx + dy * dy);
        return z < zDomeRight - domeDepth * q - liverGap;
    }

    @Override
    LesionSite siteOf(int tissue) {
        return switch (tissue) {
            case LUNG -> LesionSite.LUNG;
            case LIVER -> LesionSite.LIVER;
            case FAT, SOFT, BLOOD -> LesionSite.SOFT_TISSUE;
            default -> LesionSite.OTHER;
        };
    }

    /** @return the box (anatomy-frame mm) random lesions of {@code site} are drawn in */
    LesionSiteSpec spec(LesionSite site) {
        return switch (site) {
            case LUNG -> new LesionSiteSpec(site, LUNG, -(lx + la), lx + la, ly - lb, ly + lb, -halfZ, halfZ, 750, 900);
            case LIVER -> new LesionSiteSpec(site, LIVER, livX - livA, livX + livA, livY - livB, livY + livB, -halfZ,
                    zDomeRight, -60, -25);
            case SOFT_TISSUE -> new LesionSiteSpec(site, SOFT, -ai, ai, -bi, bi, -halfZ, halfZ, 30, 70);
            default -> throw new IllegalArgumentException("lesionSites: a CT phantom places random lesions in LUNG, "
                    + "LIVER or SOFT_TISSUE, got " + site);
        };
    }
}
