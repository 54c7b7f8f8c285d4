package org.medimg4j.dicom.series;

import java.nio.file.Path;
import java.util.Objects;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * One DICOM file found by a scan: where it is and its data set read up to (not including) the Pixel Data, which
 * is all that grouping and stacking need (PS3.3 C.7.6.2 Image Plane, C.7.6.3 Image Pixel, C.7.3.1 General Series).
 * The pixels are read later, only for the files that end up in a loaded stack. Immutable.
 *
 * @param path       the file
 * @param attributes its data set, read metadata-only
 */
public record InstanceHeader(Path path, Attributes attributes) {

    /** @throws NullPointerException when an argument is null */
    public InstanceHeader {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** @return Study Instance UID (0020,000D), or "" when absent */
    public String studyInstanceUid() {
        return attributes.getUid(Tag.StudyInstanceUID).orElse("");
    }

    /** @return Series Instance UID (0020,000E), or "" when absent */
    public String seriesInstanceUid() {
        return attributes.getUid(Tag.SeriesInstanceUID).orElse("");
    }

    /** @return SOP Instance UID (0008,0018), or "" when absent */
    public String sopInstanceUid() {
        return attributes.getUid(Tag.SOPInstanceUID).orElse("");
    }

    /** @return SOP Class UID (0008,0016), or "" when absent */
    public String sopClassUid() {
        return attributes.getUid(Tag.SOPClassUID).orElse("");
    }

    /** @return Modality (0008,0060), e.g. "CT", or "" when absent */
    public String modality() {
        return attributes.getString(Tag.Modality, "").trim();
    }

    /** @return Number of Frames (0028,0008), 1 when absent */
    public int numberOfFrames() {
        return attributes.getInt(Tag.NumberOfFrames, 1);
    }

    @Override
    public String toString() {
        return "InstanceHeader[" + path + ", " + modality() + ", series " + seriesInstanceUid() + "]";
    }
}
