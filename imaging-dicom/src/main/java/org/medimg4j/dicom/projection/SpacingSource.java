package org.medimg4j.dicom.projection;

/** Where a projection image's pixel spacing came from (see {@link ProjectionSpacing}). */
public enum SpacingSource {
    /** Pixel Spacing (0028,0030): the spacing in the patient, as the creator calibrated or assumed it. */
    PIXEL_SPACING("PixelSpacing"),
    /**
     * Imager Pixel Spacing (0018,1164) ÷ Estimated Radiographic Magnification Factor (0018,1114): the detector
     * spacing brought back to the patient's plane.
     */
    IMAGER_PIXEL_SPACING_CORRECTED("ImagerPixelSpacing / EstimatedRadiographicMagnificationFactor"),
    /** Imager Pixel Spacing alone: the spacing at the detector, larger than in the patient by the magnification. */
    IMAGER_PIXEL_SPACING("ImagerPixelSpacing"),
    /** Neither attribute: 1 mm assumed, with a warning. */
    NONE("none (1 mm assumed)");

    private final String description;

    SpacingSource(String description) {
        this.description = description;
    }

    /** @return how the spacing was derived, in attribute keywords, e.g. "ImagerPixelSpacing / Estimated…" */
    public String description() {
        return description;
    }
}
