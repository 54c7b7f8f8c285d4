package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.Volume;

class RandomFlipTest {

    private static final Geometry GRID = SpatialTestData.oblique(5, 4, 3);

    private static Sample sample(long seed) {
        return Sample.of(SpatialTestData.image(GRID, 2), SpatialTestData.label(GRID)).withSeed(seed);
    }

    /** @return the axes a random flip drew for a sample, read from the recorded inverse (the same Flip) */
    private static List<Integer> drawnAxes(Sample out) {
        Flip f = assertInstanceOf(Flip.class, out.history().get(out.history().size() - 1).inverse());
        List<Integer> axes = new ArrayList<>();
        for (int a : f.axes()) {
            axes.add(a);
        }
        return axes;
    }

    @Test
    void sameTransformSeedAndSampleSeedGiveIdenticalResultsFromSeveralThreads() throws Exception {
        RandomFlip t = RandomFlip.of(42L, 0.5, 0, 1, 2);
        int seeds = 24;
        float[][] expected = new float[seeds][];
        String[] expectedHistory = new String[seeds];
        for (int s = 0; s < seeds; s++) {
            Sample out = t.apply(sample(s));
            expected[s] = out.image().toFloatArray();
            expectedHistory[s] = out.history().toString();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Sample>> futures = new ArrayList<>();
            for (int rep = 0; rep < 4; rep++) {
                for (int s = seeds - 1; s >= 0; s--) { // reverse order: no dependence on call order
                    long seed = s;
                    futures.add(pool.submit(() -> t.apply(sample(seed))));
                }
            }
            for (Future<Sample> f : futures) {
                Sample out = f.get();
                int s = (int) out.seed();
                assertArrayEquals(expected[s], out.image().toFloatArray(), "seed " + s);
                assertEquals(expectedHistory[s], out.history().toString());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void differentSampleSeedsDrawDifferentFlipsAtTheGivenRate() {
        RandomFlip t = RandomFlip.of(7L, 0.5, 0, 1, 2);
        int[] flips = new int[3];
        Set<List<Integer>> combinations = new HashSet<>();
        int seeds = 400;
        Sample base = Sample.of(SpatialTestData.image(SpatialTestData.axisAligned(2, 2, 2), 1));
        for (int s = 0; s < seeds; s++) {
            List<Integer> axes = drawnAxes(t.apply(base.withSeed(s)));
            combinations.add(axes);
            for (int a : axes) {
                flips[a]++;
            }
        }
        assertEquals(8, combinations.size(), "every subset of the three axes drawn: " + combinations);
        for (int a = 0; a < 3; a++) {
            assertTrue(flips[a] > 0.4 * seeds && flips[a] < 0.6 * seeds, "axis " + a + " flipped " + flips[a] + " times");
        }
    }

    @Test
    void differentTransformSeedsDrawDifferently() {
        Sample base = Sample.of(SpatialTestData.image(SpatialTestData.axisAligned(2, 2, 2), 1));
        List<List<Integer>> a = new ArrayList<>();
        List<List<Integer>> b = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            a.add(drawnAxes(RandomFlip.of(1L, 0.5, 0, 1, 2).apply(base.withSeed(s))));
            b.add(drawnAxes(RandomFlip.of(2L, 0.5, 0, 1, 2).apply(base.withSeed(s))));
        }
        assertNotEquals(a, b);
    }

    @Test
    void historyRecordsTheDrawAndTheDrawnFlipIsWhatWasApplied() {
        RandomFlip t = RandomFlip.perAxis(3L, 0.5, 0.5, 0.0);
        for (int s = 0; s < 20; s++) {
            Sample in = sample(s);
            Sample out = t.apply(in);
            AppliedTransform step = out.history().get(0);
            Flip drawn = assertInstanceOf(Flip.class, step.inverse());

            assertEquals("RandomFlip", step.name());
            assertTrue(step.parameters().startsWith(drawn.parameters() + " (drew u="), step.parameters());
            assertTrue(step.parameters().contains("sample seed=" + s), step.parameters());
            assertTrue(!drawn.flips(2), "k has probability 0");
            Sample direct = drawn.apply(in);
            assertArrayEquals(direct.image().toFloatArray(), out.image().toFloatArray());
            assertArrayEquals(direct.label().orElseThrow().toByteArray(), out.label().orElseThrow().toByteArray());
            Sample back = out.spatialInverse().apply(out);
            assertArrayEquals(in.image().toFloatArray(), back.image().toFloatArray());
        }
    }

    @Test
    void probabilityZeroNeverFlipsAndOneAlwaysFlipsEveryAxis() {
        for (int s = 0; s < 20; s++) {
            Sample in = sample(s);
            assertSame(in.image(), RandomFlip.of(9L, 0.0, 0, 1, 2).apply(in).image());
            assertEquals(List.of(0, 1, 2), drawnAxes(RandomFlip.of(9L, 1.0, 0, 1, 2).apply(in)));
            assertEquals(List.of(1), drawnAxes(RandomFlip.of(9L, 1.0, 1).apply(in)));
        }
    }

    @Test
    void flipsA2dXrayInItsPlane() {
        Geometry g = SpatialTestData.axisAligned(4, 3, 1);
        Transform t = RandomFlip.of(5L, 1.0, 0, 1);
        Volume out = t.apply(Sample.of(SpatialTestData.image(g, 1))).image();

        assertArrayEquals(new int[] {4, 3, 1}, out.geometry().size());
        assertEquals(12f, out.get(0, 0, 0));
        assertEquals(1f, out.get(0, 2, 3));
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOneAndBadAxesNamingThem() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> RandomFlip.of(1L, 1.5, 0));
        assertTrue(p.getMessage().contains("probability"), p.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> RandomFlip.of(1L, Double.NaN, 0));
        assertTrue(nan.getMessage().contains("probability"), nan.getMessage());
        IllegalArgumentException pj = assertThrows(IllegalArgumentException.class,
                () -> RandomFlip.perAxis(1L, 0.5, -0.1, 0.5));
        assertTrue(pj.getMessage().contains("pJ"), pj.getMessage());
        IllegalArgumentException axes = assertThrows(IllegalArgumentException.class, () -> RandomFlip.of(1L, 0.5, 4));
        assertTrue(axes.getMessage().contains("axes"), axes.getMessage());
        NullPointerException nullAxes = assertThrows(NullPointerException.class,
                () -> RandomFlip.of(1L, 0.5, (int[]) null));
        assertEquals("axes", nullAxes.getMessage());
    }
}
