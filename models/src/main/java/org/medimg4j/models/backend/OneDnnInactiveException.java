package org.medimg4j.models.backend;

/**
 * The native build has oneDNN but DL4J's 2-D layers would not use it, so convolutions would run several times
 * slower than they can. Thrown by {@link OneDnn#requireActive()} at start-up, never later.
 */
public final class OneDnnInactiveException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient BackendInfo backend;

    /**
     * @param backend the backend as found
     * @param cause   why the helpers are off and what to do about it
     */
    public OneDnnInactiveException(BackendInfo backend, String cause) {
        super("oneDNN helpers are off on native build " + backend.nativeBuild() + " (ConvolutionLayer helper: "
                + backend.convolutionHelper() + "): " + cause);
        this.backend = backend;
    }

    /** @return the backend as found when the check failed */
    public BackendInfo backend() {
        return backend;
    }
}
