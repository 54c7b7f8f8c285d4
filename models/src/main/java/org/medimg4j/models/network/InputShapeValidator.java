package org.medimg4j.models.network;

/**
 * A network's rule for the input shapes it can take, checked before any forward pass so that an unsuitable image
 * or patch size is a clear error naming the size, not a failure deep inside a layer. Builders (U-Net, classifiers)
 * implement it; inferers call it on each tile or patch shape they are about to feed.
 */
@FunctionalInterface
public interface InputShapeValidator {

    /**
     * @param shape the input shape with the batch first, e.g. [N, C, H, W] or [N, C, D, H, W], in elements
     * @throws InputShapeException naming the dimension, its size and what the network needs
     */
    void validateInput(long... shape);
}
