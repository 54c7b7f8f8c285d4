package org.medimg4j.dicom.series;

import java.util.List;
import java.util.Objects;

/**
 * A group of instances that may form one volume: same study and series, and none of the differences that forbid
 * stacking (localizer vs. axial images, image orientation, rows/columns, echo, temporal position, an acquisition
 * that repeats positions). Grouping decides this from headers alone; stacking then sorts, checks and measures the
 * geometry. Immutable.
 *
 * @param studyInstanceUid  Study Instance UID shared by the instances
 * @param seriesInstanceUid Series Instance UID shared by the instances
 * @param label             what distinguishes this stack from others of the same series, e.g. "echo 2" or
 *                          "localizer"; "" when the series was not split
 * @param instances         the files, in no particular order (a multi-frame file is one instance)
 */
public record StackCandidate(String studyInstanceUid, String seriesInstanceUid, String label,
                             List<InstanceHeader> instances) {

    /** @throws IllegalArgumentException when there are no instances */
    public StackCandidate {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(label, "label");
        instances = List.copyOf(instances);
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a stack candidate needs at least one instance (series "
                    + seriesInstanceUid + ")");
        }
    }

    /** @return the modality of the first instance, e.g. "CT" */
    public String modality() {
        return instances.get(0).modality();
    }

    /**
     * @return whether this is one projection X-ray image (CR, DX, MG, IO, PX, RF: one single-frame file), which
     *         has no patient geometry to stack and is read as a 2-D image by
     *         {@link org.medimg4j.dicom.projection.ProjectionImageReader}
     */
    public boolean isProjectionImage() {
        return instances.size() == 1 && instances.get(0).numberOfFrames() == 1
                && org.medimg4j.dicom.projection.ProjectionImageReader.MODALITIES.contains(
                        modality().toUpperCase(java.util.Locale.ROOT));
    }

    /** @return "series UID" or "series UID (label)", for messages */
    public String describe() {
        return label.isEmpty() ? "series " + seriesInstanceUid : "series " + seriesInstanceUid + " (" + label + ")";
    }
}
