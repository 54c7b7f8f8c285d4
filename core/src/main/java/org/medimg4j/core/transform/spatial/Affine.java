package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * Rotates and scales the content of a sample about a fixed centre in patient space, on the same grid: the
 * geometry is unchanged, the anatomy moves. Deterministic; the random variant is {@link RandomAffine}.
 *
 * <p>The content map is p ↦ c + R·S·(p − c) in LPS mm: first a scaling S = diag(sx, sy, sz) along the patient
 * axes (a factor above 1 enlarges the anatomy), then the rotation R = Rz·Ry·Rx of
 * {@link WorldAffine#rotationMatrix} (degrees about the patient x = L, y = P and z = S axes, right-handed). The
 * centre c is the volume's centre (the middle of its voxel centres) unless one is given. The output takes, at each
 * voxel q, the input's value at the inverse image of q. Images use the configured {@link Interpolation} (default
 * LINEAR), labels nearest; outside the image {@link Padding} applies (default each channel's minimum).
 *
 * <p>Records an {@link AppliedTransform} with the rotation, scale and centre, whose inverse is the inverse map
 * about the same centre.
 */
public final class Affine implements Transform {

    private final double[] linear;
    private final Point3 centre;
    /** How images are read and what is written outside: the interpolation and padding settings. */
    private final GridResampler resampler;
    private final String description;

    private Affine(double[] linear, Point3 centre, GridResampler resampler, String description) {
        this.linear = linear;
        this.centre = centre;
        this.resampler = resampler;
        this.description = description;
    }

    /** @return a builder: no rotation, scale 1, centre the volume's centre, LINEAR, minimum padding */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An affine with an explicit linear content map, e.g. the inverse of another.
     *
     * @param linear3x3 row-major 3×3 map of the content about {@code centre}, unitless; copied
     * @param centre    its fixed point, LPS mm; null for the volume's centre
     * @throws TransformException naming {@code linear3x3} if it is not 9 finite values with an invertible matrix
     */
    public static Affine ofLinear(double[] linear3x3, Point3 centre) {
        requireLinear(linear3x3);
        return new Affine(linear3x3.clone(), centre, GridResampler.linear(), "linear=" + matrixString(linear3x3));
    }

    private static void requireLinear(double[] l) {
        if (l == null || l.length != 9) {
            throw new TransformException("Affine: linear3x3 must be a row-major 3x3 matrix of 9 values, got "
                    + (l == null ? "null" : l.length + " values"));
        }
        WorldAffine.of(new double[] {l[0], l[1], l[2], 0, l[3], l[4], l[5], 0, l[6], l[7], l[8], 0});
    }

    /** @return this affine reading images with {@code newInterpolation} */
    public Affine withInterpolation(Interpolation newInterpolation) {
        return new Affine(linear, centre, resampler.withInterpolation("Affine", newInterpolation), description);
    }

    /** @return this affine padding with {@code newPadding} */
    public Affine withPadding(Padding newPadding) {
        return new Affine(linear, centre, resampler.withPadding("Affine", newPadding), description);
    }

    /** @return the centre of {@code g}'s voxel centres, LPS mm: the default fixed point */
    public static Point3 centreOf(Geometry g) {
        return g.indexToWorld((g.nx() - 1) / 2.0, (g.ny() - 1) / 2.0, (g.nz() - 1) / 2.0);
    }

    /** @return how the content of a sample on {@code g} moves: input point ↦ output point, LPS mm */
    public WorldAffine contentMap(Geometry g) {
        return WorldAffine.about(linear, centre != null ? centre : centreOf(g), new double[3]);
    }

    @Override
    public Sample apply(Sample sample) {
        Volume image = sample.image();
        Geometry g = image.geometry();
        Point3 c = centre != null ? centre : centreOf(g);
        WorldAffine motion = WorldAffine.about(linear, c, new double[3]);
        WorldAffine pull = motion.inverse();
        Volume out = resampler.resampleImage("Affine", image, g, pull, null);
        LabelVolume label = sample.labelOrNull();
        LabelVolume outLabel = label == null ? null : resampler.resampleLabels("Affine", label, g, pull, null);
        double[] p = pull.toArray();
        double[] inverseLinear = {p[0], p[1], p[2], p[4], p[5], p[6], p[8], p[9], p[10]};
        String params = description + String.format(Locale.ROOT, " about (%.3f, %.3f, %.3f) mm LPS, ", c.x(), c.y(),
                c.z()) + resampler.parameters();
        Affine inverse = new Affine(inverseLinear, c, resampler, "inverse of " + description);
        return sample.next(out, outLabel, new AppliedTransform("Affine", params, true, g, g, inverse));
    }

    private static String matrixString(double[] l) {
        return String.format(Locale.ROOT, "[%.6g %.6g %.6g; %.6g %.6g %.6g; %.6g %.6g %.6g]", l[0], l[1], l[2], l[3],
                l[4], l[5], l[6], l[7], l[8]);
    }

    @Override
    public String toString() {
        return "Affine(" + description + ")";
    }

    /** Builds an {@link Affine}; {@link #build()} validates and names the parameter at fault. */
    public static final class Builder extends WarpBuilder<Builder> {
        private double[] rotationDeg = {0, 0, 0};
        private double[] scale = {1, 1, 1};
        private Point3 centre;

        private Builder() {
            super("Affine");
        }

        @Override
        Builder self() {
            return this;
        }

        /** @param rxDeg degrees about L (x) @param ryDeg about P (y) @param rzDeg about S (z); applied x, y, z */
        public Builder rotationDegrees(double rxDeg, double ryDeg, double rzDeg) {
            this.rotationDeg = new double[] {rxDeg, ryDeg, rzDeg};
            return this;
        }

        /** @param sx factor along L (x) @param sy along P (y) @param sz along S (z); above 1 enlarges */
        public Builder scale(double sx, double sy, double sz) {
            this.scale = new double[] {sx, sy, sz};
            return this;
        }

        /** @param factor the same factor along every patient axis */
        public Builder scale(double factor) {
            return scale(factor, factor, factor);
        }

        /** @param fixedPoint the centre of rotation and scaling, LPS mm (default: the volume's centre) */
        public Builder centre(Point3 fixedPoint) {
            this.centre = fixedPoint;
            return this;
        }

        /**
         * @return the affine
         * @throws TransformException naming {@code rotationDegrees}, {@code scale}, {@code centre},
         *                            {@code interpolation} or {@code padding} if invalid
         */
        public Affine build() {
            for (int a = 0; a < 3; a++) {
                if (!Double.isFinite(rotationDeg[a])) {
                    throw new TransformException("Affine: rotationDegrees must be finite, got "
                            + java.util.Arrays.toString(rotationDeg));
                }
                if (!(scale[a] > 0) || Double.isInfinite(scale[a])) {
                    throw new TransformException("Affine: scale factors must be positive and finite, got "
                            + java.util.Arrays.toString(scale));
                }
            }
            if (centre != null && !(Double.isFinite(centre.x()) && Double.isFinite(centre.y())
                    && Double.isFinite(centre.z()))) {
                throw new TransformException("Affine: centre must be finite, got " + centre);
            }
            GridResampler resampler = requireResampler();
            double[] r = WorldAffine.rotationMatrix(rotationDeg[0], rotationDeg[1], rotationDeg[2]);
            double[] l = new double[9];
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 3; col++) {
                    l[row * 3 + col] = r[row * 3 + col] * scale[col];
                }
            }
            String d = String.format(Locale.ROOT, "rotation=(%.4g, %.4g, %.4g) deg about L,P,S, "
                    + "scale=(%.4g, %.4g, %.4g)", rotationDeg[0], rotationDeg[1], rotationDeg[2], scale[0], scale[1],
                    scale[2]);
            return new Affine(l, centre, resampler, d);
        }
    }
}
