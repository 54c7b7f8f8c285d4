package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import java.util.SplittableRandom;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;

/**
 * Random elastic deformation: draws a field seed, then applies an {@link ElasticDeformation} with it, so the
 * sample's history records the seed and the field can be rebuilt. Replayable: the draw depends only on this
 * transform's seed and {@link Sample#seed()}. With probability 1 − {@code probability} nothing moves and a
 * non-spatial "not applied" record is kept.
 */
public final class RandomElastic extends RandomWarp {

    private final double controlSpacingMm;
    private final double maxDisplacementMm;

    private RandomElastic(Builder b) {
        super(b);
        this.controlSpacingMm = b.controlSpacingMm;
        this.maxDisplacementMm = b.maxDisplacementMm;
    }

    /**
     * @param seed this transform's seed
     * @return a builder: control spacing 50 mm, displacement up to 7.5 mm, probability 1
     */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    @Override
    Transform drawWarp(SplittableRandom random, Geometry g) {
        long fieldSeed = random.nextLong();
        return ElasticDeformation.of(controlSpacingMm, maxDisplacementMm, fieldSeed)
                .withInterpolation(resampler().interpolation()).withPadding(resampler().padding());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RandomElastic(seed=%d, controlSpacing=%.4g mm, maxDisplacement=%.4g mm, "
                + "p=%.3g)", seed(), controlSpacingMm, maxDisplacementMm, probability());
    }

    /** Builds a {@link RandomElastic}; {@link #build()} validates and names the parameter at fault. */
    public static final class Builder extends RandomWarp.Builder<Builder> {
        private double controlSpacingMm = 50;
        private double maxDisplacementMm = 7.5;

        private Builder(long seed) {
            super("RandomElastic", seed);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @param mm control point spacing, mm */
        public Builder controlSpacingMm(double mm) {
            this.controlSpacingMm = mm;
            return this;
        }

        /** @param mm the largest displacement along any image axis, mm (≤ 0.4 × control spacing) */
        public Builder maxDisplacementMm(double mm) {
            this.maxDisplacementMm = mm;
            return this;
        }

        /** @throws TransformException naming the parameter at fault */
        public RandomElastic build() {
            // the same checks as the deterministic transform, made now rather than at the first sample
            ElasticDeformation.of(controlSpacingMm, maxDisplacementMm, 0L);
            // probability, interpolation and padding are checked by RandomWarp
            return new RandomElastic(this);
        }
    }
}
