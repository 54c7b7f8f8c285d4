package org.medimg4j.models.unet;

/** How a U-Net decoder level doubles the spatial size before concatenating the skip connection. */
public enum DecoderUpsampling {
    /** A 2×2(×2) transposed convolution with stride 2 and a bias, halving the channels (the reference U-Nets). */
    TRANSPOSED_CONV,
    /**
     * Nearest-neighbour upsampling by 2 followed by a 3×3(×3) same-padded convolution with a bias halving the
     * channels: no checkerboard artefacts, 4.5× (2-D) or 3.4× (3-D) the transposed convolution's parameters.
     */
    UPSAMPLE_CONV
}
