package org.medimg4j.dicom.writer;

import java.nio.file.Path;
import org.medimg4j.dicom.DicomException;

/**
 * Writing DICOM failed on the file system: the output directory cannot be created or written, or a file cannot
 * be written or renamed into place. The message names the path; {@link #path()} returns it. When this is thrown,
 * no partly written file is left under the final name (see {@link Part10Writer#write}).
 */
public final class DicomWriteException extends DicomException {
    private static final long serialVersionUID = 1L;

    /** The path at fault; transient because {@link Path} is not serialisable. */
    private final transient Path path;

    /**
     * @param message what failed, naming {@code path}
     * @param path    the directory or file at fault
     * @param cause   the I/O failure, or null
     */
    public DicomWriteException(String message, Path path, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** @return the directory or file at fault */
    public Path path() {
        return path;
    }
}
