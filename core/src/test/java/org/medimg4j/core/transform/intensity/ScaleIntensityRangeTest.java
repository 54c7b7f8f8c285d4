package org.medimg4j.core.transform.intensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.core.transform.intensity.IntensityFixtures.floats;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

class ScaleIntensityRangeTest {

    private static final Volume CT = floats(IntensityUnit.HU, -2000, -1000, 0, 500, 1000, 2000);

    @Test
    void mapsInputRangeLinearlyAndExtrapolatesWithoutClip() {
        Volume out = ScaleIntensityRange.of(-1000, 1000, 0, 1, false).apply(CT);
        assertArrayEquals(new float[] {-0.5f, 0, 0.5f, 0.75f, 1, 1.5f}, out.toFloatArray(), 1e-6f);
        assertEquals(IntensityUnit.NORMALIZED, out.unit());
    }

    @Test
    void clipsToOutputRange() {
        Volume out = ScaleIntensityRange.of(-1000, 1000, 0, 1, true).apply(CT);
        assertArrayEquals(new float[] {0, 0, 0.5f, 0.75f, 1, 1}, out.toFloatArray(), 1e-6f);
    }

    @Test
    void mapsOntoArbitraryOutputRange() {
        // [-175, 250] HU onto [-1, 1]: x ↦ (x + 175) / 425 · 2 − 1
        Volume out = ScaleIntensityRange.builder().inputRange(-175, 250).outputRange(-1, 1).build()
                .apply(floats(IntensityUnit.HU, -175, 37.5f, 250, 675));
        assertArrayEquals(new float[] {-1, 0, 1, 3}, out.toFloatArray(), 1e-6f);
    }

    @Test
    void reversedOutputRangeInvertsAndClipsToItsBounds() {
        Volume out = ScaleIntensityRange.of(0, 10, 1, 0, true).apply(floats(IntensityUnit.ARBITRARY, 5, 20, -10, 2));
        assertArrayEquals(new float[] {0.5f, 0, 1, 0.8f}, out.toFloatArray(), 1e-6f);
    }

    @Test
    void int16InputGivesFloat32Output() {
        Volume ct = IntensityFixtures.shortsHu((short) -1000, (short) 0, (short) 1000);
        Volume out = ScaleIntensityRange.of(-1000, 1000, 0, 1, false).apply(ct);
        assertEquals(VoxelType.FLOAT32, out.voxelType());
        assertArrayEquals(new float[] {0, 0.5f, 1}, out.toFloatArray(), 1e-6f);
    }

    @Test
    void leavesLabelUntouchedAndRecordsRanges() {
        LabelVolume label = IntensityFixtures.labels(1, 0, 2, 0, 1, 1);
        Sample out = ScaleIntensityRange.of(-1000, 1000, 0, 1, true).apply(Sample.of(CT, label));
        assertSame(label, out.labelOrNull());
        AppliedTransform a = out.history().get(0);
        assertEquals("ScaleIntensityRange", a.name());
        assertTrue(a.parameters().contains("[-1000.0, 1000.0] HU -> [0.0, 1.0]"), a.parameters());
    }

    @Test
    void largeMultiChannelVolumeMatchesFormula() {
        Volume block = IntensityFixtures.randomBlock(64, 64, 16, 2, 11, -1200, 2400);
        float[] in = block.toFloatArray();
        float[] out = ScaleIntensityRange.of(-175, 250, 0, 1, true).apply(block).toFloatArray();
        for (int i = 0; i < in.length; i++) {
            double expected = Math.min(1, Math.max(0, (in[i] + 175.0) / 425.0));
            assertEquals(expected, out[i], 1e-6, "voxel " + i);
        }
    }

    @Test
    void rejectsEqualInputBoundsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaleIntensityRange.of(100, 100, 0, 1, false));
        assertTrue(e.getMessage().contains("aMin") && e.getMessage().contains("aMax"), e.getMessage());
    }

    @Test
    void rejectsNonFiniteBoundNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaleIntensityRange.of(0, 1, Double.NaN, 1, false));
        assertTrue(e.getMessage().contains("bMin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScaleIntensityRange.of(0, Double.POSITIVE_INFINITY, 0, 1, false));
        assertTrue(e.getMessage().contains("aMax"), e.getMessage());
    }

    @Test
    void rejectsMissingInputRangeNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaleIntensityRange.builder().outputRange(0, 1).build());
        assertTrue(e.getMessage().contains("inputRange"), e.getMessage());
    }

    @Test
    void rejectsSlopeThatOverflowsFloat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaleIntensityRange.of(0, 1e-300, 0, 1, false));
        assertTrue(e.getMessage().contains("aMin"), e.getMessage());
    }
}
