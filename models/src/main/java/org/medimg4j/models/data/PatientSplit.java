package org.medimg4j.models.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A train / validation / test split of a dataset by patient, never by case or slice: every case of a patient
 * goes to the same part, so no patient's anatomy leaks from training into evaluation. Reproducible: the patients
 * (sorted by id, so the dataset's order does not matter) are shuffled with the seed and cut at the fractions;
 * patient counts are rounded so that each part with a positive fraction gets at least one patient when there are
 * enough patients. Immutable.
 *
 * @param train      the training cases
 * @param validation the validation cases
 * @param test       the test cases
 */
public record PatientSplit(CaseDataset train, CaseDataset validation, CaseDataset test) {

    /** The tolerance on the fractions' sum. */
    public static final double FRACTION_SUM_TOLERANCE = 1e-6;

    /**
     * @param dataset    the cases
     * @param train      fraction of patients for training, 0..1
     * @param validation fraction for validation, 0..1
     * @param test       fraction for testing, 0..1; the three sum to 1
     * @param seed       the shuffle's seed: the same seed gives the same split
     * @throws IllegalArgumentException naming the fraction if one is outside 0..1 or not finite, or if they do
     *                                  not sum to 1 within {@link #FRACTION_SUM_TOLERANCE}
     */
    public static PatientSplit of(CaseDataset dataset, double train, double validation, double test, long seed) {
        requireFractions(train, validation, test);
        return split(dataset, new double[] {train, validation, test}, seed, false);
    }

    private static void requireFractions(double train, double validation, double test) {
        requireFraction("train", train);
        requireFraction("validation", validation);
        requireFraction("test", test);
        double sum = train + validation + test;
        if (Math.abs(sum - 1) > FRACTION_SUM_TOLERANCE) {
            throw new IllegalArgumentException("fractions train + validation + test must sum to 1, got " + train
                    + " + " + validation + " + " + test + " = " + sum);
        }
    }

    /**
     * Like {@link #of}, but stratified by class: the patients of each class (a patient's class is the largest
     * {@link CaseInfo#classIndex()} among its cases, so a patient with any positive case counts as positive) are
     * split at the fractions separately, so every part keeps the class balance of the whole, and a rare class
     * reaches validation and test (needed for AUC). Cases without a class form a stratum of their own.
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    public static PatientSplit stratified(CaseDataset dataset, double train, double validation, double test,
                                          long seed) {
        requireFractions(train, validation, test);
        return split(dataset, new double[] {train, validation, test}, seed, true);
    }

    private static PatientSplit split(CaseDataset dataset, double[] fractions, long seed, boolean byClass) {
        Map<String, Integer> patientClass = new TreeMap<>();
        for (int i = 0; i < dataset.size(); i++) {
            CaseInfo info = dataset.info(i);
            patientClass.merge(info.patientId(), byClass ? info.classIndex() : 0, Math::max);
        }
        Map<Integer, List<String>> strata = new TreeMap<>();
        patientClass.forEach((patient, k) -> strata.computeIfAbsent(k, x -> new ArrayList<>()).add(patient));
        Map<String, Integer> part = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<String>> stratum : strata.entrySet()) {
            List<String> patients = stratum.getValue();
            SplittableRandom random = new SplittableRandom(SampleSeed.mix(SampleSeed.mix(seed, 0x5B11_7L),
                    stratum.getKey()));
            for (int i = patients.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                String t = patients.get(i);
                patients.set(i, patients.get(j));
                patients.set(j, t);
            }
            int[] counts = counts(patients.size(), fractions);
            int p = 0;
            for (int s = 0; s < 3; s++) {
                for (int k = 0; k < counts[s]; k++) {
                    part.put(patients.get(p++), s);
                }
            }
        }
        List<List<Integer>> idx = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < dataset.size(); i++) {
            idx.get(part.get(dataset.info(i).patientId())).add(i);
        }
        return new PatientSplit(dataset.subset(toArray(idx.get(0))), dataset.subset(toArray(idx.get(1))),
                dataset.subset(toArray(idx.get(2))));
    }

    /** Largest-remainder rounding, then at least one patient for each positive fraction where possible. */
    private static int[] counts(int n, double[] f) {
        int[] c = new int[3];
        double[] rem = new double[3];
        int given = 0;
        for (int s = 0; s < 3; s++) {
            c[s] = (int) Math.floor(f[s] * n);
            rem[s] = f[s] * n - c[s];
            given += c[s];
        }
        while (given < n) {
            int best = 0;
            for (int s = 1; s < 3; s++) {
                if (rem[s] > rem[best]) {
                    best = s;
                }
            }
            c[best]++;
            rem[best] = -1;
            given++;
        }
        for (int s = 0; s < 3; s++) {
            if (f[s] > 0 && c[s] == 0) {
                int donor = 0;
                for (int d = 1; d < 3; d++) {
                    if (c[d] > c[donor]) {
                        donor = d;
                    }
                }
                if (c[donor] > 1) {
                    c[donor]--;
                    c[s]++;
                }
            }
        }
        return c;
    }

    private static int[] toArray(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    private static void requireFraction(String name, double f) {
        if (!(f >= 0 && f <= 1)) {
            throw new IllegalArgumentException(name + " fraction must be in 0..1, got " + f);
        }
    }
}
