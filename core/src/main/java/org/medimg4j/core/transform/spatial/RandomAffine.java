package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import java.util.SplittableRandom;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;

/**
 * Random rotation and scaling about the volume's centre: draws the parameters, then applies an {@link Affine}
 * with them, so the sample's history records the drawn angles (degrees) and factors. Replayable: the draw
 * depends only on this transform's seed and {@link Sample#seed()}.
 *
 * <p>Each angle is uniform in [−max, +max] degrees about its patient axis, each scale factor uniform in
 * [min, max] (one factor for all axes unless {@link Builder#isotropicScale(boolean) isotropicScale(false)}).
 * For a 2-D image (depth 1) only the rotation about the patient axis closest to the image normal is kept, so the
 * image turns in its plane. With probability 1 − {@code probability} nothing moves and a non-spatial
 * "not applied" record is kept instead. The same values are drawn in the same order either way, so a sample's
 * draw does not depend on its size or on the probability.
 */
public final class RandomAffine extends RandomWarp {

    private final double[] maxRotationDeg;
    private final double minScale;
    private final double maxScale;
    private final boolean isotropic;

    private RandomAffine(Builder b) {
        super(b);
        this.maxRotationDeg = b.maxRotationDeg.clone();
        this.minScale = b.minScale;
        this.maxScale = b.maxScale;
        this.isotropic = b.isotropic;
    }

    /** @param seed this transform's seed @return a builder: 10° about each axis, scale 0.9–1.1, probability 1 */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    @Override
    Transform drawWarp(SplittableRandom random, Geometry g) {
        double[] angles = new double[3];
        for (int a = 0; a < 3; a++) {
            angles[a] = (2 * random.nextDouble() - 1) * maxRotationDeg[a];
        }
        double[] scale = new double[3];
        for (int a = 0; a < 3; a++) {
            scale[a] = minScale + (maxScale - minScale) * random.nextDouble();
        }
        if (isotropic) {
            scale[1] = scale[0];
            scale[2] = scale[0];
        }
        if (g.nz() == 1) {
            int normal = closestPatientAxis(g, 2);
            for (int a = 0; a < 3; a++) {
                if (a != normal) {
                    angles[a] = 0;
                }
            }
        }
        return Affine.builder().rotationDegrees(angles[0], angles[1], angles[2]).scale(scale[0], scale[1], scale[2])
                .interpolation(resampler().interpolation()).padding(resampler().padding()).build();
    }

    /** @return the patient axis (0 = x, 1 = y, 2 = z) most nearly parallel to grid axis {@code axis} */
    static int closestPatientAxis(Geometry g, int axis) {
        double[] d = g.direction();
        int best = 0;
        for (int r = 1; r < 3; r++) {
            if (Math.abs(d[r * 3 + axis]) > Math.abs(d[best * 3 + axis])) {
                best = r;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RandomAffine(seed=%d, maxRotation=(%.3g, %.3g, %.3g) deg, scale=[%.3g, %.3g]"
                        + "%s, p=%.3g)", seed(), maxRotationDeg[0], maxRotationDeg[1], maxRotationDeg[2], minScale,
                maxScale, isotropic ? " isotropic" : "", probability());
    }

    /** Builds a {@link RandomAffine}; {@link #build()} validates and names the parameter at fault. */
    public static final class Builder extends RandomWarp.Builder<Builder> {
        private double[] maxRotationDeg = {10, 10, 10};
        private double minScale = 0.9;
        private double maxScale = 1.1;
        private boolean isotropic = true;

        private Builder(long seed) {
            super("RandomAffine", seed);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @param degrees the largest rotation about each patient axis, degrees, in [0, 180] */
        public Builder maxRotationDegrees(double degrees) {
            return maxRotationDegrees(degrees, degrees, degrees);
        }

        /** @param rxDeg largest about L (x) @param ryDeg about P (y) @param rzDeg about S (z), degrees in [0, 180] */
        public Builder maxRotationDegrees(double rxDeg, double ryDeg, double rzDeg) {
            this.maxRotationDeg = new double[] {rxDeg, ryDeg, rzDeg};
            return this;
        }

        /** @param min smallest scale factor (&gt; 0) @param max largest (≥ min); 1 = no scaling */
        public Builder scaleRange(double min, double max) {
            this.minScale = min;
            this.maxScale = max;
            return this;
        }

        /** @param same whether one factor scales all axes (default true) */
        public Builder isotropicScale(boolean same) {
            this.isotropic = same;
            return this;
        }

        /** @throws TransformException naming the parameter at fault */
        public RandomAffine build() {
            for (double d : maxRotationDeg) {
                if (!(d >= 0 && d <= 180)) {
                    throw new TransformException("RandomAffine: maxRotationDegrees must be in [0, 180], got "
                            + java.util.Arrays.toString(maxRotationDeg));
                }
            }
            if (!(minScale > 0) || !(maxScale >= minScale) || Double.isInfinite(maxScale)) {
                throw new TransformException("RandomAffine: scaleRange must satisfy 0 < min <= max < infinity, got ["
                        + minScale + ", " + maxScale + "]");
            }
            // probability, interpolation and padding are checked by RandomWarp
            return new RandomAffine(this);
        }
    }
}
