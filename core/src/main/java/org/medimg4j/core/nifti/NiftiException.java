package org.medimg4j.core.nifti;

import java.io.IOException;

/**
 * Thrown when a NIfTI-1 file cannot be read: it is truncated, its magic, {@code sizeof_hdr}, datatype or
 * dimensions are invalid or unsupported, its voxel data is shorter than its dimensions require, its gzip stream
 * is corrupt, or its sform is sheared. The message starts with the file (or stream name) and names the header
 * field at fault and what was expected.
 *
 * <p>It is a checked {@link IOException} on purpose: a bad file is an expected outcome of reading external input,
 * not a programming error, and callers that already handle I/O failures handle this one too.
 */
public class NiftiException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source the file or stream name the problem was found in
     * @param detail the field at fault and what was expected
     */
    public NiftiException(String source, String detail) {
        super(source + ": " + detail);
        this.source = source;
    }

    /**
     * @param source the file or stream name the problem was found in
     * @param detail what was wrong
     * @param cause  the underlying failure (e.g. a {@link java.util.zip.ZipException})
     */
    public NiftiException(String source, String detail, Throwable cause) {
        super(source + ": " + detail, cause);
        this.source = source;
    }

    /** @return the file or stream name this exception is about */
    public String source() {
        return source;
    }
}
