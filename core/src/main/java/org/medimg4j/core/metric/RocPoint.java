package org.medimg4j.core.metric;

/**
 * One operating point of a {@link RocCurve}: calling a sample positive when its score is ≥ {@code threshold}
 * gives these rates.
 *
 * @param fpr       false-positive rate, FP / negatives, 0..1 (1 − specificity)
 * @param tpr       true-positive rate, TP / positives, 0..1 (sensitivity)
 * @param threshold the score threshold (same unit as the scores); +∞ for the point that calls nothing positive
 */
public record RocPoint(double fpr, double tpr, double threshold) {

    /** @return the sensitivity, equal to {@link #tpr()} */
    public double sensitivity() {
        return tpr;
    }

    /** @return the specificity, 1 − {@link #fpr()} */
    public double specificity() {
        return 1.0 - fpr;
    }

    /** @return Youden's J = sensitivity + specificity − 1 = tpr − fpr, −1..1 */
    public double youdenJ() {
        return tpr - fpr;
    }
}
