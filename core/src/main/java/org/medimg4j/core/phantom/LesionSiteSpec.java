package org.medimg4j.core.phantom;

/**
 * Where random lesions of one site may go: the tissue every part of the lesion must lie in, a box (anatomy-frame
 * mm) to draw candidate centres from, and the site's default contrast range.
 */
record LesionSiteSpec(LesionSite site, int tissue, double minX, double maxX, double minY, double maxY, double minZ,
                      double maxZ, double defaultContrastMin, double defaultContrastMax) {
}
