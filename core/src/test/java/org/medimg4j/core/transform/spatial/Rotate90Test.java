package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

class Rotate90Test {

    @Test
    void oneTurnInTheImagePlaneTurnsThePictureClockwise() {
        // 3 columns x 2 rows:   1 2 3      turned clockwise:   4 1
        //                       4 5 6                          5 2
        //                                                      6 3
        Geometry g = Geometry.of(3, 2, 1, 1, 1, 1);
        Volume out = Rotate90.of(1).apply(Volume.ofFloats(g, new float[] {1, 2, 3, 4, 5, 6}));

        assertArrayEquals(new int[] {2, 3, 1}, out.geometry().size());
        assertArrayEquals(new float[] {4, 1, 5, 2, 6, 3}, out.toFloatArray());
    }

    @Test
    void permutesSizeSpacingAndAxes() {
        Geometry g = SpatialTestData.oblique(5, 4, 3);
        Geometry out = Rotate90.of(1).apply(SpatialTestData.image(g, 1)).geometry();

        assertArrayEquals(new int[] {4, 5, 3}, out.size());
        assertArrayEquals(new double[] {g.spacing(1), g.spacing(0), g.spacing(2)}, out.spacing());
        double[] d = g.direction();
        double[] e = out.direction();
        for (int r = 0; r < 3; r++) {
            assertEquals(-d[r * 3 + 1], e[r * 3], 0, "new i runs backwards along old j");
            assertEquals(d[r * 3], e[r * 3 + 1], 0, "new j runs along old i");
            assertEquals(d[r * 3 + 2], e[r * 3 + 2], 0, "k kept");
        }
        assertEquals(0, out.origin().distanceTo(g.indexToWorld(0, 3, 0)), 1e-9);
    }

    @Test
    void fourQuarterTurnsAreTheIdentityAndTurnsAreTakenModuloFour() {
        Volume image = SpatialTestData.image(SpatialTestData.oblique(5, 4, 3), 2);
        Volume once = Rotate90.of(1).apply(image);
        Volume fourTimes = Rotate90.of(1).apply(Rotate90.of(1).apply(Rotate90.of(1).apply(once)));

        assertArrayEquals(image.toFloatArray(), fourTimes.toFloatArray());
        assertTrue(fourTimes.geometry().equalsWithin(image.geometry(), 1e-9));
        assertEquals(3, Rotate90.of(-1).turns());
        assertEquals(Rotate90.of(1), Rotate90.of(5));
        assertArrayEquals(Rotate90.of(3).apply(image).toFloatArray(), Rotate90.of(-1).apply(image).toFloatArray());
    }

    @Test
    void inverseIsTheOppositeRotationInTheSamePlane() {
        Rotate90 r = Rotate90.of(1, 0, 2);
        Sample out = r.apply(Sample.of(SpatialTestData.image(SpatialTestData.axisAligned(5, 4, 3), 1)));

        AppliedTransform step = out.history().get(0);
        assertEquals("Rotate90", step.name());
        assertEquals("turns=1, plane=i-k", step.parameters());
        assertEquals(Rotate90.of(3, 0, 2), step.inverse());
        assertEquals(Rotate90.of(-1, 0, 2), r.inverse());
    }

    @Test
    void turnsA2dXrayAndItsMaskInPlane() {
        Geometry g = SpatialTestData.axisAligned(4, 2, 1);
        Volume xray = Volume.ofFloats(g, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        LabelVolume mask = LabelVolume.of(g, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        Sample out = Rotate90.of(2).apply(Sample.of(xray, mask));

        assertArrayEquals(new int[] {4, 2, 1}, out.image().geometry().size());
        assertArrayEquals(new float[] {8, 7, 6, 5, 4, 3, 2, 1}, out.image().toFloatArray());
        assertArrayEquals(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, out.label().orElseThrow().toByteArray());
    }

    @Test
    void largeVolumeTurnedAcrossSlicesMatchesTheVoxelRule() {
        // a turn in the j-k plane takes the path that gathers each output slice from every input slice
        Geometry g = SpatialTestData.axisAligned(64, 48, 44);
        Volume image = SpatialTestData.image(g, 2);
        Volume out = Rotate90.of(1, 1, 2).apply(image);

        assertTrue(2 * g.voxelCount() >= VoxelRows.PARALLEL_MIN_VOXELS);
        assertArrayEquals(new int[] {64, 44, 48}, out.geometry().size());
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < 48; k += 5) {
                for (int j = 0; j < 44; j += 3) {
                    for (int i = 0; i < 64; i += 7) {
                        // output j runs backwards along input k, output k forwards along input j
                        assertEquals(image.get(c, 43 - j, k, i), out.get(c, k, j, i));
                    }
                }
            }
        }
    }

    @Test
    void rejectsBadPlanes() {
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> Rotate90.of(1, 3, 1));
        assertTrue(a.getMessage().contains("axisA"), a.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> Rotate90.of(1, 0, -1));
        assertTrue(b.getMessage().contains("axisB"), b.getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> Rotate90.of(1, 2, 2));
        assertTrue(same.getMessage().contains("axisA and axisB"), same.getMessage());
    }

    @Test
    void rejectsNullSample() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Rotate90.of(1).apply((Sample) null));
        assertEquals("sample", e.getMessage());
    }
}
