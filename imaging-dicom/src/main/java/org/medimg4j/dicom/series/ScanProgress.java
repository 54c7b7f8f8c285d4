package org.medimg4j.dicom.series;

import java.nio.file.Path;

/**
 * Listens to a {@link DicomScanner}'s progress, e.g. to draw a progress bar. The scanner first lists the files
 * (walking the tree, or reading a DICOMDIR), then reads them in parallel, then finishes.
 *
 * <p>Threading: the calls come from the scanning thread and from the scanner's worker threads, but never two at a
 * time (the scanner serialises them), and {@code done} only grows; an implementation needs no locking of its own.
 * It should return quickly, since workers wait on it. An exception thrown by a listener aborts the scan.
 */
public interface ScanProgress {

    /** A listener that ignores everything. */
    ScanProgress NONE = new ScanProgress() {
    };

    /**
     * The files to read are known.
     *
     * @param root       the scanned root
     * @param totalFiles how many files will be read (files skipped while listing, e.g. hidden ones, not counted)
     */
    default void started(Path root, int totalFiles) {
    }

    /**
     * One more file was read (or skipped while reading).
     *
     * @param done  files read so far, 1 to {@code total}
     * @param total the {@code totalFiles} of {@link #started}
     */
    default void scanned(int done, int total) {
    }

    /**
     * The scan is over, successfully or not; called exactly once after {@link #started}.
     *
     * @param result the result, or null when the scan failed or was interrupted
     */
    default void finished(ScanResult result) {
    }
}
