package org.medimg4j.models.data;

/**
 * Thrown when a case cannot be loaded or sampled, or a data-pipeline setting is invalid at first use: the message
 * names the case (id and patient) or the parameter and what was expected. A failure in a prefetch worker reaches
 * the consumer as this exception, with the worker's exception as its cause.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message names the case or parameter and what was expected */
    public DataException(String message) {
        super(message);
    }

    /** @param message names the case or parameter @param cause what went wrong underneath */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
