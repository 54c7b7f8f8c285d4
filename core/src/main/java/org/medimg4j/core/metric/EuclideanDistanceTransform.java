package org.medimg4j.core.metric;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The exact Euclidean distance transform of a 3-D voxel mask with anisotropic spacing: for every voxel, the
 * squared distance in mm² from its centre to the centre of the nearest feature voxel.
 *
 * <p>Separable algorithm of Felzenszwalb &amp; Huttenlocher ("Distance Transforms of Sampled Functions", Theory
 * of Computing 8, 2012): the squared Euclidean distance is a sum of per-axis squares, so the 3-D transform is
 * three passes of the 1-D lower envelope of parabolas, along x, then y, then z. Each pass places the samples of a
 * line at their physical positions (index · spacing), which is what makes the result exact for anisotropic
 * spacing rather than a scaled isotropic approximation. Time is O(voxels), not O(voxels × features).
 *
 * <p>Distances are measured in the grid's own axes scaled by spacing, which equals the patient-space (LPS)
 * distance because direction cosines are orthonormal.
 */
public final class EuclideanDistanceTransform {

    /** Below this many voxels the passes run on the calling thread: fork/join overhead would dominate. */
    private static final int PARALLEL_THRESHOLD = 1 << 18;

    private EuclideanDistanceTransform() {
    }

    /**
     * @param features  the feature voxels (distance 0), C order (z, y, x), length nx·ny·nz
     * @param nx        voxels along x (i)
     * @param ny        voxels along y (j)
     * @param nz        voxels along z (k)
     * @param spacingMm {sx, sy, sz}, mm, each positive and finite
     * @return per voxel, the squared distance in mm² to the nearest feature voxel centre;
     *         {@link Double#POSITIVE_INFINITY} everywhere when there is no feature voxel
     * @throws IllegalArgumentException naming {@code features}, a size or {@code spacingMm} if inconsistent
     */
    public static double[] squaredMm(boolean[] features, int nx, int ny, int nz, double[] spacingMm) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(spacingMm, "spacingMm");
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("sizes must be >= 1, got nx=" + nx + ", ny=" + ny + ", nz=" + nz);
        }
        if ((long) nx * ny * nz != features.length) {
            throw new IllegalArgumentException("features.length=" + features.length + " but nx·ny·nz = "
                    + nx + "·" + ny + "·" + nz + " = " + (long) nx * ny * nz);
        }
        if (spacingMm.length != 3) {
            throw new IllegalArgumentException("spacingMm must hold 3 values (x, y, z), got " + spacingMm.length);
        }
        for (int a = 0; a < 3; a++) {
            if (!(spacingMm[a] > 0) || Double.isInfinite(spacingMm[a])) {
                throw new IllegalArgumentException("spacingMm[" + a + "] must be a positive finite number of mm, got "
                        + spacingMm[a]);
            }
        }
        double[] d = new double[features.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = features[i] ? 0.0 : Double.POSITIVE_INFINITY;
        }
        double sx = spacingMm[0];
        double sy = spacingMm[1];
        double sz = spacingMm[2];
        int plane = nx * ny;
        boolean parallel = features.length >= PARALLEL_THRESHOLD;
        // x and y passes stay inside one z slice; the z pass inside one y row: independent work units
        slices(nz, parallel, z -> {
            Line line = new Line(Math.max(nx, ny));
            int base = z * plane;
            for (int y = 0; y < ny; y++) {
                line.transform(d, base + y * nx, 1, nx, sx);
            }
            for (int x = 0; x < nx; x++) {
                line.transform(d, base + x, nx, ny, sy);
            }
        });
        if (nz > 1) {
            slices(ny, parallel, y -> {
                Line line = new Line(nz);
                for (int x = 0; x < nx; x++) {
                    line.transform(d, y * nx + x, plane, nz, sz);
                }
            });
        }
        return d;
    }

    private static void slices(int count, boolean parallel, java.util.function.IntConsumer work) {
        if (parallel) {
            IntStream.range(0, count).parallel().forEach(work);
        } else {
            for (int i = 0; i < count; i++) {
                work.accept(i);
            }
        }
    }

    /** Scratch space for the 1-D transform of one line; one per work unit, so no sharing between threads. */
    private static final class Line {
        private final double[] f;
        /** Sample indices of the parabolas in the lower envelope. */
        private final int[] v;
        /** z[k]..z[k+1] is where parabola k is lowest, in mm along the line. */
        private final double[] z;

        Line(int n) {
            f = new double[n];
            v = new int[n];
            z = new double[n + 1];
        }

        /**
         * Replaces the n samples at {@code d[start + q·stride]} by min over r of (f(r) + ((q − r)·s)²).
         * Samples at +∞ are not features of this line and are left out of the envelope, which keeps the
         * parabola intersections free of ∞ − ∞.
         */
        void transform(double[] d, int start, int stride, int n, double s) {
            int k = -1;
            for (int q = 0; q < n; q++) {
                double fq = d[start + q * stride];
                f[q] = fq;
                if (fq == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double pq = q * s;
                if (k < 0) {
                    k = 0;
                    v[0] = q;
                    z[0] = Double.NEGATIVE_INFINITY;
                    z[1] = Double.POSITIVE_INFINITY;
                    continue;
                }
                double boundary;
                while (true) {
                    int r = v[k];
                    double pr = r * s;
                    // where the parabola rooted at q overtakes the one rooted at r (positions in mm)
                    boundary = ((fq + pq * pq) - (f[r] + pr * pr)) / (2 * (pq - pr));
                    if (boundary <= z[k]) {
                        k--; // z[0] is −∞, so k never drops below 0 here
                    } else {
                        break;
                    }
                }
                k++;
                v[k] = q;
                z[k] = boundary;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            if (k < 0) {
                return; // no finite sample: the line stays at +∞
            }
            int j = 0;
            for (int q = 0; q < n; q++) {
                double pq = q * s;
                while (z[j + 1] < pq) {
                    j++;
                }
                double dp = pq - v[j] * s;
                d[start + q * stride] = dp * dp + f[v[j]];
            }
        }
    }
}
