package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.Volume;

class ReorientTest {

    @Test
    void rasVolumeReorientedToLpsHasIdentityDirection() {
        Geometry ras = Geometry.builder().size(5, 4, 3).spacing(0.7, 0.9, 2.5).origin(40, 50, -20).orientation("RAS").build();
        Volume image = SpatialTestData.image(ras, 1);

        Volume lps = Reorient.to("LPS").apply(image);

        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, lps.geometry().direction(), 0);
        assertEquals("LPS", lps.geometry().orientationCode());
        // RAS voxel (0, 0, 0) is the most right-anterior; in LPS order it is the last along i and j
        assertEquals(image.get(0, 0, 0), lps.get(0, 3, 4));
        assertEquals(0, lps.geometry().indexToWorld(4, 3, 0).distanceTo(ras.origin()), 1e-9);
    }

    @Test
    void obliqueVolumeTakesEveryTargetCodeKeepingItsAxesAndVoxelPositions() {
        Geometry g = SpatialTestData.oblique(5, 4, 3);
        Volume image = SpatialTestData.image(g, 1);
        Point3 p = g.indexToWorld(1, 2, 0);
        float value = image.get(0, 2, 1);
        for (String code : allCodes()) {
            Volume out = Reorient.to(code).apply(image);
            Geometry o = out.geometry();

            assertEquals(code, o.orientationCode(), "code");
            assertTrue(!o.isAxisAligned(), "obliquity kept for " + code);
            for (int a = 0; a < 3; a++) {
                assertTrue(isSignedColumnOf(o.axis(a), g), code + ": axis " + a + " is not an input axis or its negation");
            }
            double[] idx = o.worldToIndex(p);
            int[] r = new int[3];
            for (int a = 0; a < 3; a++) {
                r[a] = (int) Math.round(idx[a]);
                assertEquals(r[a], idx[a], 1e-9, code + ": known voxel not on a voxel centre");
            }
            assertEquals(value, out.get(0, r[2], r[1], r[0]), code);
        }
    }

    @Test
    void volumeAlreadyInTheTargetOrientationIsReturnedAsItIsAndRecorded() {
        Volume image = SpatialTestData.image(SpatialTestData.oblique(5, 4, 3), 1);
        Sample out = Reorient.to("lps").apply(Sample.of(image));

        assertSame(image, out.image());
        assertEquals("LPS -> LPS", out.history().get(0).parameters());
    }

    @Test
    void inverseReorientsBackToTheInputCode() {
        Volume image = SpatialTestData.image(SpatialTestData.obliqueRas(5, 4, 3), 2);
        assertEquals("RAS", image.geometry().orientationCode());

        Sample out = Reorient.to("PIR").apply(Sample.of(image, SpatialTestData.label(image.geometry())));
        AppliedTransform step = out.history().get(0);
        Sample back = out.spatialInverse().apply(out);

        assertEquals("Reorient", step.name());
        assertEquals("RAS -> PIR", step.parameters());
        assertEquals(Reorient.to("RAS"), step.inverse());
        assertArrayEquals(image.toFloatArray(), back.image().toFloatArray());
        assertTrue(back.image().geometry().equalsWithin(image.geometry(), 1e-9));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"XYZ", "LPP", "LP", "LPSR", ""})
    void rejectsAnUnknownOrientationCode(String code) {
        TransformException e = assertThrows(TransformException.class, () -> Reorient.to(code));
        assertTrue(e.getMessage().contains("target orientation code"), e.getMessage());
    }

    private static boolean isSignedColumnOf(Point3 axis, Geometry g) {
        for (int a = 0; a < 3; a++) {
            Point3 c = g.axis(a);
            if (axis.equals(c) || axis.equals(new Point3(-c.x(), -c.y(), -c.z()))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> allCodes() {
        String[][] letters = {{"L", "R"}, {"P", "A"}, {"S", "I"}};
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        List<String> codes = new ArrayList<>();
        for (int[] p : perms) {
            for (int signs = 0; signs < 8; signs++) {
                StringBuilder sb = new StringBuilder();
                for (int o = 0; o < 3; o++) {
                    sb.append(letters[p[o]][(signs >> o) & 1]);
                }
                codes.add(sb.toString());
            }
        }
        assertEquals(48, codes.size());
        return codes;
    }
}
