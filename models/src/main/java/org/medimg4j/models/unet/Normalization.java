package org.medimg4j.models.unet;

/** The normalisation after each 3×3(×3) convolution of a U-Net block. */
public enum Normalization {
    /**
     * Batch normalisation (eps 1e-5, momentum 0.1, affine; running statistics in inference): DL4J's
     * {@code BatchNormalization} in 2-D, {@link org.medimg4j.models.layer.BatchNorm3D} in 3-D (DL4J's fails on
     * rank-5 input in 1.0.0-M2.1). The convolution before it has no bias.
     */
    BATCH,
    /**
     * Instance normalisation ({@link org.medimg4j.models.layer.InstanceNorm}: per example and channel over space,
     * affine, eps 1e-5, no running statistics): independent of the batch size, for small 3-D patch batches. The
     * convolution before it has no bias.
     */
    INSTANCE,
    /** No normalisation; the convolutions then have a bias, as nothing else would shift them. */
    NONE
}
