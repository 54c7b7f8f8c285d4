package org.medimg4j.core.transform.intensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.core.transform.intensity.IntensityFixtures.floats;
import static org.medimg4j.core.transform.intensity.IntensityFixtures.labels;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

class ZScoreNormalizeTest {

    /** z-scores of {1, 2, 3, 4}: mean 2.5, population variance 1.25. */
    private static final float[] Z_1234 = {
        (float) (-1.5 / Math.sqrt(1.25)), (float) (-0.5 / Math.sqrt(1.25)),
        (float) (0.5 / Math.sqrt(1.25)), (float) (1.5 / Math.sqrt(1.25))};

    @Test
    void subtractsMeanAndDividesByPopulationStd() {
        Volume out = ZScoreNormalize.create().apply(floats(IntensityUnit.ARBITRARY, 1, 2, 3, 4));
        assertArrayEquals(Z_1234, out.toFloatArray(), 1e-6f);
        assertEquals(IntensityUnit.NORMALIZED, out.unit());
    }

    @Test
    void int16InputWorksAndGivesFloat32() {
        Volume ct = IntensityFixtures.shortsHu((short) -1000, (short) 0, (short) 1000, (short) 2000);
        Volume out = ZScoreNormalize.create().apply(ct);
        assertEquals(VoxelType.FLOAT32, out.voxelType());
        assertArrayEquals(Z_1234, out.toFloatArray(), 1e-6f);
    }

    @Test
    void labelRegionTakesStatisticsInsideTheLabelOnlyAndAppliesEverywhere() {
        Volume img = floats(IntensityUnit.HU, 1, 2, 100, 3, 4, 200);
        LabelVolume label = labels(1, 1, 0, 2, 1, 0);
        Sample out = ZScoreNormalize.builder().statisticsInsideLabel().build().apply(Sample.of(img, label));
        double std = Math.sqrt(1.25);
        assertArrayEquals(new float[] {Z_1234[0], Z_1234[1], (float) (97.5 / std), Z_1234[2], Z_1234[3],
            (float) (197.5 / std)}, out.image().toFloatArray(), 1e-5f);
        assertSame(label, out.labelOrNull());
        AppliedTransform a = out.history().get(0);
        assertEquals("ZScoreNormalize", a.name());
        assertTrue(a.parameters().contains("mean=2.5"), a.parameters());
        assertTrue(a.parameters().contains("n=4"), a.parameters());
    }

    @Test
    void insideMaskOnlyKeepsVoxelsOutsideTheMask() {
        Volume img = floats(IntensityUnit.HU, 1, 2, 100, 3, 4, 200);
        LabelVolume mask = labels(1, 1, 0, 1, 1, 0);
        Volume out = ZScoreNormalize.builder().statisticsInside(mask).normalizeInsideMaskOnly(true).build().apply(img);
        assertArrayEquals(new float[] {Z_1234[0], Z_1234[1], 100, Z_1234[2], Z_1234[3], 200}, out.toFloatArray(),
                1e-6f);
    }

    @Test
    void nonzeroRegionIgnoresZerosForStatistics() {
        Volume mr = floats(IntensityUnit.ARBITRARY, 0, 2, 4, 0);
        Volume inside = ZScoreNormalize.builder().statisticsOverNonzero().normalizeInsideMaskOnly(true).build()
                .apply(mr);
        assertArrayEquals(new float[] {0, -1, 1, 0}, inside.toFloatArray(), 1e-6f);
        Volume everywhere = ZScoreNormalize.builder().statisticsOverNonzero().build().apply(mr);
        assertArrayEquals(new float[] {-3, -1, 1, -3}, everywhere.toFloatArray(), 1e-6f);
    }

    @Test
    void constantImageGivesZerosNotNan() {
        Volume out = ZScoreNormalize.create().apply(floats(IntensityUnit.HU, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f));
        assertArrayEquals(new float[5], out.toFloatArray());
    }

    @Test
    void constantLargeImageGivesZerosNotNan() {
        int n = 64 * 64 * 16;
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1234.567f);
        Volume out = ZScoreNormalize.create().apply(Volume.ofFloats(Geometry.of(64, 64, 16, 1, 1, 1), v));
        assertArrayEquals(new float[n], out.toFloatArray());
    }

    @Test
    void constantRegionIsOnlyMeanSubtracted() {
        Volume img = floats(IntensityUnit.HU, 7, 7, 10, 7);
        Volume out = ZScoreNormalize.builder().statisticsInside(labels(1, 1, 0, 1)).build().apply(img);
        assertArrayEquals(new float[] {0, 0, 3, 0}, out.toFloatArray());
    }

    @Test
    void channelWiseUsesEachChannelsOwnStatistics() {
        Volume two = Volume.builder(IntensityFixtures.row(4)).channels(2)
                .floats(new float[] {1, 2, 3, 4, 10, 20, 30, 40}).build();
        Volume out = ZScoreNormalize.builder().channelWise(true).build().apply(two);
        float[] expected = new float[8];
        System.arraycopy(Z_1234, 0, expected, 0, 4);
        System.arraycopy(Z_1234, 0, expected, 4, 4);
        assertArrayEquals(expected, out.toFloatArray(), 1e-6f);
    }

    @Test
    void globalStatisticsSpanAllChannels() {
        float[] v = {1, 2, 3, 4, 10, 20, 30, 40};
        Volume two = Volume.builder(IntensityFixtures.row(4)).channels(2).floats(v.clone()).build();
        float[] out = ZScoreNormalize.create().apply(two).toFloatArray();
        // mean 110/8 = 13.75; population variance = Σx²/8 − 13.75² = 3030/8 − 189.0625 = 189.6875
        double std = Math.sqrt(189.6875);
        for (int i = 0; i < v.length; i++) {
            assertEquals((v[i] - 13.75) / std, out[i], 1e-6, "voxel " + i);
        }
    }

    @Test
    void largeMaskedVolumeMatchesTwoPassReference() {
        Volume block = IntensityFixtures.randomBlock(64, 64, 16, 2, 3, 1000, 400);
        LabelVolume mask = IntensityFixtures.leftHalf(block);
        float[] in = block.toFloatArray();
        byte[] m = mask.toByteArray();
        int perChannel = block.voxelsPerChannel();
        float[] out = ZScoreNormalize.builder().statisticsInside(mask).channelWise(true).build().apply(block)
                .toFloatArray();
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            long n = 0;
            for (int i = 0; i < perChannel; i++) {
                if (m[i] != 0) {
                    sum += in[c * perChannel + i];
                    n++;
                }
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < perChannel; i++) {
                if (m[i] != 0) {
                    double d = in[c * perChannel + i] - mean;
                    ss += d * d;
                }
            }
            double std = Math.sqrt(ss / n);
            for (int i = 0; i < perChannel; i++) {
                int k = c * perChannel + i;
                assertEquals((in[k] - mean) / std, out[k], 2e-5, "voxel " + k);
            }
        }
    }

    @Test
    void emptyMaskIsATypedErrorNamingTheMask() {
        Volume img = floats(IntensityUnit.HU, 1, 2, 3);
        TransformException e = assertThrows(TransformException.class,
                () -> ZScoreNormalize.builder().statisticsInsideLabel().build()
                        .apply(Sample.of(img, labels(0, 0, 0))));
        assertTrue(e.getMessage().contains("mask"), e.getMessage());
    }

    @Test
    void allZeroChannelInNonzeroModeNamesMaskAndChannel() {
        Volume two = Volume.builder(IntensityFixtures.row(2)).channels(2).floats(new float[] {1, 3, 0, 0}).build();
        TransformException e = assertThrows(TransformException.class,
                () -> ZScoreNormalize.builder().statisticsOverNonzero().channelWise(true).build().apply(two));
        assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("channel 1"), e.getMessage());
    }

    @Test
    void labelRegionWithoutLabelNamesTheLabel() {
        TransformException e = assertThrows(TransformException.class,
                () -> ZScoreNormalize.builder().statisticsInsideLabel().build()
                        .apply(floats(IntensityUnit.HU, 1, 2)));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
    }

    @Test
    void maskOnAnotherGeometryIsAGeometryError() {
        LabelVolume mask = LabelVolume.of(Geometry.of(3, 1, 1, 2, 1, 1), new byte[] {1, 1, 1});
        assertThrows(GeometryException.class,
                () -> ZScoreNormalize.builder().statisticsInside(mask).build()
                        .apply(floats(IntensityUnit.HU, 1, 2, 3)));
    }

    @Test
    void nanVoxelIsRejectedNamingTheImage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZScoreNormalize.create().apply(floats(IntensityUnit.HU, 1, Float.NaN, 3)));
        assertTrue(e.getMessage().contains("image") && e.getMessage().contains("NaN")
                && e.getMessage().contains("x=1"), e.getMessage());
    }

    @Test
    void nanOutsideTheMaskIsRejectedToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZScoreNormalize.builder().statisticsInside(labels(1, 0, 1)).build()
                        .apply(floats(IntensityUnit.HU, 1, Float.NaN, 3)));
        assertTrue(e.getMessage().contains("image"), e.getMessage());
    }

    @Test
    void infiniteVoxelInLargeVolumeIsLocated() {
        float[] v = new float[64 * 64 * 16];
        v[(9 * 64 + 5) * 64 + 7] = Float.NEGATIVE_INFINITY;
        Volume img = Volume.ofFloats(Geometry.of(64, 64, 16, 1, 1, 1), v);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZScoreNormalize.create().apply(img));
        assertTrue(e.getMessage().contains("infinite") && e.getMessage().contains("z=9, y=5, x=7"), e.getMessage());
    }

    @Test
    void insideOnlyWithoutMaskIsRejectedAtBuildNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZScoreNormalize.builder().normalizeInsideMaskOnly(true).build());
        assertTrue(e.getMessage().contains("normalizeInsideMaskOnly"), e.getMessage());
    }

    @Test
    void nullMaskIsRejectedNamingTheMask() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZScoreNormalize.builder().statisticsInside(null));
        assertTrue(e.getMessage().contains("mask"), e.getMessage());
    }
}
