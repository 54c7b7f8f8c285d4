package org.medimg4j.core.transform;

import org.medimg4j.core.volume.Volume;

/**
 * One step of preprocessing or augmentation: a function from a {@link Sample} (image, optional label) to a new
 * sample. Implementations are immutable and thread-safe; each documents the units of its parameters.
 *
 * <p>Spatial transforms move the label with nearest-neighbour interpolation, update the geometry so that every
 * voxel keeps (or, for deformations, documents) its place in patient space, and record an
 * {@link AppliedTransform} with its inverse in the sample's history. Intensity transforms leave the label
 * untouched. Random transforms derive all randomness from their own seed and the sample's seed (see
 * {@link RandomTransform}).
 */
@FunctionalInterface
public interface Transform {

    /**
     * @param sample the input; never modified
     * @return the transformed sample
     */
    Sample apply(Sample sample);

    /** Applies this transform to an image alone. */
    default Volume apply(Volume image) {
        return apply(Sample.of(image)).image();
    }

    /** @return a chain that applies this transform, then {@code next} */
    default TransformChain then(Transform next) {
        return TransformChain.of(this).then(next);
    }
}
