package org.medimg4j.imagej;

import java.io.IOException;

/**
 * Thrown when an ImageJ image or file cannot become a medimg4j volume, or a volume cannot be written as an ImageJ
 * TIFF: an unsupported image type (RGB), a time series, a stack whose size disagrees with its dimensions or with
 * the stored geometry, a malformed {@code medimg4j.*} property, an ImageJ calibration changed after export, a
 * file that is missing or not a TIFF, an output directory that is not a directory. The message starts with the
 * source (the file, or the ImagePlus by title) and names the property, dimension or path at fault.
 *
 * <p>Checked on purpose, like core's {@code NiftiException}: an image handed over by ImageJ or a file on disk is
 * external input, and a bad one is an expected outcome that callers handling I/O already handle.
 */
public class ImageJInteropException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file or image named first in the message. */
    private final String source;

    /**
     * @param source the file or image the problem was found in
     * @param detail what is wrong, naming the property, dimension or path
     */
    public ImageJInteropException(String source, String detail) {
        super(source + ": " + detail);
        this.source = source;
    }

    /**
     * @param source the file or image the problem was found in
     * @param detail what is wrong
     * @param cause  the underlying failure
     */
    public ImageJInteropException(String source, String detail, Throwable cause) {
        super(source + ": " + detail, cause);
        this.source = source;
    }

    /** @return the file or image this exception is about */
    public String source() {
        return source;
    }
}
