package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.BoundingBox;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

class ResizeTest {

    @Test
    void resizeKeepsThePhysicalExtentAndBoundingBoxExactly() {
        Geometry g = ResampleFixtures.oblique(30, 20, 9, 0.8, 1.1, 3);
        Geometry t = Resize.to(16, 16, 16).targetGeometry(g);
        assertArrayEquals(new int[] {16, 16, 16}, t.size());
        assertArrayEquals(new double[] {1.5, 1.375, 1.6875}, t.spacing(), 1e-12);
        assertArrayEquals(g.physicalExtentMm(), t.physicalExtentMm(), 1e-9);
        BoundingBox a = g.boundingBox();
        BoundingBox b = t.boundingBox();
        assertArrayEquals(a.min().toArray(), b.min().toArray(), 1e-9);
        assertArrayEquals(a.max().toArray(), b.max().toArray(), 1e-9);
    }

    @Test
    void resizeMovesImageAndLabelAndItsInverseReturnsToTheOriginalGrid() {
        Geometry g = Geometry.of(24, 20, 12, 1, 1, 2);
        Point3 landmark = new Point3(11.4, 8.3, 12.6);
        Sample in = Sample.of(ResampleFixtures.blob(g, landmark, 3), ResampleFixtures.sphere(g, landmark, 3.5));
        Sample out = Resize.to(32, 32, 32).apply(in);
        Geometry t = out.image().geometry();
        assertEquals(t, out.label().orElseThrow().geometry());
        assertTrue(ResampleFixtures.centroid(out.image()).distanceTo(landmark) < ResampleFixtures.maxSpacing(t) / 2);
        LabelVolume lab = out.label().orElseThrow();
        // the label's own centroid (a sphere sampled on the old voxels), not the exact landmark, is what moves along
        Point3 labelBefore = ResampleFixtures.centroid(in.label().orElseThrow(), 1);
        Point3 labelAfter = ResampleFixtures.centroid(lab, 1);
        assertTrue(labelAfter.distanceTo(labelBefore) < ResampleFixtures.maxSpacing(t) / 2,
                labelAfter + " vs " + labelBefore);
        AppliedTransform applied = out.history().get(0);
        assertEquals("Resize", applied.name());
        assertTrue(applied.spatial());
        assertTrue(applied.parameters().contains("24x20x12 -> 32x32x32"), applied.parameters());
        Sample back = out.spatialInverse().apply(out);
        assertEquals(g, back.image().geometry());
        Volume restored = back.image();
        assertTrue(ResampleFixtures.centroid(restored).distanceTo(landmark) < 0.5);
    }

    @Test
    void twoDimensionalImageResizesInPlane() {
        Geometry xray = Geometry.builder().size(60, 40, 1).spacing(0.25, 0.25, 1).orientation("LIP").build();
        Volume ramp = ResampleFixtures.ramp(xray, 1, 2, 0, 3);
        Volume out = Resize.to(30, 20, 1).apply(ramp);
        Geometry t = out.geometry();
        assertArrayEquals(new int[] {30, 20, 1}, t.size());
        Point3 q = t.indexToWorld(11, 7, 0);
        assertEquals(1 + 2 * q.x() + 3 * q.z(), out.get(0, 7, 11), 1e-4);
    }

    @Test
    void nonPositiveSizesAreRejectedNamingTheParameter() {
        GeometryException e = assertThrows(GeometryException.class, () -> Resize.to(0, 4, 4));
        assertTrue(e.getMessage().contains("nx"), e.getMessage());
        e = assertThrows(GeometryException.class, () -> Resize.to(4, -3, 4));
        assertTrue(e.getMessage().contains("ny"), e.getMessage());
        e = assertThrows(GeometryException.class, () -> Resize.to(4, 4, 0));
        assertTrue(e.getMessage().contains("nz"), e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> Resize.to(4, 4, 4).withInterpolation(null));
        assertTrue(n.getMessage().contains("interpolation"), n.getMessage());
    }

    @Test
    void aSizeWhoseGridExceedsAJavaArrayIsRefusedNamingTheSize() {
        Geometry g = Geometry.of(6, 5, 4, 1, 1, 1);
        Sample in = Sample.of(ResampleFixtures.noise(g, 1, 2), LabelVolume.empty(g));
        TransformException e = assertThrows(TransformException.class,
                () -> Resize.to(100_000, 100_000, 100_000).apply(in));
        String m = e.getMessage();
        assertTrue(m.startsWith("Resize.to: size (nx, ny, nz) = (100000, 100000, 100000) gives an output grid of "
                + "100000x100000x100000 voxels x 1 channel(s) = 1.000e+15 elements"), m);
        assertTrue(m.contains("Integer.MAX_VALUE - 8"), m);
    }

    @Test
    void theChannelsCountTowardsTheArrayLimit() {
        // 1.2e9 voxels fit one array for one channel; two channels of them do not
        Geometry xray = Geometry.of(4, 3, 1, 1, 1, 1);
        TransformException e = assertThrows(TransformException.class,
                () -> Resize.to(40_000, 30_000, 1).apply(ResampleFixtures.noise(xray, 2, 4)));
        assertTrue(e.getMessage().contains("(40000, 30000, 1) gives an output grid of 40000x30000x1 voxels x 2 "
                + "channel(s) = 2.400e+09 elements"), e.getMessage());
    }
}
