package org.medimg4j.dicom.series;

/**
 * What stacking does when a series breaks one of its geometric rules (missing slices, non-uniform spacing,
 * duplicate positions with different pixels, mixed orientation, inconsistent pixel spacing, positions off the
 * stacking line, frame order contradicting the dimension index).
 *
 * <p>Some findings are never errors (gantry tilt: the grid keeps every voxel at its true place; a duplicate with
 * identical pixels: nothing is lost by dropping it) and some are always errors (slices of conflicting sizes, a
 * slice without a position, orientations too far apart to share one grid).
 */
public enum StackPolicy {
    /** Refuse the series with a {@link SeriesException} naming the series and the problem. */
    STRICT,
    /** Load it anyway, record a {@link StackWarning} on the result saying what was done. */
    LENIENT
}
