package org.medimg4j.models.unet;

/** What the U-Net's output vertex produces per voxel and class. */
public enum OutputActivation {
    /** Raw scores of the 1×1(×1) head, as the PyTorch reference outputs (no loss layer unless one is set). */
    LOGITS,
    /** Softmax over the class (channel) axis: mutually exclusive classes; default loss multi-class cross-entropy. */
    SOFTMAX,
    /** Independent sigmoid per class channel: overlapping labels; default loss binary cross-entropy. */
    SIGMOID
}
