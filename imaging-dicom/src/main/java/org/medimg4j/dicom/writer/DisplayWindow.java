package org.medimg4j.dicom.writer;

import java.util.Objects;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * A VOI LUT window (PS3.3 C.11.2.1.2): Window Center and Width with the LINEAR function, in the units after the
 * Modality LUT (HU for CT), and an optional explanation such as "LUNG". Validated on construction.
 *
 * @param center      Window Center, finite (output units, e.g. HU)
 * @param width       Window Width, finite and ≥ 1 (PS3.3 C.11.2.1.2.1)
 * @param explanation Window Center &amp; Width Explanation (LO), "" for none
 */
public record DisplayWindow(double center, double width, String explanation) {

    /** Checks the values, naming the one at fault. */
    public DisplayWindow {
        if (!Double.isFinite(center)) {
            throw new IllegalArgumentException("window center must be finite, got " + center);
        }
        if (!(width >= 1) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("window width must be finite and >= 1 (PS3.3 C.11.2.1.2), got " + width);
        }
        Objects.requireNonNull(explanation, "explanation");
        try {
            DicomElement.text(Tag.WindowCenterWidthExplanation, VR.LO, explanation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("window explanation: " + e.getMessage(), e);
        }
    }

    /**
     * @param min the smallest value to show, output units
     * @param max the largest, ≥ min
     * @return the LINEAR window that maps exactly [min, max] onto the display range: width max − min + 1 and centre
     *         min + 0.5 + (width − 1)/2 (PS3.3 C.11.2.1.2.1), each as its Decimal String reads back
     */
    public static DisplayWindow spanning(double min, double max) {
        double width = Math.max(1, max - min + 1);
        return new DisplayWindow(PixelRescale.ds(min + 0.5 + (width - 1) / 2), PixelRescale.ds(width), "");
    }

    /**
     * @param rescale how stored values map to output values
     * @return this window expressed in stored values, for an IOD whose Modality LUT is the identity while the values
     *         were mapped (DX)
     */
    DisplayWindow inStoredValues(PixelRescale rescale) {
        return new DisplayWindow(PixelRescale.ds((center - rescale.intercept()) / rescale.slope()),
                PixelRescale.ds(Math.max(1, width / rescale.slope())), explanation);
    }

    /** Adds the VOI LUT module's window attributes to {@code b}. */
    void addTo(DataSetBuilder b) {
        b.doubles(Tag.WindowCenter, center);
        b.doubles(Tag.WindowWidth, width);
        if (!explanation.isEmpty()) {
            b.string(Tag.WindowCenterWidthExplanation, explanation);
        }
    }
}
