package org.medimg4j.dicom.writer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a writer wrote: the files, in instance order, the UIDs it used and how stored values map back to the
 * volume's values.
 *
 * @param files               the files written, in Instance Number order (slice k of the volume is file k)
 * @param studyInstanceUid    the Study Instance UID
 * @param seriesInstanceUid   the Series Instance UID
 * @param frameOfReferenceUid the Frame of Reference UID ("" when the IOD has none written, as for DX and CR)
 * @param sopInstanceUids     each file's SOP Instance UID, in the order of {@code files}
 * @param rescaleSlope        value = stored × slope + intercept
 * @param rescaleIntercept    see {@code rescaleSlope}
 * @param maxError            the largest |value − (stored × slope + intercept)| over the volume, in its units (0
 *                            when stored exactly)
 */
public record WrittenSeries(List<Path> files, String studyInstanceUid, String seriesInstanceUid,
                            String frameOfReferenceUid, List<String> sopInstanceUids, double rescaleSlope,
                            double rescaleIntercept, double maxError) {

    /** Copies the lists; checks that there is one UID per file. */
    public WrittenSeries {
        files = List.copyOf(files);
        sopInstanceUids = List.copyOf(sopInstanceUids);
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(frameOfReferenceUid, "frameOfReferenceUid");
        if (files.size() != sopInstanceUids.size()) {
            throw new IllegalArgumentException("sopInstanceUids must hold one UID per file: " + files.size()
                    + " files, " + sopInstanceUids.size() + " UIDs");
        }
    }
}
