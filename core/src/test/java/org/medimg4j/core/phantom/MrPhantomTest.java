package org.medimg4j.core.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.VoxelType;

class MrPhantomTest {

    /** 80 × 80 × 40 voxels of 2.8 × 2.8 × 4.5 mm. */
    private static MrPhantom.Builder small() {
        return MrPhantom.builder().size(80, 80, 40).spacingMm(2.8, 2.8, 4.5);
    }

    @Test
    void t1ContrastOrdersWhiteOverGreyOverCsfOverSkull() {
        PhantomCase c = small().seed(1).contrast(MrContrast.T1).organLabels(true).build().generate();
        double wm = LabelledRegions.median(c.image(), c.label(), MrPhantom.LABEL_WHITE_MATTER);
        double gm = LabelledRegions.median(c.image(), c.label(), MrPhantom.LABEL_GREY_MATTER);
        double csf = LabelledRegions.median(c.image(), c.label(), MrPhantom.LABEL_CSF);
        double skull = LabelledRegions.median(c.image(), c.label(), MrPhantom.LABEL_SKULL);
        assertTrue(wm > gm && gm > csf && csf > skull, "T1 wm " + wm + ", gm " + gm + ", csf " + csf
                + ", skull " + skull);
        assertEquals(720, wm, 40);
    }

    @Test
    void t2ContrastOrdersCsfOverGreyOverWhiteOverSkull() {
        PhantomCase c = small().seed(1).contrast(MrContrast.T2).organLabels(true).build().generate();
        double wm = LabelledRegions.median(c.image(), c.label(), MrPhantom.LABEL_WHITE_MATTER);
        double gm = LabelledRegions.median(c.image(), c.label(), MrPhantom.LABEL_GREY_MATTER);
        double csf = LabelledRegions.median(c.image(), c.label(), MrPhantom.LABEL_CSF);
        double skull = LabelledRegions.median(c.image(), c.label(), MrPhantom.LABEL_SKULL);
        assertTrue(csf > gm && gm > wm && wm > skull, "T2 csf " + csf + ", gm " + gm + ", wm " + wm
                + ", skull " + skull);
    }

    @Test
    void lesionsAreT2BrightAndT1DarkInWhiteMatter() {
        for (MrContrast contrast : MrContrast.values()) {
            PhantomCase c = small().seed(2).contrast(contrast).lesionCount(2).lesionRadiusMm(5, 7).organLabels(true)
                    .build().generate();
            for (Lesion l : c.lesions()) {
                assertEquals(LesionSite.WHITE_MATTER, l.site());
            }
            double lesion = LabelledRegions.median(c.image(), c.label(), MrPhantom.LABEL_LESION);
            double wm = LabelledRegions.median(c.image(), c.label(), MrPhantom.LABEL_WHITE_MATTER);
            if (contrast == MrContrast.T2) {
                assertTrue(lesion > wm + 100, "T2 lesion " + lesion + " vs wm " + wm);
            } else {
                assertTrue(lesion < wm - 80, "T1 lesion " + lesion + " vs wm " + wm);
            }
        }
    }

    @Test
    void isAFloatMrVolumeInArbitraryUnitsWithRicianBackground() {
        PhantomCase c = small().seed(3).noiseSigma(15).build().generate();
        assertEquals("MR", c.image().metadata().modality());
        assertEquals(IntensityUnit.ARBITRARY, c.image().unit());
        assertEquals(VoxelType.FLOAT32, c.image().voxelType());
        assertEquals("mr-head-t1", c.image().metadata().attributes().get("phantom"));
        // magnitude noise in air is Rayleigh: never negative, mean σ·√(π/2) ≈ 18.8
        double sum = 0;
        int n = 0;
        for (int k = 0; k < 40; k++) {
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < 4; i++) {
                    float v = c.image().get(k, j, i);
                    assertTrue(v >= 0);
                    sum += v;
                    n++;
                }
            }
        }
        assertEquals(15 * Math.sqrt(Math.PI / 2), sum / n, 2.5);
    }

    @Test
    void biasFieldScalesTheSignalSmoothlyWithinItsStrength() {
        MrPhantom.Builder b = small().seed(4).noiseSigma(0).lesionCount(0);
        float[] flat = b.build().generate().image().toFloatArray();
        float[] biased = b.biasFieldStrength(0.3).build().generate().image().toFloatArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < flat.length; i++) {
            if (flat[i] > 200) {
                double ratio = biased[i] / flat[i];
                min = Math.min(min, ratio);
                max = Math.max(max, ratio);
            }
        }
        assertTrue(min >= 0.7 - 1e-4 && max <= 1.3 + 1e-4, "bias ratio " + min + ".." + max);
        assertTrue(max - min > 0.1, "the field varies: " + min + ".." + max);
    }

    @Test
    void olderHeadsHaveMoreCsf() {
        MrPhantom.Builder b = small().seed(5).organLabels(true).lesionCount(0);
        long young = b.demographics(new Demographics(Sex.F, 30, "VendorA")).build().generate().label()
                .count(MrPhantom.LABEL_CSF);
        long old = b.demographics(new Demographics(Sex.F, 85, "VendorA")).build().generate().label()
                .count(MrPhantom.LABEL_CSF);
        assertTrue(old > 1.2 * young, "CSF voxels at 85: " + old + ", at 30: " + young);
    }

    @Test
    void sameSeedIsBitIdentical() {
        float[] a = small().seed(6).biasFieldStrength(0.2).build().generate().image().toFloatArray();
        float[] b = small().seed(6).biasFieldStrength(0.2).build().generate().image().toFloatArray();
        assertArrayEquals(a, b);
    }
}
