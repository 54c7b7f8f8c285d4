package org.medimg4j.dicom.series;

/**
 * How a leniently loaded series with missing slices or non-uniform spacing fills the uniform grid it is put on
 * (spacing = the most common step between slices). Every stored slice that lies on the grid is copied exactly;
 * only the grid positions between stored slices are filled this way.
 */
public enum GapFill {
    /**
     * Linear interpolation along the stack between the two stored slices around the grid position (the default).
     * Interpolated values are not integers, so the volume is FLOAT32.
     */
    LINEAR,
    /** A copy of the nearer stored slice; keeps an INT16 volume INT16. */
    NEAREST
}
