package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;

class ResampleTest {

    @Test
    void toSpacingKeepsPhysicalExtentWithinHalfANewVoxel() {
        Geometry g = ResampleFixtures.oblique(30, 25, 12, 0.7, 0.7, 2.5);
        double[] spacing = {1.1, 1.0, 1.3};
        Geometry t = Resample.toSpacing(spacing[0], spacing[1], spacing[2]).targetGeometry(g);
        assertArrayEquals(new int[] {19, 18, 23}, t.size());
        assertArrayEquals(spacing, t.spacing(), 0);
        for (int a = 0; a < 3; a++) {
            assertTrue(Math.abs(t.physicalExtentMm()[a] - g.physicalExtentMm()[a]) <= spacing[a] / 2 + 1e-9,
                    "extent along axis " + a);
        }
        assertArrayEquals(g.direction(), t.direction(), 0);
        // the outer voxel corner stays: the first centre moved by (new - old)/2 along each axis direction
        Point3 oldCorner = g.indexToWorld(-0.5, -0.5, -0.5);
        Point3 newCorner = t.indexToWorld(-0.5, -0.5, -0.5);
        assertTrue(oldCorner.distanceTo(newCorner) < 1e-9, oldCorner + " vs " + newCorner);
    }

    @Test
    void toSpacingKeepsTheBoundingBoxWithinHalfANewVoxel() {
        Geometry g = Geometry.builder().size(40, 33, 17).spacing(0.77, 0.77, 3).origin(-120.5, 33, 400)
                .orientation("LPS").build();
        Geometry t = Resample.toSpacing(1.5, 1.25, 2).targetGeometry(g);
        BoundingBox a = g.boundingBox();
        BoundingBox b = t.boundingBox();
        double[] half = {0.75, 0.625, 1.0};
        double[][] pairs = {a.min().toArray(), b.min().toArray(), a.max().toArray(), b.max().toArray()};
        for (int axis = 0; axis < 3; axis++) {
            assertEquals(pairs[0][axis], pairs[1][axis], 1e-9, "min corner is kept exactly");
            assertEquals(pairs[2][axis], pairs[3][axis], half[axis] + 1e-9, "max corner within half a new voxel");
        }
    }

    @Test
    void sizeIsRoundedAndNeverZero() {
        Geometry g = Geometry.of(3, 10, 7, 1, 1, 1);
        Geometry t = Resample.toSpacing(10, 0.4, 2).targetGeometry(g);
        assertArrayEquals(new int[] {1, 25, 4}, t.size());
    }

    @Test
    void resamplingASampleKeepsLandmarksAndMovesTheLabelOntoTheSameGrid() {
        Geometry g = ResampleFixtures.oblique(28, 26, 14, 0.9, 0.9, 2);
        Point3 landmark = Affine.centreOf(g).plus(new Point3(2.1, -1.3, 3.2));
        Volume image = ResampleFixtures.blob(g, landmark, 3).withUnit(IntensityUnit.HU)
                .withMetadata(VolumeMetadata.ofModality("CT"));
        LabelVolume label = ResampleFixtures.sphere(g, landmark, 4);
        Sample out = Resample.toSpacing(1.3, 1.2, 1.1).apply(Sample.of(image, label));
        Geometry t = out.image().geometry();
        assertEquals(t, out.label().orElseThrow().geometry());
        assertEquals(IntensityUnit.HU, out.image().unit());
        assertEquals("CT", out.image().metadata().modality());
        assertTrue(ResampleFixtures.centroid(out.image()).distanceTo(landmark) < ResampleFixtures.maxSpacing(t) / 2);
        assertTrue(ResampleFixtures.centroid(out.label().orElseThrow(), 1).distanceTo(
                ResampleFixtures.centroid(label, 1)) < ResampleFixtures.maxSpacing(t) / 2);
        for (byte b : out.label().orElseThrow().toByteArray()) {
            assertTrue(b >= 0 && b <= 2, "invented label " + b);
        }
    }

    @Test
    void ontoReferenceProducesTheReferenceGrid() {
        Geometry g = Geometry.of(20, 20, 10, 1, 1, 2);
        Point3 landmark = new Point3(9.2, 8.7, 9.9);
        Geometry ref = ResampleFixtures.oblique(18, 18, 16, 1.2, 1.2, 1.2).toBuilder()
                .origin(landmark.minus(new Point3(10, 10, 9))).build();
        Volume out = Resample.onto(ref).apply(ResampleFixtures.blob(g, landmark, 2.5));
        assertSame(ref, out.geometry());
        assertTrue(ResampleFixtures.centroid(out).distanceTo(landmark) < 0.6);
    }

    @Test
    void recordsWhatItDidAndItsInverseReturnsToTheOriginalGeometry() {
        Geometry g = ResampleFixtures.oblique(16, 14, 8, 1, 1, 2.5);
        Point3 landmark = Affine.centreOf(g);
        Sample in = Sample.of(ResampleFixtures.blob(g, landmark, 3), ResampleFixtures.sphere(g, landmark, 3));
        Sample out = Resample.toSpacing(0.6, 0.8, 1.5).withInterpolation(Interpolation.LINEAR).apply(in);
        AppliedTransform applied = out.history().get(0);
        assertEquals("Resample", applied.name());
        assertTrue(applied.spatial());
        assertEquals(g, applied.before());
        assertEquals(out.image().geometry(), applied.after());
        assertTrue(applied.parameters().contains("spacing=(0.6000, 0.8000, 1.500) mm"), applied.parameters());
        Sample back = out.spatialInverse().apply(out);
        assertEquals(g, back.image().geometry());
        assertEquals(g, back.label().orElseThrow().geometry());
        assertTrue(ResampleFixtures.centroid(back.image()).distanceTo(landmark) < 0.5);
        // down and up again blurs a little but leaves a smooth blob close to where it was
        float peakBefore = in.image().get(4, 7, 8);
        float peakAfter = back.image().get(4, 7, 8);
        assertEquals(peakBefore, peakAfter, 0.1 * peakBefore);
    }

    @Test
    void twoDimensionalImageStaysTwoDimensional() {
        Geometry xray = Geometry.builder().size(50, 40, 1).spacing(0.2, 0.2, 1).origin(10, 0, -3).orientation("LIP")
                .build();
        Point3 landmark = xray.indexToWorld(21.3, 17.6, 0);
        Sample out = Resample.toSpacing(0.5, 0.5, 0.5).apply(Sample.of(ResampleFixtures.blob(xray, landmark, 1.5)));
        Geometry t = out.image().geometry();
        assertArrayEquals(new int[] {20, 16, 1}, t.size());
        assertEquals(1.0, t.spacing(2), 0, "a depth-1 axis keeps its thickness");
        assertTrue(ResampleFixtures.centroid(out.image()).distanceTo(landmark) < 0.25);
    }

    @Test
    void badSpacingIsRejectedNamingTheParameter() {
        GeometryException e = assertThrows(GeometryException.class, () -> Resample.toSpacing(0, 1, 1));
        assertTrue(e.getMessage().contains("sxMm"), e.getMessage());
        e = assertThrows(GeometryException.class, () -> Resample.toSpacing(1, Double.NaN, 1));
        assertTrue(e.getMessage().contains("syMm"), e.getMessage());
        e = assertThrows(GeometryException.class, () -> Resample.toSpacing(1, 1, -2));
        assertTrue(e.getMessage().contains("szMm"), e.getMessage());
        e = assertThrows(GeometryException.class, () -> Resample.toSpacing(1, 1, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("szMm"), e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> Resample.onto(null));
        assertTrue(n.getMessage().contains("reference"), n.getMessage());
        n = assertThrows(IllegalArgumentException.class, () -> Resample.toSpacing(1, 1, 1).withInterpolation(null));
        assertTrue(n.getMessage().contains("interpolation"), n.getMessage());
        n = assertThrows(IllegalArgumentException.class, () -> Resample.toSpacing(1, 1, 1).withPadding(null));
        assertTrue(n.getMessage().contains("padding"), n.getMessage());
    }

    @Test
    void aSpacingTooFineForOneGridAxisIsRefusedNamingThatSpacingAndAxis() {
        Geometry g = Geometry.of(8, 8, 4, 1, 1, 2.5);
        TransformException e = assertThrows(TransformException.class,
                () -> Resample.toSpacing(1, 1e-9, 2.5).targetGeometry(g));
        String m = e.getMessage();
        assertTrue(m.startsWith("Resample.toSpacing: syMm = 1.0E-9 mm would need 8.000e+09 voxels along j"), m);
        assertTrue(m.contains("8 voxels of 1.0 mm") && m.contains("2147483647"), m);
        // through apply as well: the sample is refused before anything is allocated
        Sample in = Sample.of(ResampleFixtures.noise(g, 1, 3), LabelVolume.empty(g));
        assertThrows(TransformException.class, () -> Resample.toSpacing(1e-9, 1, 2.5).apply(in));
    }

    @Test
    void aSpacingWhoseGridExceedsAJavaArrayIsRefusedNamingTheSpacingAndTheGrid() {
        Geometry ct = Geometry.of(16, 16, 8, 0.8, 0.8, 2.5);
        Sample in = Sample.of(ResampleFixtures.noise(ct, 1, 5), LabelVolume.empty(ct));
        TransformException e = assertThrows(TransformException.class,
                () -> Resample.toSpacing(0.001, 0.001, 0.001).apply(in));
        String m = e.getMessage();
        assertTrue(m.startsWith("Resample.toSpacing: spacing (sxMm, syMm, szMm) = (0.001, 0.001, 0.001) mm gives an "
                + "output grid of 12800x12800x20000 voxels x 1 channel(s)"), m);
        assertTrue(m.contains("Integer.MAX_VALUE - 8"), m);
    }

    @Test
    void aReferenceWithBillionsOfVoxelsIsRefusedNamingTheReferenceAndItsSize() {
        Geometry g = Geometry.of(6, 5, 4, 1, 1, 1);
        Geometry huge = Geometry.of(100_000, 100_000, 100_000, 1, 1, 1);
        TransformException e = assertThrows(TransformException.class,
                () -> Resample.onto(huge).apply(ResampleFixtures.noise(g, 2, 1)));
        assertTrue(e.getMessage().startsWith("Resample.onto: the reference geometry gives an output grid of "
                + "100000x100000x100000 voxels x 2 channel(s)"), e.getMessage());
    }
}
