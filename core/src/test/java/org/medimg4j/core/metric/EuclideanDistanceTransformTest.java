package org.medimg4j.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EuclideanDistanceTransformTest {

    /** All-pairs reference: min over feature voxels of the spacing-weighted squared distance. */
    private static double[] bruteForce(boolean[] f, int nx, int ny, int nz, double[] s) {
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
            for (int j = 0; j < f.length; j++) {
                if (f[j]) {
                    double dx = (x - j % nx) * s[0];
                    double dy = (y - (j / nx) % ny) * s[1];
                    double dz = (z - j / (nx * ny)) * s[2];
                    best = Math.min(best, dx * dx + dy * dy + dz * dz);
                }
            }
            out[i] = best;
        }
        return out;
    }

    private static void assertMatchesBruteForce(int nx, int ny, int nz, double[] spacing, double density, long seed) {
        Random rnd = new Random(seed);
        boolean[] f = new boolean[nx * ny * nz];
        for (int i = 0; i < f.length; i++) {
            f[i] = rnd.nextDouble() < density;
        }
        double[] expected = bruteForce(f, nx, ny, nz, spacing);
        double[] actual = EuclideanDistanceTransform.squaredMm(f, nx, ny, nz, spacing);
        for (int i = 0; i < f.length; i++) {
            assertEquals(expected[i], actual[i], 1e-9 * (1 + expected[i]), "voxel " + i + " seed " + seed);
        }
    }

    @Test
    void matchesAllPairsSearchWithAnisotropicSpacing() {
        for (long seed = 1; seed <= 20; seed++) {
            assertMatchesBruteForce(9, 7, 5, new double[] {0.7, 1.3, 3.0}, seed % 2 == 0 ? 0.03 : 0.15, seed);
        }
    }

    @Test
    void matchesAllPairsSearchOnSingleSliceAndSingleFeature() {
        assertMatchesBruteForce(13, 11, 1, new double[] {0.4, 2.5, 5.0}, 0.05, 3);
        boolean[] one = new boolean[6 * 5 * 4];
        one[(3 * 5 + 2) * 6 + 1] = true; // z=3, y=2, x=1
        double[] d = EuclideanDistanceTransform.squaredMm(one, 6, 5, 4, new double[] {1, 2, 3});
        // voxel (z=0, y=0, x=5): dx = 4·1, dy = 2·2, dz = 3·3 → 16 + 16 + 81
        assertEquals(113.0, d[5], 1e-12);
        assertEquals(0.0, d[(3 * 5 + 2) * 6 + 1]);
    }

    @Test
    void noFeatureGivesInfinityEverywhere() {
        double[] d = EuclideanDistanceTransform.squaredMm(new boolean[24], 4, 3, 2, new double[] {1, 1, 1});
        for (double v : d) {
            assertEquals(Double.POSITIVE_INFINITY, v);
        }
    }

    @Test
    void largeVolumeTakesParallelPathAndStaysExact() {
        int nx = 80, ny = 64, nz = 64; // above the parallel threshold
        boolean[] f = new boolean[nx * ny * nz];
        int[][] pts = {{3, 5, 7}, {70, 60, 2}, {40, 10, 50}};
        for (int[] p : pts) {
            f[(p[2] * ny + p[1]) * nx + p[0]] = true;
        }
        double[] s = {0.5, 0.9, 2.0};
        double[] d = EuclideanDistanceTransform.squaredMm(f, nx, ny, nz, s);
        Random rnd = new Random(11);
        for (int n = 0; n < 500; n++) {
            int x = rnd.nextInt(nx), y = rnd.nextInt(ny), z = rnd.nextInt(nz);
            double best = Double.POSITIVE_INFINITY;
            for (int[] p : pts) {
                double dx = (x - p[0]) * s[0], dy = (y - p[1]) * s[1], dz = (z - p[2]) * s[2];
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
            assertEquals(best, d[(z * ny + y) * nx + x], 1e-9 * (1 + best));
        }
    }

    @Test
    void inconsistentArgumentsAreRejectedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EuclideanDistanceTransform.squaredMm(new boolean[5], 2, 2, 1, new double[] {1, 1, 1}));
        assertTrue(e.getMessage().startsWith("features.length=5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EuclideanDistanceTransform.squaredMm(new boolean[4], 2, 2, 1, new double[] {1, 0, 1}));
        assertTrue(e.getMessage().startsWith("spacingMm[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EuclideanDistanceTransform.squaredMm(new boolean[4], 2, 2, 1, new double[] {1, 1}));
        assertTrue(e.getMessage().startsWith("spacingMm must hold 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EuclideanDistanceTransform.squaredMm(new boolean[0], 0, 2, 1, new double[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("nx=0"), e.getMessage());
    }
}
