package org.medimg4j.core.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

class CtPhantomTest {

    /** A small chest: 96 × 96 × 48 voxels of 4 × 4 × 5 mm (a 384 × 384 × 240 mm field of view). */
    private static CtPhantom.Builder small() {
        return CtPhantom.builder().size(96, 96, 48).spacingMm(4, 4, 5);
    }

    @Test
    void sameSeedGivesBitIdenticalVoxelsAndLabels() {
        CtPhantom p = small().seed(42).lesionCount(2).organLabels(true).build();
        PhantomCase a = p.generate();
        PhantomCase b = p.generate();
        PhantomCase c = small().seed(42).lesionCount(2).organLabels(true).build().generate();
        short[] va = shorts(a.image());
        assertArrayEquals(va, shorts(b.image()));
        assertArrayEquals(va, shorts(c.image()));
        assertArrayEquals(a.label().toByteArray(), c.label().toByteArray());
        assertEquals(a.lesions(), c.lesions());
        assertEquals(a.demographics(), c.demographics());
    }

    @Test
    void differentSeedGivesDifferentVoxels() {
        short[] a = shorts(small().seed(1).build().generate().image());
        short[] b = shorts(small().seed(2).build().generate().image());
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                differing++;
            }
        }
        assertTrue(differing > a.length / 2, "only " + differing + " of " + a.length + " voxels differ");
    }

    @Test
    void defaultsAreAxialLpsGridCentredOnOriginInInt16Hu() {
        CtPhantom p = CtPhantom.builder().build();
        Geometry g = p.geometry();
        assertArrayEquals(new int[] {128, 128, 64}, g.size());
        assertEquals("LPS", g.orientationCode());
        Point3 centre = g.indexToWorld(63.5, 63.5, 31.5);
        assertEquals(0, centre.distanceTo(Point3.ORIGIN), 1e-9);
        PhantomCase c = small().build().generate();
        assertEquals(VoxelType.INT16, c.image().voxelType());
        assertEquals(IntensityUnit.HU, c.image().unit());
        assertEquals("CT", c.image().metadata().modality());
        assertTrue(c.image().metadata().seriesInstanceUid().startsWith("2.25."));
    }

    @Test
    void tissuesHaveTheirDocumentedHu() {
        PhantomCase c = small().seed(5).organLabels(true).smoothEdges(false).noiseSigmaHu(10).lesionCount(0)
                .build().generate();
        Volume img = c.image();
        assertEquals(-1000, LabelledRegions.median(img, c.label(), 0), 10, "air");
        assertInRange(LabelledRegions.median(img, c.label(), CtPhantom.LABEL_LUNG), -900, -780, "lung");
        assertInRange(LabelledRegions.median(img, c.label(), CtPhantom.LABEL_SOFT_TISSUE), 30, 55, "soft tissue");
        assertInRange(LabelledRegions.median(img, c.label(), CtPhantom.LABEL_FAT), -115, -85, "fat");
        assertInRange(LabelledRegions.median(img, c.label(), CtPhantom.LABEL_LIVER), 50, 70, "liver");
        assertInRange(LabelledRegions.median(img, c.label(), CtPhantom.LABEL_HEART), 30, 50, "heart");
        assertInRange(LabelledRegions.median(img, c.label(), CtPhantom.LABEL_BONE), 450, 900, "bone");
    }

    @Test
    void sampledVoxelsOfTheSmoothedImageLieInTheirTissueRanges() {
        PhantomCase c = small().seed(9).organLabels(true).build().generate();
        Volume img = c.image();
        assertTrue(img.get(0, 0, 0) < -950, "corner voxel is air: " + img.get(0, 0, 0));
        float[] lung = LabelledRegions.values(img, c.label(), CtPhantom.LABEL_LUNG);
        Arrays.sort(lung);
        assertInRange(lung[lung.length / 2], -900, -780, "lung median");
        float[] bone = LabelledRegions.values(img, c.label(), CtPhantom.LABEL_BONE);
        Arrays.sort(bone);
        assertTrue(bone[bone.length / 2] > 300, "bone median " + bone[bone.length / 2]);
        assertTrue(bone[bone.length * 9 / 10] > 500, "bone 90th percentile " + bone[bone.length * 9 / 10]);
        assertInRange(LabelledRegions.median(img, c.label(), CtPhantom.LABEL_SOFT_TISSUE), 0, 80, "soft tissue");
    }

    @Test
    void lesionLabelVolumeMatchesAnalyticSphereVolume() {
        double r = 12;
        Lesion sphere = Lesion.sphere(new Point3(0, 0, 0), r, 60);
        PhantomCase c = CtPhantom.builder().size(96, 96, 48).spacingMm(2, 2, 2).lesions(List.of(sphere)).build()
                .generate();
        double analyticMl = 4.0 / 3.0 * Math.PI * r * r * r / 1000;
        assertEquals(analyticMl, c.lesions().get(0).volumeMl(), 1e-12);
        double labelMl = c.label().volumeMl(CtPhantom.LABEL_LESION);
        assertEquals(analyticMl, labelMl, 0.03 * analyticMl, "label " + labelMl + " mL vs analytic " + analyticMl);
        assertEquals(analyticMl, c.lesionVolumeMl(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LPS", "RAS", "LIP"})
    void recordedLesionCentreMatchesLabelCentroidWithinAVoxel(String orientation) {
        PhantomCase c = CtPhantom.builder().size(80, 80, 48).spacingMm(4.5, 4.5, 5).orientation(orientation)
                .originMm(new Point3(120, -40, 300)).seed(11).lesionCount(3).lesionRadiusMm(8, 14).build()
                .generate();
        assertEquals(3, c.lesions().size());
        Geometry g = c.image().geometry();
        for (Lesion l : c.lesions()) {
            Point3 centroid = LabelledRegions.centroidMm(c.label(), CtPhantom.LABEL_LESION, l.centreMm(),
                    l.maxRadiusMm() + 5);
            double[] a = g.worldToIndex(centroid);
            double[] b = l.centreIndex(g);
            for (int axis = 0; axis < 3; axis++) {
                assertEquals(b[axis], a[axis], 1.0, orientation + " axis " + axis + " of " + l);
            }
        }
    }

    @Test
    void lungLesionIsTheLungHuPlusItsContrast() {
        PhantomCase c = small().seed(3).lesionCount(1).lesionSites(LesionSite.LUNG).lesionRadiusMm(10, 12)
                .lesionContrastHu(800, 800).smoothEdges(false).noiseSigmaHu(0).voxelType(VoxelType.FLOAT32)
                .build().generate();
        Lesion l = c.lesions().get(0);
        assertEquals(LesionSite.LUNG, l.site());
        assertEquals(800, l.contrast(), 1e-9);
        double[] idx = l.centreIndex(c.image().geometry());
        float inside = c.image().get((int) Math.round(idx[2]), (int) Math.round(idx[1]), (int) Math.round(idx[0]));
        assertInRange(inside - 800, -900, -780, "lung HU under the lesion");
        assertEquals(inside, LabelledRegions.median(c.image(), c.label(), CtPhantom.LABEL_LESION), 1e-3);
    }

    @Test
    void liverLesionsSitInTheLiverAndAreHypodense() {
        PhantomCase c = small().seed(8).lesionCount(2).lesionSites(LesionSite.LIVER).organLabels(true).build()
                .generate();
        for (Lesion l : c.lesions()) {
            assertEquals(LesionSite.LIVER, l.site());
            assertTrue(l.contrast() >= -60 && l.contrast() <= -25, "default liver contrast " + l.contrast());
        }
        double lesion = LabelledRegions.median(c.image(), c.label(), CtPhantom.LABEL_LESION);
        double liver = LabelledRegions.median(c.image(), c.label(), CtPhantom.LABEL_LIVER);
        assertTrue(lesion < liver - 15, "lesion " + lesion + " HU vs liver " + liver + " HU");
    }

    @Test
    void lesionsDoNotMoveTheAnatomy() {
        PhantomCase without = small().seed(21).lesionCount(0).smoothEdges(false).build().generate();
        PhantomCase with = small().seed(21).lesionCount(2).smoothEdges(false).build().generate();
        assertFalse(without.hasLesion());
        assertTrue(with.hasLesion());
        short[] a = shorts(without.image());
        short[] b = shorts(with.image());
        byte[] label = with.label().toByteArray();
        int lesionVoxels = 0;
        for (int i = 0; i < a.length; i++) {
            if (label[i] == 0) {
                assertEquals(a[i], b[i], "voxel " + i + " outside the lesions");
            } else {
                lesionVoxels++;
            }
        }
        assertTrue(lesionVoxels > 0);
    }

    @Test
    void float32AndInt16OutputsAgreeToRounding() {
        short[] s = shorts(small().seed(4).build().generate().image());
        float[] f = small().seed(4).voxelType(VoxelType.FLOAT32).build().generate().image().toFloatArray();
        for (int i = 0; i < s.length; i++) {
            assertEquals(Math.round(f[i]), s[i], "voxel " + i);
        }
        for (float v : f) {
            assertTrue(v >= CtPhantom.MIN_HU && v <= CtPhantom.MAX_HU, "HU " + v);
        }
    }

    @Test
    void demographicsAreRecordedInImageAndLabelMetadata() {
        Demographics d = new Demographics(Sex.F, 63, "VendorC");
        PhantomCase c = small().demographics(d).build().generate();
        assertEquals(d, c.demographics());
        assertEquals("F", c.image().metadata().attributes().get("sex"));
        assertEquals("63", c.image().metadata().attributes().get("age"));
        assertEquals("VendorC", c.image().metadata().attributes().get("vendor"));
        assertEquals(d, Demographics.from(c.label().metadata()));
    }

    @Test
    void vendorProfileShiftsSoftTissueMeanByItsOffset() {
        Demographics d = new Demographics(Sex.M, 50, "VendorB");
        CtPhantom.Builder base = small().seed(13).demographics(d).organLabels(true).voxelType(VoxelType.FLOAT32);
        PhantomCase plain = base.build().generate();
        PhantomCase shifted = base.vendorProfile(new VendorProfile("VendorB", 50, 1, 0)).build().generate();
        PhantomCase otherVendor = base.demographics(new Demographics(Sex.M, 50, "VendorA")).build().generate();
        double before = LabelledRegions.mean(plain.image(), plain.label(), CtPhantom.LABEL_SOFT_TISSUE);
        double after = LabelledRegions.mean(shifted.image(), shifted.label(), CtPhantom.LABEL_SOFT_TISSUE);
        assertEquals(50, after - before, 0.01);
        // the profile belongs to VendorB only: a VendorA case with the same seed is unshifted
        assertEquals(before, LabelledRegions.mean(otherVendor.image(), otherVendor.label(),
                CtPhantom.LABEL_SOFT_TISSUE), 1e-6);
    }

    @Test
    void vendorExtraNoiseRaisesTheNoise() {
        Demographics d = new Demographics(Sex.M, 50, "VendorC");
        CtPhantom.Builder base = small().seed(13).demographics(d).voxelType(VoxelType.FLOAT32);
        float[] a = base.build().generate().image().toFloatArray();
        float[] b = base.vendorProfile(new VendorProfile("VendorC", 0, 1, 30)).build().generate().image()
                .toFloatArray();
        double sum = 0;
        double sum2 = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > -500 && a[i] < 500) {
                double diff = b[i] - a[i];
                sum += diff;
                sum2 += diff * diff;
                n++;
            }
        }
        double sd = Math.sqrt(sum2 / n - (sum / n) * (sum / n));
        // the same draws scaled from 15 HU to √(15² + 30²) ≈ 33.5 HU: the difference has sd ≈ 18.5 HU
        assertEquals(Math.sqrt(15 * 15 + 30 * 30) - 15, sd, 1.5);
    }

    private static short[] shorts(Volume v) {
        short[] out = new short[v.voxelsPerChannel()];
        v.shorts().get(0, out);
        return out;
    }

    private static void assertInRange(double v, double lo, double hi, String what) {
        assertTrue(v >= lo && v <= hi, what + " = " + v + ", expected " + lo + ".." + hi);
    }
}
