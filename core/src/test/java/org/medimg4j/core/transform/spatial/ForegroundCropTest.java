package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

class ForegroundCropTest {

    private static final Geometry GRID = SpatialTestData.oblique(8, 7, 5);

    /** Background −1000 with foreground voxels at (2, 3, 1) and (5, 4, 3) (i, j, k). */
    private static Volume ct() {
        float[] v = new float[(int) GRID.voxelCount()];
        java.util.Arrays.fill(v, -1000);
        v[index(2, 3, 1)] = 40;
        v[index(5, 4, 3)] = 300;
        return Volume.ofFloats(GRID, v);
    }

    private static int index(int i, int j, int k) {
        return (k * GRID.ny() + j) * GRID.nx() + i;
    }

    @Test
    void cropsToTheBoundingBoxOfVoxelsAboveTheThreshold() {
        Volume image = ct();
        Sample out = ForegroundCrop.ofImage(-500).apply(Sample.of(image));

        Geometry g = out.image().geometry();
        assertArrayEquals(new int[] {4, 2, 3}, g.size());
        assertEquals(0, g.origin().distanceTo(GRID.indexToWorld(2, 3, 1)), 1e-9);
        assertEquals(40f, out.image().get(0, 0, 0));
        assertEquals(300f, out.image().get(2, 1, 3));
        AppliedTransform step = out.history().get(0);
        assertEquals("ForegroundCrop", step.name());
        assertTrue(step.parameters().contains("box i=2..5 j=3..4 k=1..3"), step.parameters());
    }

    @Test
    void addsTheMarginInMillimetresRoundedUpToWholeVoxelsAndClippedToTheImage() {
        // spacing 0.8 x 1.1 x 3.0 mm: 1.6 mm is exactly 2 voxels along i, 2 along j (1.45 -> 2), 1 along k
        Sample out = ForegroundCrop.ofImage(-500).withMarginMm(1.6).apply(Sample.of(ct()));

        Geometry g = out.image().geometry();
        // i 0..7 (clipped at 7), j 1..6 (clipped at 6), k 0..4
        assertArrayEquals(new int[] {8, 6, 5}, g.size());
        assertEquals(0, g.origin().distanceTo(GRID.indexToWorld(0, 1, 0)), 1e-9);

        Sample perAxis = ForegroundCrop.ofImage(-500).withMarginMm(0.8, 0, 0).apply(Sample.of(ct()));
        assertArrayEquals(new int[] {6, 2, 3}, perAxis.image().geometry().size());
    }

    @Test
    void aVoxelAboveTheThresholdInAnyChannelIsForeground() {
        int n = (int) GRID.voxelCount();
        float[] v = new float[2 * n];
        v[index(1, 1, 1)] = 5;          // channel 0
        v[n + index(6, 5, 2)] = 5;      // channel 1
        Volume image = Volume.builder(GRID).channels(2).floats(v).build();

        Volume out = ForegroundCrop.ofImage(1).apply(image);

        assertArrayEquals(new int[] {6, 5, 2}, out.geometry().size());
        assertEquals(5f, out.get(0, 0, 0, 0));
        assertEquals(5f, out.get(1, 1, 4, 5));
    }

    @Test
    void cropsImageAndLabelToTheLabelForeground() {
        byte[] l = new byte[(int) GRID.voxelCount()];
        l[index(3, 2, 2)] = 1;
        l[index(4, 2, 2)] = 2;
        Volume image = SpatialTestData.shortImage(GRID, 1);

        Sample out = ForegroundCrop.ofLabel().apply(Sample.of(image, LabelVolume.of(GRID, l)));

        assertArrayEquals(new int[] {2, 1, 1}, out.image().geometry().size());
        assertEquals(VoxelType.INT16, out.image().voxelType());
        assertArrayEquals(new byte[] {1, 2}, out.label().orElseThrow().toByteArray());
        assertArrayEquals(new float[] {image.get(2, 2, 3), image.get(2, 2, 4)}, out.image().toFloatArray());
    }

    @Test
    void allBackgroundInputIsReturnedUnchangedAndTheStepRecorded() {
        Volume image = Volume.ofFloats(GRID, new float[(int) GRID.voxelCount()]);
        LabelVolume label = LabelVolume.empty(GRID);

        Sample byImage = ForegroundCrop.ofImage(0).apply(Sample.of(image, label));
        Sample byLabel = ForegroundCrop.ofLabel().apply(Sample.of(image, label));

        assertSame(image, byImage.image());
        assertSame(label, byImage.label().orElseThrow());
        assertSame(image, byLabel.image());
        AppliedTransform step = byImage.history().get(0);
        assertTrue(step.spatial());
        assertEquals("no foreground (image > 0.0): unchanged", step.parameters());
        assertEquals(GRID, step.after());
        assertSame(image, byImage.spatialInverse().apply(byImage).image(), "inverse is the identity");
    }

    @Test
    void inversePadsBackOntoTheOriginalGridWithThePadValue() {
        Volume image = ct();
        Sample out = ForegroundCrop.ofImage(-500).withPadValue(-1024).apply(Sample.of(image));
        Volume back = out.spatialInverse().apply(out).image();

        assertEquals(GRID, back.geometry());
        for (int k = 0; k < 5; k++) {
            for (int j = 0; j < 7; j++) {
                for (int i = 0; i < 8; i++) {
                    boolean inBox = i >= 2 && i <= 5 && j >= 3 && j <= 4 && k >= 1 && k <= 3;
                    assertEquals(inBox ? image.get(k, j, i) : -1024f, back.get(k, j, i));
                }
            }
        }
    }

    @Test
    void cropsA2dXray() {
        Geometry g = Geometry.of(6, 4, 1, 0.2, 0.2, 1);
        float[] v = new float[24];
        v[1 * 6 + 2] = 9;
        v[2 * 6 + 4] = 7;
        Volume out = ForegroundCrop.ofImage(0).apply(Volume.ofFloats(g, v));

        assertArrayEquals(new int[] {3, 2, 1}, out.geometry().size());
        assertArrayEquals(new float[] {9, 0, 0, 0, 0, 7}, out.toFloatArray());
    }

    @Test
    void labelForegroundWithoutALabelIsRejectedNamingIt() {
        TransformException e = assertThrows(TransformException.class, () -> ForegroundCrop.ofLabel().apply(ct()));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
    }

    @Test
    void rejectsBadParametersNamingThem() {
        IllegalArgumentException margin = assertThrows(IllegalArgumentException.class,
                () -> ForegroundCrop.ofLabel().withMarginMm(-1));
        assertTrue(margin.getMessage().contains("marginMm"), margin.getMessage());
        IllegalArgumentException nanMargin = assertThrows(IllegalArgumentException.class,
                () -> ForegroundCrop.ofLabel().withMarginMm(0, Double.NaN, 0));
        assertTrue(nanMargin.getMessage().contains("marginMm along j"), nanMargin.getMessage());
        IllegalArgumentException threshold = assertThrows(IllegalArgumentException.class,
                () -> ForegroundCrop.ofImage(Double.NaN));
        assertTrue(threshold.getMessage().contains("threshold"), threshold.getMessage());
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
                () -> ForegroundCrop.ofLabel().withPadValue(Double.POSITIVE_INFINITY));
        assertTrue(pad.getMessage().contains("padValue"), pad.getMessage());
        NullPointerException sample = assertThrows(NullPointerException.class,
                () -> ForegroundCrop.ofLabel().apply((Sample) null));
        assertEquals("sample", sample.getMessage());
    }
}
