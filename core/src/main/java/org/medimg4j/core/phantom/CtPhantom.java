package org.medimg4j.core.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.VoxelType;

/**
 * A CT-like chest and upper abdomen in Hounsfield units, with spherical/ellipsoidal lesions and their label.
 * Immutable and thread-safe; a case is a pure function of the configuration and its seed.
 *
 * <h2>Anatomy (clean HU, varied per case)</h2>
 * Air outside the body −1000; an elliptic body cylinder with a subcutaneous fat layer (−110..−90); soft tissue
 * (muscle, mediastinum, abdomen; 37..47); two lungs (about −850, see below) with a smooth texture of ±25 HU and
 * sparse vessel-like bright blobs, whose bases are diaphragm domes (the right one higher); the heart and the
 * descending aorta (blood, 36..44); a vertebra (body, arch and spinous process; bone, see below) with
 * intervertebral discs (85) and the spinal canal (15); sloping ribs, a sternum (bone) and a costal-cartilage gap;
 * optionally a liver (54..66) under the right dome; stomach gas (−990) under the left. In-plane sizes scale with
 * the field of view, the craniocaudal layout with the grid's height.
 *
 * <h2>Demographic effects</h2>
 * Males have a wider body (+5 % of the field of view), females a thicker fat layer (+2.5 % of the body's
 * half-width). Bone HU is {@code 720 − 2.5·(age − 40) + N(0, 20²)}, clamped to 450..900; lung HU is
 * {@code −845 − 0.6·(age − 40) ± 10}; the heart is 5 % larger above 65. The vendor's {@link VendorProfile}
 * applies its gain, offset and extra noise after the slight in-plane blur.
 *
 * <h2>Lesions</h2>
 * Random lesions go to the {@link Builder#lesionSites sites} chosen (default lungs and liver), entirely inside the
 * site's tissue and apart from each other; their value is the clean HU of that tissue plus the contrast, drawn
 * from {@link Builder#lesionContrastHu} or by default +750..+900 HU in lung (solid nodules at about −100..+50 HU),
 * −60..−25 HU in liver (hypodense) and +30..+70 HU in soft tissue. Explicit lesions must lie entirely inside the
 * body and the grid.
 *
 * <h2>Label</h2>
 * {@link #LABEL_LESION} where a voxel centre lies inside a lesion, else 0; with {@link Builder#organLabels} also
 * {@link #LABEL_LUNG}, {@link #LABEL_LIVER}, {@link #LABEL_BONE}, {@link #LABEL_HEART}, {@link #LABEL_FAT} and
 * {@link #LABEL_SOFT_TISSUE}. Labels have no partial volume; the image's edges are slightly blurred.
 *
 * <h2>Output</h2>
 * INT16 (default) or FLOAT32 HU clamped to −1024..3071, modality "CT", Gaussian noise of
 * {@link Builder#noiseSigmaHu} (default 15 HU). Default grid: 128 × 128 × 64 voxels of 3 × 3 × 4 mm, axial LPS,
 * centred on (0, 0, 0).
 */
public final class CtPhantom extends GridPhantom {

    /** Label of lesion voxels. */
    public static final int LABEL_LESION = 1;
    /** Organ label of the lungs. */
    public static final int LABEL_LUNG = 2;
    /** Organ label of the liver. */
    public static final int LABEL_LIVER = 3;
    /** Organ label of bone: vertebra, ribs, sternum. */
    public static final int LABEL_BONE = 4;
    /** Organ label of the heart and descending aorta. */
    public static final int LABEL_HEART = 5;
    /** Organ label of fat (subcutaneous). */
    public static final int LABEL_FAT = 6;
    /** Organ label of other soft tissue: muscle, mediastinum, abdomen, discs, spinal canal, stomach gas. */
    public static final int LABEL_SOFT_TISSUE = 7;
    /** Lowest HU written (the usual CT padding floor). */
    public static final float MIN_HU = -1024;
    /** Highest HU written (12-bit CT range). */
    public static final float MAX_HU = 3071;
    /** Value of the "phantom" metadata attribute. */
    public static final String KIND = "ct-chest";

    private static final byte[] ORGAN_LABEL = new byte[CtAnatomy.TISSUES];

    static {
        ORGAN_LABEL[CtAnatomy.FAT] = LABEL_FAT;
        ORGAN_LABEL[CtAnatomy.SOFT] = LABEL_SOFT_TISSUE;
        ORGAN_LABEL[CtAnatomy.LUNG] = LABEL_LUNG;
        ORGAN_LABEL[CtAnatomy.BONE] = LABEL_BONE;
        ORGAN_LABEL[CtAnatomy.LIVER] = LABEL_LIVER;
        ORGAN_LABEL[CtAnatomy.BLOOD] = LABEL_HEART;
        ORGAN_LABEL[CtAnatomy.CANAL] = LABEL_SOFT_TISSUE;
        ORGAN_LABEL[CtAnatomy.DISC] = LABEL_SOFT_TISSUE;
        ORGAN_LABEL[CtAnatomy.GAS] = LABEL_SOFT_TISSUE;
    }

    private final boolean liver;
    private final List<LesionSite> sites;

    private CtPhantom(PhantomSettings settings, boolean liver, List<LesionSite> sites) {
        super(settings);
        this.liver = liver;
        this.sites = sites;
    }

    /** @return a builder with the defaults described above */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PhantomCase generate(long caseSeed) {
        Demographics demographics = settings.demographicsFor(caseSeed);
        CtAnatomy anatomy = new CtAnatomy(frame, demographics, liver,
                PhantomSettings.stream(caseSeed, PhantomSettings.STREAM_ANATOMY));
        List<LesionSiteSpec> specs = new ArrayList<>();
        for (LesionSite site : sites) {
            specs.add(anatomy.spec(site));
        }
        List<Lesion> lesions = LesionPlacer.place(settings, frame, anatomy, specs,
                PhantomSettings.stream(caseSeed, PhantomSettings.STREAM_LESIONS));
        PhantomRandom tex = PhantomSettings.stream(caseSeed, PhantomSettings.STREAM_TEXTURE);
        ValueNoise texture = new ValueNoise(tex, frame.hx, frame.hy, frame.hz, 8 * anatomy.scale);
        ValueNoise vessels = new ValueNoise(tex, frame.hx, frame.hy, frame.hz, 5 * anatomy.scale);

        LesionRaster raster = new LesionRaster(frame, lesions, anatomy);
        VendorProfile vendor = settings.vendorProfileFor(demographics.vendor());
        CaseVoxels out = SlicePipeline.render(settings, frame, caseSeed, raster, (byte) LABEL_LESION,
                (k, slice, labels) -> renderTissue(k, anatomy, texture, vessels, slice, labels),
                (k, slice, noise) -> Acquisition.gaussian(slice, slice.length, vendor, settings.noiseSigma(), noise,
                        MIN_HU, MAX_HU));
        return out.toCase("CT", KIND, IntensityUnit.HU, lesions, demographics, caseSeed);
    }

    private void renderTissue(int k, CtAnatomy anatomy, ValueNoise texture, ValueNoise vessels, float[] img,
                              byte[] labels) {
        GridFrame f = frame;
        float[] hu = anatomy.values;
        boolean organs = settings.organLabels();
        int base = k * f.nx * f.ny;
        f.forEachRow(k, (row, rx, ry, rz) -> {
            for (int i = 0; i < f.nx; i++) {
                double x = rx + f.m0 * i;
                double y = ry + f.m3 * i;
                double z = rz + f.m6 * i;
                int t = anatomy.tissueAt(x, y, z);
                float v = hu[t];
                if (t == CtAnatomy.LUNG) {
                    // parenchymal texture plus sparse vessel-like blobs where the second texture peaks
                    double vessel = vessels.at(x, y, z) - 0.55;
                    v += (float) (25 * texture.at(x, y, z) + (vessel > 0 ? 1500 * vessel : 0));
                }
                img[row + i] = v;
                if (organs) {
                    labels[base + row + i] = ORGAN_LABEL[t];
                }
            }
        });
    }

    /** Builds a {@link CtPhantom}; {@link #build()} validates every setting and names the one at fault. */
    public static final class Builder extends PhantomBuilder<Builder> {
        private boolean liver = true;
        private List<LesionSite> sites = Arrays.asList(LesionSite.LUNG, LesionSite.LIVER);

        private Builder() {
            super(128, 128, 64, 3, 3, 4, "LPS", VoxelType.INT16, 5, 15, 15);
        }

        /** @param sigmaHu standard deviation of the Gaussian noise, HU, &ge; 0 (default 15) */
        public Builder noiseSigmaHu(double sigmaHu) {
            return noise(sigmaHu);
        }

        /** @param minHu lowest @param maxHu highest contrast of random lesions over their tissue, HU */
        public Builder lesionContrastHu(double minHu, double maxHu) {
            return contrastRange(minHu, maxHu);
        }

        /** @param lesionSites where random lesions may go: LUNG, LIVER and/or SOFT_TISSUE (default LUNG, LIVER) */
        public Builder lesionSites(LesionSite... lesionSites) {
            this.sites = lesionSites == null ? null : Arrays.asList(lesionSites.clone());
            return this;
        }

        /** @param on whether the anatomy has a liver (default true); without it the region is soft tissue */
        public Builder liver(boolean on) {
            this.liver = on;
            return this;
        }

        /**
         * @return the phantom
         * @throws IllegalArgumentException naming the parameter at fault
         */
        public CtPhantom build() {
            PhantomSettings s = settings("lesionContrastHu", "noiseSigmaHu");
            if (sites == null || sites.isEmpty() || sites.contains(null)) {
                throw new IllegalArgumentException("lesionSites must name at least one site, got " + sites);
            }
            List<LesionSite> distinct = List.copyOf(new java.util.LinkedHashSet<>(sites));
            for (LesionSite site : distinct) {
                if (site != LesionSite.LUNG && site != LesionSite.LIVER && site != LesionSite.SOFT_TISSUE) {
                    throw new IllegalArgumentException("lesionSites: a CT phantom places random lesions in LUNG, "
                            + "LIVER or SOFT_TISSUE, got " + site);
                }
                if (site == LesionSite.LIVER && !liver) {
                    throw new IllegalArgumentException("lesionSites: LIVER needs liver(true)");
                }
            }
            return new CtPhantom(s, liver, distinct);
        }
    }
}
