package org.medimg4j.core.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeometryTest {

    /** An oblique geometry: rotated 30° about z, then 20° about x, anisotropic spacing, off-centre origin. */
    static Geometry oblique() {
        double a = Math.toRadians(30);
        double b = Math.toRadians(20);
        double[] rz = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        double[] rx = {1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)};
        double[] d = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 3; k++) {
                    d[r * 3 + c] += rx[r * 3 + k] * rz[k * 3 + c];
                }
            }
        }
        return Geometry.builder().size(40, 30, 12).spacing(0.7, 0.8, 2.5).origin(-120.5, 33.25, 410.0)
                .direction(d).build();
    }

    @Test
    void indexToWorldFollowsDicomImagePlaneEquation() {
        // PS3.3 C.7.6.2.1.1: P = S + X·Δi·i + Y·Δj·j (+ Z·Δk·k for the slice axis)
        Geometry g = Geometry.builder().size(4, 4, 4).spacing(0.5, 2, 3).origin(10, 20, 30).orientation("RAS").build();
        Point3 p = g.indexToWorld(1, 2, 3);
        assertEquals(10 - 0.5, p.x(), 1e-12);
        assertEquals(20 - 4, p.y(), 1e-12);
        assertEquals(30 + 9, p.z(), 1e-12);
    }

    @Test
    void indexWorldRoundTripOnObliqueGeometry() {
        Geometry g = oblique();
        double[][] indices = {{0, 0, 0}, {39, 29, 11}, {12.25, -3.5, 7.75}, {100, 200, -50}};
        for (double[] idx : indices) {
            Point3 w = g.indexToWorld(idx[0], idx[1], idx[2]);
            assertArrayEquals(idx, g.worldToIndex(w), 1e-9);
        }
        // and world → index → world
        Point3 w = new Point3(-100, 40, 420);
        double[] idx = g.worldToIndex(w);
        assertEquals(0, g.indexToWorld(idx[0], idx[1], idx[2]).distanceTo(w), 1e-9);
    }

    @Test
    void affinesAgreeWithPointMappings() {
        Geometry g = oblique();
        double[] a = g.indexToWorldAffine();
        double[] inv = g.worldToIndexAffine();
        Point3 w = g.indexToWorld(3, 4, 5);
        assertEquals(w.x(), a[0] * 3 + a[1] * 4 + a[2] * 5 + a[3], 1e-9);
        assertEquals(w.z(), a[8] * 3 + a[9] * 4 + a[10] * 5 + a[11], 1e-9);
        assertEquals(4, inv[4] * w.x() + inv[5] * w.y() + inv[6] * w.z() + inv[7], 1e-9);
    }

    @Test
    void physicalExtentAndBoundingBox() {
        Geometry g = Geometry.of(10, 20, 5, 0.5, 1.0, 2.0);
        assertArrayEquals(new double[] {5, 20, 10}, g.physicalExtentMm(), 1e-12);
        BoundingBox box = g.boundingBox();
        assertEquals(-0.25, box.min().x(), 1e-12);
        assertEquals(4.75, box.max().x(), 1e-12);
        assertEquals(-1, box.min().z(), 1e-12);
        assertEquals(9, box.max().z(), 1e-12);
        assertArrayEquals(new double[] {5, 20, 10}, box.sizeMm(), 1e-12);
    }

    @Test
    void boundingBoxOfRasGeometryIsInLps() {
        Geometry g = Geometry.builder().size(10, 10, 10).orientation("RAS").build();
        BoundingBox box = g.boundingBox();
        assertEquals(-9.5, box.min().x(), 1e-12);
        assertEquals(0.5, box.max().x(), 1e-12);
        assertEquals(-0.5, box.min().z(), 1e-12);
    }

    @Test
    void orientationCodes() {
        assertEquals("LPS", Geometry.of(2, 2, 2, 1, 1, 1).orientationCode());
        assertEquals("RAS", Geometry.builder().size(2, 2, 2).orientation("RAS").build().orientationCode());
        assertEquals("LIP", Geometry.builder().size(2, 2, 2).orientation("lip").build().orientationCode());
        // a sagittal DICOM slice: rows along -z (Inferior? no: row cosine = +y (P), column cosine = -z (I))
        double[] sagittal = {0, 0, 1, 1, 0, 0, 0, -1, 0};
        assertEquals("PIL", Orientation.code(sagittal));
    }

    @Test
    void closestCanonicalOfSlightlyObliqueAxialIsAxial() {
        Geometry g = oblique();
        String code = g.orientationCode();
        assertEquals(3, code.length());
        assertFalse(g.isAxisAligned());
        double a = Math.toRadians(10);
        double[] d = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Orientation.closestCanonical(d), 0);
        assertEquals("LPS", Orientation.code(d));
    }

    @Test
    void equalsWithinToleranceInMillimetres() {
        Geometry a = oblique();
        Geometry b = a.toBuilder().origin(a.origin().plus(new Point3(0.0004, 0, 0))).build();
        assertTrue(a.equalsWithin(b, 1e-3));
        assertFalse(a.equalsWithin(b, 1e-4));
        Geometry c = a.toBuilder().spacing(0.7, 0.8, 2.5001).build();
        // the far corner moves by 11 slices × 0.0001 mm
        assertTrue(a.equalsWithin(c, 2e-3));
        assertFalse(a.equalsWithin(c, 5e-4));
        assertFalse(a.equalsWithin(a.toBuilder().size(40, 30, 13).build(), 1));
        GeometryException e = assertThrows(GeometryException.class, () -> a.requireSameGrid(c, 1e-4, "label vs image"));
        assertTrue(e.getMessage().contains("label vs image"));
    }

    @Test
    void rejectsZeroOrNegativeSpacing() {
        GeometryException e = assertThrows(GeometryException.class,
                () -> Geometry.builder().size(2, 2, 2).spacing(1, 0, 1).build());
        assertTrue(e.getMessage().contains("spacing along j"), e.getMessage());
        assertThrows(GeometryException.class, () -> Geometry.builder().size(2, 2, 2).spacing(-1, 1, 1).build());
        assertThrows(GeometryException.class, () -> Geometry.builder().size(2, 2, 2).spacing(Double.NaN, 1, 1).build());
    }

    @Test
    void rejectsZeroSize() {
        GeometryException e = assertThrows(GeometryException.class, () -> Geometry.of(0, 2, 2, 1, 1, 1));
        assertTrue(e.getMessage().contains("size along i"), e.getMessage());
        assertThrows(GeometryException.class, () -> Geometry.builder().build());
    }

    @Test
    void gantryTiltedGridIsAcceptedOnlyWhenShearIsAllowedAndMapsBothWays() {
        double t = Math.toRadians(15);
        // image rows/columns tilted about x; slices step straight along z (the table), as a tilted CT stack does
        double[] tilted = {1, 0, 0, 0, Math.cos(t), 0, 0, -Math.sin(t), 1};
        GeometryException refused = assertThrows(GeometryException.class,
                () -> Geometry.builder().size(4, 4, 3).direction(tilted).build());
        assertTrue(refused.getMessage().contains("orthonormal"), refused.getMessage());
        Geometry g = Geometry.builder().size(4, 4, 3).spacing(0.8, 0.8, 3).origin(-1, 2, -45).direction(tilted)
                .allowShear(true).build();
        assertFalse(g.isOrthonormal());
        assertTrue(g.toString().contains("sheared"), g.toString());
        assertEquals(-45 + 2 * 3 - 1 * 0.8 * Math.sin(t), g.indexToWorld(0, 1, 2).z(), 1e-12);
        double[] back = g.worldToIndex(g.indexToWorld(1.5, 2.25, 0.75));
        assertArrayEquals(new double[] {1.5, 2.25, 0.75}, back, 1e-12);
        Point3 n = g.planeNormal();
        assertEquals(Math.sin(t), n.y(), 1e-12);
        assertEquals(Math.cos(t), n.z(), 1e-12);
        assertFalse(g.toBuilder().build().isOrthonormal(), "toBuilder keeps the shear allowance");
        assertTrue(Geometry.of(2, 2, 2, 1, 1, 1).isOrthonormal());
    }

    @Test
    void shearIsLimitedToTheKAxisAndToSixtyDegrees() {
        double[] ijSheared = {1, 0.2, 0, 0, 1, 0, 0, 0, 1};
        GeometryException e = assertThrows(GeometryException.class,
                () -> Geometry.builder().size(2, 2, 2).direction(ijSheared).allowShear(true).build());
        assertTrue(e.getMessage().contains("may only slant k"), e.getMessage());
        double a = Math.toRadians(70);
        double[] steep = {1, 0, 0, 0, 1, Math.sin(a), 0, 0, Math.cos(a)};
        GeometryException e2 = assertThrows(GeometryException.class,
                () -> Geometry.builder().size(2, 2, 2).direction(steep).allowShear(true).build());
        assertTrue(e2.getMessage().contains("70.0 degrees"), e2.getMessage());
    }

    @Test
    void rejectsNonOrthonormalDirection() {
        double[] sheared = {1, 0.2, 0, 0, 1, 0, 0, 0, 1};
        GeometryException e = assertThrows(GeometryException.class,
                () -> Geometry.builder().size(2, 2, 2).direction(sheared).build());
        assertTrue(e.getMessage().contains("orthonormal"), e.getMessage());
        double[] scaled = {2, 0, 0, 0, 1, 0, 0, 0, 1};
        assertThrows(GeometryException.class, () -> Geometry.builder().size(2, 2, 2).direction(scaled).build());
        assertThrows(GeometryException.class, () -> Geometry.builder().size(2, 2, 2).direction(new double[4]));
    }

    @Test
    void rejectsNonFiniteOrigin() {
        GeometryException e = assertThrows(GeometryException.class,
                () -> Geometry.builder().size(2, 2, 2).origin(0, Double.POSITIVE_INFINITY, 0).build());
        assertTrue(e.getMessage().contains("origin"), e.getMessage());
    }

    @Test
    void rejectsBadOrientationCodes() {
        assertThrows(GeometryException.class, () -> Orientation.direction("LPX"));
        assertThrows(GeometryException.class, () -> Orientation.direction("LLS"));
        assertThrows(GeometryException.class, () -> Orientation.direction("LP"));
        GeometryException e = assertThrows(GeometryException.class, () -> Orientation.direction("LRS"));
        assertTrue(e.getMessage().contains("LRS"));
    }

    @Test
    void orientationCodeRoundTripsForAll48Orientations() {
        String[] pos = {"L", "P", "S"};
        String[] neg = {"R", "A", "I"};
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        int n = 0;
        for (int[] p : perms) {
            for (int signs = 0; signs < 8; signs++) {
                StringBuilder code = new StringBuilder();
                for (int a = 0; a < 3; a++) {
                    code.append(((signs >> a) & 1) == 0 ? pos[p[a]] : neg[p[a]]);
                }
                assertEquals(code.toString(), Orientation.code(Orientation.direction(code.toString())));
                n++;
            }
        }
        assertEquals(48, n);
    }
}
