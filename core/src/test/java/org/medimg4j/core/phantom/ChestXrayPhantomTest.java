package org.medimg4j.core.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.VoxelType;

class ChestXrayPhantomTest {

    /** 128 × 128 pixels of 2.8 mm: the default 358 mm field of view at half the resolution. */
    private static ChestXrayPhantom.Builder small() {
        return ChestXrayPhantom.builder().size(128, 128, 1).spacingMm(2.8, 2.8, 2.8);
    }

    @Test
    void isAOneSliceCoronalDxImageOfTwelveBitValues() {
        PhantomCase c = ChestXrayPhantom.builder().seed(1).build().generate();
        Geometry g = c.image().geometry();
        assertArrayEquals(new int[] {256, 256, 1}, g.size());
        assertEquals(1.4, g.spacing(0), 1e-12);
        assertEquals("LIP", g.orientationCode());
        assertEquals("DX", c.image().metadata().modality());
        assertEquals(IntensityUnit.ARBITRARY, c.image().unit());
        assertEquals(VoxelType.INT16, c.image().voxelType());
        for (float v : c.image().toFloatArray()) {
            assertTrue(v >= 0 && v <= ChestXrayPhantom.MAX_VALUE, "value " + v);
        }
    }

    @Test
    void sameSeedIsIdenticalAndDifferentSeedDiffers() {
        float[] a = small().seed(5).build().generate().image().toFloatArray();
        float[] b = small().seed(5).build().generate().image().toFloatArray();
        float[] c = small().seed(6).build().generate().image().toFloatArray();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void lungsAreDarkerThanTheHeartAndAirIsDarkest() {
        PhantomCase c = small().seed(2).organLabels(true).lesionCount(0).build().generate();
        double lung = LabelledRegions.median(c.image(), c.label(), ChestXrayPhantom.LABEL_LUNG_FIELD);
        double heart = LabelledRegions.median(c.image(), c.label(), ChestXrayPhantom.LABEL_HEART);
        float air = c.image().get(0, 0, 0);
        assertTrue(lung + 800 < heart, "lung " + lung + " vs heart " + heart);
        assertTrue(air < 300 && air < lung, "air corner " + air + " vs lung " + lung);
    }

    @Test
    void withoutNoduleTheLabelIsEmpty() {
        PhantomCase c = small().seed(3).lesionCount(0).build().generate();
        assertFalse(c.hasLesion());
        assertEquals(0, c.label().count(ChestXrayPhantom.LABEL_NODULE));
    }

    @Test
    void noduleIsRecordedAtItsLabelDiscAndBrightensTheImage() {
        PhantomCase with = small().seed(4).lesionCount(1).lesionRadiusMm(9, 9).noduleDensity(1, 1).noiseSigma(0)
                .build().generate();
        PhantomCase without = small().seed(4).lesionCount(0).noiseSigma(0).build().generate();
        Lesion nodule = with.lesions().get(0);
        assertEquals(LesionSite.LUNG, nodule.site());
        assertEquals(9, nodule.radiusXMm(), 1e-12);
        Geometry g = with.image().geometry();
        double[] idx = nodule.centreIndex(g);
        assertEquals(0, idx[2], 1e-9, "the recorded centre lies in the image plane");
        Point3 centroid = LabelledRegions.centroidMm(with.label(), ChestXrayPhantom.LABEL_NODULE, nodule.centreMm(),
                20);
        double[] c = g.worldToIndex(centroid);
        assertEquals(idx[0], c[0], 1.0);
        assertEquals(idx[1], c[1], 1.0);
        double discPixels = Math.PI * 9 * 9 / (2.8 * 2.8);
        assertEquals(discPixels, with.label().count(ChestXrayPhantom.LABEL_NODULE), 0.15 * discPixels);
        int i = (int) Math.round(idx[0]);
        int j = (int) Math.round(idx[1]);
        float gain = with.image().get(0, j, i) - without.image().get(0, j, i);
        assertTrue(gain > 100, "nodule adds " + gain + " detector units at its centre");
    }

    @Test
    void explicitNoduleInALungFieldIsPlacedThere() {
        PhantomCase plain = small().seed(7).lesionCount(0).organLabels(true).build().generate();
        int[] pixel = interiorPixel(plain.label(), ChestXrayPhantom.LABEL_LUNG_FIELD, 4);
        Point3 at = plain.image().geometry().indexToWorld(pixel[0], pixel[1], 0);
        Lesion wanted = Lesion.sphere(new Point3(at.x(), 55, at.z()), 6, 1.0);
        PhantomCase c = small().seed(7).lesions(List.of(wanted)).build().generate();
        Lesion placed = c.lesions().get(0);
        assertEquals(LesionSite.LUNG, placed.site());
        assertEquals(at.x(), placed.centreMm().x(), 1e-9);
        assertEquals(at.z(), placed.centreMm().z(), 1e-9);
        assertEquals(0, placed.centreMm().y(), 1e-9, "y is the image plane's");
        assertEquals(ChestXrayPhantom.LABEL_NODULE, c.label().get(0, pixel[1], pixel[0]));
    }

    @Test
    void femaleCasesCarryBreastShadowsOverTheLowerLungs() {
        for (long seed = 0; seed < 3; seed++) {
            ChestXrayPhantom.Builder b = small().seed(seed).lesionCount(0).noiseSigma(0).organLabels(true);
            PhantomCase female = b.demographics(new Demographics(Sex.F, 50, "VendorA")).build().generate();
            PhantomCase male = b.demographics(new Demographics(Sex.M, 50, "VendorA")).build().generate();
            assertEquals("F", female.image().metadata().attributes().get("sex"));
            double f = lowerMinusUpperLungField(female);
            double m = lowerMinusUpperLungField(male);
            assertTrue(f > m + 50, "seed " + seed + ": lower minus upper lung field, F " + f + ", M " + m);
        }
    }

    /** @return mean of the lower half of the lung fields minus the mean of the upper half, detector units */
    private static double lowerMinusUpperLungField(PhantomCase c) {
        LabelVolume label = c.label();
        Geometry g = label.geometry();
        int top = g.ny();
        int bottom = 0;
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                if (label.get(0, j, i) == ChestXrayPhantom.LABEL_LUNG_FIELD) {
                    top = Math.min(top, j);
                    bottom = Math.max(bottom, j);
                }
            }
        }
        int mid = (top + bottom) / 2;
        double[] sum = new double[2];
        int[] n = new int[2];
        for (int j = top; j <= bottom; j++) {
            for (int i = 0; i < g.nx(); i++) {
                if (label.get(0, j, i) == ChestXrayPhantom.LABEL_LUNG_FIELD) {
                    int half = j < mid ? 0 : 1;
                    sum[half] += c.image().get(0, j, i);
                    n[half]++;
                }
            }
        }
        return sum[1] / n[1] - sum[0] / n[0];
    }

    private static int[] interiorPixel(LabelVolume label, int which, int margin) {
        Geometry g = label.geometry();
        for (int j = g.ny() / 2; j < g.ny() - margin; j++) {
            for (int i = margin; i < g.nx() - margin; i++) {
                boolean all = true;
                for (int dj = -margin; dj <= margin && all; dj++) {
                    for (int di = -margin; di <= margin && all; di++) {
                        all = label.get(0, j + dj, i + di) == which;
                    }
                }
                if (all) {
                    return new int[] {i, j};
                }
            }
        }
        throw new AssertionError("no interior pixel of label " + which);
    }
}
