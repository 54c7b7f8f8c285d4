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
 * What the random warps ({@link RandomAffine}, {@link RandomElastic}) share: a probability gate drawn first, then
 * the warp's own parameters, then the gate decides. The parameters are drawn whether or not the gate passes, so
 * that a sample's draw depends neither on the probability nor on the sample's size. A sample the gate stops is
 * passed on unchanged, with a non-spatial "not applied" record naming the value drawn.
 */
abstract class RandomWarp extends RandomTransform {

    private final String name;
    private final double probability;
    private final GridResampler resampler;

    /** @throws TransformException naming {@code probability}, {@code interpolation} or {@code padding} if invalid */
    RandomWarp(Builder<?> b) {
        super(b.seed);
        if (!(b.probability >= 0 && b.probability <= 1)) {
            throw new TransformException(b.owner + ": probability must be in [0, 1], got " + b.probability);
        }
        this.name = b.owner;
        this.probability = b.probability;
        this.resampler = b.requireResampler();
    }

    /** @return the chance that a sample is warped, in [0, 1] */
    final double probability() {
        return probability;
    }

    /** @return how the warp reads images and what it writes outside them */
    final GridResampler resampler() {
        return resampler;
    }

    /**
     * Draws the warp's parameters, always the same values in the same order.
     *
     * @param g the geometry of the sample's image
     * @return the deterministic warp with them
     */
    abstract Transform drawWarp(SplittableRandom random, Geometry g);

    @Override
    protected final Transform draw(SplittableRandom random, Sample sample) {
        double gate = random.nextDouble();
        Geometry g = sample.image().geometry();
        Transform warp = drawWarp(random, g);
        if (gate < probability) {
            return warp;
        }
        String why = String.format(Locale.ROOT, "not applied (probability %.3g, drew %.3f)", probability, gate);
        return s -> s.next(s.image(), s.labelOrNull(), new AppliedTransform(name, why, false, g, g, null));
    }

    /**
     * The seed and probability of a random warp's builder, besides the settings of every warp.
     *
     * @param <B> the concrete builder
     */
    abstract static class Builder<B extends Builder<B>> extends WarpBuilder<B> {
        private final long seed;
        private double probability = 1;

        Builder(String owner, long seed) {
            super(owner);
            this.seed = seed;
        }

        /**
         * @param p the chance that the transform is applied, in [0, 1]
         * @return this builder
         */
        public B probability(double p) {
            this.probability = p;
            return self();
        }
    }
}
