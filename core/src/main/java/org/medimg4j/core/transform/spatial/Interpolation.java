package org.medimg4j.core.transform.spatial;

/**
 * How a resampler reads the input between voxel centres.
 *
 * <p>Labels are always read with {@link #NEAREST}, whatever is configured for the image, so that no label value
 * is invented between two classes.
 */
public enum Interpolation {
    /**
     * The value of the voxel whose centre is nearest (ties round towards the higher index). Keeps the set of
     * values: use it for labels and masks.
     */
    NEAREST,
    /**
     * Trilinear interpolation of the eight surrounding voxel centres; on an axis of a single voxel (a 2-D image of
     * depth 1) it reduces to bilinear in-plane interpolation. Exact for intensities that vary linearly in space.
     */
    LINEAR
}
