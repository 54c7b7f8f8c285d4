package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import java.util.SplittableRandom;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.RandomTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;

/**
 * Random elastic deformation: draws a field seed, then applies an {@link ElasticDeformation} with it, so the
 * sample's history records the seed and the field can be rebuilt. Replayable: the draw depends only on this
 * transform's seed and {@link Sample#seed()}. With probability 1 − {@code probability} nothing moves and a
 * non-spatial "not applied" record is kept.
 */
public final class RandomElastic extends RandomTransform {

    private final double controlSpacingMm;
    private final double maxDisplacementMm;
    private final double probability;
    private final Interpolation interpolation;
    private final Padding padding;

    private RandomElastic(Builder b) {
        super(b.seed);
        this.controlSpacingMm = b.controlSpacingMm;
        this.maxDisplacementMm = b.maxDisplacementMm;
        this.probability = b.probability;
        this.interpolation = b.interpolation;
        this.padding = b.padding;
    }

    /**
     * @param seed this transform's seed
     * @return a builder: control spacing 50 mm, displacement up to 7.5 mm, probability 1
     */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    @Override
    protected Transform draw(SplittableRandom random, Sample sample) {
        double gate = random.nextDouble();
        long fieldSeed = random.nextLong();
        if (gate >= probability) {
            Geometry g = sample.image().geometry();
            String why = String.format(Locale.ROOT, "not applied (probability %.3g, drew %.3f)", probability, gate);
            return s -> s.next(s.image(), s.labelOrNull(), new AppliedTransform("RandomElastic", why, false, g, g,
                    null));
        }
        return ElasticDeformation.of(controlSpacingMm, maxDisplacementMm, fieldSeed).withInterpolation(interpolation)
                .withPadding(padding);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RandomElastic(seed=%d, controlSpacing=%.4g mm, maxDisplacement=%.4g mm, "
                + "p=%.3g)", seed(), controlSpacingMm, maxDisplacementMm, probability);
    }

    /** Builds a {@link RandomElastic}; {@link #build()} validates and names the parameter at fault. */
    public static final class Builder {
        private final long seed;
        private double controlSpacingMm = 50;
        private double maxDisplacementMm = 7.5;
        private double probability = 1;
        private Interpolation interpolation = Interpolation.LINEAR;
        private Padding padding = Padding.minimum();

        private Builder(long seed) {
            this.seed = seed;
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

        /** @param p the chance that the transform is applied, in [0, 1] */
        public Builder probability(double p) {
            this.probability = p;
            return this;
        }

        /** @param i how images are read (default LINEAR; labels are always read nearest) */
        public Builder interpolation(Interpolation i) {
            this.interpolation = i;
            return this;
        }

        /** @param p what is written where the content leaves the image (default {@link Padding#minimum()}) */
        public Builder padding(Padding p) {
            this.padding = p;
            return this;
        }

        /** @throws TransformException naming the parameter at fault */
        public RandomElastic build() {
            // the same checks as the deterministic transform, made now rather than at the first sample
            ElasticDeformation.of(controlSpacingMm, maxDisplacementMm, 0L);
            if (!(probability >= 0 && probability <= 1)) {
                throw new TransformException("RandomElastic: probability must be in [0, 1], got " + probability);
            }
            if (interpolation == null) {
                throw new TransformException("RandomElastic: interpolation must not be null");
            }
            if (padding == null) {
                throw new TransformException("RandomElastic: padding must not be null");
            }
            return new RandomElastic(this);
        }
    }
}
