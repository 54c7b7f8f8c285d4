package org.medimg4j.models.bundle;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the network was trained on and how well it validated.
 *
 * @param dataset           a description of the data (source, modality, selection), free text
 * @param trainingCases     patients/cases in the training split, &gt;= 0
 * @param validationCases   patients/cases in the validation split, &gt;= 0
 * @param epochs            epochs trained, &gt;= 0
 * @param validationMetrics metric name → value on the validation split, e.g. {"dice[1]": 0.87}
 */
public record TrainingSummary(String dataset, int trainingCases, int validationCases, int epochs,
                              Map<String, Double> validationMetrics) {

    /** @throws IllegalArgumentException naming the count that is negative */
    public TrainingSummary {
        if (trainingCases < 0 || validationCases < 0 || epochs < 0) {
            throw new IllegalArgumentException("TrainingSummary: trainingCases, validationCases and epochs must be "
                    + ">= 0, got " + trainingCases + ", " + validationCases + ", " + epochs);
        }
        dataset = dataset == null ? "" : dataset;
        // Sorted, so the descriptor's JSON does not depend on the caller's map order.
        validationMetrics = validationMetrics == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(validationMetrics));
    }

    /**
     * The summary of a {@link org.medimg4j.models.train.Trainer} run: its epochs and its best validation value.
     *
     * @param dataset         a description of the data, free text
     * @param trainingCases   cases in the training split
     * @param validationCases cases in the validation split
     * @param metricName      the validation metric's name (e.g. {@code ValidationMetric.name()})
     * @param result          the run
     * @return the summary; no metric when the run had no finite validation value
     */
    public static TrainingSummary of(String dataset, int trainingCases, int validationCases, String metricName,
                                     org.medimg4j.models.train.TrainingResult result) {
        Map<String, Double> metrics = Double.isFinite(result.bestValue())
                ? Map.of(metricName, result.bestValue()) : Map.of();
        return new TrainingSummary(dataset, trainingCases, validationCases, result.history().size(), metrics);
    }
}
