package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * Resamples a sample to a new voxel spacing, or onto a reference grid, keeping every voxel's place in patient
 * space. Images use the configured {@link Interpolation} (default {@link Interpolation#LINEAR}); labels always
 * use nearest neighbour. Multi-channel images, the intensity unit and the metadata are kept; the output is
 * FLOAT32. Records an {@link AppliedTransform} whose inverse is {@code Resample.onto(geometry before)}.
 *
 * <h2>{@link #toSpacing}: where the new grid lies</h2>
 * The new size along each axis is {@code max(1, round(n · s_old / s_new))} and the spacing is exactly the one
 * asked for. The grid's outer voxel corner (continuous index −½ on every axis) stays where it was, so the centre
 * of the new first voxel moves by {@code (s_new − s_old) / 2} mm along each of the grid's axis directions; the
 * far corner moves by the rounding of the size only, at most half a new voxel. The physical extent
 * (n · s) and the bounding box are therefore kept to within half a new voxel per axis. An axis of one voxel (the
 * depth of a 2-D image) is left as it is: its spacing is a slab thickness, not a sampling distance, so a 2-D image
 * stays 2-D.
 *
 * <p>A spacing so fine, or a reference so large, that the output would not fit one Java array (channels · nx · ny · nz
 * at most {@code Integer.MAX_VALUE − 8}) or the heap throws a {@link TransformException} naming the spacing or the
 * reference and the grid, before anything is allocated.
 *
 * <pre>{@code
 * Sample iso = Resample.toSpacing(1.0, 1.0, 1.0).apply(Sample.of(ct, mask));
 * Volume onAtlas = Resample.onto(atlas.geometry()).withPadding(Padding.constant(-1000f)).apply(ct);
 * }</pre>
 */
public final class Resample implements Transform {

    /** The spacing parameters of {@link #toSpacing}, per axis, as messages name them. */
    private static final String[] SPACING_NAMES = {"sxMm", "syMm", "szMm"};

    private final double[] spacingMm;
    private final Geometry reference;
    /** How images are read and what is written outside: the interpolation and padding settings. */
    private final GridResampler resampler;

    private Resample(double[] spacingMm, Geometry reference, GridResampler resampler) {
        this.spacingMm = spacingMm;
        this.reference = reference;
        this.resampler = resampler;
    }

    /**
     * @param sxMm new spacing along i (columns), mm
     * @param syMm new spacing along j (rows), mm
     * @param szMm new spacing along k (slices), mm; ignored for an axis of one voxel
     * @return a resample to that spacing, keeping the physical extent (see the class comment)
     * @throws GeometryException naming the parameter if a spacing is not a positive finite number
     */
    public static Resample toSpacing(double sxMm, double syMm, double szMm) {
        requireSpacing(sxMm, "sxMm");
        requireSpacing(syMm, "syMm");
        requireSpacing(szMm, "szMm");
        return new Resample(new double[] {sxMm, syMm, szMm}, null, GridResampler.linear());
    }

    /**
     * @param reference the output grid (size, spacing, origin, direction)
     * @return a resample onto {@code reference}; where it reaches beyond the image, {@link Padding} applies
     * @throws IllegalArgumentException naming {@code reference} if it is null
     */
    public static Resample onto(Geometry reference) {
        if (reference == null) {
            throw new IllegalArgumentException("Resample.onto: reference geometry must not be null");
        }
        return new Resample(null, reference, GridResampler.linear());
    }

    private static void requireSpacing(double v, String name) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new GeometryException("Resample.toSpacing: " + name + " must be a positive finite number of mm, got "
                    + v);
        }
    }

    /**
     * @param newInterpolation how images are read (labels are always read nearest)
     * @throws IllegalArgumentException naming {@code interpolation} if null
     */
    public Resample withInterpolation(Interpolation newInterpolation) {
        return new Resample(spacingMm, reference, resampler.withInterpolation("Resample", newInterpolation));
    }

    /**
     * @param newPadding what is written outside the image (default {@link Padding#minimum()})
     * @throws IllegalArgumentException naming {@code padding} if null
     */
    public Resample withPadding(Padding newPadding) {
        return new Resample(spacingMm, reference, resampler.withPadding("Resample", newPadding));
    }

    /** @return how images are read (labels are always read nearest) */
    public Interpolation interpolation() {
        return resampler.interpolation();
    }

    /** @return what is written outside the image */
    public Padding padding() {
        return resampler.padding();
    }

    /**
     * @return the grid a sample on {@code source} is resampled onto
     * @throws TransformException naming the spacing parameter ({@code sxMm}, {@code syMm} or {@code szMm}) if it
     *                            is so fine that one axis would need more than {@link Integer#MAX_VALUE} voxels
     */
    public Geometry targetGeometry(Geometry source) {
        if (reference != null) {
            return reference;
        }
        int[] n = source.size();
        int[] size = new int[3];
        double[] spacing = new double[3];
        for (int a = 0; a < 3; a++) {
            if (n[a] == 1) {
                size[a] = 1;
                spacing[a] = source.spacing(a);
            } else {
                double exact = n[a] * source.spacing(a) / spacingMm[a];
                // Math.round saturates at Long.MAX_VALUE, so the comparison holds for any finite or infinite ratio
                long rounded = Math.max(1, Math.round(exact));
                if (rounded > Integer.MAX_VALUE) {
                    throw new TransformException(String.format(Locale.ROOT, "Resample.toSpacing: %s = %s mm would "
                                    + "need %.4g voxels along %s to cover %d voxels of %s mm, more than one grid axis "
                                    + "holds (%d); choose a coarser spacing", SPACING_NAMES[a], spacingMm[a], exact,
                            AxisPermutation.axisName(a), n[a], source.spacing(a), Integer.MAX_VALUE));
                }
                size[a] = (int) rounded;
                spacing[a] = spacingMm[a];
            }
        }
        return keepingOuterCorner(source, size, spacing);
    }

    /**
     * @return the transform and the parameter that decided the output grid, as the start of a size error: the
     *         spacing, or the reference geometry
     */
    private String origin() {
        return spacingMm != null
                ? "Resample.toSpacing: spacing (sxMm, syMm, szMm) = (" + spacingMm[0] + ", " + spacingMm[1] + ", "
                + spacingMm[2] + ") mm"
                : "Resample.onto: the reference geometry";
    }

    /**
     * The grid of {@code size} voxels of {@code spacing} mm whose outer voxel corner (index −½) and direction are
     * those of {@code g}: the first centre moves by (s_new − s_old)/2 along each axis.
     */
    static Geometry keepingOuterCorner(Geometry g, int[] size, double[] spacing) {
        double[] shift = new double[3];
        for (int a = 0; a < 3; a++) {
            shift[a] = (spacing[a] - g.spacing(a)) / 2;
        }
        double[] d = g.direction();
        double[] o = g.origin().toArray();
        for (int r = 0; r < 3; r++) {
            o[r] += d[r * 3] * shift[0] + d[r * 3 + 1] * shift[1] + d[r * 3 + 2] * shift[2];
        }
        return g.toBuilder().size(size[0], size[1], size[2]).spacing(spacing[0], spacing[1], spacing[2])
                .origin(o[0], o[1], o[2]).build();
    }

    @Override
    public Sample apply(Sample sample) {
        Volume image = sample.image();
        Geometry before = image.geometry();
        Geometry after = targetGeometry(before);
        String what = origin();
        Volume out = resampler.resampleImage(what, image, after, WorldAffine.identity(), null);
        LabelVolume label = sample.labelOrNull();
        LabelVolume outLabel = label == null ? null
                : resampler.resampleLabels(what, label, after, WorldAffine.identity(), null);
        Resample inverse = new Resample(null, before, resampler);
        return sample.next(out, outLabel, new AppliedTransform("Resample", describe(before, after), true, before,
                after, inverse));
    }

    private String describe(Geometry before, Geometry after) {
        String what = spacingMm != null
                ? String.format(Locale.ROOT, "spacing=(%.4g, %.4g, %.4g) mm", spacingMm[0], spacingMm[1], spacingMm[2])
                : "onto reference";
        return String.format(Locale.ROOT, "%s, size %dx%dx%d -> %dx%dx%d, spacing now (%.4g, %.4g, %.4g) mm, ", what,
                before.nx(), before.ny(), before.nz(), after.nx(), after.ny(), after.nz(), after.spacing(0),
                after.spacing(1), after.spacing(2)) + resampler.parameters();
    }

    @Override
    public String toString() {
        return spacingMm != null
                ? String.format(Locale.ROOT, "Resample.toSpacing(%.4g, %.4g, %.4g mm)", spacingMm[0], spacingMm[1],
                spacingMm[2])
                : "Resample.onto(" + reference + ")";
    }
}
