package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

class CropOrPadTest {

    @Test
    void centredCropKeepsTheMiddleVoxels() {
        Geometry g = Geometry.of(5, 1, 1, 2, 1, 1);
        Volume out = CropOrPad.toSize(3, 1, 1).apply(Volume.ofFloats(g, new float[] {1, 2, 3, 4, 5}));

        assertArrayEquals(new float[] {2, 3, 4}, out.toFloatArray());
        assertEquals(new Point3(2, 0, 0), out.geometry().origin());
    }

    @Test
    void centredPadWithAnOddDifferencePadsOneMoreAtTheStart() {
        Geometry g = Geometry.of(3, 1, 1, 1, 1, 1);
        Volume out = CropOrPad.toSize(6, 1, 1).withPadValue(-1000).apply(Volume.ofFloats(g, new float[] {1, 2, 3}));

        assertArrayEquals(new float[] {-1000, -1000, 1, 2, 3, -1000}, out.toFloatArray());
        assertEquals(new Point3(-2, 0, 0), out.geometry().origin());
    }

    @Test
    void cropsAndPadsDifferentAxesAtOnceWithLabelPaddedWithBackground() {
        Geometry g = Geometry.of(4, 2, 1, 1, 1, 1);
        Volume image = Volume.ofFloats(g, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        LabelVolume label = LabelVolume.of(g, new byte[] {1, 1, 2, 2, 3, 3, 4, 4});

        Sample out = CropOrPad.toSize(2, 4, 1).withPadValue(-5).apply(Sample.of(image, label));

        assertArrayEquals(new float[] {-5, -5, 2, 3, 6, 7, -5, -5}, out.image().toFloatArray());
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 4, 0, 0}, out.label().orElseThrow().toByteArray());
    }

    @Test
    void aroundAWorldPointPutsItsVoxelAtTheCentre() {
        Geometry g = SpatialTestData.oblique(9, 8, 6);
        Volume image = SpatialTestData.image(g, 1);
        Point3 p = g.indexToWorld(2.2, 6.9, 4.1); // nearest voxel (2, 7, 4)

        Volume out = CropOrPad.toSize(5, 4, 3).aroundPoint(p).withPadValue(-1).apply(image);

        assertEquals(image.get(4, 7, 2), out.get(1, 2, 2));
        assertEquals(0, out.geometry().indexToWorld(2, 2, 1).distanceTo(g.indexToWorld(2, 7, 4)), 1e-9);
        assertEquals(-1f, out.get(2, 3, 4), "beyond the input's last row and slice: padding");
    }

    @Test
    void aroundAVoxelIndexPutsItAtTheCentre() {
        Geometry g = SpatialTestData.axisAligned(9, 8, 6);
        Volume image = SpatialTestData.image(g, 1);

        Volume out = CropOrPad.toSize(3, 3, 3).aroundVoxel(0, 4, 5).apply(image);

        assertEquals(image.get(5, 4, 0), out.get(1, 1, 1));
        assertEquals(0f, out.get(2, 1, 1), "past the last slice: default pad 0");
    }

    @Test
    void keepsInt16WhenThePadFitsAndGivesFloat32WhenItDoesNot() {
        Geometry g = Geometry.of(2, 2, 1, 1, 1, 1);
        Volume ct = Volume.builder(g).shorts(new short[] {-1024, 0, 40, 3000}).build();
        Volume xray = Volume.builder(g).unsignedBytes(new byte[] {1, 2, 3, (byte) 255}).build();

        Volume paddedCt = CropOrPad.toSize(4, 2, 1).withPadValue(-1000).apply(ct);
        Volume paddedXray = CropOrPad.toSize(4, 2, 1).withPadValue(-1000).apply(xray);
        Volume paddedXray255 = CropOrPad.toSize(4, 2, 1).withPadValue(255).apply(xray);

        assertEquals(VoxelType.INT16, paddedCt.voxelType());
        assertArrayEquals(new float[] {-1000, -1024, 0, -1000, -1000, 40, 3000, -1000}, paddedCt.toFloatArray());
        assertEquals(VoxelType.FLOAT32, paddedXray.voxelType());
        assertArrayEquals(new float[] {-1000, 1, 2, -1000, -1000, 3, 255, -1000}, paddedXray.toFloatArray());
        assertEquals(VoxelType.UINT8, paddedXray255.voxelType());
        assertArrayEquals(new float[] {255, 1, 2, 255, 255, 3, 255, 255}, paddedXray255.toFloatArray());
    }

    @Test
    void inverseRestoresTheOriginalGeometryExactlyAndTheSurvivingVoxels() {
        Geometry g = SpatialTestData.oblique(6, 5, 4);
        Volume image = SpatialTestData.image(g, 2);
        Sample out = CropOrPad.toSize(3, 7, 4).withPadValue(-1000).apply(Sample.of(image, SpatialTestData.label(g)));

        AppliedTransform step = out.history().get(0);
        Sample back = out.spatialInverse().apply(out);

        assertEquals("CropOrPad", step.name());
        assertTrue(step.parameters().contains("size=3x7x4"), step.parameters());
        assertEquals(g, back.image().geometry(), "the original geometry itself");
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < 4; k++) {
                for (int j = 0; j < 5; j++) {
                    for (int i = 0; i < 6; i++) {
                        boolean survived = i >= 1 && i <= 3;
                        float expected = survived ? image.get(c, k, j, i) : -1000f;
                        assertEquals(expected, back.image().get(c, k, j, i));
                        assertEquals(survived ? SpatialTestData.labelOf(image.get(0, k, j, i)) : 0,
                                back.label().orElseThrow().get(k, j, i));
                    }
                }
            }
        }
    }

    @Test
    void ontoTheSameGridReturnsTheInputAsItIs() {
        Volume image = SpatialTestData.image(SpatialTestData.oblique(4, 3, 2), 1);
        assertSame(image, CropOrPad.onto(image.geometry()).apply(image));
    }

    @Test
    void ontoAGridThatIsNotAWholeVoxelShiftIsRejectedNamingTheReference() {
        Geometry g = SpatialTestData.axisAligned(4, 3, 2);
        Volume image = SpatialTestData.image(g, 1);
        Geometry halfShifted = g.toBuilder().origin(g.indexToWorld(0.5, 0, 0)).build();
        Geometry otherSpacing = g.toBuilder().spacing(1, 1, 1).build();

        GeometryException e = assertThrows(GeometryException.class, () -> CropOrPad.onto(halfShifted).apply(image));
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
        assertThrows(GeometryException.class, () -> CropOrPad.onto(otherSpacing).apply(image));
    }

    @Test
    void rejectsATargetSizeOfZeroOrLessNamingIt() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> CropOrPad.toSize(0, 4, 4));
        assertTrue(x.getMessage().contains("nx"), x.getMessage());
        IllegalArgumentException y = assertThrows(IllegalArgumentException.class, () -> CropOrPad.toSize(4, -2, 4));
        assertTrue(y.getMessage().contains("ny"), y.getMessage());
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class, () -> CropOrPad.toSize(4, 4, 0));
        assertTrue(z.getMessage().contains("nz"), z.getMessage());
    }

    @Test
    void rejectsACentrePointOutsideTheImage() {
        Geometry g = SpatialTestData.oblique(4, 3, 2);
        Volume image = SpatialTestData.image(g, 1);
        CropOrPad t = CropOrPad.toSize(2, 2, 2).aroundPoint(g.indexToWorld(1, 1, 5));

        TransformException e = assertThrows(TransformException.class, () -> t.apply(image));
        assertTrue(e.getMessage().contains("centre point"), e.getMessage());
    }

    @Test
    void rejectsACentreVoxelOutsideTheImage() {
        Volume image = SpatialTestData.image(SpatialTestData.axisAligned(4, 3, 2), 1);
        TransformException e = assertThrows(TransformException.class,
                () -> CropOrPad.toSize(2, 2, 2).aroundVoxel(1, 3, 0).apply(image));
        assertTrue(e.getMessage().contains("centre voxel index j"), e.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> CropOrPad.toSize(2, 2, 2).aroundVoxel(-1, 0, 0));
        assertTrue(negative.getMessage().contains("centre voxel index i"), negative.getMessage());
    }

    @Test
    void rejectsNullsAndANonFinitePadValue() {
        NullPointerException point = assertThrows(NullPointerException.class,
                () -> CropOrPad.toSize(2, 2, 2).aroundPoint(null));
        assertTrue(point.getMessage().contains("lpsMm"), point.getMessage());
        NullPointerException ref = assertThrows(NullPointerException.class, () -> CropOrPad.onto(null));
        assertEquals("reference", ref.getMessage());
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
                () -> CropOrPad.toSize(2, 2, 2).withPadValue(Double.NaN));
        assertTrue(pad.getMessage().contains("padValue"), pad.getMessage());
        assertThrows(IllegalStateException.class,
                () -> CropOrPad.onto(Geometry.of(2, 2, 2, 1, 1, 1)).aroundVoxel(0, 0, 0));
    }

    @Test
    void aTargetSizeWhoseGridExceedsAJavaArrayIsRefusedNamingTheSize() {
        Geometry g = Geometry.of(6, 5, 4, 1, 1, 1);
        Sample in = Sample.of(SpatialTestData.shortImage(g, 1), SpatialTestData.label(g));
        TransformException e = assertThrows(TransformException.class,
                () -> CropOrPad.toSize(100_000, 100_000, 100_000).withPadValue(-1000).apply(in));
        assertTrue(e.getMessage().startsWith("CropOrPad: target size (nx, ny, nz) = (100000, 100000, 100000) gives an "
                + "output grid of 100000x100000x100000 voxels x 1 channel(s)"), e.getMessage());
        // three axes of 2^31 - 1 overflow even a long product of the sizes: still a TransformException
        int n = Integer.MAX_VALUE;
        TransformException wrapped = assertThrows(TransformException.class, () -> CropOrPad.toSize(n, n, n).apply(in));
        assertTrue(wrapped.getMessage().contains("(2147483647, 2147483647, 2147483647)"), wrapped.getMessage());
    }

    @Test
    void aHugeOntoReferenceIsRefusedNamingTheReference() {
        Geometry g = Geometry.of(6, 5, 4, 1, 1, 1);
        Geometry huge = g.toBuilder().size(100_000, 100_000, 100_000).build();
        TransformException e = assertThrows(TransformException.class,
                () -> CropOrPad.onto(huge).apply(SpatialTestData.image(g, 3)));
        assertTrue(e.getMessage().startsWith("CropOrPad.onto: the reference geometry gives an output grid of "
                + "100000x100000x100000 voxels x 3 channel(s)"), e.getMessage());
    }

    @Test
    void aLabelWindowTooLargeForAnArrayIsRefusedBeforeAllocating() {
        Geometry g = Geometry.of(6, 5, 4, 1, 1, 1);
        int[] size = {100_000, 100_000, 1_000};
        GridWindow w = new GridWindow(new int[3], size);
        TransformException e = assertThrows(TransformException.class,
                () -> w.apply("CropOrPad: target size", SpatialTestData.label(g), w.apply(g)));
        assertTrue(e.getMessage().contains("100000x100000x1000 voxels x 1 channel(s) = 1.000e+13 elements"),
                e.getMessage());
    }
}
