package org.medimg4j.core.metric;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.medimg4j.core.volume.LabelVolume;

/**
 * A multi-class confusion matrix over labels 0..K−1: {@code count(t, p)} is the number of voxels (or samples)
 * whose true label is {@code t} and predicted label is {@code p}. Rows are truth, columns prediction. Per-class
 * metrics are one-vs-rest and follow the empty-mask conventions of {@link BinaryConfusion}. Immutable.
 */
public final class ConfusionMatrix {

    /** The largest K accepted: K² counts must fit one Java array. */
    public static final int MAX_CLASSES = 46_340;

    private final int numClasses;
    /** row-major K×K, index truth·K + prediction. */
    private final long[] counts;

    private ConfusionMatrix(int numClasses, long[] counts) {
        this.numClasses = numClasses;
        this.counts = counts;
    }

    /**
     * Counts every voxel of two label volumes in one pass.
     *
     * @param prediction the predicted labels
     * @param truth      the reference labels, on the same grid
     * @param numClasses K, 1..256; every label in both volumes must be below it
     * @return the K×K voxel counts
     * @throws org.medimg4j.core.geometry.GeometryException if the geometries differ (the message names both)
     * @throws IllegalArgumentException naming {@code numClasses} if out of range, or naming the volume, the
     *                                  offending label value and its voxel (z, y, x) if a label is ≥ K
     */
    public static ConfusionMatrix of(LabelVolume prediction, LabelVolume truth, int numClasses) {
        LabelPair pair = LabelPair.of(prediction, truth);
        if (numClasses < 1 || numClasses > 256) {
            throw new IllegalArgumentException("numClasses must be in 1..256 for 8-bit label volumes, got "
                    + numClasses);
        }
        ByteBuffer p = pair.prediction();
        ByteBuffer t = pair.truth();
        int n = pair.voxels();
        int k = numClasses;
        long[] counts = new long[k * k];
        byte[] pc = new byte[Math.min(LabelPair.CHUNK, n)];
        byte[] tc = new byte[pc.length];
        for (int start = 0; start < n; start += pc.length) {
            int len = Math.min(pc.length, n - start);
            p.get(start, pc, 0, len);
            t.get(start, tc, 0, len);
            for (int i = 0; i < len; i++) {
                int pv = pc[i] & 0xFF;
                int tv = tc[i] & 0xFF;
                if (pv >= k || tv >= k) {
                    throw labelOutOfRange(pv >= k ? "prediction" : "truth", pv >= k ? pv : tv, k,
                            voxelName(pair, start + i));
                }
                counts[tv * k + pv]++;
            }
        }
        return new ConfusionMatrix(k, counts);
    }

    /**
     * Counts paired labels, e.g. per-image class predictions.
     *
     * @param prediction predicted labels, each in 0..K−1
     * @param truth      true labels, same length
     * @param numClasses K, 1..{@value #MAX_CLASSES}
     * @return the K×K counts
     * @throws IllegalArgumentException naming both lengths if they differ, naming {@code prediction} if it is
     *                                  empty, naming {@code numClasses} if out of range, or naming the array,
     *                                  index and value of a label outside 0..K−1
     */
    public static ConfusionMatrix of(int[] prediction, int[] truth, int numClasses) {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(truth, "truth");
        requireNumClasses(numClasses);
        if (prediction.length != truth.length) {
            throw new IllegalArgumentException("prediction and truth must have the same length, got prediction.length="
                    + prediction.length + " and truth.length=" + truth.length);
        }
        if (prediction.length == 0) {
            throw new IllegalArgumentException("prediction and truth are empty: a confusion matrix needs samples");
        }
        int k = numClasses;
        long[] counts = new long[k * k];
        for (int i = 0; i < prediction.length; i++) {
            int pv = prediction[i];
            int tv = truth[i];
            if (pv < 0 || pv >= k) {
                throw labelOutOfRange("prediction", pv, k, "index " + i);
            }
            if (tv < 0 || tv >= k) {
                throw labelOutOfRange("truth", tv, k, "index " + i);
            }
            counts[tv * k + pv]++;
        }
        return new ConfusionMatrix(k, counts);
    }

    /**
     * @param numClasses K
     * @param counts     K×K counts, row-major with rows = truth, columns = prediction; copied
     * @return the matrix holding those counts
     * @throws IllegalArgumentException naming {@code counts} if its length is not K² or a count is negative
     */
    public static ConfusionMatrix ofCounts(int numClasses, long[] counts) {
        requireNumClasses(numClasses);
        Objects.requireNonNull(counts, "counts");
        if (counts.length != numClasses * numClasses) {
            throw new IllegalArgumentException("counts must hold numClasses² = " + numClasses * numClasses
                    + " values (row-major, rows = truth), got counts.length=" + counts.length);
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("counts[" + i + "] must be >= 0, got " + counts[i]);
            }
        }
        return new ConfusionMatrix(numClasses, counts.clone());
    }

    /** @return K, the number of classes */
    public int numClasses() {
        return numClasses;
    }

    /**
     * @param truthClass     the true label, 0..K−1
     * @param predictedClass the predicted label, 0..K−1
     * @return voxels with true label {@code truthClass} predicted as {@code predictedClass}
     */
    public long count(int truthClass, int predictedClass) {
        requireClass(truthClass, "truthClass");
        requireClass(predictedClass, "predictedClass");
        return counts[truthClass * numClasses + predictedClass];
    }

    /** @return the counts, row-major K×K with rows = truth (a new array) */
    public long[] counts() {
        return counts.clone();
    }

    /** @return all voxels counted */
    public long total() {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    /**
     * @param cls a class, 0..K−1
     * @return voxels whose true label is {@code cls} (row sum)
     */
    public long truthTotal(int cls) {
        requireClass(cls, "cls");
        long s = 0;
        for (int p = 0; p < numClasses; p++) {
            s += counts[cls * numClasses + p];
        }
        return s;
    }

    /**
     * @param cls a class, 0..K−1
     * @return voxels predicted as {@code cls} (column sum)
     */
    public long predictedTotal(int cls) {
        requireClass(cls, "cls");
        long s = 0;
        for (int t = 0; t < numClasses; t++) {
            s += counts[t * numClasses + cls];
        }
        return s;
    }

    /**
     * @param cls a class, 0..K−1
     * @return the one-vs-rest 2×2 confusion of class {@code cls}
     */
    public BinaryConfusion forClass(int cls) {
        requireClass(cls, "cls");
        long tp = counts[cls * numClasses + cls];
        long fp = predictedTotal(cls) - tp;
        long fn = truthTotal(cls) - tp;
        return new BinaryConfusion(tp, fp, fn, total() - tp - fp - fn);
    }

    /**
     * @param cls a class, 0..K−1
     * @return the precision of class {@code cls}, see {@link BinaryConfusion#precision()}
     */
    public double precision(int cls) {
        return forClass(cls).precision();
    }

    /**
     * @param cls a class, 0..K−1
     * @return the recall of class {@code cls}, see {@link BinaryConfusion#recall()}
     */
    public double recall(int cls) {
        return forClass(cls).recall();
    }

    /**
     * @param cls a class, 0..K−1
     * @return the Dice coefficient of class {@code cls}, see {@link BinaryConfusion#dice()}
     */
    public double dice(int cls) {
        return forClass(cls).dice();
    }

    /** @return the fraction of voxels on the diagonal, 0..1 (1.0 for an all-zero matrix) */
    public double accuracy() {
        long total = total();
        if (total == 0) {
            return 1.0;
        }
        long diag = 0;
        for (int c = 0; c < numClasses; c++) {
            diag += counts[c * numClasses + c];
        }
        return (double) diag / total;
    }

    /**
     * @param other the matrix of another case, same K
     * @return the element-wise sum, to pool several cases
     * @throws IllegalArgumentException naming both K if they differ
     */
    public ConfusionMatrix plus(ConfusionMatrix other) {
        if (other.numClasses != numClasses) {
            throw new IllegalArgumentException("cannot add confusion matrices of numClasses " + numClasses
                    + " and " + other.numClasses);
        }
        long[] sum = new long[counts.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = Math.addExact(counts[i], other.counts[i]);
        }
        return new ConfusionMatrix(numClasses, sum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && m.numClasses == numClasses && Arrays.equals(m.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * numClasses + Arrays.hashCode(counts);
    }

    /** @return a table: rows truth, columns prediction, with per-class recall, precision and Dice, and accuracy */
    @Override
    public String toString() {
        int width = 8;
        for (long c : counts) {
            width = Math.max(width, Long.toString(c).length() + 1);
        }
        String cell = "%" + width + "s";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "ConfusionMatrix[K=%d, total=%d, accuracy=%.4f] rows=truth, columns=prediction%n",
                numClasses, total(), accuracy()));
        sb.append(String.format(Locale.ROOT, "%-9s", ""));
        for (int p = 0; p < numClasses; p++) {
            sb.append(String.format(Locale.ROOT, cell, "pred " + p));
        }
        sb.append(String.format(Locale.ROOT, "  %9s %9s %9s%n", "recall", "precision", "dice"));
        for (int t = 0; t < numClasses; t++) {
            sb.append(String.format(Locale.ROOT, "%-9s", "truth " + t));
            for (int p = 0; p < numClasses; p++) {
                sb.append(String.format(Locale.ROOT, cell, counts[t * numClasses + p]));
            }
            BinaryConfusion b = forClass(t);
            sb.append(String.format(Locale.ROOT, "  %9.4f %9.4f %9.4f%n", b.recall(), b.precision(), b.dice()));
        }
        return sb.toString();
    }

    private void requireClass(int cls, String name) {
        if (cls < 0 || cls >= numClasses) {
            throw new IllegalArgumentException(name + " must be in 0.." + (numClasses - 1) + ", got " + cls);
        }
    }

    private static void requireNumClasses(int numClasses) {
        if (numClasses < 1 || numClasses > MAX_CLASSES) {
            throw new IllegalArgumentException("numClasses must be in 1.." + MAX_CLASSES + ", got " + numClasses);
        }
    }

    private static IllegalArgumentException labelOutOfRange(String which, int value, int k, String where) {
        return new IllegalArgumentException(which + " label " + value + " at " + where
                + " is outside 0.." + (k - 1) + " (numClasses=" + k + ")");
    }

    private static String voxelName(LabelPair pair, int index) {
        int nx = pair.geometry().nx();
        int ny = pair.geometry().ny();
        int x = index % nx;
        int y = (index / nx) % ny;
        int z = index / (nx * ny);
        return "voxel (z=" + z + ", y=" + y + ", x=" + x + ")";
    }
}
