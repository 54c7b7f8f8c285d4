package org.medimg4j.core.phantom;

/**
 * One case's chest for {@link ChestXrayPhantom}, as the line integral of attenuation along the
 * posterior-anterior beam (patient y) through analytic 3-D shapes: an elliptic body that narrows to the neck
 * above the shoulders, two ellipsoidal lungs whose bases are cut by diaphragm domes and whose medial part the heart
 * displaces, a vertebral column, ribs and clavicles (as bands of bone), and, for females, breast shadows.
 * Coordinates are the anatomy frame (LPS mm relative to the image centre): x patient left, z superior.
 *
 * <p>Attenuation coefficients (1/mm, an effective ~60 keV beam): soft tissue 0.020, aerated lung about 0.0045.
 * Ribs, clavicles and the spine add their peak path integral directly, scaled by a rounded profile.
 */
final class ChestXrayAnatomy {

    static final double MU_SOFT = 0.020;
    /** Region codes of {@link #project}: outside lung and heart, lung field, heart shadow. */
    static final int OTHER = 0;
    static final int LUNG_FIELD = 1;
    static final int HEART = 2;

    final double a, b, scale;
    final double muLung;
    // shoulders and neck
    private final double zShoulder, shoulderH, aNeck, bNeck;
    // lungs (per side: centre ±lx), domes, heart
    final double lx, ly, lz, la, lb, lc;
    private final double domeRight, domeLeft, domeDx, domeA, domeB, domeC;
    private final Ellipsoid heart;
    // spine
    private final double rv, vertPitch, vertPhase;
    // ribs and clavicles
    private final double ribTop, ribPitch, ribHalf, clavZ, clavHalf;
    // breasts (none for males), on the patient's right and left
    private final double breast;
    private final Ellipsoid breastRight, breastLeft;
    final double zTop, zBase;

    ChestXrayAnatomy(GridFrame f, Demographics d, PhantomRandom r) {
        boolean male = d.sex() == Sex.M;
        double age = d.ageYears();
        a = f.hx * (r.uniform(0.70, 0.78) + (male ? 0.05 : 0));
        b = a * r.uniform(0.62, 0.72);
        scale = a / 150.0;
        // older lungs transmit more (senile emphysema): lower effective attenuation
        muLung = 0.0045 * (1 - 0.003 * (age - 40)) * r.uniform(0.92, 1.08);
        zShoulder = f.hz * r.uniform(0.55, 0.65);
        shoulderH = 0.18 * f.hz;
        aNeck = 0.30 * a;
        bNeck = 0.80 * aNeck;

        lx = 0.46 * a;
        la = 0.36 * a * r.uniform(0.94, 1.04);
        ly = 0.05 * b;
        lb = 0.62 * b;
        zTop = zShoulder + 0.10 * f.hz;
        zBase = -0.62 * f.hz * r.uniform(0.95, 1.05);
        lz = (zTop + zBase) / 2;
        lc = (zTop - zBase) / 2;
        domeRight = f.hz * (-0.28 + r.uniform(-0.05, 0.05));
        domeLeft = domeRight - f.hz * r.uniform(0.03, 0.08);
        domeDx = 0.85 * lx;
        domeA = 1.0 * la;
        domeB = 1.2 * lb;
        domeC = 0.5 * f.hz;

        double hs = r.uniform(0.92, 1.08) * (age > 65 ? 1.06 : 1.0);
        heart = new Ellipsoid(0.10 * a, -0.20 * b, domeLeft + 0.16 * f.hz, 0.42 * a * hs, 0.45 * b * hs,
                0.20 * f.hz * hs);

        rv = 0.11 * a;
        vertPitch = 27 * scale;
        vertPhase = r.uniform(0, vertPitch);

        ribTop = zShoulder - 0.02 * f.hz;
        ribPitch = (ribTop - zBase) / 10.5;
        ribHalf = 0.032 * a;
        clavZ = zShoulder - 0.04 * f.hz;
        clavHalf = 0.04 * a;

        breast = male ? 0 : r.uniform(0.6, 1.2);
        double brx = 0.42 * a;
        double bry = -0.95 * b;
        double brz = domeLeft + 0.05 * f.hz;
        double bs = Math.max(breast, 0.01);
        breastRight = new Ellipsoid(-brx, bry, brz, 0.26 * a * bs, 0.25 * b * bs, 0.20 * f.hz * bs);
        breastLeft = new Ellipsoid(brx, bry, brz, 0.26 * a * bs, 0.25 * b * bs, 0.20 * f.hz * bs);
    }

    /**
     * @param x      anatomy-frame x, mm
     * @param z      anatomy-frame z, mm
     * @param lungMu the lung's attenuation here, 1/mm (texture applied by the caller)
     * @param region out: region[0] is set to OTHER, LUNG_FIELD or HEART
     * @return the attenuation path integral along y (unitless)
     */
    double project(double x, double z, double lungMu, int[] region) {
        region[0] = OTHER;
        // body outline narrows smoothly from the thorax to the neck above the shoulders
        double aw = a;
        double bw = b;
        if (z > zShoulder) {
            double t = Math.min(1, (z - zShoulder) / shoulderH);
            double w = Math.sqrt(1 - t * t);
            aw = aNeck + (a - aNeck) * w;
            bw = bNeck + (b - bNeck) * w;
        }
        double ux = x / aw;
        if (ux * ux >= 1) {
            return 0;
        }
        double p = MU_SOFT * 2 * bw * Math.sqrt(1 - ux * ux);
        if (breast > 0) {
            p += MU_SOFT * 2 * breastRight.halfChordY(x, z);
            p += MU_SOFT * 2 * breastLeft.halfChordY(x, z);
        }
        // heart interval along y
        double hh = heart.halfChordY(x, z);
        // lung minus heart minus dome, by inclusion–exclusion of the y intervals
        double side = x < 0 ? -1 : 1;
        double lh = Ellipsoid.halfChordY(x - side * lx, z - lz, la, lb, lc);
        double lungLen = 0;
        if (lh > 0) {
            double dome = side < 0 ? domeRight : domeLeft;
            double dh = Ellipsoid.halfChordY(x - side * domeDx, z - (dome - domeC), domeA, domeB, domeC);
            double l0 = ly - lh;
            double l1 = ly + lh;
            double h0 = heart.cy() - hh;
            double h1 = heart.cy() + hh;
            double d0 = ly - dh;
            double d1 = ly + dh;
            double lAndH = hh > 0 ? overlap(l0, l1, h0, h1) : 0;
            double lAndD = dh > 0 ? overlap(l0, l1, d0, d1) : 0;
            double all = hh > 0 && dh > 0 ? overlap(Math.max(l0, h0), Math.min(l1, h1), d0, d1) : 0;
            lungLen = 2 * lh - lAndH - lAndD + all;
        }
        p += (lungMu - MU_SOFT) * lungLen;
        if (hh > 0) {
            region[0] = HEART;
        } else if (lungLen > 1) {
            region[0] = LUNG_FIELD;
        }
        p += bone(x, z, aw);
        return p;
    }

    /** @return the bone path integral added by spine, ribs and clavicles at (x, z) */
    private double bone(double x, double z, double bodyHalfWidth) {
        double p = 0;
        double ax = Math.abs(x);
        if (ax < rv && z < zShoulder + shoulderH) {
            double ph = (z - vertPhase) / vertPitch;
            double level = ph - Math.floor(ph) < 0.2 ? 0.25 : 1.0;
            p += 0.012 * 2 * Math.sqrt(rv * rv - x * x) * level;
        }
        double u = ax / a;
        if (ax < bodyHalfWidth && z < ribTop + 0.1 * a && z > zBase - 2 * ribPitch) {
            for (int n = 0; n < 11; n++) {
                double zr = ribTop - n * ribPitch;
                if (u > 0.06 && u < 0.97) {
                    // posterior rib: up from the spine, then curving down along the lateral chest wall
                    p += 0.20 * band(z - (zr + a * (0.30 * u - 0.70 * u * u)), ribHalf);
                }
                if (n < 7 && u > 0.30 && u < 0.97) {
                    // anterior rib: from the lateral end down towards the sternum (fainter: cartilage medially)
                    double zl = zr - 0.4 * a;
                    p += 0.12 * band(z - (zl - 0.45 * a * (0.97 - u)), ribHalf);
                }
            }
        }
        if (u > 0.05 && u < 0.62) {
            p += 0.22 * band(z - (clavZ + 0.10 * a * u), clavHalf);
        }
        return p;
    }

    /** @return the nodule-free lung half chord at (x, z), mm, ignoring heart and dome (for placing nodules) */
    double lungHalfChord(double x, double z) {
        double side = x < 0 ? -1 : 1;
        return Ellipsoid.halfChordY(x - side * lx, z - lz, la, lb, lc);
    }

    private static double band(double d, double half) {
        double t = d / half;
        return t * t < 1 ? Math.sqrt(1 - t * t) : 0;
    }

    private static double overlap(double lo1, double hi1, double lo2, double hi2) {
        return Math.max(0, Math.min(hi1, hi2) - Math.max(lo1, lo2));
    }
}
