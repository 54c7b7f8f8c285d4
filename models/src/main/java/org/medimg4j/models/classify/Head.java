package org.medimg4j.models.classify;

/**
 * What a classifier's last layer emits, one row of {@code classes} values per sample.
 */
public enum Head {
    /**
     * Class probabilities: a fully connected layer with softmax and multi-class cross-entropy loss. This is the
     * head to train with ({@code ComputationGraph.fit} needs an output layer with a loss).
     */
    SOFTMAX,
    /**
     * Raw class scores: a fully connected layer with identity activation and no loss, as torchvision's models
     * return. For inference and for benchmarks against PyTorch only; a network with this head cannot be fitted.
     */
    LOGITS
}
