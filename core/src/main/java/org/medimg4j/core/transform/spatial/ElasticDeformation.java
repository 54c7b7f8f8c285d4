package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * A smooth elastic deformation of the content, on the same grid: each output voxel q takes the input's value at
 * q + u(q), where u is a {@link BSplineDisplacementField#random random cubic B-spline field} on a control grid of
 * {@code controlSpacingMm} over the image, with displacements of at most {@code maxDisplacementMm} along each
 * image axis, drawn from its own {@code fieldSeed}. Deterministic: the same parameters and the same image geometry
 * give the same field; the random variant is {@link RandomElastic}. A 2-D image (depth 1) is deformed in its plane.
 *
 * <p>Images use the configured {@link Interpolation} (default LINEAR), labels nearest; where a voxel reads outside
 * the image, {@link Padding} applies (default each channel's minimum).
 *
 * <p>The recorded inverse resamples through the fixed-point inverse of the field ({@link DisplacementField#inverse()}):
 * it solves v(p) = −u(p + v(p)) per voxel to within 0.001 mm wherever the iteration converges (moderate fields;
 * see {@code maxDisplacementMm}). What is lost is what any resampling loses: a round trip blurs the image by two
 * linear interpolations, and voxels that were pushed in from outside the image cannot come back. A landmark returns
 * to within half a voxel (tested).
 */
public final class ElasticDeformation implements Transform {

    private final double controlSpacingMm;
    private final double maxDisplacementMm;
    private final long fieldSeed;
    /** A given field (an inverse, or the caller's own); null when the field is drawn from the parameters. */
    private final DisplacementField field;
    /** How images are read and what is written outside: the interpolation and padding settings. */
    private final GridResampler resampler;

    private ElasticDeformation(double controlSpacingMm, double maxDisplacementMm, long fieldSeed,
                               DisplacementField field, GridResampler resampler) {
        this.controlSpacingMm = controlSpacingMm;
        this.maxDisplacementMm = maxDisplacementMm;
        this.fieldSeed = fieldSeed;
        this.field = field;
        this.resampler = resampler;
    }

    /**
     * @param controlSpacingMm  control point spacing, mm (larger: smoother, more global deformation)
     * @param maxDisplacementMm the largest displacement along any image axis, mm; at most
     *                          {@link BSplineDisplacementField#MAX_DISPLACEMENT_FRACTION} × {@code controlSpacingMm}
     *                          so that the deformation cannot fold
     * @param fieldSeed         the seed of the field's control point displacements
     * @throws TransformException naming {@code controlSpacingMm} or {@code maxDisplacementMm} if invalid
     */
    public static ElasticDeformation of(double controlSpacingMm, double maxDisplacementMm, long fieldSeed) {
        if (!(controlSpacingMm > 0) || Double.isInfinite(controlSpacingMm)) {
            throw new TransformException("ElasticDeformation: controlSpacingMm must be a positive finite number of mm,"
                    + " got " + controlSpacingMm);
        }
        BSplineDisplacementField.requireDisplacement(maxDisplacementMm, controlSpacingMm);
        return new ElasticDeformation(controlSpacingMm, maxDisplacementMm, fieldSeed, null, GridResampler.linear());
    }

    /**
     * @param field the displacement to resample through (output point q reads the input at q + u(q))
     * @return a deformation through a given field, whatever the image
     * @throws IllegalArgumentException naming {@code field} if null
     */
    public static ElasticDeformation through(DisplacementField field) {
        if (field == null) {
            throw new IllegalArgumentException("ElasticDeformation.through: field must not be null");
        }
        return new ElasticDeformation(0, 0, 0, field, GridResampler.linear());
    }

    /** @return this deformation reading images with {@code newInterpolation} */
    public ElasticDeformation withInterpolation(Interpolation newInterpolation) {
        return new ElasticDeformation(controlSpacingMm, maxDisplacementMm, fieldSeed, field,
                resampler.withInterpolation("ElasticDeformation", newInterpolation));
    }

    /** @return this deformation padding with {@code newPadding} */
    public ElasticDeformation withPadding(Padding newPadding) {
        return new ElasticDeformation(controlSpacingMm, maxDisplacementMm, fieldSeed, field,
                resampler.withPadding("ElasticDeformation", newPadding));
    }

    /** @return the displacement field used for a sample on {@code g} */
    public DisplacementField fieldFor(Geometry g) {
        return field != null ? field
                : BSplineDisplacementField.random(g, controlSpacingMm, maxDisplacementMm, fieldSeed);
    }

    @Override
    public Sample apply(Sample sample) {
        Volume image = sample.image();
        Geometry g = image.geometry();
        DisplacementField u = fieldFor(g);
        Volume out = resampler.resampleImage("ElasticDeformation", image, g, WorldAffine.identity(), u);
        LabelVolume label = sample.labelOrNull();
        LabelVolume outLabel = label == null ? null
                : resampler.resampleLabels("ElasticDeformation", label, g, WorldAffine.identity(), u);
        ElasticDeformation inverse = new ElasticDeformation(0, 0, 0, u.inverse(), resampler);
        return sample.next(out, outLabel, new AppliedTransform("ElasticDeformation", describe(u), true, g, g,
                inverse));
    }

    private String describe(DisplacementField u) {
        return (field != null ? "field=" + u : drawnField()) + ", " + resampler.parameters();
    }

    @Override
    public String toString() {
        return "ElasticDeformation(" + (field != null ? field.toString() : drawnField()) + ")";
    }

    private String drawnField() {
        return String.format(Locale.ROOT, "controlSpacing=%.4g mm, maxDisplacement=%.4g mm, fieldSeed=%d",
                controlSpacingMm, maxDisplacementMm, fieldSeed);
    }
}
