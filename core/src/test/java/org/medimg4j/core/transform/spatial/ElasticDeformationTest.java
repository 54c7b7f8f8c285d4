package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

class ElasticDeformationTest {

    private static final Geometry GRID = ResampleFixtures.oblique(36, 34, 24, 1, 1, 1.5);

    @Test
    void sameParametersGiveTheSameDeformationAndAnotherFieldSeedAnother() {
        Volume image = ResampleFixtures.blob(GRID, Affine.centreOf(GRID), 5);
        Volume a = ElasticDeformation.of(20, 6, 11).apply(image);
        Volume b = ElasticDeformation.of(20, 6, 11).apply(image);
        Volume c = ElasticDeformation.of(20, 6, 12).apply(image);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
        assertFalse(Arrays.equals(a.toFloatArray(), c.toFloatArray()));
        assertEquals(GRID, a.geometry());
    }

    @Test
    void fieldNeverExceedsTheMaximumDisplacementAlongAnImageAxis() {
        BSplineDisplacementField u = BSplineDisplacementField.random(GRID, 15, 5, 3);
        SplittableRandom r = new SplittableRandom(1);
        double largest = 0;
        for (int n = 0; n < 2000; n++) {
            Point3 p = GRID.indexToWorld(r.nextDouble(-5, 40), r.nextDouble(-5, 38), r.nextDouble(-5, 28));
            Point3 d = u.displacementAt(p);
            for (int axis = 0; axis < 3; axis++) {
                Point3 e = GRID.axis(axis);
                double along = d.x() * e.x() + d.y() * e.y() + d.z() * e.z();
                assertTrue(Math.abs(along) <= 5 + 1e-9, "displacement " + along + " mm along axis " + axis);
                largest = Math.max(largest, Math.abs(along));
            }
        }
        assertTrue(largest > 1, "the field should actually displace: largest " + largest);
    }

    @Test
    void deformedLandmarkSitsWhereTheInverseFieldSendsIt() {
        Point3 landmark = Affine.centreOf(GRID).plus(new Point3(4, -3, 2));
        Volume image = ResampleFixtures.blob(GRID, landmark, 2.5);
        ElasticDeformation elastic = ElasticDeformation.of(20, 5, 99).withPadding(Padding.constant(0f));
        DisplacementField u = elastic.fieldFor(GRID);
        // the output at q reads the input at q + u(q): the landmark appears at q with q + u(q) = landmark
        Point3 q = u.inverse().map(landmark);
        assertEquals(0, u.map(q).distanceTo(landmark), 0.01);
        assertTrue(q.distanceTo(landmark) > 0.5, "the test needs a landmark that moves");
        Point3 c = ResampleFixtures.centroid(elastic.apply(image));
        assertTrue(c.distanceTo(q) < 0.5, c + " vs " + q);
    }

    @Test
    void forwardThenInverseMovesALandmarkBackWithinHalfAVoxel() {
        Point3 landmark = Affine.centreOf(GRID).plus(new Point3(-3, 5, 1));
        Sample in = Sample.of(ResampleFixtures.blob(GRID, landmark, 2.5), ResampleFixtures.sphere(GRID, landmark, 3));
        Sample deformed = ElasticDeformation.of(18, 6, 5).withPadding(Padding.constant(0f)).apply(in);
        AppliedTransform applied = deformed.history().get(0);
        assertEquals("ElasticDeformation", applied.name());
        assertTrue(applied.spatial());
        assertTrue(applied.parameters().contains("controlSpacing=18.00 mm"), applied.parameters());
        assertTrue(applied.parameters().contains("fieldSeed=5"), applied.parameters());
        Sample back = deformed.spatialInverse().apply(deformed);
        assertEquals(GRID, back.image().geometry());
        Point3 c = ResampleFixtures.centroid(back.image());
        assertTrue(c.distanceTo(landmark) < 0.5, c + " vs " + landmark);
        Point3 labelBefore = ResampleFixtures.centroid(in.label().orElseThrow(), 1);
        assertTrue(ResampleFixtures.centroid(back.label().orElseThrow(), 1).distanceTo(labelBefore) < 0.75);
    }

    @Test
    void inverseFieldSolvesTheFixedPointEquationToATenthOfAMicron() {
        BSplineDisplacementField u = BSplineDisplacementField.random(GRID, 20, 6, 8);
        DisplacementField v = u.inverse();
        SplittableRandom r = new SplittableRandom(2);
        for (int n = 0; n < 500; n++) {
            Point3 p = GRID.indexToWorld(r.nextDouble(0, 35), r.nextDouble(0, 33), r.nextDouble(0, 23));
            Point3 vp = v.displacementAt(p);
            Point3 residual = vp.plus(u.displacementAt(p.plus(vp)));
            assertEquals(0, residual.distanceTo(Point3.ORIGIN), 1e-3, "at " + p);
        }
        assertTrue(v.inverse() == u, "the inverse of the inverse is the field itself");
    }

    @Test
    void labelsKeepTheirValuesAndFollowTheImageGrid() {
        LabelVolume label = ResampleFixtures.sphere(GRID, Affine.centreOf(GRID), 6);
        Sample out = ElasticDeformation.of(15, 6, 2)
                .apply(Sample.of(ResampleFixtures.blob(GRID, Affine.centreOf(GRID), 3), label));
        assertEquals(out.image().geometry(), out.label().orElseThrow().geometry());
        boolean[] seen = new boolean[256];
        for (byte b : out.label().orElseThrow().toByteArray()) {
            seen[b & 0xFF] = true;
        }
        assertTrue(seen[0] && seen[1] && seen[2]);
        for (int v = 3; v < 256; v++) {
            assertFalse(seen[v], "invented label " + v);
        }
    }

    @Test
    void twoDimensionalImageIsDeformedInItsPlane() {
        Geometry xray = Geometry.builder().size(60, 50, 1).spacing(0.5, 0.5, 1).orientation("LIP").build();
        BSplineDisplacementField u = BSplineDisplacementField.random(xray, 10, 3, 4);
        Point3 normal = xray.axis(2);
        for (int n = 0; n < 50; n++) {
            Point3 d = u.displacementAt(xray.indexToWorld(n, 49 - n, 0));
            assertEquals(0, d.x() * normal.x() + d.y() * normal.y() + d.z() * normal.z(), 1e-12);
        }
        Point3 landmark = xray.indexToWorld(30, 25, 0);
        Sample out = ElasticDeformation.of(10, 3, 4).withPadding(Padding.constant(0f))
                .apply(Sample.of(ResampleFixtures.blob(xray, landmark, 2)));
        assertEquals(1, out.image().geometry().nz());
        Sample back = out.spatialInverse().apply(out);
        assertTrue(ResampleFixtures.centroid(back.image()).distanceTo(landmark) < 0.25);
    }

    @Test
    void badParametersAreRejectedNamingTheParameter() {
        TransformException e = assertThrows(TransformException.class, () -> ElasticDeformation.of(0, 1, 1));
        assertTrue(e.getMessage().contains("controlSpacingMm"), e.getMessage());
        e = assertThrows(TransformException.class, () -> ElasticDeformation.of(Double.NaN, 1, 1));
        assertTrue(e.getMessage().contains("controlSpacingMm"), e.getMessage());
        e = assertThrows(TransformException.class, () -> ElasticDeformation.of(10, 4.5, 1));
        assertTrue(e.getMessage().contains("maxDisplacementMm"), e.getMessage());
        e = assertThrows(TransformException.class, () -> ElasticDeformation.of(10, -1, 1));
        assertTrue(e.getMessage().contains("maxDisplacementMm"), e.getMessage());
        e = assertThrows(TransformException.class, () -> BSplineDisplacementField.random(GRID, 1e-3, 0, 1));
        assertTrue(e.getMessage().contains("controlSpacingMm"), e.getMessage());
        e = assertThrows(TransformException.class, () -> BSplineDisplacementField.of(GRID, 20, new double[5]));
        assertTrue(e.getMessage().contains("coefficientsMm"), e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> ElasticDeformation.through(null));
        assertTrue(n.getMessage().contains("field"), n.getMessage());
    }
}
