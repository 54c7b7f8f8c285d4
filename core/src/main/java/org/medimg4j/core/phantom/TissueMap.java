package org.medimg4j.core.phantom;

/**
 * A phantom's anatomy as a function of position in the anatomy frame (LPS mm relative to the grid's centre), and
 * the clean value of each of its tissue codes in this case: what the lesion placer and the lesion raster ask.
 * Renderers call their concrete (final) anatomy class's {@code tissueAt} directly instead, and read
 * {@link #values} as an array, so that nothing per voxel is a virtual call.
 */
abstract class TissueMap {

    /** Tissue code 0 in every anatomy: air outside the body. */
    static final int AIR = 0;

    /** The clean (noise- and texture-free) value of each tissue code in this case, image units (HU for CT). */
    final float[] values;

    /** @param tissues how many tissue codes the anatomy has (codes 0..tissues-1) */
    TissueMap(int tissues) {
        this.values = new float[tissues];
    }

    /** @return the tissue code at (x, y, z), anatomy-frame mm */
    abstract int tissueAt(double x, double y, double z);

    /** @return the lesion site that {@code tissue} corresponds to */
    abstract LesionSite siteOf(int tissue);

    /** @return whether {@code tissue} is inside the body (an explicit lesion must lie entirely in such tissue) */
    final boolean isInsideBody(int tissue) {
        return tissue != AIR;
    }

    /** @return the clean (noise- and texture-free) value of {@code tissue} in this case, image units */
    final double baseValue(int tissue) {
        return values[tissue];
    }
}
