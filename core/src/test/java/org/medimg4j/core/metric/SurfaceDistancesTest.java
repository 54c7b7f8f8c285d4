package org.medimg4j.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.volume.LabelVolume;

class SurfaceDistancesTest {

    private static final double EPS = 1e-9;

    // ---- independent brute-force reference, on the whole grid ----

    /** Surface voxels as {x, y, z}: foreground with a background or out-of-grid 6-neighbour (size-1 axes skipped). */
    private static List<int[]> bruteSurface(byte[] m, int nx, int ny, int nz) {
        List<int[]> out = new ArrayList<>();
        int[][] steps = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        int[] n = {nx, ny, nz};
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if (m[(z * ny + y) * nx + x] == 0) {
                        continue;
                    }
                    boolean edge = false;
                    for (int[] s : steps) {
                        int axis = s[0] != 0 ? 0 : s[1] != 0 ? 1 : 2;
                        if (n[axis] == 1) {
                            continue;
                        }
                        int xx = x + s[0], yy = y + s[1], zz = z + s[2];
                        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz
                                || m[(zz * ny + yy) * nx + xx] == 0) {
                            edge = true;
                        }
                    }
                    if (edge) {
                        out.add(new int[] {x, y, z});
                    }
                }
            }
        }
        return out;
    }

    private static double[] bruteDirected(List<int[]> from, List<int[]> to, double[] s) {
        double[] d = new double[from.size()];
        for (int i = 0; i < d.length; i++) {
            int[] a = from.get(i);
            double best = Double.POSITIVE_INFINITY;
            for (int[] b : to) {
                double dx = (a[0] - b[0]) * s[0], dy = (a[1] - b[1]) * s[1], dz = (a[2] - b[2]) * s[2];
                best = Math.min(best, Math.sqrt(dx * dx + dy * dy + dz * dz));
            }
            d[i] = best;
        }
        Arrays.sort(d);
        return d;
    }

    private static double brutePercentile(double[] sorted, double p) {
        double rank = (sorted.length - 1) * p / 100;
        int lo = (int) rank;
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void assertMatchesBruteForce(byte[] pred, byte[] truth, Geometry g) {
        double[] s = g.spacing();
        List<int[]> ps = bruteSurface(pred, g.nx(), g.ny(), g.nz());
        List<int[]> ts = bruteSurface(truth, g.nx(), g.ny(), g.nz());
        double[] pt = bruteDirected(ps, ts, s);
        double[] tp = bruteDirected(ts, ps, s);
        SurfaceDistances d = SurfaceDistances.compute(LabelVolume.of(g, pred), LabelVolume.of(g, truth), 1);
        assertArrayEquals(pt, d.predictionToTruthMm(), EPS);
        assertArrayEquals(tp, d.truthToPredictionMm(), EPS);
        assertEquals(Math.max(brutePercentile(pt, 95), brutePercentile(tp, 95)), d.hd95Mm(), EPS);
        assertEquals(Math.max(pt[pt.length - 1], tp[tp.length - 1]), d.hausdorffMm(), EPS);
        double sum = Arrays.stream(pt).sum() + Arrays.stream(tp).sum();
        assertEquals(sum / (pt.length + tp.length), d.assdMm(), EPS);
    }

    // ---- phantoms ----

    private static byte[] sphere(Geometry g, double cx, double cy, double cz, double radiusMm) {
        double[] s = g.spacing();
        byte[] m = new byte[(int) g.voxelCount()];
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double dx = (x - cx) * s[0], dy = (y - cy) * s[1], dz = (z - cz) * s[2];
                    if (dx * dx + dy * dy + dz * dz <= radiusMm * radiusMm) {
                        m[(z * g.ny() + y) * g.nx() + x] = 1;
                    }
                }
            }
        }
        return m;
    }

    private static byte[] box(Geometry g, int x0, int x1, int y0, int y1, int z0, int z1) {
        byte[] m = new byte[(int) g.voxelCount()];
        for (int z = z0; z <= z1; z++) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    m[(z * g.ny() + y) * g.nx() + x] = 1;
                }
            }
        }
        return m;
    }

    // ---- tests ----

    @Test
    void columnOffsetByOneThickSliceMatchesHandComputation() {
        // 1×1×6 column, 3 mm slices: prediction z=1..2, truth z=2..3; surfaces are the end voxels.
        Geometry g = Geometry.of(1, 1, 6, 1, 1, 3);
        byte[] pred = {0, 1, 1, 0, 0, 0};
        byte[] truth = {0, 0, 1, 1, 0, 0};
        SurfaceDistances d = SurfaceDistances.compute(LabelVolume.of(g, pred), LabelVolume.of(g, truth), 1);
        assertArrayEquals(new double[] {0, 3}, d.predictionToTruthMm(), EPS);
        assertArrayEquals(new double[] {0, 3}, d.truthToPredictionMm(), EPS);
        assertEquals(2.85, d.hd95Mm(), EPS); // rank 0.95 between 0 and 3 mm
        assertEquals(3.0, d.hausdorffMm(), EPS);
        assertEquals(1.5, d.assdMm(), EPS);
    }

    @Test
    void cubesOffsetByOneSliceHonourSliceThickness() {
        Geometry g = Geometry.of(10, 10, 9, 1, 1, 3);
        byte[] pred = box(g, 3, 6, 3, 6, 2, 5);
        byte[] truth = box(g, 3, 6, 3, 6, 3, 6);
        SurfaceDistances d = SurfaceDistances.compute(LabelVolume.of(g, pred.clone()), LabelVolume.of(g, truth.clone()), 1);
        // the bottom face of the prediction is one 3 mm slice from the truth's nearest surface, nothing is further
        assertEquals(3.0, d.hausdorffMm(), EPS);
        assertEquals(3.0, d.hd95Mm(), EPS);
        assertMatchesBruteForce(pred, truth, g);
    }

    @Test
    void anisotropicSpheresMatchBruteForce() {
        Geometry g = Geometry.of(16, 14, 8, 0.9, 1.1, 3);
        byte[] truth = sphere(g, 7.5, 6.5, 3.5, 5.5);
        byte[] pred = sphere(g, 8.0, 6.5, 4.5, 5.0); // shifted 0.45 mm in x and one 3 mm slice in z, smaller
        assertMatchesBruteForce(pred, truth, g);
        SurfaceDistances d = SurfaceDistances.compute(LabelVolume.of(g, pred), LabelVolume.of(g, truth), 1);
        assertTrue(d.hd95Mm() > 0 && d.hd95Mm() <= d.hausdorffMm(), d.toString());
        assertTrue(d.assdMm() > 0 && d.assdMm() < d.hd95Mm(), d.toString());
    }

    @Test
    void irregularShapesTouchingGridBorderMatchBruteForce() {
        Geometry g = Geometry.of(7, 6, 5, 1.7, 0.6, 2.2);
        java.util.Random rnd = new java.util.Random(5);
        for (int trial = 0; trial < 10; trial++) {
            byte[] pred = new byte[210];
            byte[] truth = new byte[210];
            for (int i = 0; i < 210; i++) {
                pred[i] = (byte) (rnd.nextDouble() < 0.4 ? 1 : 0);
                truth[i] = (byte) (rnd.nextDouble() < 0.4 ? 1 : 0);
            }
            assertMatchesBruteForce(pred, truth, g);
        }
    }

    @Test
    void singleSliceImageUsesInPlaneContour() {
        // 3×3 squares one 0.5 mm pixel apart in x; 2-D contours are the 8 border pixels of each square
        Geometry g = Geometry.of(8, 7, 1, 0.5, 2.0, 1);
        byte[] pred = box(g, 2, 4, 2, 4, 0, 0);
        byte[] truth = box(g, 3, 5, 2, 4, 0, 0);
        SurfaceDistances d = SurfaceDistances.compute(LabelVolume.of(g, pred.clone()), LabelVolume.of(g, truth.clone()), 1);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5}, d.predictionToTruthMm(), EPS);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5}, d.truthToPredictionMm(), EPS);
        assertEquals(0.5, d.hd95Mm(), EPS);
        assertEquals(0.25, d.assdMm(), EPS);
        assertMatchesBruteForce(pred, truth, g);
    }

    @Test
    void identicalMasksAreZeroApart() {
        Geometry g = Geometry.of(12, 12, 6, 1, 1, 2.5);
        byte[] m = sphere(g, 6, 6, 3, 5);
        SurfaceDistances d = SurfaceDistances.compute(LabelVolume.of(g, m), LabelVolume.of(g, m.clone()), 1);
        assertEquals(0.0, d.hd95Mm());
        assertEquals(0.0, d.assdMm());
        assertEquals(0.0, d.hausdorffMm());
    }

    @Test
    void bothEmptyIsZeroAndOneEmptyIsInfinite() {
        Geometry g = Geometry.of(5, 5, 3, 1, 1, 3);
        byte[] some = box(g, 1, 2, 1, 2, 1, 1);
        LabelVolume empty = LabelVolume.empty(g);
        LabelVolume full = LabelVolume.of(g, some);

        SurfaceDistances none = SurfaceDistances.compute(empty, LabelVolume.empty(g), 1);
        assertTrue(none.predictionEmpty() && none.truthEmpty());
        assertEquals(0.0, none.hd95Mm());
        assertEquals(0.0, none.assdMm());
        assertEquals(0.0, none.hausdorffMm());

        for (SurfaceDistances d : List.of(SurfaceDistances.compute(empty, full, 1),
                SurfaceDistances.compute(full, empty, 1))) {
            assertEquals(Double.POSITIVE_INFINITY, d.hd95Mm());
            assertEquals(Double.POSITIVE_INFINITY, d.assdMm());
            assertEquals(Double.POSITIVE_INFINITY, d.hausdorffMm());
            assertEquals(Double.POSITIVE_INFINITY, d.meanPredictionToTruthMm());
            assertEquals(Double.POSITIVE_INFINITY, d.meanTruthToPredictionMm());
        }
        assertTrue(SurfaceDistances.compute(empty, full, 1).predictionEmpty());
        assertFalse(SurfaceDistances.compute(empty, full, 1).truthEmpty());
    }

    @Test
    void otherLabelsAreIgnored() {
        Geometry g = Geometry.of(1, 1, 6, 1, 1, 3);
        byte[] pred = {2, 1, 1, 0, 0, 2};
        byte[] truth = {0, 0, 1, 1, 2, 0};
        SurfaceDistances d = SurfaceDistances.compute(LabelVolume.of(g, pred), LabelVolume.of(g, truth), 1);
        assertEquals(3.0, d.hausdorffMm(), EPS);
        assertEquals(1.5, d.assdMm(), EPS);
    }

    @Test
    void singleVoxelGridIsItsOwnSurface() {
        Geometry g = Geometry.of(1, 1, 1, 1, 1, 1);
        LabelVolume one = LabelVolume.of(g, new byte[] {1});
        assertEquals(0.0, SurfaceDistances.compute(one, LabelVolume.of(g, new byte[] {1}), 1).hd95Mm());
        assertEquals(Double.POSITIVE_INFINITY, SurfaceDistances.compute(one, LabelVolume.empty(g), 1).hd95Mm());
    }

    @Test
    void percentileFollowsLinearInterpolationBetweenRanks() {
        double[] x = {1, 2, 4, 8};
        assertEquals(1.0, SurfaceDistances.percentile(x, 0), EPS);
        assertEquals(3.0, SurfaceDistances.percentile(x, 50), EPS);
        assertEquals(7.4, SurfaceDistances.percentile(x, 95), EPS); // rank 2.85
        assertEquals(8.0, SurfaceDistances.percentile(x, 100), EPS);
        assertEquals(5.0, SurfaceDistances.percentile(new double[] {5}, 95), EPS);
    }

    @Test
    void badInputsAreRejectedNamingTheParameter() {
        Geometry g = Geometry.of(4, 4, 2, 1, 1, 3);
        LabelVolume a = LabelVolume.of(g, box(g, 1, 2, 1, 2, 0, 1));
        GeometryException ge = assertThrows(GeometryException.class,
                () -> SurfaceDistances.compute(a, LabelVolume.empty(Geometry.of(4, 4, 2, 1, 1, 2)), 1));
        assertTrue(ge.getMessage().contains("prediction vs truth"), ge.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SurfaceDistances.compute(a, a, 300));
        assertTrue(e.getMessage().startsWith("label"), e.getMessage());
        SurfaceDistances d = SurfaceDistances.compute(a, a, 1);
        e = assertThrows(IllegalArgumentException.class, () -> d.percentileHausdorffMm(101));
        assertTrue(e.getMessage().startsWith("percentile"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.percentileHausdorffMm(Double.NaN));
        assertTrue(e.getMessage().startsWith("percentile"), e.getMessage());
    }
}
