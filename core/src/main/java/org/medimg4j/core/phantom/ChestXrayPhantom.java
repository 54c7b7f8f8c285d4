package org.medimg4j.core.phantom;

import java.util.ArrayList;
import java.util.List;
import org.medimg4j.core.geometry.Orientation;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/**
 * A posterior-anterior chest radiograph: a 2-D {@link Volume} (nz = 1, modality "DX") in 12-bit detector units,
 * with or without lung nodules and their label. Immutable and thread-safe.
 *
 * <h2>Image formation</h2>
 * The attenuation path integral P along the beam is computed analytically through 3-D shapes (see the class
 * {@code ChestXrayAnatomy}): body and neck, lungs displaced by the heart and cut by diaphragm domes, spine, ribs,
 * clavicles and, for females, breast shadows; the lungs carry a smooth texture (±20 %) and sparse bright
 * markings. P is shown as processed radiographs are, dense = bright: {@code value = 4095 · g / (1 + e^{−(P − 2.6)/0.7})},
 * g a per-case exposure factor in 0.95..1.05, so air is about 100, lungs about 1000..1300 and the mediastinum
 * about 3500. Then the slight blur, the vendor's gain, offset and extra noise, Gaussian noise of
 * {@link Builder#noiseSigma} (default 25) and clamping to 0..4095 (the 12-bit detector range).
 *
 * <h2>Nodules</h2>
 * Spheres inside a lung, whose attenuation is {@code density · 0.020 /mm} (density from
 * {@link Builder#noduleDensity}, default 0.6..1.2: 1 is as dense as soft tissue) in place of the lung's. A
 * nodule's recorded centre is its centre projected onto the image plane (y of the image centre), so
 * {@link Lesion#centreIndex} gives its pixel; its radius is the sphere's; its contrast is the density. Explicit
 * nodules' y is ignored: they are placed mid-lung.
 *
 * <h2>Label</h2>
 * {@link #LABEL_NODULE} where a pixel centre lies within a nodule's projected disc; with
 * {@link Builder#organLabels} also {@link #LABEL_LUNG_FIELD} (lung visible, outside the heart shadow) and
 * {@link #LABEL_HEART} (heart shadow).
 *
 * <h2>Demographics</h2>
 * Males have a wider chest, females breast shadows over the lower lung fields; lungs transmit more with age and
 * the heart is 6 % larger above 65.
 *
 * <p>Default grid: 256 × 256 pixels of 1.4 mm, orientation "LIP" (columns to the patient's left, rows downwards
 * to the feet, the beam along posterior), centred on (0, 0, 0); INT16 values.
 */
public final class ChestXrayPhantom extends GridPhantom {

    /** Label of nodule pixels. */
    public static final int LABEL_NODULE = 1;
    /** Organ label of the visible lung fields. */
    public static final int LABEL_LUNG_FIELD = 2;
    /** Organ label of the heart shadow. */
    public static final int LABEL_HEART = 3;
    /** The detector's largest value (12 bits). */
    public static final float MAX_VALUE = 4095;
    /** Value of the "phantom" metadata attribute. */
    public static final String KIND = "dx-chest";

    private ChestXrayPhantom(PhantomSettings settings) {
        super(settings);
    }

    /** @return a builder with the defaults described above */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PhantomCase generate(long caseSeed) {
        Demographics demographics = settings.demographicsFor(caseSeed);
        PhantomRandom ar = PhantomSettings.stream(caseSeed, PhantomSettings.STREAM_ANATOMY);
        ChestXrayAnatomy anatomy = new ChestXrayAnatomy(frame, demographics, ar);
        double exposure = ar.uniform(0.95, 1.05);
        PhantomRandom tex = PhantomSettings.stream(caseSeed, PhantomSettings.STREAM_TEXTURE);
        ValueNoise texture = new ValueNoise(tex, frame.hx, 1, frame.hz, 12 * anatomy.scale);
        ValueNoise markings = new ValueNoise(tex, frame.hx, 1, frame.hz, 5 * anatomy.scale);

        int nx = frame.nx;
        int ny = frame.ny;
        CaseVoxels out = new CaseVoxels(frame, settings.voxelType());
        float[] img = new float[nx * ny];
        byte[] labels = out.labels;
        byte[] region = new byte[nx * ny];
        int[] reg = new int[1];
        double[] path = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double x = frame.ox + frame.m0 * i + frame.m1 * j;
                double z = frame.oz + frame.m6 * i + frame.m7 * j;
                double mark = markings.at(x, 0, z) - 0.6;
                double mu = anatomy.muLung * (1 + 0.2 * texture.at(x, 0, z)) + (mark > 0 ? 0.02 * mark : 0);
                path[j * nx + i] = anatomy.project(x, z, mu, reg);
                region[j * nx + i] = (byte) reg[0];
            }
        }
        List<Lesion> lesions = settings.explicitLesions() != null ? explicit(anatomy, region)
                : random(anatomy, region, PhantomSettings.stream(caseSeed, PhantomSettings.STREAM_LESIONS));
        for (Lesion l : lesions) {
            addNodule(l, anatomy, path, labels);
        }
        boolean organs = settings.organLabels();
        for (int p = 0; p < img.length; p++) {
            img[p] = (float) (MAX_VALUE * exposure / (1 + StrictMath.exp(-(path[p] - 2.6) / 0.7)));
            if (organs && labels[p] == 0) {
                labels[p] = region[p] == ChestXrayAnatomy.LUNG_FIELD ? (byte) LABEL_LUNG_FIELD
                        : region[p] == ChestXrayAnatomy.HEART ? (byte) LABEL_HEART : 0;
            }
        }
        if (settings.smoothEdges()) {
            Acquisition.smoothInPlane(img, new float[img.length], nx, ny);
        }
        VendorProfile vendor = settings.vendorProfileFor(demographics.vendor());
        Acquisition.gaussian(img, img.length, vendor, settings.noiseSigma(), PhantomSettings.sliceNoise(caseSeed, 0),
                0, MAX_VALUE);
        out.store(img, img.length, 0);
        return out.toCase("DX", KIND, IntensityUnit.ARBITRARY, lesions, demographics, caseSeed);
    }

    /** Adds the nodule's path integral to {@code path} and its disc to {@code labels}. */
    private void addNodule(Lesion l, ChestXrayAnatomy anatomy, double[] path, byte[] labels) {
        double r = l.radiusXMm();
        Point3 c = l.centreMm();
        Point3 ext = new Point3(r, r, r);
        int[] box = frame.indexBox(c.minus(ext), c.plus(ext));
        double cx = c.x() - frame.cx;
        double cz = c.z() - frame.cz;
        double delta = l.contrast() * ChestXrayAnatomy.MU_SOFT - anatomy.muLung;
        for (int j = box[2]; j <= box[3]; j++) {
            for (int i = box[0]; i <= box[1]; i++) {
                double dx = frame.ox + frame.m0 * i + frame.m1 * j - cx;
                double dz = frame.oz + frame.m6 * i + frame.m7 * j - cz;
                double rho2 = dx * dx + dz * dz;
                if (rho2 <= r * r) {
                    int p = j * frame.nx + i;
                    path[p] += delta * 2 * Math.sqrt(r * r - rho2);
                    labels[p] = LABEL_NODULE;
                }
            }
        }
    }

    private List<Lesion> random(ChestXrayAnatomy anatomy, byte[] region, PhantomRandom r) {
        int n = settings.lesionCountFor(r);
        double margin = frame.geometry.spacing(0);
        List<Lesion> out = new ArrayList<>(n);
        for (int l = 0; l < n; l++) {
            double radius = r.uniform(settings.radiusMinMm(), settings.radiusMaxMm());
            double density = settings.hasContrastRange() ? r.uniform(settings.contrastMin(), settings.contrastMax())
                    : r.uniform(0.6, 1.2);
            Lesion placed = null;
            for (int attempt = 0; attempt < 2 * LesionPlacer.ATTEMPTS_PER_SITE && placed == null; attempt++) {
                double side = r.nextDouble() < 0.5 ? -1 : 1;
                double x = side * (anatomy.lx + anatomy.la * r.uniform(-1, 1));
                double z = r.uniform(anatomy.zBase, anatomy.zTop);
                if (anatomy.lungHalfChord(x, z) >= radius + margin && inLungField(x, z, radius + margin, region)
                        && apart(out, x, z, radius + margin)) {
                    placed = new Lesion(frame.toWorld(x, 0, z), radius, radius, radius, density, LesionSite.LUNG);
                }
            }
            if (placed == null) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "lesionRadiusMm: could not place nodule %d of %d (radius %.1f mm) inside the lung fields of "
                                + "this %.0f x %.0f mm image; reduce lesionRadiusMm or lesionCount",
                        l + 1, n, radius, 2 * frame.hx, 2 * frame.hz));
            }
            out.add(placed);
        }
        return out;
    }

    private List<Lesion> explicit(ChestXrayAnatomy anatomy, byte[] region) {
        List<Lesion> in = settings.explicitLesions();
        List<Lesion> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Lesion l = in.get(i);
            if (l.radiusXMm() != l.radiusYMm() || l.radiusXMm() != l.radiusZMm()) {
                throw new IllegalArgumentException("lesions[" + i + "]: chest X-ray nodules must be spheres, got radii "
                        + l.radiusXMm() + " x " + l.radiusYMm() + " x " + l.radiusZMm() + " mm");
            }
            double x = l.centreMm().x() - frame.cx;
            double z = l.centreMm().z() - frame.cz;
            double r = l.radiusXMm();
            if (!insideBody(anatomy, x, z, r)) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "lesions[%d]: the nodule at x=%.1f, z=%.1f mm LPS with radius %.1f mm does not fit inside the "
                                + "body and the image", i, l.centreMm().x(), l.centreMm().z(), r));
            }
            LesionSite site = regionAt(x, z, region) == ChestXrayAnatomy.LUNG_FIELD ? LesionSite.LUNG
                    : LesionSite.SOFT_TISSUE;
            out.add(new Lesion(frame.toWorld(x, 0, z), r, r, r, l.contrast(), site));
        }
        return out;
    }

    private boolean insideBody(ChestXrayAnatomy anatomy, double x, double z, double r) {
        int[] reg = new int[1];
        for (int d = 0; d < 9; d++) {
            double px = x + (d == 8 ? 0 : r * Math.cos(d * Math.PI / 4));
            double pz = z + (d == 8 ? 0 : r * Math.sin(d * Math.PI / 4));
            if (!frame.containsCentre(px, 0, pz) || anatomy.project(px, pz, anatomy.muLung, reg) <= 0) {
                return false;
            }
        }
        return true;
    }

    private boolean inLungField(double x, double z, double r, byte[] region) {
        for (int d = 0; d < 9; d++) {
            double px = x + (d == 8 ? 0 : r * Math.cos(d * Math.PI / 4));
            double pz = z + (d == 8 ? 0 : r * Math.sin(d * Math.PI / 4));
            if (regionAt(px, pz, region) != ChestXrayAnatomy.LUNG_FIELD) {
                return false;
            }
        }
        return true;
    }

    /** @return the region of the pixel nearest to (x, z), or -1 outside the image */
    private int regionAt(double x, double z, byte[] region) {
        double[] idx = frame.geometry.worldToIndex(frame.toWorld(x, 0, z));
        long i = Math.round(idx[0]);
        long j = Math.round(idx[1]);
        if (i < 0 || j < 0 || i >= frame.nx || j >= frame.ny) {
            return -1;
        }
        return region[(int) (j * frame.nx + i)];
    }

    private static boolean apart(List<Lesion> placed, double x, double z, double r) {
        for (Lesion o : placed) {
            double dx = x - o.centreMm().x();
            double dz = z - o.centreMm().z();
            if (Math.sqrt(dx * dx + dz * dz) <= r + o.radiusXMm()) {
                return false;
            }
        }
        return true;
    }

    /** Builds a {@link ChestXrayPhantom}; {@link #build()} validates every setting and names the one at fault. */
    public static final class Builder extends PhantomBuilder<Builder> {

        private Builder() {
            super(256, 256, 1, 1.4, 1.4, 1.4, "LIP", VoxelType.INT16, 4, 12, 25);
        }

        /** @param sigma standard deviation of the Gaussian noise, detector units, &ge; 0 (default 25) */
        public Builder noiseSigma(double sigma) {
            return noise(sigma);
        }

        /** @param min lowest @param max highest nodule density relative to soft tissue (default 0.6..1.2) */
        public Builder noduleDensity(double min, double max) {
            return contrastRange(min, max);
        }

        /**
         * @return the phantom
         * @throws IllegalArgumentException naming the parameter at fault
         */
        public ChestXrayPhantom build() {
            if (nz != 1) {
                throw new IllegalArgumentException("size: a chest X-ray is one image, nz must be 1, got " + nz);
            }
            PhantomSettings s = settings("noduleDensity", "noiseSigma");
            if (s.hasContrastRange() && !(s.contrastMin() >= 0)) {
                throw new IllegalArgumentException("noduleDensity must be >= 0, got " + s.contrastMin());
            }
            double[] d = Orientation.direction(orientation);
            if (Math.abs(d[5]) != 1) {
                throw new IllegalArgumentException("orientation: a chest X-ray lies in the coronal plane, so its third "
                        + "letter must be P or A, got \"" + orientation + "\"");
            }
            return new ChestXrayPhantom(s);
        }
    }
}
