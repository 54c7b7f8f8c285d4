package org.medimg4j.core.volume;

import java.util.Map;
import java.util.Objects;

/**
 * Where a volume came from: its modality (DICOM (0008,0060) terms: "CT", "MR", "CR", "DX") and the Series
 * Instance UID of its source, plus free-form attributes (e.g. phantom demographics). Immutable.
 *
 * @param modality          modality code, "" when unknown
 * @param seriesInstanceUid the source series UID, "" when none
 * @param attributes        further string attributes, copied
 */
public record VolumeMetadata(String modality, String seriesInstanceUid, Map<String, String> attributes) {

    /** No modality, no series, no attributes. */
    public static final VolumeMetadata EMPTY = new VolumeMetadata("", "", Map.of());

    public VolumeMetadata {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        attributes = Map.copyOf(attributes);
    }

    /** @return metadata with only a modality */
    public static VolumeMetadata ofModality(String modality) {
        return new VolumeMetadata(modality, "", Map.of());
    }

    public VolumeMetadata withModality(String newModality) {
        return new VolumeMetadata(newModality, seriesInstanceUid, attributes);
    }

    public VolumeMetadata withSeriesInstanceUid(String uid) {
        return new VolumeMetadata(modality, uid, attributes);
    }

    /** @return a copy with {@code key} set to {@code value} */
    public VolumeMetadata withAttribute(String key, String value) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(attributes);
        m.put(key, value);
        return new VolumeMetadata(modality, seriesInstanceUid, m);
    }
}
