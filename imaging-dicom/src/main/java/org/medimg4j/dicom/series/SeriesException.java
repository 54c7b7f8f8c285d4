package org.medimg4j.dicom.series;

import java.util.Objects;
import org.medimg4j.dicom.DicomException;

/**
 * A series (one stack candidate) that cannot be loaded as a volume: the message names the series (its Series
 * Instance UID and, when the series was split, the label of the stack) and what is wrong, e.g. {@code "series
 * 2.25.123: missing slice: gap of 5 mm after slice 16 (IM17.dcm) ... ; load leniently to fill it"}.
 */
public class SeriesException extends DicomException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the series. */
    public enum Reason {
        /** A gap of whole missing slices, refused by a strict load. */
        MISSING_SLICE,
        /** Steps between slices that differ, refused by a strict load. */
        NON_UNIFORM_SPACING,
        /** Slices at the same position with different pixels, refused by a strict load. */
        DUPLICATE_POSITION,
        /** Slices of different orientation (strict load, or too far apart for any load). */
        MIXED_ORIENTATION,
        /** Slices of different Pixel Spacing, refused by a strict load. */
        INCONSISTENT_PIXEL_SPACING,
        /** Slice positions off the stacking line, refused by a strict load. */
        OFF_AXIS_POSITION,
        /** Frames whose dimension index contradicts their positions, refused by a strict load. */
        INCONSISTENT_DIMENSION_INDEX,
        /** Slices with different Rows / Columns: they cannot share a grid, whatever the policy. */
        CONFLICTING_SIZE,
        /** A slice without the geometry a volume needs (position, orientation, pixel spacing), or malformed. */
        MISSING_GEOMETRY,
        /** Something this loader does not do (colour, several stacks in one multi-frame object). */
        UNSUPPORTED,
        /** A volume larger than the memory budget or a Java array. */
        TOO_LARGE
    }

    private final String seriesInstanceUid;
    private final String label;
    private final Reason reason;

    /**
     * @param candidate the stack that failed
     * @param reason    what kind of failure
     * @param what      what is wrong, without the series (it is prefixed)
     */
    public SeriesException(StackCandidate candidate, Reason reason, String what) {
        this(candidate, reason, what, null);
    }

    /**
     * @param candidate the stack that failed
     * @param reason    what kind of failure
     * @param what      what is wrong, without the series (it is prefixed)
     * @param cause     the underlying failure, or null
     */
    public SeriesException(StackCandidate candidate, Reason reason, String what, Throwable cause) {
        super(candidate.describe() + ": " + what, cause);
        this.seriesInstanceUid = candidate.seriesInstanceUid();
        this.label = candidate.label();
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return the Series Instance UID of the failed stack */
    public String seriesInstanceUid() {
        return seriesInstanceUid;
    }

    /** @return the label of the failed stack within its series, "" when the series was not split */
    public String label() {
        return label;
    }

    /** @return what kind of failure */
    public Reason reason() {
        return reason;
    }
}
