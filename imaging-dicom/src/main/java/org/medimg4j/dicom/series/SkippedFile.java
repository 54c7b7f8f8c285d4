package org.medimg4j.dicom.series;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file (or directory) that a {@link DicomScanner} did not turn into an {@link InstanceHeader}, and why. Kept on
 * the {@link ScanResult} so that a caller can explain an empty scan ("no DICOM files (3 files skipped: 2 not
 * DICOM, 1 empty)") instead of only logging it. Immutable.
 *
 * @param path   the file or directory, as found by the walk or as a DICOMDIR names it
 * @param reason the kind of reason, for counting and tests
 * @param detail the specific reason in words, e.g. the parser's message naming the offset; never null
 */
public record SkippedFile(Path path, Reason reason, String detail) {

    /** Why a file was not scanned as an instance. */
    public enum Reason {
        /** Zero bytes long. */
        EMPTY("empty"),
        /** Neither a Part 10 file (no "DICM" at offset 128) nor a data set the parser recognises. */
        NOT_DICOM("not DICOM"),
        /** Looks like DICOM ("DICM" at offset 128) but its header cannot be parsed, e.g. truncated. */
        MALFORMED("malformed DICOM"),
        /** Could not be read: permissions, an I/O error, not a regular file, a file-system loop. */
        UNREADABLE("unreadable"),
        /** DICOM without Pixel Data: a structured report, presentation state, key object, RT plan... */
        NO_PIXEL_DATA("no pixel data"),
        /** A DICOMDIR (Media Storage Directory, PS3.10 7.2): read as an index of files, never as an image. */
        DICOMDIR("DICOMDIR"),
        /** A hidden file or directory (name starting with "."; the file system's hidden flag elsewhere). */
        HIDDEN("hidden"),
        /** A symbolic link to a directory, not followed (see {@link DicomScanner.Builder#followSymlinks}). */
        SYMLINKED_DIRECTORY("symlinked directory"),
        /** Named by a DICOMDIR's Referenced File ID (0004,1500) but not found on disk. */
        MISSING_REFERENCED_FILE("missing (referenced by DICOMDIR)");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        /** @return the reason in a few lower-case words, for summaries such as "2 not DICOM, 1 empty" */
        public String words() {
            return words;
        }
    }

    /** @throws NullPointerException when an argument is null */
    public SkippedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return "PATH: reason words (detail)", one line for logs and messages */
    public String describe() {
        return detail.isEmpty() ? path + ": " + reason.words() : path + ": " + reason.words() + " (" + detail + ")";
    }
}
