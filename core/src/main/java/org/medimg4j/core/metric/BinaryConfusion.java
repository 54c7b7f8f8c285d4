package org.medimg4j.core.metric;

import java.nio.ByteBuffer;
import org.medimg4j.core.volume.LabelVolume;

/**
 * The 2×2 confusion counts of one label (foreground = voxels equal to the label, background = everything else)
 * between a prediction and its ground truth, and the overlap metrics derived from them. Immutable.
 *
 * <h2>Empty masks</h2>
 * A metric whose formula would divide 0 by 0 returns a fixed value instead of NaN, chosen so that agreeing on
 * "nothing here" is perfect and inventing or missing a structure never is:
 * <ul>
 *   <li>{@link #dice()}, {@link #f1()}, {@link #iou()}: 1.0 when prediction and truth are both empty, 0.0 when
 *       exactly one is (the formula already gives 0.0 then);</li>
 *   <li>{@link #precision()}: when nothing is predicted, 1.0 if the truth is empty too, else 0.0;</li>
 *   <li>{@link #recall()}: when the truth is empty, 1.0 if nothing is predicted either, else 0.0;</li>
 *   <li>{@link #specificity()}: the recall of the background, so when the truth has no background, 1.0 if the
 *       prediction has none either, else 0.0;</li>
 *   <li>{@link #accuracy()}: 1.0 for a confusion of zero voxels.</li>
 * </ul>
 * The same conventions are used by MONAI's {@code DiceMetric(ignore_empty=False)} for the both-empty case.
 *
 * @param tp voxels that are the label in both prediction and truth (true positives)
 * @param fp voxels that are the label in the prediction only (false positives)
 * @param fn voxels that are the label in the truth only (false negatives)
 * @param tn voxels that are the label in neither (true negatives)
 */
public record BinaryConfusion(long tp, long fp, long fn, long tn) {

    /**
     * @param tp true positives, ≥ 0
     * @param fp false positives, ≥ 0
     * @param fn false negatives, ≥ 0
     * @param tn true negatives, ≥ 0
     * @throws IllegalArgumentException naming the count that is negative
     */
    public BinaryConfusion {
        requireCount(tp, "tp");
        requireCount(fp, "fp");
        requireCount(fn, "fn");
        requireCount(tn, "tn");
    }

    /**
     * Counts {@code label} in one pass over both label buffers.
     *
     * @param prediction the predicted labels
     * @param truth      the reference labels, on the same grid
     * @param label      the label to score, 0..255
     * @return the counts over every voxel of the grid
     * @throws org.medimg4j.core.geometry.GeometryException if the geometries differ (the message names both)
     * @throws IllegalArgumentException                     naming {@code label} if it is outside 0..255
     */
    public static BinaryConfusion of(LabelVolume prediction, LabelVolume truth, int label) {
        LabelPair pair = LabelPair.of(prediction, truth);
        LabelPair.requireLabel(label);
        ByteBuffer p = pair.prediction();
        ByteBuffer t = pair.truth();
        int n = pair.voxels();
        byte want = (byte) label;
        byte[] pc = new byte[Math.min(LabelPair.CHUNK, n)];
        byte[] tc = new byte[pc.length];
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int start = 0; start < n; start += pc.length) {
            int len = Math.min(pc.length, n - start);
            p.get(start, pc, 0, len);
            t.get(start, tc, 0, len);
            for (int i = 0; i < len; i++) {
                boolean inP = pc[i] == want;
                boolean inT = tc[i] == want;
                if (inP) {
                    if (inT) {
                        tp++;
                    } else {
                        fp++;
                    }
                } else if (inT) {
                    fn++;
                }
            }
        }
        return new BinaryConfusion(tp, fp, fn, n - tp - fp - fn);
    }

    /** @return all voxels counted, tp + fp + fn + tn */
    public long total() {
        return tp + fp + fn + tn;
    }

    /** @return voxels predicted as the label, tp + fp */
    public long predictedPositives() {
        return tp + fp;
    }

    /** @return voxels that are the label in the truth, tp + fn */
    public long truthPositives() {
        return tp + fn;
    }

    /** @return the Dice coefficient 2·tp / (2·tp + fp + fn), 0..1; 1.0 when both masks are empty */
    public double dice() {
        long den = 2 * tp + fp + fn;
        return den == 0 ? 1.0 : 2.0 * tp / den;
    }

    /**
     * @return the F1 score, the harmonic mean of precision and recall, which equals {@link #dice()} (including
     *         its empty-mask value; computed from the counts, not from the rounded precision and recall)
     */
    public double f1() {
        return dice();
    }

    /** @return the intersection over union (Jaccard index) tp / (tp + fp + fn), 0..1; 1.0 when both are empty */
    public double iou() {
        long den = tp + fp + fn;
        return den == 0 ? 1.0 : (double) tp / den;
    }

    /** @return tp / (tp + fp), 0..1; when nothing is predicted, 1.0 if the truth is empty too, else 0.0 */
    public double precision() {
        long den = tp + fp;
        if (den == 0) {
            return fn == 0 ? 1.0 : 0.0;
        }
        return (double) tp / den;
    }

    /** @return recall (sensitivity) tp / (tp + fn), 0..1; when the truth is empty, 1.0 if nothing is predicted, else 0.0 */
    public double recall() {
        long den = tp + fn;
        if (den == 0) {
            return fp == 0 ? 1.0 : 0.0;
        }
        return (double) tp / den;
    }

    /** @return the same as {@link #recall()} */
    public double sensitivity() {
        return recall();
    }

    /**
     * @return tn / (tn + fp), 0..1; when the truth has no background, 1.0 if the prediction has none either
     *         (fn = 0), else 0.0
     */
    public double specificity() {
        long den = tn + fp;
        if (den == 0) {
            return fn == 0 ? 1.0 : 0.0;
        }
        return (double) tn / den;
    }

    /** @return (tp + tn) / total, 0..1; 1.0 for zero voxels */
    public double accuracy() {
        long total = total();
        return total == 0 ? 1.0 : (double) (tp + tn) / total;
    }

    /**
     * @param other counts of another case
     * @return the element-wise sum, to pool counts over several cases before computing a metric
     */
    public BinaryConfusion plus(BinaryConfusion other) {
        return new BinaryConfusion(Math.addExact(tp, other.tp), Math.addExact(fp, other.fp),
                Math.addExact(fn, other.fn), Math.addExact(tn, other.tn));
    }

    private static void requireCount(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
