package org.medimg4j.dicom.projection;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a grayscale projection image must be inverted so that larger values mean brighter, from its Photometric
 * Interpretation (0028,0004) and Presentation LUT Shape (2050,0020). Immutable.
 *
 * <h2>The rule ({@link Policy#HONOUR_SHAPE}, the default)</h2>
 * <ul>
 *   <li>Presentation LUT Shape IDENTITY or INVERSE present: invert exactly when it is INVERSE, whatever the
 *       photometric interpretation. INVERSE means "P-Value = maximum − output" (PS3.3 C.11.6.1.2), and in an image
 *       the standard pairs it with MONOCHROME1 and IDENTITY with MONOCHROME2 (PS3.3 C.8.11.3, DX Image module, Type
 *       1; C.7.6.1, General Image module, Type 3): the shape and MONOCHROME1 describe the <em>same</em> inversion,
 *       so MONOCHROME1 + INVERSE inverts once, never twice.</li>
 *   <li>Shape absent (or empty): invert exactly when MONOCHROME1 (PS3.3 C.7.6.3.1.2: its minimum is white).</li>
 *   <li>Any other shape value (e.g. LIN OD, a printer shape): ignored with a warning, as if absent.</li>
 * </ul>
 * This is DCMTK's rule (dcmimgle {@code DiMonoImage::getData}: output runs white-to-black when the shape is INVERSE,
 * or when the image is MONOCHROME1 and no shape is set) and agrees with pydicom's {@code apply_presentation_lut}
 * (pixels.processing, pydicom 3), which inverts on INVERSE and otherwise leaves the values alone. The two pairs the
 * standard forbids — MONOCHROME1 + IDENTITY (not inverted) and MONOCHROME2 + INVERSE (inverted) — follow the shape
 * and carry a warning.
 *
 * <p>{@link Policy#PHOTOMETRIC_ONLY} ignores the shape and inverts exactly MONOCHROME1, warning when the shape
 * disagrees: for archives known to hold wrong shapes (dcm4chee-arc offers the same switch, "Wado Ignore Presentation
 * LUT Shape", for DX objects with a wrong shape).
 *
 * @param invert  whether to invert
 * @param warning why the decision needs a second look (a contradiction, an ignored value), if it does
 */
public record GrayscaleInversion(boolean invert, Optional<String> warning) {

    /** What decides the inversion. */
    public enum Policy {
        /** The Presentation LUT Shape when present, else the photometric interpretation (DCMTK's rule). */
        HONOUR_SHAPE,
        /** The photometric interpretation only (MONOCHROME1 inverted); a contradicting shape is reported. */
        PHOTOMETRIC_ONLY
    }

    /** @throws NullPointerException when warning is null */
    public GrayscaleInversion {
        java.util.Objects.requireNonNull(warning, "warning");
    }

    /**
     * @param photometric the Photometric Interpretation, MONOCHROME1 or MONOCHROME2
     * @param shape       the Presentation LUT Shape, or null / "" when absent
     * @param policy      what decides
     * @return the decision
     */
    public static GrayscaleInversion decide(String photometric, String shape, Policy policy) {
        boolean mono1 = "MONOCHROME1".equals(photometric == null ? "" : photometric.trim());
        String s = shape == null ? "" : shape.trim().toUpperCase(Locale.ROOT);
        if (s.isEmpty()) {
            return new GrayscaleInversion(mono1, Optional.empty());
        }
        if (!s.equals("IDENTITY") && !s.equals("INVERSE")) {
            return new GrayscaleInversion(mono1, Optional.of("(2050,0020) PresentationLUTShape \"" + s
                    + "\" is neither IDENTITY nor INVERSE: ignored"));
        }
        boolean inverse = s.equals("INVERSE");
        boolean consistent = inverse == mono1;
        if (consistent) {
            return new GrayscaleInversion(mono1, Optional.empty());
        }
        String pi = mono1 ? "MONOCHROME1" : "MONOCHROME2";
        String expected = mono1 ? "INVERSE" : "IDENTITY";
        if (policy == Policy.PHOTOMETRIC_ONLY) {
            return new GrayscaleInversion(mono1, Optional.of("(2050,0020) PresentationLUTShape " + s
                    + " contradicts " + pi + " (the standard pairs " + pi + " with " + expected + "): shape ignored, "
                    + (mono1 ? "inverted" : "not inverted") + " as " + pi + " says"));
        }
        return new GrayscaleInversion(inverse, Optional.of("(2050,0020) PresentationLUTShape " + s
                + " contradicts " + pi + " (the standard pairs " + pi + " with " + expected + "): "
                + (inverse ? "inverted" : "not inverted") + " as the shape says"));
    }
}
