package org.medimg4j.models.network;

/**
 * An input shape a network cannot take: wrong rank, wrong channel count, or a spatial size the network's
 * down-samplings do not divide. The message names the dimension, the size and what was expected.
 */
public class InputShapeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message which dimension, its size, and the rule it breaks */
    public InputShapeException(String message) {
        super(message);
    }
}
