package org.medimg4j.core.metric;

import java.util.Arrays;
import java.util.Objects;

/**
 * The receiver operating characteristic of a binary scorer: one {@link RocPoint} per distinct score threshold,
 * from the point (0, 0) that calls nothing positive to (1, 1), and the area under it. Immutable.
 *
 * <p>A sample is called positive when its score is ≥ the threshold. Samples with equal scores cannot be
 * separated by any threshold, so they enter the curve together as one point (a diagonal step); this is what
 * makes the trapezoidal {@link #auc()} equal to the Mann–Whitney U statistic divided by positives × negatives,
 * with each tied positive–negative pair counted as ½. −0.0 and +0.0 are the same score. Infinite scores are
 * accepted; NaN is not.
 */
public final class RocCurve {

    private final int positives;
    private final int negatives;
    /** Per point, positives scoring ≥ threshold. */
    private final int[] tp;
    /** Per point, negatives scoring ≥ threshold. */
    private final int[] fp;
    /** Per point, descending; +∞ first. */
    private final double[] thresholds;
    private final double auc;

    private RocCurve(int positives, int negatives, int[] tp, int[] fp, double[] thresholds) {
        this.positives = positives;
        this.negatives = negatives;
        this.tp = tp;
        this.fp = fp;
        this.thresholds = thresholds;
        // trapezoids in integer counts, divided once: exact up to the final rounding
        long twiceArea = 0;
        for (int i = 1; i < tp.length; i++) {
            twiceArea += (long) (fp[i] - fp[i - 1]) * (tp[i] + (long) tp[i - 1]);
        }
        this.auc = twiceArea / (2.0 * positives * (double) negatives);
    }

    /**
     * @param scores higher means more likely positive, any unit; none NaN
     * @param truth  the true class of each sample
     * @return the curve
     * @throws IllegalArgumentException naming both lengths if they differ, naming the index of a NaN score, or
     *                                  saying AUC is undefined and which class is missing if only one is present
     */
    public static RocCurve of(double[] scores, boolean[] truth) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(truth, "truth");
        requireSameLength(scores.length, truth.length);
        int n = scores.length;
        int positives = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is NaN: every score must be a number");
            }
            if (truth[i]) {
                positives++;
            }
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(n == 0
                    ? "AUC is undefined: scores and truth are empty (both classes, true/1 and false/0, are missing)"
                    : "AUC is undefined: truth has no " + (positives == 0 ? "positive" : "negative")
                      + " samples (class " + (positives == 0 ? "true/1" : "false/0") + " is missing among "
                      + n + " samples)");
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        int ip = 0;
        int in = 0;
        for (int i = 0; i < n; i++) {
            double s = scores[i] + 0.0; // folds −0.0 into +0.0, which Arrays.sort would otherwise order apart
            if (truth[i]) {
                pos[ip++] = s;
            } else {
                neg[in++] = s;
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        return fromSorted(pos, neg);
    }

    /**
     * As {@link #of(double[], boolean[])} for float scores (e.g. a network's sigmoid output).
     *
     * @param scores higher means more likely positive; none NaN
     * @param truth  the true class of each sample
     * @return the curve
     */
    public static RocCurve of(float[] scores, boolean[] truth) {
        return of(toDoubles(scores), truth);
    }

    /**
     * As {@link #of(double[], boolean[])} with truth given as 0 (negative) or 1 (positive).
     *
     * @param scores higher means more likely positive; none NaN
     * @param truth  0 or 1 per sample
     * @return the curve
     * @throws IllegalArgumentException also naming the index and value of a truth entry other than 0 or 1
     */
    public static RocCurve of(double[] scores, int[] truth) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(truth, "truth");
        requireSameLength(scores.length, truth.length);
        return of(scores, toBooleans(truth));
    }

    /**
     * As {@link #of(double[], int[])} for float scores.
     *
     * @param scores higher means more likely positive; none NaN
     * @param truth  0 or 1 per sample
     * @return the curve
     */
    public static RocCurve of(float[] scores, int[] truth) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(truth, "truth");
        requireSameLength(scores.length, truth.length);
        return of(toDoubles(scores), toBooleans(truth));
    }

    /** @return the number of points, at least 2: (0, 0) at threshold +∞ and one per distinct score */
    public int size() {
        return thresholds.length;
    }

    /**
     * @param index 0..size()−1, thresholds descending
     * @return that point
     */
    public RocPoint point(int index) {
        if (index < 0 || index >= thresholds.length) {
            throw new IllegalArgumentException("index must be in 0.." + (thresholds.length - 1) + ", got " + index);
        }
        return new RocPoint(fpr(index), tpr(index), thresholds[index]);
    }

    /** @return false-positive rates per point, ascending (a new array) */
    public double[] falsePositiveRates() {
        double[] out = new double[fp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = fpr(i);
        }
        return out;
    }

    /** @return true-positive rates per point, ascending (a new array) */
    public double[] truePositiveRates() {
        double[] out = new double[tp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = tpr(i);
        }
        return out;
    }

    /** @return thresholds per point, descending, the first +∞ (a new array) */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** @return the area under the curve by the trapezoidal rule, 0..1 (0.5 for a scorer no better than chance) */
    public double auc() {
        return auc;
    }

    /** @return the number of positive samples */
    public int positives() {
        return positives;
    }

    /** @return the number of negative samples */
    public int negatives() {
        return negatives;
    }

    /**
     * @param targetSensitivity the least acceptable true-positive rate, 0..1
     * @return the point with the highest threshold (hence the lowest false-positive rate) whose sensitivity is at
     *         least the target
     * @throws IllegalArgumentException naming {@code targetSensitivity} if outside 0..1
     */
    public RocPoint atSensitivity(double targetSensitivity) {
        if (!(targetSensitivity >= 0 && targetSensitivity <= 1)) {
            throw new IllegalArgumentException("targetSensitivity must be in 0..1, got " + targetSensitivity);
        }
        for (int i = 0; i < tp.length; i++) {
            if (tpr(i) >= targetSensitivity) {
                return point(i);
            }
        }
        return point(tp.length - 1); // unreachable: the last point has tpr 1
    }

    /** @return the point maximising Youden's J = tpr − fpr; among equals, the one with the highest threshold */
    public RocPoint youden() {
        int best = 0;
        // compare tp·N − fp·P in integers so that equal J values tie exactly
        long bestScore = Long.MIN_VALUE;
        for (int i = 0; i < tp.length; i++) {
            long score = (long) tp[i] * negatives - (long) fp[i] * positives;
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return point(best);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "RocCurve[auc=%.4f, points=%d, positives=%d, negatives=%d]",
                auc, thresholds.length, positives, negatives);
    }

    private double fpr(int i) {
        return (double) fp[i] / negatives;
    }

    private double tpr(int i) {
        return (double) tp[i] / positives;
    }

    /** Walks both ascending arrays from the top, one point per distinct score. */
    private static RocCurve fromSorted(double[] pos, double[] neg) {
        int max = pos.length + neg.length + 1;
        int[] tp = new int[max];
        int[] fp = new int[max];
        double[] thr = new double[max];
        thr[0] = Double.POSITIVE_INFINITY;
        int points = 1;
        int i = pos.length - 1;
        int j = neg.length - 1;
        int tpCount = 0;
        int fpCount = 0;
        while (i >= 0 || j >= 0) {
            double t;
            if (i < 0) {
                t = neg[j];
            } else if (j < 0) {
                t = pos[i];
            } else {
                t = Math.max(pos[i], neg[j]);
            }
            while (i >= 0 && pos[i] == t) {
                tpCount++;
                i--;
            }
            while (j >= 0 && neg[j] == t) {
                fpCount++;
                j--;
            }
            tp[points] = tpCount;
            fp[points] = fpCount;
            thr[points] = t;
            points++;
        }
        return new RocCurve(pos.length, neg.length, Arrays.copyOf(tp, points), Arrays.copyOf(fp, points),
                Arrays.copyOf(thr, points));
    }

    private static void requireSameLength(int scores, int truth) {
        if (scores != truth) {
            throw new IllegalArgumentException("scores and truth must have the same length, got scores.length="
                    + scores + " and truth.length=" + truth);
        }
    }

    private static double[] toDoubles(float[] scores) {
        Objects.requireNonNull(scores, "scores");
        double[] out = new double[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i];
        }
        return out;
    }

    private static boolean[] toBooleans(int[] truth) {
        boolean[] out = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != 0 && truth[i] != 1) {
                throw new IllegalArgumentException("truth[" + i + "] must be 0 or 1, got " + truth[i]);
            }
            out[i] = truth[i] == 1;
        }
        return out;
    }
}
