package org.medimg4j.core.transform.intensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.core.transform.intensity.IntensityFixtures.floats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/** The deterministic steps behind the random augmentations: shift, scale, Gaussian noise. */
class IntensityStepsTest {

    @Test
    void shiftAddsOffsetKeepingUnit() {
        Volume out = IntensityShift.of(10).apply(floats(IntensityUnit.HU, 1, -2, 3.5f));
        assertArrayEquals(new float[] {11, 8, 13.5f}, out.toFloatArray());
        assertEquals(IntensityUnit.HU, out.unit());
    }

    @Test
    void shiftOfInt16GivesFloat32() {
        Volume out = IntensityShift.of(-0.5).apply(IntensityFixtures.shortsHu((short) -1000, (short) 7));
        assertEquals(VoxelType.FLOAT32, out.voxelType());
        assertArrayEquals(new float[] {-1000.5f, 6.5f}, out.toFloatArray());
    }

    @Test
    void scaleMultipliesByFactor() {
        Volume out = IntensityScale.of(2).apply(floats(IntensityUnit.ARBITRARY, 1, -2, 3.5f));
        assertArrayEquals(new float[] {2, -4, 7}, out.toFloatArray());
        assertEquals(IntensityUnit.ARBITRARY, out.unit());
    }

    @Test
    void stepsLeaveLabelUntouchedAndRecordParameters() {
        Volume img = floats(IntensityUnit.HU, 1, 2);
        LabelVolume label = IntensityFixtures.labels(1, 0);
        Sample out = IntensityScale.of(1.5).apply(IntensityShift.of(3).apply(Sample.of(img, label)));
        assertSame(label, out.labelOrNull());
        List<AppliedTransform> h = out.history();
        assertEquals("IntensityShift", h.get(0).name());
        assertEquals("offset=3.0 HU", h.get(0).parameters());
        assertEquals("IntensityScale", h.get(1).name());
        assertEquals("factor=1.5", h.get(1).parameters());
        assertArrayEquals(new float[] {6, 7.5f}, out.image().toFloatArray());
    }

    @Test
    void noiseOfSigmaZeroChangesNothing() {
        Volume img = floats(IntensityUnit.HU, 1, -2, 3.5f);
        assertArrayEquals(img.toFloatArray(), GaussianNoise.of(0, 5).apply(img).toFloatArray());
    }

    @Test
    void noiseHasRequestedMeanAndStd() {
        Volume zeros = Volume.ofFloats(Geometry.of(32, 32, 8, 1, 1, 1), new float[32 * 32 * 8]);
        float[] out = GaussianNoise.of(10, 77).apply(zeros).toFloatArray();
        double sum = 0;
        double ss = 0;
        for (float v : out) {
            sum += v;
            ss += (double) v * v;
        }
        double mean = sum / out.length;
        double std = Math.sqrt(ss / out.length - mean * mean);
        // standard error of the mean: 10 / sqrt(8192) ≈ 0.11; of the std: ≈ 10 / sqrt(2·8192) ≈ 0.08
        assertEquals(0, mean, 0.5);
        assertEquals(10, std, 0.4);
    }

    @Test
    void noiseIsDrawnPerSliceFromSeedAndSliceIndex() {
        Volume block = IntensityFixtures.randomBlock(64, 64, 16, 2, 1, -100, 200);
        float[] in = block.toFloatArray();
        float[] out = GaussianNoise.of(3, 1234).apply(block).toFloatArray();
        int plane = 64 * 64;
        for (int s = 0; s < 2 * 16; s++) {
            SplittableRandom r = new SplittableRandom(GaussianNoise.sliceSeed(1234, s));
            for (int i = s * plane; i < (s + 1) * plane; i++) {
                assertEquals((float) (in[i] + 3 * r.nextGaussian()), out[i], "voxel " + i);
            }
        }
    }

    @Test
    void noiseIsIdenticalAcrossThreadsAndRepeatedCalls() throws Exception {
        Volume block = IntensityFixtures.randomBlock(64, 64, 16, 1, 2, 0, 1);
        GaussianNoise noise = GaussianNoise.of(2.5, 99);
        float[] first = noise.apply(block).toFloatArray();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> runs = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                runs.add(pool.submit(() -> noise.apply(block).toFloatArray()));
            }
            for (Future<float[]> f : runs) {
                assertArrayEquals(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(first, noise.apply(block).toFloatArray());
    }

    @Test
    void differentNoiseSeedsGiveDifferentNoiseAndSlicesDiffer() {
        Volume zeros = Volume.ofFloats(Geometry.of(8, 8, 2, 1, 1, 1), new float[128]);
        float[] a = GaussianNoise.of(1, 1).apply(zeros).toFloatArray();
        float[] b = GaussianNoise.of(1, 2).apply(zeros).toFloatArray();
        assertFalse(Arrays.equals(a, b));
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 0, 64), Arrays.copyOfRange(a, 64, 128)));
    }

    @Test
    void noiseRecordsSigmaAndSeed() {
        Sample out = GaussianNoise.of(4.25, -17).apply(Sample.of(floats(IntensityUnit.HU, 0, 0)));
        assertEquals("sigma=4.25 HU, noiseSeed=-17", out.history().get(0).parameters());
    }

    @Test
    void badParametersNameTheParameter() {
        assertMessageNames("offset", () -> IntensityShift.of(Double.NaN));
        assertMessageNames("factor", () -> IntensityScale.of(Double.POSITIVE_INFINITY));
        assertMessageNames("sigma", () -> GaussianNoise.of(-1, 0));
        assertMessageNames("sigma", () -> GaussianNoise.of(Double.NaN, 0));
    }

    static void assertMessageNames(String parameter, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }
}
