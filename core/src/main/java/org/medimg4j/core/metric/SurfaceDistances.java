package org.medimg4j.core.metric;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.LabelVolume;

/**
 * Distances in mm between the surfaces of one label in a prediction and in its ground truth: the Hausdorff
 * distance, its 95th-percentile form (HD95) and the average symmetric surface distance (ASSD). Anisotropic
 * spacing is honoured exactly. Immutable; holds both sets of directed distances, sorted.
 *
 * <h2>Definitions</h2>
 * <ul>
 *   <li><b>Surface</b>: the foreground voxels (== label) with at least one 6-connected neighbour that is
 *       background or outside the grid. An axis of size 1 has no neighbours (a single slice is an image, not a
 *       1-voxel-thick slab, so nz = 1 gives the 2-D, 4-connected contour); a grid of a single voxel is its own
 *       surface.</li>
 *   <li><b>Directed distances</b> A→B: for each surface voxel of A, the distance in mm from its centre to the
 *       nearest surface voxel centre of B, from an exact Euclidean distance transform of B's surface
 *       ({@link EuclideanDistanceTransform}).</li>
 *   <li><b>Percentile</b> p of n sorted distances x₀ ≤ … ≤ xₙ₋₁: linear interpolation between closest ranks at
 *       rank h = (n − 1)·p/100, i.e. x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋), numpy's default {@code percentile}.</li>
 *   <li><b>HD<i>p</i></b> = max(percentile<sub>p</sub>(A→B), percentile<sub>p</sub>(B→A)), as MONAI's
 *       {@code compute_hausdorff_distance(percentile=95)} computes it (medpy's {@code hd95} instead pools both
 *       directions before taking the percentile, which can give a different value).</li>
 *   <li><b>ASSD</b> = (Σ A→B + Σ B→A) / (|∂A| + |∂B|), the mean over both surfaces pooled (Heimann et al.
 *       2009; MONAI's symmetric average surface distance). medpy's {@code assd} averages the two directed
 *       means instead, which differs when the surfaces have different voxel counts.</li>
 *   <li><b>Empty masks</b>: when neither prediction nor truth holds the label every distance is 0.0; when
 *       exactly one does, every distance is {@link Double#POSITIVE_INFINITY} (there is no surface to measure
 *       to). Never NaN.</li>
 * </ul>
 */
public final class SurfaceDistances {

    private final double[] predictionToTruthMm;
    private final double[] truthToPredictionMm;
    private final boolean predictionEmpty;
    private final boolean truthEmpty;

    private SurfaceDistances(double[] predictionToTruthMm, double[] truthToPredictionMm, boolean predictionEmpty,
                             boolean truthEmpty) {
        this.predictionToTruthMm = predictionToTruthMm;
        this.truthToPredictionMm = truthToPredictionMm;
        this.predictionEmpty = predictionEmpty;
        this.truthEmpty = truthEmpty;
    }

    /**
     * @param prediction the predicted labels
     * @param truth      the reference labels, on the same grid
     * @param label      the label whose surfaces are compared, 0..255
     * @return both directed distance sets and the metrics derived from them
     * @throws org.medimg4j.core.geometry.GeometryException if the geometries differ (the message names both)
     * @throws IllegalArgumentException                     naming {@code label} if it is outside 0..255
     */
    public static SurfaceDistances compute(LabelVolume prediction, LabelVolume truth, int label) {
        LabelPair pair = LabelPair.of(prediction, truth);
        LabelPair.requireLabel(label);
        Geometry g = pair.geometry();
        int[] box = unionBox(pair, (byte) label, g);
        if (box == null) {
            return new SurfaceDistances(new double[0], new double[0], true, true);
        }
        // Work inside the box holding both foregrounds: every surface voxel and every query point lies in it,
        // so the transform restricted to it is still exact, and memory scales with the structure, not the scan.
        int bx = box[3] - box[0] + 1;
        int by = box[4] - box[1] + 1;
        int bz = box[5] - box[2] + 1;
        boolean[] predMask = crop(pair.prediction(), (byte) label, g, box);
        boolean[] truthMask = crop(pair.truth(), (byte) label, g, box);
        boolean[] ignoreAxis = {g.nx() == 1, g.ny() == 1, g.nz() == 1};
        boolean[] predSurface = surface(predMask, bx, by, bz, ignoreAxis);
        boolean[] truthSurface = surface(truthMask, bx, by, bz, ignoreAxis);
        boolean predEmpty = !any(predSurface);
        boolean truthEmpty = !any(truthSurface);
        if (predEmpty || truthEmpty) {
            return new SurfaceDistances(new double[0], new double[0], predEmpty, truthEmpty);
        }
        double[] spacing = g.spacing();
        double[] toTruth = EuclideanDistanceTransform.squaredMm(truthSurface, bx, by, bz, spacing);
        double[] predToTruth = sampleSorted(toTruth, predSurface);
        double[] toPred = EuclideanDistanceTransform.squaredMm(predSurface, bx, by, bz, spacing);
        double[] truthToPred = sampleSorted(toPred, truthSurface);
        return new SurfaceDistances(predToTruth, truthToPred, false, false);
    }

    /** @return HD95 in mm: the larger of the two directed 95th percentiles (see the class definitions) */
    public double hd95Mm() {
        return percentileHausdorffMm(95);
    }

    /** @return the Hausdorff distance in mm: the largest surface-to-nearest-surface distance either way */
    public double hausdorffMm() {
        return percentileHausdorffMm(100);
    }

    /**
     * @param percentile p, 0..100
     * @return max of the two directed p-th percentiles, mm; 0.0 if both masks are empty, +∞ if exactly one is
     * @throws IllegalArgumentException naming {@code percentile} if outside 0..100
     */
    public double percentileHausdorffMm(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in 0..100, got " + percentile);
        }
        if (anyEmpty()) {
            return emptyValue();
        }
        return Math.max(percentile(predictionToTruthMm, percentile), percentile(truthToPredictionMm, percentile));
    }

    /** @return ASSD in mm, the mean over both surfaces of the distance to the other surface */
    public double assdMm() {
        if (anyEmpty()) {
            return emptyValue();
        }
        return (sum(predictionToTruthMm) + sum(truthToPredictionMm))
                / (predictionToTruthMm.length + truthToPredictionMm.length);
    }

    /** @return the mean distance from the prediction's surface to the truth's, mm (same empty rules) */
    public double meanPredictionToTruthMm() {
        return anyEmpty() ? emptyValue() : sum(predictionToTruthMm) / predictionToTruthMm.length;
    }

    /** @return the mean distance from the truth's surface to the prediction's, mm (same empty rules) */
    public double meanTruthToPredictionMm() {
        return anyEmpty() ? emptyValue() : sum(truthToPredictionMm) / truthToPredictionMm.length;
    }

    /** @return the directed distances prediction surface → truth surface, mm, ascending (a new array; empty if either mask is) */
    public double[] predictionToTruthMm() {
        return predictionToTruthMm.clone();
    }

    /** @return the directed distances truth surface → prediction surface, mm, ascending (a new array; empty if either mask is) */
    public double[] truthToPredictionMm() {
        return truthToPredictionMm.clone();
    }

    /** @return whether the prediction holds no voxel of the label */
    public boolean predictionEmpty() {
        return predictionEmpty;
    }

    /** @return whether the truth holds no voxel of the label */
    public boolean truthEmpty() {
        return truthEmpty;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "SurfaceDistances[hd95=%.4f mm, hausdorff=%.4f mm, assd=%.4f mm, "
                + "surface voxels: prediction=%d, truth=%d]", hd95Mm(), hausdorffMm(), assdMm(),
                predictionToTruthMm.length, truthToPredictionMm.length);
    }

    private boolean anyEmpty() {
        return predictionEmpty || truthEmpty;
    }

    /** @return the value every distance takes when a mask is empty: 0 if both are, +∞ if one is */
    private double emptyValue() {
        return predictionEmpty && truthEmpty ? 0.0 : Double.POSITIVE_INFINITY;
    }

    /** numpy's default ("linear") percentile of an ascending, non-empty array. */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static boolean any(boolean[] mask) {
        for (boolean b : mask) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** @return {x0, y0, z0, x1, y1, z1} (inclusive) around every voxel holding the label in either, or null */
    private static int[] unionBox(LabelPair pair, byte label, Geometry g) {
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        byte[] pr = new byte[nx];
        byte[] tr = new byte[nx];
        ByteBuffer p = pair.prediction();
        ByteBuffer t = pair.truth();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int off = (z * ny + y) * nx;
                p.get(off, pr, 0, nx);
                t.get(off, tr, 0, nx);
                int first = -1;
                int last = -1;
                for (int x = 0; x < nx; x++) {
                    if (pr[x] == label || tr[x] == label) {
                        if (first < 0) {
                            first = x;
                        }
                        last = x;
                    }
                }
                if (first >= 0) {
                    box[0] = Math.min(box[0], first);
                    box[3] = Math.max(box[3], last);
                    box[1] = Math.min(box[1], y);
                    box[4] = Math.max(box[4], y);
                    box[2] = Math.min(box[2], z);
                    box[5] = Math.max(box[5], z);
                }
            }
        }
        return box[3] < 0 ? null : box;
    }

    private static boolean[] crop(ByteBuffer labels, byte label, Geometry g, int[] box) {
        int bx = box[3] - box[0] + 1;
        int by = box[4] - box[1] + 1;
        int bz = box[5] - box[2] + 1;
        boolean[] mask = new boolean[bx * by * bz];
        byte[] row = new byte[bx];
        for (int z = 0; z < bz; z++) {
            for (int y = 0; y < by; y++) {
                labels.get(((box[2] + z) * g.ny() + box[1] + y) * g.nx() + box[0], row, 0, bx);
                int base = (z * by + y) * bx;
                for (int x = 0; x < bx; x++) {
                    mask[base + x] = row[x] == label;
                }
            }
        }
        return mask;
    }

    /**
     * Foreground voxels with a background or outside 6-neighbour. Outside the box counts as background: the box
     * holds all foreground, and beyond the grid is background by definition.
     */
    private static boolean[] surface(boolean[] mask, int bx, int by, int bz, boolean[] ignoreAxis) {
        boolean[] out = new boolean[mask.length];
        boolean singleVoxelGrid = ignoreAxis[0] && ignoreAxis[1] && ignoreAxis[2];
        int plane = bx * by;
        for (int z = 0; z < bz; z++) {
            for (int y = 0; y < by; y++) {
                int base = z * plane + y * bx;
                for (int x = 0; x < bx; x++) {
                    int i = base + x;
                    if (!mask[i]) {
                        continue;
                    }
                    boolean edge = singleVoxelGrid
                            || !ignoreAxis[0] && (x == 0 || x == bx - 1 || !mask[i - 1] || !mask[i + 1])
                            || !ignoreAxis[1] && (y == 0 || y == by - 1 || !mask[i - bx] || !mask[i + bx])
                            || !ignoreAxis[2] && (z == 0 || z == bz - 1 || !mask[i - plane] || !mask[i + plane]);
                    out[i] = edge;
                }
            }
        }
        return out;
    }

    /** @return sqrt of {@code squaredMm} at each surface voxel, ascending */
    private static double[] sampleSorted(double[] squaredMm, boolean[] surface) {
        int n = 0;
        for (boolean b : surface) {
            if (b) {
                n++;
            }
        }
        double[] out = new double[n];
        int k = 0;
        for (int i = 0; i < surface.length; i++) {
            if (surface[i]) {
                out[k++] = Math.sqrt(squaredMm[i]);
            }
        }
        Arrays.sort(out);
        return out;
    }
}
