package org.medimg4j.models.bundle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model bundle that cannot be written or that is refused on loading: the message names the file and the
 * problem; {@link #problem()} classifies it for callers that react differently (e.g. a CLI exit code).
 */
public final class BundleException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the bundle. */
    public enum Problem {
        /** The file cannot be read at all (missing, a directory, no permission). */
        UNREADABLE,
        /** The file is not a zip archive. */
        NOT_A_ZIP,
        /** A required entry (descriptor or weights) is absent. */
        MISSING_ENTRY,
        /** The zip's own integrity check (CRC) failed: bytes were damaged. */
        CORRUPTED,
        /** The weights' SHA-256 is not the one the descriptor records. */
        CHECKSUM_MISMATCH,
        /** The descriptor's format name or version is not one this library reads. */
        UNSUPPORTED_FORMAT,
        /** The preprocessing chain names a transform type this library does not know. */
        UNKNOWN_TRANSFORM,
        /** The descriptor is not valid JSON or lacks or misstates a field. */
        INVALID_DESCRIPTOR,
        /** DL4J cannot restore the network from the weights entry. */
        INVALID_MODEL,
        /** The network does not match the descriptor (inputs/outputs, output channels vs labels). */
        INCOMPATIBLE,
        /** Writing the bundle failed. */
        WRITE_FAILED
    }

    private final transient Path file;
    private final Problem problem;

    /**
     * @param file    the bundle file
     * @param problem what is wrong
     * @param detail  the specifics (entry, field, expected and found values)
     * @param cause   the underlying exception, or null
     */
    public BundleException(Path file, Problem problem, String detail, Throwable cause) {
        super("model bundle " + file + ": " + detail, cause);
        this.file = file;
        this.problem = problem;
    }

    /** As {@link #BundleException(Path, Problem, String, Throwable)} without a cause. */
    public BundleException(Path file, Problem problem, String detail) {
        this(file, problem, detail, null);
    }

    /** @return the bundle file */
    public Path file() {
        return file;
    }

    /** @return what is wrong */
    public Problem problem() {
        return problem;
    }
}
