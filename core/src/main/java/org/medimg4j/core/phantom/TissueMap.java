package org.medimg4j.core.phantom;

/**
 * A phantom's anatomy as a function of position in the anatomy frame (LPS mm relative to the grid's centre):
 * what the lesion placer asks. Renderers call their concrete (final) anatomy class directly instead, so that the
 * per-voxel call is not an interface call.
 */
interface TissueMap {

    /** @return the tissue code at (x, y, z), anatomy-frame mm */
    int tissueAt(double x, double y, double z);

    /** @return whether {@code tissue} is inside the body (an explicit lesion must lie entirely in such tissue) */
    boolean isInsideBody(int tissue);

    /** @return the lesion site that {@code tissue} corresponds to */
    LesionSite siteOf(int tissue);

    /** @return the clean (noise- and texture-free) value of {@code tissue} in this case, image units */
    double baseValue(int tissue);
}
