package org.medimg4j.core.transform.intensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.core.transform.intensity.IntensityFixtures.floats;
import static org.medimg4j.core.transform.intensity.IntensityStepsTest.assertMessageNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

class RandomIntensityTransformsTest {

    private static double parameter(AppliedTransform a, String name) {
        Matcher m = Pattern.compile(name + "=(-?[0-9.Ee-]+)").matcher(a.parameters());
        assertTrue(m.find(), a.parameters());
        return Double.parseDouble(m.group(1));
    }

    private static AppliedTransform last(Sample s) {
        return s.history().get(s.history().size() - 1);
    }

    @Test
    void sameSeedsReplayIdenticallyFromSeveralThreads() throws Exception {
        Volume block = IntensityFixtures.randomBlock(64, 64, 16, 1, 4, -500, 1000);
        Transform chain = RandomGaussianNoise.builder().sigma(1, 20).probability(1).seed(7).build()
                .then(RandomIntensityShift.builder().offset(-30, 30).seed(8).build())
                .then(RandomIntensityScale.builder().factor(0.8, 1.2).seed(9).build());
        Sample sample = Sample.of(block).withSeed(123);
        float[] first = chain.apply(sample).image().toFloatArray();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> runs = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                runs.add(pool.submit(() -> chain.apply(sample).image().toFloatArray()));
            }
            for (Future<float[]> f : runs) {
                assertArrayEquals(first, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(first, chain.apply(sample).image().toFloatArray());
    }

    @Test
    void differentSampleSeedsGiveDifferentDraws() {
        Volume img = floats(IntensityUnit.HU, 0, 10, 20);
        RandomGaussianNoise noise = RandomGaussianNoise.builder().sigma(5, 5).seed(1).build();
        assertFalse(Arrays.equals(noise.apply(Sample.of(img).withSeed(1)).image().toFloatArray(),
                noise.apply(Sample.of(img).withSeed(2)).image().toFloatArray()));
        RandomIntensityShift shift = RandomIntensityShift.builder().offset(-100, 100).seed(1).build();
        double a = parameter(last(shift.apply(Sample.of(img).withSeed(1))), "offset");
        double b = parameter(last(shift.apply(Sample.of(img).withSeed(2))), "offset");
        assertTrue(a != b, a + " vs " + b);
    }

    @Test
    void differentTransformSeedsGiveDifferentDraws() {
        Sample s = Sample.of(floats(IntensityUnit.HU, 1, 2)).withSeed(5);
        double a = parameter(last(RandomIntensityScale.builder().factor(0.5, 1.5).seed(1).build().apply(s)), "factor");
        double b = parameter(last(RandomIntensityScale.builder().factor(0.5, 1.5).seed(2).build().apply(s)), "factor");
        assertTrue(a != b, a + " vs " + b);
    }

    @Test
    void historyRecordsTheDrawnOffsetThatWasApplied() {
        Volume img = floats(IntensityUnit.HU, -1000, 0, 40);
        Sample out = RandomIntensityShift.builder().offset(-20, 20).seed(3).build().apply(Sample.of(img).withSeed(11));
        AppliedTransform a = last(out);
        assertEquals("IntensityShift", a.name());
        double offset = parameter(a, "offset");
        assertTrue(offset >= -20 && offset <= 20, a.parameters());
        assertArrayEquals(new float[] {(float) (-1000 + offset), (float) offset, (float) (40 + offset)},
                out.image().toFloatArray(), 1e-3f);
    }

    @Test
    void historyRecordsTheDrawnFactorThatWasApplied() {
        Volume img = floats(IntensityUnit.ARBITRARY, 2, -4, 10);
        Sample out = RandomIntensityScale.builder().factor(0.9, 1.1).seed(3).build().apply(Sample.of(img).withSeed(4));
        AppliedTransform a = last(out);
        assertEquals("IntensityScale", a.name());
        double f = parameter(a, "factor");
        assertTrue(f >= 0.9 && f <= 1.1, a.parameters());
        assertArrayEquals(new float[] {(float) (2 * f), (float) (-4 * f), (float) (10 * f)},
                out.image().toFloatArray(), 1e-5f);
    }

    @Test
    void historyRecordsSigmaAndNoiseSeedThatReplayTheNoise() {
        Volume img = IntensityFixtures.randomBlock(16, 16, 4, 1, 6, 0, 100);
        Sample out = RandomGaussianNoise.builder().sigma(2, 8).seed(21).build().apply(Sample.of(img).withSeed(3));
        AppliedTransform a = last(out);
        assertEquals("GaussianNoise", a.name());
        double sigma = parameter(a, "sigma");
        assertTrue(sigma >= 2 && sigma <= 8, a.parameters());
        Matcher m = Pattern.compile("noiseSeed=(-?[0-9]+)").matcher(a.parameters());
        assertTrue(m.find(), a.parameters());
        long noiseSeed = Long.parseLong(m.group(1));
        assertArrayEquals(GaussianNoise.of(sigma, noiseSeed).apply(img).toFloatArray(), out.image().toFloatArray());
    }

    @Test
    void probabilityZeroPassesImageAsFloat32AndRecordsTheSkip() {
        Volume ct = IntensityFixtures.shortsHu((short) -5, (short) 7);
        LabelVolume label = IntensityFixtures.labels(1, 0);
        Sample out = RandomIntensityShift.builder().offset(10, 20).probability(0).seed(1).build()
                .apply(Sample.of(ct, label).withSeed(8));
        assertEquals(VoxelType.FLOAT32, out.image().voxelType());
        assertArrayEquals(new float[] {-5, 7}, out.image().toFloatArray());
        assertSame(label, out.labelOrNull());
        assertEquals("RandomIntensityShift", last(out).name());
        assertTrue(last(out).parameters().startsWith("not applied"), last(out).parameters());
    }

    @Test
    void probabilityHalfAppliesToAboutHalfTheSamples() {
        RandomIntensityScale scale = RandomIntensityScale.builder().factor(2, 3).probability(0.5).seed(10).build();
        Volume img = floats(IntensityUnit.ARBITRARY, 1);
        int applied = 0;
        for (int s = 0; s < 200; s++) {
            Sample out = scale.apply(Sample.of(img).withSeed(s));
            if (last(out).name().equals("IntensityScale")) {
                applied++;
                assertTrue(out.image().get(0, 0, 0) >= 2);
            } else {
                assertEquals(1, out.image().get(0, 0, 0));
            }
        }
        assertTrue(applied > 70 && applied < 130, "applied " + applied + " of 200");
    }

    @Test
    void randomStepsLeaveLabelUntouched() {
        Volume img = floats(IntensityUnit.HU, 1, 2, 3);
        LabelVolume label = IntensityFixtures.labels(0, 2, 1);
        Sample out = RandomGaussianNoise.builder().sigma(1, 2).seed(5).build().apply(Sample.of(img, label));
        assertSame(label, out.labelOrNull());
        assertArrayEquals(new byte[] {0, 2, 1}, out.labelOrNull().toByteArray());
    }

    @Test
    void singleValueRangeDrawsThatValue() {
        Sample out = RandomIntensityShift.builder().offset(4, 4).seed(0).build()
                .apply(Sample.of(floats(IntensityUnit.HU, 1)));
        assertEquals(4.0, parameter(last(out), "offset"));
        assertEquals(5f, out.image().get(0, 0, 0));
    }

    @Test
    void badParametersNameTheParameter() {
        assertMessageNames("sigma", () -> RandomGaussianNoise.builder().sigma(5, 1).seed(0).build());
        assertMessageNames("sigma", () -> RandomGaussianNoise.builder().sigma(-1, 1).seed(0).build());
        assertMessageNames("sigma", () -> RandomGaussianNoise.builder().seed(0).build());
        assertMessageNames("offset", () -> RandomIntensityShift.builder().offset(Double.NaN, 1).seed(0).build());
        assertMessageNames("factor", () -> RandomIntensityScale.builder().factor(1, Double.POSITIVE_INFINITY)
                .seed(0).build());
        assertMessageNames("probability", () -> RandomIntensityScale.builder().factor(1, 2).probability(1.5).seed(0)
                .build());
        assertMessageNames("probability", () -> RandomIntensityShift.builder().offset(1, 2).probability(Double.NaN)
                .seed(0).build());
        assertMessageNames("seed", () -> RandomIntensityShift.builder().offset(1, 2).build());
    }

    @Test
    void accessorsReportConfiguration() {
        RandomGaussianNoise n = RandomGaussianNoise.builder().sigma(1, 3).probability(0.25).seed(42).build();
        assertEquals(1, n.sigmaMin());
        assertEquals(3, n.sigmaMax());
        assertEquals(0.25, n.probability());
        assertEquals(42, n.seed());
    }
}
