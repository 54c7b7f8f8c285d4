package org.medimg4j.dicom.series;

import java.util.Objects;

/**
 * Something a stack did not do by the book and what the loader did about it, recorded on the result of a lenient
 * (or, for gantry tilt and identical duplicates, any) load. Immutable.
 *
 * <p>{@link #toString()} starts with the kebab-case code, e.g. {@code "missing-slice: gap of 5 mm after slice 16
 * ..."}, so that tools can match on the code and people can read the rest.
 *
 * @param kind    what kind of finding
 * @param message what was found (where, in mm LPS and file names) and what the loader did
 */
public record StackWarning(Kind kind, String message) {

    /** The kinds of findings, each with its stable code. */
    public enum Kind {
        /** A gap between slices that is a whole multiple (≥ 2) of the usual step. */
        MISSING_SLICE("missing-slice"),
        /** Steps between slices that differ and are not whole multiples of the usual step. */
        NON_UNIFORM_SPACING("non-uniform-spacing"),
        /** Two or more slices at the same position. */
        DUPLICATE_POSITION("duplicate-position"),
        /** Slices stacked along an axis that is not their plane normal (PS3.3 C.8.2.1.1.2 Gantry/Detector Tilt). */
        GANTRY_TILT("gantry-tilt"),
        /** Slices whose Image Orientation (Patient) differs (slightly: larger differences are errors). */
        MIXED_ORIENTATION("mixed-orientation"),
        /** Slices whose Pixel Spacing differs. */
        INCONSISTENT_PIXEL_SPACING("inconsistent-pixel-spacing"),
        /** Slice positions that do not lie on one line through the first and last slice. */
        OFF_AXIS_POSITION("off-axis-position"),
        /** Frames whose In-Stack Position Number contradicts their spatial order. */
        INCONSISTENT_DIMENSION_INDEX("inconsistent-dimension-index"),
        /** A note from reading a projection X-ray image, e.g. no pixel spacing (see ProjectionImageReader). */
        PROJECTION_IMAGE("projection-image");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** @return the stable kebab-case code, e.g. "missing-slice" */
        public String code() {
            return code;
        }
    }

    /** @throws NullPointerException when an argument is null */
    public StackWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** @return the kebab-case code of the kind, e.g. "gantry-tilt" */
    public String code() {
        return kind.code();
    }

    /** @return "code: message" */
    @Override
    public String toString() {
        return kind.code() + ": " + message;
    }
}
