package org.medimg4j.dicom.series;

import java.io.IOException;

/**
 * Decides whether two slices found at the same position hold the same image, so that stacking can drop a true
 * duplicate silently (but for a warning) and treat different images at one position as an error (strict) or a
 * choice to report (lenient). {@link SeriesLoader} compares the decoded stored values and the Modality LUTs.
 */
@FunctionalInterface
public interface PixelEquality {

    /**
     * @param a one slice
     * @param b another slice at the same position
     * @return whether their modality values are identical
     * @throws IOException when a slice cannot be read or decoded
     */
    boolean identical(PlanarSlice a, PlanarSlice b) throws IOException;
}
