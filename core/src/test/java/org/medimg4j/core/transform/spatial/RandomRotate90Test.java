package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;

class RandomRotate90Test {

    private static final Geometry GRID = SpatialTestData.oblique(5, 4, 3);

    private static Sample sample(long seed) {
        return Sample.of(SpatialTestData.image(GRID, 2), SpatialTestData.label(GRID)).withSeed(seed);
    }

    /** @return the quarter turns a random rotation drew, read from the recorded inverse */
    private static int drawnTurns(Sample out) {
        Rotate90 inverse = assertInstanceOf(Rotate90.class, out.history().get(0).inverse());
        return inverse.inverse().turns();
    }

    @Test
    void drawsEveryTurnCountUpToMaxTurnsOverManySampleSeeds() {
        RandomRotate90 always = RandomRotate90.of(21L, 1.0, 3);
        RandomRotate90 half = RandomRotate90.of(21L, 0.5, 2);
        int[] counts = new int[4];
        int unrotated = 0;
        int seeds = 300;
        Sample base = Sample.of(SpatialTestData.image(SpatialTestData.axisAligned(3, 2, 2), 1));
        for (int s = 0; s < seeds; s++) {
            counts[drawnTurns(always.apply(base.withSeed(s)))]++;
            int t = drawnTurns(half.apply(base.withSeed(s)));
            assertTrue(t <= 2, "maxTurns 2 drew " + t);
            unrotated += t == 0 ? 1 : 0;
        }
        assertEquals(0, counts[0], "probability 1 always rotates");
        for (int t = 1; t <= 3; t++) {
            assertTrue(counts[t] > seeds / 5, t + " turns drawn " + counts[t] + " times");
        }
        assertTrue(unrotated > 0.4 * seeds && unrotated < 0.6 * seeds, "unrotated " + unrotated + " times");
    }

    @Test
    void sameSeedsGiveIdenticalResultsFromSeveralThreads() throws Exception {
        RandomRotate90 t = RandomRotate90.of(99L, 0.75, 3);
        int seeds = 16;
        float[][] expected = new float[seeds][];
        for (int s = 0; s < seeds; s++) {
            expected[s] = t.apply(sample(s)).image().toFloatArray();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Sample>> futures = new ArrayList<>();
            for (int rep = 0; rep < 4; rep++) {
                for (int s = 0; s < seeds; s++) {
                    long seed = s;
                    futures.add(pool.submit(() -> t.apply(sample(seed))));
                }
            }
            for (Future<Sample> f : futures) {
                Sample out = f.get();
                assertArrayEquals(expected[(int) out.seed()], out.image().toFloatArray(), "seed " + out.seed());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void recordsTheDrawnRotationAndItsInverseRestoresTheSample() {
        RandomRotate90 t = RandomRotate90.of(4L, 1.0, 3).inPlane(0, 2);
        for (int s = 0; s < 12; s++) {
            Sample in = sample(s);
            Sample out = t.apply(in);
            AppliedTransform step = out.history().get(0);
            int turns = drawnTurns(out);

            assertEquals("RandomRotate90", step.name());
            assertTrue(step.parameters().startsWith("turns=" + turns + ", plane=i-k (drew u="), step.parameters());
            assertArrayEquals(Rotate90.of(turns, 0, 2).apply(in).image().toFloatArray(), out.image().toFloatArray());
            SpatialTestData.assertSameWorldValues(in.image(), out.image(), 0f);
            SpatialTestData.assertLabelFollowsImage(out.image(), out.label().orElseThrow(), Float.NaN);
            Sample back = out.spatialInverse().apply(out);
            assertArrayEquals(in.image().toFloatArray(), back.image().toFloatArray());
            assertArrayEquals(in.label().orElseThrow().toByteArray(), back.label().orElseThrow().toByteArray());
        }
    }

    @Test
    void rejectsBadParametersNamingThem() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> RandomRotate90.of(1L, -0.5, 1));
        assertTrue(p.getMessage().contains("probability"), p.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> RandomRotate90.of(1L, 0.5, 0));
        assertTrue(zero.getMessage().contains("maxTurns"), zero.getMessage());
        IllegalArgumentException four = assertThrows(IllegalArgumentException.class, () -> RandomRotate90.of(1L, 0.5, 4));
        assertTrue(four.getMessage().contains("maxTurns"), four.getMessage());
        IllegalArgumentException plane = assertThrows(IllegalArgumentException.class,
                () -> RandomRotate90.of(1L, 0.5, 1).inPlane(1, 1));
        assertTrue(plane.getMessage().contains("axisA and axisB"), plane.getMessage());
    }
}
