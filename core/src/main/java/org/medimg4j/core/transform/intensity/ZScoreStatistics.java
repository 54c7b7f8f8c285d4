package org.medimg4j.core.transform.intensity;

import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * The statistics pass of {@link ZScoreNormalize}: count, mean and sum of squared deviations (M2) of the selected
 * voxels of every (channel, z) slice, in double, then merged in slice order.
 */
final class ZScoreStatistics {

    private ZScoreStatistics() {
    }

    /** Count, mean and M2 (sum of squared deviations from the mean) of a set of voxels. */
    record Moments(long count, double mean, double m2) {

        static final Moments EMPTY = new Moments(0, 0, 0);

        /** @return the moments of the union (Chan, Golub and LeVeque's pairwise update) */
        Moments merge(Moments o) {
            if (o.count == 0) {
                return this;
            }
            if (count == 0) {
                return o;
            }
            long n = count + o.count;
            double delta = o.mean - mean;
            double mergedMean = mean + delta * ((double) o.count / n);
            double mergedM2 = m2 + o.m2 + delta * delta * ((double) count * o.count / n);
            return new Moments(n, mergedMean, mergedM2);
        }

        /** @return the population standard deviation, sqrt(M2 / n); 0 for an empty set */
        double populationStd() {
            return count == 0 ? 0 : Math.sqrt(Math.max(0, m2) / count);
        }
    }

    /** Per-slice results of the pass, indexed by slice {@code c·nz + z}. */
    static final class PerSlice {
        private final Volume image;
        private final long[] count;
        private final double[] mean;
        private final double[] m2;
        private final boolean[] nonFinite;

        private PerSlice(Volume image, int slices) {
            this.image = image;
            this.count = new long[slices];
            this.mean = new double[slices];
            this.m2 = new double[slices];
            this.nonFinite = new boolean[slices];
        }

        /** @return the moments of slices {@code [from, to)}, merged in slice order (deterministic) */
        Moments merge(int from, int to) {
            Moments acc = Moments.EMPTY;
            for (int s = from; s < to; s++) {
                acc = acc.merge(new Moments(count[s], mean[s], m2[s]));
            }
            return acc;
        }

        /** @throws TransformException naming the image and the first NaN or infinite voxel, if any */
        void requireFinite() {
            for (int s = 0; s < nonFinite.length; s++) {
                if (nonFinite[s]) {
                    throw nonFiniteVoxel(image, s);
                }
            }
        }
    }

    /**
     * @param image   the image
     * @param mask    voxels where it is non-zero are selected; null selects all (or, with {@code nonzero}, those
     *                whose value is not 0)
     * @param nonzero select voxels whose value is not 0 (ignored when a mask is given)
     */
    static PerSlice accumulate(Volume image, LabelVolume mask, boolean nonzero) {
        PerSlice result = new PerSlice(image, SliceSweep.sliceCount(image));
        SliceSweep.forEachSlice(image, s -> {
            if (mask == null && !nonzero) {
                allVoxels(image, s, result);
            } else {
                selectedVoxels(image, mask, s, result);
            }
        });
        return result;
    }

    /** The hot case: every voxel of slice {@code s}. Four accumulator pairs to break the add latency chain. */
    private static void allVoxels(Volume image, int s, PerSlice out) {
        int plane = SliceSweep.plane(image);
        SliceSweep.VoxelReader reader = new SliceSweep.VoxelReader(image);
        float[] buf = new float[SliceSweep.CHUNK];
        double shift = 0;
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int end = (s + 1) * plane;
        for (int from = s * plane; from < end; from += SliceSweep.CHUNK) {
            int n = Math.min(SliceSweep.CHUNK, end - from);
            reader.read(from, buf, 0, n);
            if (from == s * plane) {
                // Shift by a value of the slice: sums of (x − shift) stay small, and a constant slice sums to 0.
                shift = buf[0];
            }
            int i = 0;
            for (; i + 3 < n; i += 4) {
                double d0 = buf[i] - shift;
                double d1 = buf[i + 1] - shift;
                double d2 = buf[i + 2] - shift;
                double d3 = buf[i + 3] - shift;
                a0 += d0;
                a1 += d1;
                a2 += d2;
                a3 += d3;
                q0 += d0 * d0;
                q1 += d1 * d1;
                q2 += d2 * d2;
                q3 += d3 * d3;
            }
            for (; i < n; i++) {
                double d = buf[i] - shift;
                a0 += d;
                q0 += d * d;
            }
        }
        // Any NaN or infinite voxel makes the sums non-finite; finite floats cannot overflow a double sum here.
        store(out, s, plane, shift, (a0 + a1) + (a2 + a3), (q0 + q1) + (q2 + q3), false);
    }

    /** Voxels of slice {@code s} selected by the mask or by being non-zero; every voxel is checked for NaN/∞. */
    private static void selectedVoxels(Volume image, LabelVolume mask, int s, PerSlice out) {
        int plane = SliceSweep.plane(image);
        SliceSweep.VoxelReader reader = new SliceSweep.VoxelReader(image);
        SliceSweep.MaskReader maskReader = mask == null ? null : new SliceSweep.MaskReader(mask);
        float[] buf = new float[SliceSweep.CHUNK];
        byte[] inside = new byte[SliceSweep.CHUNK];
        boolean haveShift = false;
        double shift = 0;
        double s1 = 0;
        double s2 = 0;
        long count = 0;
        // Sign bit set iff some voxel's exponent is all ones (NaN or infinity); an OR has no latency chain.
        int nonFiniteBits = 0;
        int end = (s + 1) * plane;
        for (int from = s * plane; from < end; from += SliceSweep.CHUNK) {
            int n = Math.min(SliceSweep.CHUNK, end - from);
            reader.read(from, buf, 0, n);
            if (maskReader != null) {
                maskReader.read(from, inside, n);
            } else {
                for (int i = 0; i < n; i++) {
                    inside[i] = buf[i] != 0f ? (byte) 1 : 0;
                }
            }
            if (!haveShift) {
                for (int i = 0; i < n; i++) {
                    if (inside[i] != 0) {
                        shift = buf[i];
                        haveShift = true;
                        break;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                float x = buf[i];
                nonFiniteBits |= (Float.floatToRawIntBits(x) & 0x7f800000) + 0x00800000;
                if (inside[i] != 0) {
                    double d = x - shift;
                    s1 += d;
                    s2 += d * d;
                    count++;
                }
            }
        }
        store(out, s, count, shift, s1, s2, nonFiniteBits < 0);
    }

    private static void store(PerSlice out, int s, long n, double shift, double s1, double s2, boolean nonFinite) {
        out.count[s] = n;
        if (n > 0) {
            out.mean[s] = shift + s1 / n;
            // M2 = Σ(x − shift)² − (Σ(x − shift))²/n; rounding can make it a hair negative.
            out.m2[s] = Math.max(0, s2 - s1 * (s1 / n));
        }
        out.nonFinite[s] = nonFinite || !Double.isFinite(s1) || !Double.isFinite(s2);
    }

    /** The rare path: find the first NaN/infinite voxel of slice {@code s} for the message. */
    private static TransformException nonFiniteVoxel(Volume image, int s) {
        int plane = SliceSweep.plane(image);
        int nx = image.geometry().nx();
        int nz = image.geometry().nz();
        float[] slice = new float[plane];
        image.readSlice(s / nz, s % nz, slice);
        for (int i = 0; i < plane; i++) {
            if (!Float.isFinite(slice[i])) {
                String kind = Float.isNaN(slice[i]) ? "NaN" : "infinite";
                return new TransformException("ZScoreNormalize: image has a " + kind + " voxel at (c=" + s / nz
                        + ", z=" + s % nz + ", y=" + i / nx + ", x=" + i % nx + "); mean and std need finite voxels");
            }
        }
        return new TransformException("ZScoreNormalize: image slice (c=" + s / nz + ", z=" + s % nz
                + ") overflows the statistics");
    }
}
