package org.medimg4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.metric.BinaryConfusion;
import org.medimg4j.core.phantom.CtPhantom;
import org.medimg4j.core.phantom.LesionSite;
import org.medimg4j.core.phantom.PhantomCase;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.volume.LabelVolume;

/** Keeps the README's code example (the tour's steps) compiling and correct. */
class PreprocessingTourTest {

    private final PhantomCase ct = CtPhantom.builder().seed(5).size(64, 64, 16).spacingMm(3, 3, 6)
            .lesionSites(LesionSite.LUNG).lesionCount(1).lesionRadiusMm(8, 10).build().generate(5);

    @Test
    void preprocessingGivesIsotropicZScoredVolume() {
        Sample s = PreprocessingTour.preprocess(ct);
        double[] sp = s.image().geometry().spacing();
        assertArrayEquals(new double[] {1.5, 1.5, 1.5}, sp, 1e-12);
        float[] v = s.image().toFloatArray();
        double sum = 0;
        for (float f : v) {
            sum += f;
        }
        assertEquals(0, sum / v.length, 1e-3);
        assertEquals(3, s.history().size());
    }

    @Test
    void augmentationReplaysAndMapsBack() {
        Sample prepared = PreprocessingTour.preprocess(ct);
        Sample a = PreprocessingTour.augment(prepared, 77);
        Sample b = PreprocessingTour.augment(prepared, 77);
        assertArrayEquals(a.image().toFloatArray(), b.image().toFloatArray());
        LabelVolume back = a.spatialInverse().apply(Sample.of(a.image(), a.label().orElseThrow())).label().orElseThrow();
        assertTrue(back.geometry().equalsWithin(ct.image().geometry(), 1e-6));
        double dice = BinaryConfusion.of(back, ct.label(), CtPhantom.LABEL_LESION).dice();
        assertTrue(dice > 0.8, "dice after the round trip " + dice);
    }

    @Test
    void mainRuns() {
        PreprocessingTour.main(new String[0]);
    }
}
