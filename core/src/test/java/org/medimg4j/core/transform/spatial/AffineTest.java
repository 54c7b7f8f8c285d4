package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

class AffineTest {

    private static final Geometry GRID = Geometry.builder().size(32, 30, 24).spacing(1, 1, 1.25)
            .origin(-15, -20, 40).build();

    @Test
    void rotationAboutTheVolumeCentreMovesALandmarkWhereTheRotationSends() {
        Point3 c = Affine.centreOf(GRID);
        Point3 landmark = c.plus(new Point3(7, 0, 0));
        Volume blob = ResampleFixtures.blob(GRID, landmark, 2.5);
        Volume out = Affine.builder().rotationDegrees(0, 0, 90).padding(Padding.constant(0f)).build().apply(blob);
        assertEquals(GRID, out.geometry(), "the grid does not change; the anatomy moves");
        // Rz(90°) turns +x into +y
        Point3 expected = c.plus(new Point3(0, 7, 0));
        assertTrue(ResampleFixtures.centroid(out).distanceTo(expected) < 0.5,
                ResampleFixtures.centroid(out) + " vs " + expected);
    }

    @Test
    void scalingMovesALandmarkAwayFromTheCentre() {
        Point3 c = Affine.centreOf(GRID);
        Point3 landmark = c.plus(new Point3(4, -3, 5));
        Volume blob = ResampleFixtures.blob(GRID, landmark, 2);
        Volume out = Affine.builder().scale(1.25).padding(Padding.constant(0f)).build().apply(blob);
        Point3 expected = c.plus(new Point3(5, -3.75, 6.25));
        assertTrue(ResampleFixtures.centroid(out).distanceTo(expected) < 0.5,
                ResampleFixtures.centroid(out) + " vs " + expected);
    }

    @Test
    void affineThenItsInverseReturnsALandmarkOnAnObliqueGrid() {
        Geometry g = ResampleFixtures.oblique(30, 30, 20, 1, 1, 1.5);
        Point3 landmark = Affine.centreOf(g).plus(new Point3(3, 4, -2));
        Sample in = Sample.of(ResampleFixtures.blob(g, landmark, 2.5), ResampleFixtures.sphere(g, landmark, 3));
        Affine affine = Affine.builder().rotationDegrees(8, -12, 15).scale(1.1, 0.95, 1.05)
                .padding(Padding.constant(0f)).build();
        Sample moved = affine.apply(in);
        AppliedTransform applied = moved.history().get(0);
        assertEquals("Affine", applied.name());
        assertTrue(applied.spatial());
        assertTrue(applied.parameters().contains("rotation=(8.000, -12.00, 15.00) deg"), applied.parameters());
        assertTrue(applied.parameters().contains("scale=(1.100, 0.9500, 1.050)"), applied.parameters());
        Point3 movedTo = affine.contentMap(g).apply(landmark);
        assertTrue(ResampleFixtures.centroid(moved.image()).distanceTo(movedTo) < 0.5);
        assertEquals(moved.image().geometry(), moved.label().orElseThrow().geometry());
        Sample back = moved.spatialInverse().apply(moved);
        assertTrue(ResampleFixtures.centroid(back.image()).distanceTo(landmark) < 0.5,
                ResampleFixtures.centroid(back.image()) + " vs " + landmark);
        Point3 labelBefore = ResampleFixtures.centroid(in.label().orElseThrow(), 1);
        assertTrue(ResampleFixtures.centroid(back.label().orElseThrow(), 1).distanceTo(labelBefore) < 0.75);
    }

    @Test
    void labelsMoveWithNearestNeighbourAndKeepTheirValues() {
        Point3 c = Affine.centreOf(GRID);
        LabelVolume label = ResampleFixtures.sphere(GRID, c.plus(new Point3(2, 2, 0)), 5);
        Volume image = ResampleFixtures.blob(GRID, c, 4);
        Sample out = Affine.builder().rotationDegrees(20, 0, 35).build().apply(Sample.of(image, label));
        boolean[] seen = new boolean[256];
        for (byte b : out.label().orElseThrow().toByteArray()) {
            seen[b & 0xFF] = true;
        }
        assertTrue(seen[0] && seen[1] && seen[2]);
        for (int v = 3; v < 256; v++) {
            assertTrue(!seen[v], "invented label " + v);
        }
    }

    @Test
    void worldAffineInverseUndoesTheMap() {
        WorldAffine a = WorldAffine.about(WorldAffine.rotationMatrix(30, -20, 10), new Point3(1, 2, 3),
                new double[] {4, 5, 6});
        Point3 p = new Point3(-7.5, 3.25, 12);
        Point3 back = a.inverse().apply(a.apply(p));
        assertEquals(0, back.distanceTo(p), 1e-12);
        assertTrue(a.inverse().after(a).isIdentity(1e-12));
        assertEquals(1, a.determinant(), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0}, WorldAffine.identity().toArray(), 0);
    }

    @Test
    void badParametersAreRejectedNamingTheParameter() {
        TransformException e = assertThrows(TransformException.class, () -> Affine.builder().scale(0).build());
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
        e = assertThrows(TransformException.class, () -> Affine.builder().scale(1, -1, 1).build());
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
        e = assertThrows(TransformException.class, () -> Affine.builder().rotationDegrees(Double.NaN, 0, 0).build());
        assertTrue(e.getMessage().contains("rotationDegrees"), e.getMessage());
        e = assertThrows(TransformException.class, () -> Affine.builder().interpolation(null).build());
        assertTrue(e.getMessage().contains("interpolation"), e.getMessage());
        e = assertThrows(TransformException.class, () -> Affine.builder().centre(new Point3(0, Double.NaN, 0))
                .build());
        assertTrue(e.getMessage().contains("centre"), e.getMessage());
        e = assertThrows(TransformException.class, () -> Affine.ofLinear(new double[] {1, 0, 0, 0, 0, 0, 0, 0, 1},
                null));
        assertTrue(e.getMessage().contains("matrix"), e.getMessage());
        e = assertThrows(TransformException.class, () -> Affine.ofLinear(new double[4], null));
        assertTrue(e.getMessage().contains("linear3x3"), e.getMessage());
        e = assertThrows(TransformException.class, () -> WorldAffine.of(new double[11]));
        assertTrue(e.getMessage().contains("matrix"), e.getMessage());
    }
}
