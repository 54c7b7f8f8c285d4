package org.medimg4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.series.DicomScanner;
import org.medimg4j.dicom.series.ScanResult;
import org.medimg4j.dicom.series.SeriesGrouper;
import org.medimg4j.dicom.series.SeriesLoadOptions;
import org.medimg4j.dicom.series.SeriesLoader;
import org.medimg4j.dicom.series.StackCandidate;
import org.medimg4j.dicom.series.StackPolicy;

/** What {@code medimg series} and {@code medimg convert} share: finding stacks, the loader, error lines, stats. */
final class SeriesCommands {

    private SeriesCommands() {
    }

    static SeriesLoader loader(boolean strict) {
        return new SeriesLoader(SeriesLoadOptions.builder()
                .policy(strict ? StackPolicy.STRICT : StackPolicy.LENIENT).build());
    }

    /**
     * Scans {@code dir} (metadata-only reads, in parallel, a progress bar on stderr for large trees) and groups
     * what it finds into stack candidates.
     *
     * @throws IOException naming the directory when it is missing, unreadable, or holds no DICOM image (with the
     *                     reasons files were skipped)
     */
    static List<StackCandidate> find(Path dir) throws IOException {
        ScanResult scan = DicomScanner.builder().progress(ScanProgressBar.onStderr()).build().scan(dir);
        return SeriesGrouper.defaults().group(scan.requireInstances());
    }

    /** @return min, max and mean of all voxels (mean summed in double), in the volume's units */
    static double[] minMaxMean(Volume v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = v.channels() * v.voxelsPerChannel();
        switch (v.voxelType()) {
            case FLOAT32 -> {
                FloatBuffer b = v.floats();
                for (int i = 0; i < n; i++) {
                    float x = b.get(i);
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    sum += x;
                }
            }
            case INT16 -> {
                ShortBuffer b = v.shorts();
                for (int i = 0; i < n; i++) {
                    short x = b.get(i);
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    sum += x;
                }
            }
            case UINT8 -> {
                java.nio.ByteBuffer b = v.unsignedBytes();
                for (int i = 0; i < n; i++) {
                    int x = b.get(i) & 0xFF;
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    sum += x;
                }
            }
        }
        return new double[] {min, max, sum / n};
    }

    /** @return one line for stderr naming what failed (no stack trace) */
    static String oneLine(Exception e, Path subject) {
        String reason;
        if (e instanceof NoSuchFileException n) {
            reason = (n.getFile() == null ? subject.toString() : n.getFile()) + ": no such file or directory";
        } else if (e instanceof NotDirectoryException d) {
            reason = d.getFile() + ": not a directory";
        } else if (e instanceof AccessDeniedException a) {
            reason = (a.getFile() == null ? subject.toString() : a.getFile()) + ": permission denied";
        } else if (e instanceof RuntimeException) {
            reason = e.toString();   // not a documented failure: say what it was, for the bug report
        } else if (e instanceof IOException && e.getMessage() != null) {
            reason = e.getMessage();
        } else {
            reason = e.toString();
        }
        return reason.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
