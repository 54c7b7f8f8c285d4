package org.medimg4j.core.transform.spatial;

import org.medimg4j.core.transform.TransformException;

/**
 * The settings that the builder of every warp ({@link Affine}, {@link RandomAffine}, {@link RandomElastic})
 * shares: how images are read and what is written where the content leaves the image. The concrete builder's
 * {@code build()} checks its own parameters first, then these, so each message names the parameter at fault.
 *
 * @param <B> the concrete builder, returned by the setters so that calls chain
 */
abstract class WarpBuilder<B extends WarpBuilder<B>> {

    /** The transform named in the messages. */
    final String owner;
    private Interpolation interpolation = Interpolation.LINEAR;
    private Padding padding = Padding.minimum();

    WarpBuilder(String owner) {
        this.owner = owner;
    }

    /** @return this builder, as its concrete type */
    abstract B self();

    // The setters are public and not final: javac then gives each public builder a public bridge to them, so they
    // are callable, reflection included, through the public type although this class is package-private.

    /**
     * @param i how images are read (default LINEAR; labels are always read nearest)
     * @return this builder
     */
    public B interpolation(Interpolation i) {
        this.interpolation = i;
        return self();
    }

    /**
     * @param p what is written where the content leaves the image (default {@link Padding#minimum()})
     * @return this builder
     */
    public B padding(Padding p) {
        this.padding = p;
        return self();
    }

    /**
     * @return the resampler with these settings
     * @throws TransformException naming {@code interpolation} or {@code padding} if it was set to null
     */
    final GridResampler requireResampler() {
        if (interpolation == null) {
            throw new TransformException(owner + ": interpolation must not be null");
        }
        if (padding == null) {
            throw new TransformException(owner + ": padding must not be null");
        }
        return GridResampler.of(interpolation, padding);
    }
}
