package org.medimg4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.medimg4j.core.phantom.CtPhantom;
import org.medimg4j.core.phantom.LesionSite;
import org.medimg4j.core.phantom.PhantomCase;

/**
 * The synthetic patients of the segmentation examples: CT phantoms that differ from case to case the way real
 * scans do, so that a network cannot win by memorising one setting. Per case, drawn from the cohort seed: in-plane
 * spacing and slice thickness (mm), noise (HU), and one to three lesions in the lungs (solid nodules) or the liver
 * (hypodense, the harder kind: 25..60 HU below the liver against noise of the same order), each with its own
 * radius (mm), contrast and position. Package-private: the examples' data, not a library type.
 */
final class LesionCohort {

    private LesionCohort() {
    }

    /**
     * @param cases   how many phantoms (one patient each)
     * @param nx      in-plane voxels of each phantom (ny the same)
     * @param nz      slices of each phantom
     * @param radiusMinMm smallest lesion radius, mm
     * @param radiusMaxMm largest lesion radius, mm
     * @param seed    the cohort's seed: the same seed gives the same phantoms
     * @return the phantoms, in order
     */
    static List<PhantomCase> generate(int cases, int nx, int nz, double radiusMinMm, double radiusMaxMm, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<PhantomCase> out = new ArrayList<>(cases);
        for (int i = 0; i < cases; i++) {
            // Field of view about 330..440 mm across, slices 3.5..6 mm: the spread of a chest CT archive.
            double inPlaneMm = rnd.nextDouble(2.6, 3.4) * 128.0 / nx;
            double sliceMm = rnd.nextDouble(3.5, 6.0) * 48.0 / nz;
            double noiseHu = rnd.nextDouble(8, 25);
            long caseSeed = rnd.nextLong();
            CtPhantom phantom = CtPhantom.builder().seed(caseSeed).size(nx, nx, nz)
                    .spacingMm(inPlaneMm, inPlaneMm, sliceMm).noiseSigmaHu(noiseHu)
                    .lesionSites(LesionSite.LUNG, LesionSite.LIVER).lesionCount(1, 3)
                    .lesionRadiusMm(radiusMinMm, radiusMaxMm).build();
            out.add(phantom.generate(caseSeed));
        }
        return out;
    }
}
