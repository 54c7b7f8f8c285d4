package org.medimg4j.dicom;

import java.io.IOException;

/**
 * A DICOM file or stream that cannot be read as the standard says: truncated, malformed, hostile, or using a
 * transfer syntax we do not decode. The message names the file, the byte offset and the tag where they are known,
 * and what was expected, e.g. {@code "CT1.dcm: offset 1234, (7FE0,0010) Pixel Data: length 4294967280 runs past
 * the end of the file (64 bytes left)"}.
 */
public class DicomException extends IOException {
    private static final long serialVersionUID = 1L;

    public DicomException(String message) {
        super(message);
    }

    public DicomException(String message, Throwable cause) {
        super(message, cause);
    }
}
