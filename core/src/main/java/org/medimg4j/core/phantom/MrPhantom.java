package org.medimg4j.core.phantom;

import java.util.List;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.VoxelType;

/**
 * An MR-like head in arbitrary units (modality "MR"): scalp, skull, CSF, grey and white matter with folded
 * cortex, ventricles and white-matter lesions, in {@link MrContrast#T1} or {@link MrContrast#T2} contrast, with an
 * optional smooth bias field and Rician noise. Immutable and thread-safe.
 *
 * <h2>Signal</h2>
 * Each tissue has its {@link MrContrast} nominal signal, varied ±3 % per case; lesions are the white matter's
 * signal plus the contrast (default T1 −300..−150, T2 +200..+400; see {@link Builder#lesionContrast}). The clean
 * image is slightly blurred, multiplied by the bias field {@code 1 + β·L(x)}, where L is a random combination of
 * linear and quadratic terms of position with |L| &le; 1 in the field of view and β is
 * {@link Builder#biasFieldStrength} (default 0, off), then distorted by the vendor's gain and offset and given
 * Rician noise of {@link Builder#noiseSigma} (default 15) plus the vendor's extra noise; values are clamped to
 * 0..4095.
 *
 * <h2>Label</h2>
 * {@link #LABEL_LESION} inside lesions; with {@link Builder#organLabels} also {@link #LABEL_CSF},
 * {@link #LABEL_GREY_MATTER}, {@link #LABEL_WHITE_MATTER}, {@link #LABEL_SKULL} and {@link #LABEL_SOFT_TISSUE}.
 *
 * <h2>Demographics</h2>
 * Male heads are 5 % larger; ventricles and sulci widen and the cortex thins with age (from 40 to 90 years).
 *
 * <p>Default grid: 128 × 128 × 64 voxels of 1.8 × 1.8 × 3 mm, axial LPS, centred on (0, 0, 0); FLOAT32 values.
 */
public final class MrPhantom extends GridPhantom {

    /** Label of lesion voxels. */
    public static final int LABEL_LESION = 1;
    /** Tissue label of CSF (subarachnoid, sulci, ventricles). */
    public static final int LABEL_CSF = 2;
    /** Tissue label of grey matter (cortex and deep nuclei). */
    public static final int LABEL_GREY_MATTER = 3;
    /** Tissue label of white matter. */
    public static final int LABEL_WHITE_MATTER = 4;
    /** Tissue label of the skull. */
    public static final int LABEL_SKULL = 5;
    /** Tissue label of scalp and neck soft tissue. */
    public static final int LABEL_SOFT_TISSUE = 6;
    /** The largest value written, arbitrary units. */
    public static final float MAX_VALUE = 4095;
    /** Value of the "phantom" metadata attribute ("mr-head-t1" or "mr-head-t2"). */
    public static final String KIND_PREFIX = "mr-head-";

    private static final byte[] TISSUE_LABEL = new byte[HeadAnatomy.TISSUES];

    static {
        TISSUE_LABEL[HeadAnatomy.SCALP] = LABEL_SOFT_TISSUE;
        TISSUE_LABEL[HeadAnatomy.SKULL] = LABEL_SKULL;
        TISSUE_LABEL[HeadAnatomy.CSF] = LABEL_CSF;
        TISSUE_LABEL[HeadAnatomy.GM] = LABEL_GREY_MATTER;
        TISSUE_LABEL[HeadAnatomy.WM] = LABEL_WHITE_MATTER;
        TISSUE_LABEL[HeadAnatomy.MUSCLE] = LABEL_SOFT_TISSUE;
    }

    private final MrContrast contrast;
    private final double biasStrength;

    private MrPhantom(PhantomSettings settings, MrContrast contrast, double biasStrength) {
        super(settings);
        this.contrast = contrast;
        this.biasStrength = biasStrength;
    }

    /** @return a builder with the defaults described above */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the tissue contrast */
    public MrContrast contrast() {
        return contrast;
    }

    @Override
    public PhantomCase generate(long caseSeed) {
        Demographics demographics = settings.demographicsFor(caseSeed);
        HeadAnatomy anatomy = new HeadAnatomy(frame, demographics, contrast,
                PhantomSettings.stream(caseSeed, PhantomSettings.STREAM_ANATOMY),
                PhantomSettings.stream(caseSeed, PhantomSettings.STREAM_TEXTURE));
        List<Lesion> lesions = LesionPlacer.place(settings, frame, anatomy, List.of(anatomy.whiteMatter(contrast)),
                PhantomSettings.stream(caseSeed, PhantomSettings.STREAM_LESIONS));
        double[] bias = biasCoefficients(PhantomSettings.stream(caseSeed, PhantomSettings.STREAM_BIAS));

        LesionRaster raster = new LesionRaster(frame, lesions, anatomy);
        VendorProfile vendor = settings.vendorProfileFor(demographics.vendor());
        CaseVoxels out = SlicePipeline.render(settings, frame, caseSeed, raster, (byte) LABEL_LESION,
                (k, slice, labels) -> renderTissue(k, anatomy, slice, labels),
                (k, slice, noise) -> {
                    if (biasStrength > 0) {
                        applyBias(k, bias, slice);
                    }
                    Acquisition.rician(slice, slice.length, vendor, settings.noiseSigma(), noise, MAX_VALUE);
                });
        return out.toCase("MR", kind(), IntensityUnit.ARBITRARY, lesions, demographics, caseSeed);
    }

    private String kind() {
        return KIND_PREFIX + contrast.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void renderTissue(int k, HeadAnatomy anatomy, float[] img, byte[] labels) {
        GridFrame f = frame;
        float[] signal = anatomy.values;
        boolean organs = settings.organLabels();
        int base = k * f.nx * f.ny;
        f.forEachRow(k, (row, rx, ry, rz) -> {
            for (int i = 0; i < f.nx; i++) {
                int t = anatomy.tissueAt(rx + f.m0 * i, ry + f.m3 * i, rz + f.m6 * i);
                img[row + i] = signal[t];
                if (organs) {
                    labels[base + row + i] = TISSUE_LABEL[t];
                }
            }
        });
    }

    /** @return {c_x, c_y, c_z, c_r}: L = c_x·x̂ + c_y·ŷ + c_z·ẑ + c_r·(x̂² + ŷ² − 1), normalised so |L| ≤ 1 */
    private static double[] biasCoefficients(PhantomRandom r) {
        double[] c = {r.uniform(-1, 1), r.uniform(-1, 1), r.uniform(-1, 1), r.uniform(-1, 1)};
        // each linear term is bounded by |c|, the radial term by |c_r| on x̂, ŷ in [−1, 1]
        double norm = Math.abs(c[0]) + Math.abs(c[1]) + Math.abs(c[2]) + Math.abs(c[3]);
        for (int i = 0; i < 4; i++) {
            c[i] /= norm;
        }
        return c;
    }

    private void applyBias(int k, double[] c, float[] img) {
        GridFrame f = frame;
        double ix = 1 / f.hx;
        double iy = 1 / f.hy;
        double iz = 1 / f.hz;
        f.forEachRow(k, (row, rx, ry, rz) -> {
            for (int i = 0; i < f.nx; i++) {
                double u = Math.max(-1, Math.min(1, (rx + f.m0 * i) * ix));
                double v = Math.max(-1, Math.min(1, (ry + f.m3 * i) * iy));
                double w = Math.max(-1, Math.min(1, (rz + f.m6 * i) * iz));
                double l = c[0] * u + c[1] * v + c[2] * w + c[3] * (u * u + v * v - 1);
                img[row + i] *= (float) (1 + biasStrength * l);
            }
        });
    }

    /** Builds an {@link MrPhantom}; {@link #build()} validates every setting and names the one at fault. */
    public static final class Builder extends PhantomBuilder<Builder> {
        private MrContrast contrast = MrContrast.T1;
        private double biasStrength;

        private Builder() {
            super(128, 128, 64, 1.8, 1.8, 3, "LPS", VoxelType.FLOAT32, 2.5, 8, 15);
        }

        /** @param c T1 or T2 tissue contrast (default T1) */
        public Builder contrast(MrContrast c) {
            this.contrast = c;
            return this;
        }

        /** @param sigma standard deviation of each of the two Gaussian components of the Rician noise, &ge; 0 */
        public Builder noiseSigma(double sigma) {
            return noise(sigma);
        }

        /** @param min lowest @param max highest lesion contrast over white matter, arbitrary units */
        public Builder lesionContrast(double min, double max) {
            return contrastRange(min, max);
        }

        /** @param beta bias field amplitude β in [0, 0.5]: the signal is scaled by 1 ± β at most (default 0) */
        public Builder biasFieldStrength(double beta) {
            this.biasStrength = beta;
            return this;
        }

        /**
         * @return the phantom
         * @throws IllegalArgumentException naming the parameter at fault
         */
        public MrPhantom build() {
            PhantomSettings s = settings("lesionContrast", "noiseSigma");
            if (contrast == null) {
                throw new IllegalArgumentException("contrast must be T1 or T2, got null");
            }
            if (!(biasStrength >= 0 && biasStrength <= 0.5)) {
                throw new IllegalArgumentException("biasFieldStrength must be in [0, 0.5], got " + biasStrength);
            }
            return new MrPhantom(s, contrast, biasStrength);
        }
    }
}
