package org.medimg4j.core.transform.spatial;

import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/** Small synthetic images for the resampling tests, and the measurements the tests make on them. */
final class ResampleFixtures {

    private ResampleFixtures() {
    }

    /** An oblique geometry: axes rotated 20° about z then 10° about x, non-zero origin, anisotropic spacing. */
    static Geometry oblique(int nx, int ny, int nz, double sx, double sy, double sz) {
        double[] r = WorldAffine.rotationMatrix(10, 0, 20);
        return Geometry.builder().size(nx, ny, nz).spacing(sx, sy, sz).origin(-12.5, 7.25, 30).direction(r).build();
    }

    /** A Gaussian blob of peak 1000 and width {@code sigmaMm} centred at {@code centre}, on a background of 0. */
    static Volume blob(Geometry g, Point3 centre, double sigmaMm) {
        float[] v = new float[(int) g.voxelCount()];
        int p = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double d = g.indexToWorld(i, j, k).distanceTo(centre);
                    v[p++] = (float) (1000 * Math.exp(-d * d / (2 * sigmaMm * sigmaMm)));
                }
            }
        }
        return Volume.ofFloats(g, v);
    }

    /** A label sphere: 1 within {@code radiusMm} of {@code centre}, 2 in a shell beyond it to 1.5 × radius. */
    static LabelVolume sphere(Geometry g, Point3 centre, double radiusMm) {
        byte[] v = new byte[(int) g.voxelCount()];
        int p = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double d = g.indexToWorld(i, j, k).distanceTo(centre);
                    v[p++] = d <= radiusMm ? (byte) 1 : d <= 1.5 * radiusMm ? (byte) 2 : 0;
                }
            }
        }
        return LabelVolume.of(g, v);
    }

    /** Values a + b·x + c·y + d·z of the voxel centre's LPS coordinates (mm), channel 0. */
    static Volume ramp(Geometry g, double a, double b, double c, double d) {
        float[] v = new float[(int) g.voxelCount()];
        int p = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    Point3 q = g.indexToWorld(i, j, k);
                    v[p++] = (float) (a + b * q.x() + c * q.y() + d * q.z());
                }
            }
        }
        return Volume.ofFloats(g, v);
    }

    /** Deterministic pseudo-random values in [0, 1000), {@code channels} channels. */
    static Volume noise(Geometry g, int channels, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] v = new float[channels * (int) g.voxelCount()];
        for (int p = 0; p < v.length; p++) {
            v[p] = (float) (1000 * r.nextDouble());
        }
        return Volume.builder(g).channels(channels).floats(v).build();
    }

    /** The intensity-weighted centroid of channel 0, LPS mm. */
    static Point3 centroid(Volume v) {
        Geometry g = v.geometry();
        double sw = 0;
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double w = v.get(k, j, i);
                    Point3 q = g.indexToWorld(i, j, k);
                    sw += w;
                    sx += w * q.x();
                    sy += w * q.y();
                    sz += w * q.z();
                }
            }
        }
        return new Point3(sx / sw, sy / sw, sz / sw);
    }

    /** The centroid of the voxels holding {@code label}, LPS mm. */
    static Point3 centroid(LabelVolume v, int label) {
        Geometry g = v.geometry();
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (v.get(k, j, i) == label) {
                        Point3 q = g.indexToWorld(i, j, k);
                        n++;
                        sx += q.x();
                        sy += q.y();
                        sz += q.z();
                    }
                }
            }
        }
        return new Point3(sx / n, sy / n, sz / n);
    }

    /** Runs {@code task} on {@code threads} threads released together, and returns each result. */
    static <T> java.util.List<T> concurrently(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            java.util.List<T> results = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<T> f : futures) {
                results.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The largest voxel spacing of {@code g}, mm: "half a voxel" in tolerances is half of this. */
    static double maxSpacing(Geometry g) {
        return Math.max(g.spacing(0), Math.max(g.spacing(1), g.spacing(2)));
    }

    /**
     * The specification of linear resampling, voxel by voxel and slowly: world point of each output voxel, input
     * continuous index, clamp within the voxel boxes, trilinear; outside → {@code pad}. The engine must agree.
     */
    static float[] referenceLinear(Volume in, Geometry target, WorldAffine outputToInput, float pad) {
        Geometry s = in.geometry();
        int n = s.nx() * s.ny() * s.nz();
        float[] out = new float[in.channels() * (int) target.voxelCount()];
        int[] size = s.size();
        int p = 0;
        for (int c = 0; c < in.channels(); c++) {
            for (int k = 0; k < target.nz(); k++) {
                for (int j = 0; j < target.ny(); j++) {
                    for (int i = 0; i < target.nx(); i++) {
                        double[] idx = s.worldToIndex(outputToInput.apply(target.indexToWorld(i, j, k)));
                        boolean inside = true;
                        int[] lo = new int[3];
                        double[] f = new double[3];
                        for (int a = 0; a < 3; a++) {
                            if (size[a] > 1 && (idx[a] < -0.5 - 1e-9 || idx[a] > size[a] - 0.5 + 1e-9)) {
                                inside = false;
                            }
                            double cl = Math.max(0, Math.min(size[a] - 1, idx[a]));
                            lo[a] = (int) Math.floor(cl);
                            f[a] = cl - lo[a];
                        }
                        if (!inside) {
                            out[p++] = pad;
                            continue;
                        }
                        double acc = 0;
                        for (int corner = 0; corner < 8; corner++) {
                            int[] q = new int[3];
                            double w = 1;
                            for (int a = 0; a < 3; a++) {
                                int up = (corner >> a) & 1;
                                q[a] = Math.min(lo[a] + up, size[a] - 1);
                                w *= up == 1 ? f[a] : 1 - f[a];
                            }
                            acc += w * in.get(c, q[2], q[1], q[0]);
                        }
                        out[p++] = (float) acc;
                    }
                }
            }
        }
        assert n > 0;
        return out;
    }
}
