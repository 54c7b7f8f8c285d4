package org.medimg4j.dicom.series;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.medimg4j.dicom.DicomException;

/**
 * What a {@link DicomScanner} found under a root: the DICOM instances with pixel data, each read metadata-only, and
 * every file it passed over with the reason. Immutable.
 *
 * <p>A scan that finds no instance is not an error here: whether that is fatal is the caller's decision (a loader
 * or the command line makes it one, with {@link #requireInstances()}, whose message keeps the skip reasons so that
 * the user learns why nothing was found).
 *
 * @param root       the scanned file or directory, as given
 * @param instances  the instances, sorted by path (so that results do not depend on thread timing or on the
 *                   order in which the file system lists a directory)
 * @param skipped    the files and directories passed over, sorted by path
 * @param dicomDirs  the DICOMDIR files whose references were scanned in place of walking their folders, sorted
 */
public record ScanResult(Path root, List<InstanceHeader> instances, List<SkippedFile> skipped,
                         List<Path> dicomDirs) {

    /** @throws NullPointerException when an argument is null */
    public ScanResult {
        Objects.requireNonNull(root, "root");
        instances = List.copyOf(instances);
        skipped = List.copyOf(skipped);
        dicomDirs = List.copyOf(dicomDirs);
    }

    /** @return whether no instance was found */
    public boolean isEmpty() {
        return instances.isEmpty();
    }

    /** @return how many files were skipped for each reason, in {@link SkippedFile.Reason} order */
    public Map<SkippedFile.Reason, Integer> skippedCounts() {
        Map<SkippedFile.Reason, Integer> counts = new EnumMap<>(SkippedFile.Reason.class);
        for (SkippedFile s : skipped) {
            counts.merge(s.reason(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * @return the skipped files counted by reason, e.g. "3 files skipped: 2 not DICOM, 1 empty", or "no files
     *         found" when nothing was skipped
     */
    public String skippedSummary() {
        if (skipped.isEmpty()) {
            return "no files found";
        }
        StringBuilder s = new StringBuilder().append(skipped.size())
                .append(skipped.size() == 1 ? " file skipped: " : " files skipped: ");
        String sep = "";
        for (Map.Entry<SkippedFile.Reason, Integer> e : skippedCounts().entrySet()) {
            s.append(sep).append(e.getValue()).append(' ').append(e.getKey().words());
            sep = ", ";
        }
        return s.toString();
    }

    /**
     * The check a loader or command makes before grouping: a tree without DICOM is an error for them.
     *
     * @return {@link #instances()}, not empty
     * @throws DicomException naming the root and what was skipped, in one line, e.g.
     *                        {@code "/data/x: no DICOM files (3 files skipped: 2 not DICOM, 1 empty)"}
     */
    public List<InstanceHeader> requireInstances() throws DicomException {
        if (instances.isEmpty()) {
            throw new DicomException(root + ": no DICOM files (" + skippedSummary() + ")");
        }
        return instances;
    }
}
