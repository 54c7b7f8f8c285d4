package org.medimg4j.core.transform;

/**
 * Thrown when a transform cannot be applied or undone: a spatial step in a sample's history has no inverse, or
 * the input breaks a rule the transform states. The message names the transform and the parameter.
 */
public class TransformException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TransformException(String message) {
        super(message);
    }
}
