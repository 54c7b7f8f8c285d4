package org.medimg4j.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocCurveTest {

    private static final double EPS = 1e-12;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void tiedScoresFormOnePointAndCountHalf() {
        // positives 0.8, 0.5; negatives 0.5, 0.5. Pairs: 1 + 1 + ½ + ½ = 3 of 4.
        RocCurve roc = RocCurve.of(new double[] {0.8, 0.5, 0.5, 0.5}, new boolean[] {true, true, false, false});
        assertEquals(0.75, roc.auc(), EPS);
        assertEquals(3, roc.size());
        assertArrayEquals(new double[] {INF, 0.8, 0.5}, roc.thresholds());
        assertArrayEquals(new double[] {0, 0, 1}, roc.falsePositiveRates(), EPS);
        assertArrayEquals(new double[] {0, 0.5, 1}, roc.truePositiveRates(), EPS);
    }

    @Test
    void handWorkedExampleWithoutTies() {
        RocCurve roc = RocCurve.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1});
        assertEquals(0.75, roc.auc(), EPS);
        assertArrayEquals(new double[] {INF, 0.8, 0.4, 0.35, 0.1}, roc.thresholds());
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.falsePositiveRates(), EPS);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.truePositiveRates(), EPS);
        assertEquals(new RocPoint(0.5, 1.0, 0.35), roc.atSensitivity(1.0));
        assertEquals(new RocPoint(0.0, 0.5, 0.8), roc.atSensitivity(0.5));
        assertEquals(new RocPoint(0.0, 0.0, INF), roc.atSensitivity(0.0));
        // J = 0.5 at 0.8 and at 0.35: the higher threshold wins the tie
        RocPoint best = roc.youden();
        assertEquals(0.8, best.threshold());
        assertEquals(0.5, best.youdenJ(), EPS);
        assertEquals(1.0, best.specificity(), EPS);
        assertEquals(0.5, best.sensitivity(), EPS);
    }

    @Test
    void perfectAndInvertedClassifiers() {
        boolean[] truth = {false, false, true, true, true};
        double[] scores = {0.1, 0.2, 0.7, 0.8, 0.9};
        assertEquals(1.0, RocCurve.of(scores, truth).auc(), EPS);
        double[] inverted = {0.9, 0.8, 0.3, 0.2, 0.1};
        assertEquals(0.0, RocCurve.of(inverted, truth).auc(), EPS);
        RocPoint youden = RocCurve.of(scores, truth).youden();
        assertEquals(new RocPoint(0, 1, 0.7), youden);
    }

    @Test
    void allScoresEqualIsChance() {
        RocCurve roc = RocCurve.of(new double[] {3, 3, 3, 3, 3}, new int[] {1, 0, 0, 1, 0});
        assertEquals(0.5, roc.auc(), EPS);
        assertEquals(2, roc.size());
    }

    @Test
    void aucEqualsMannWhitneyWithTiesCountedHalf() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int n = 10 + rnd.nextInt(60);
            double[] s = new double[n];
            boolean[] t = new boolean[n];
            for (int i = 0; i < n; i++) {
                t[i] = i < 2 ? i == 0 : rnd.nextBoolean();
                s[i] = Math.round(rnd.nextDouble() * 8) / 8.0 + (t[i] ? 0.1 : 0); // many ties
            }
            double wins = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (t[i] && !t[j]) {
                        pairs++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            RocCurve roc = RocCurve.of(s, t);
            assertEquals(wins / pairs, roc.auc(), 1e-12);
            // one point per distinct score, plus the origin
            assertEquals(distinctCount(s) + 1, roc.size());
        }
    }

    private static long distinctCount(double[] s) {
        return java.util.Arrays.stream(s).distinct().count();
    }

    @Test
    void negativeAndPositiveZeroAreOneScore() {
        RocCurve roc = RocCurve.of(new double[] {0.0, -0.0}, new boolean[] {true, false});
        assertEquals(2, roc.size());
        assertEquals(0.5, roc.auc(), EPS);
    }

    @Test
    void floatScoresGiveTheSameCurve() {
        float[] f = {0.1f, 0.4f, 0.35f, 0.8f};
        RocCurve a = RocCurve.of(f, new boolean[] {false, false, true, true});
        RocCurve b = RocCurve.of(f, new int[] {0, 0, 1, 1});
        assertEquals(0.75, a.auc(), EPS);
        assertArrayEquals(a.thresholds(), b.thresholds());
        assertEquals(0.4f, (float) a.point(2).threshold());
    }

    @Test
    void oneClassOnlyIsRejectedNamingTheMissingClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new double[] {0.2, 0.9}, new boolean[] {true, true}));
        assertTrue(e.getMessage().contains("AUC is undefined") && e.getMessage().contains("no negative")
                && e.getMessage().contains("false/0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new double[] {0.2, 0.9}, new int[] {0, 0}));
        assertTrue(e.getMessage().contains("AUC is undefined") && e.getMessage().contains("no positive")
                && e.getMessage().contains("true/1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new double[0], new boolean[0]));
        assertTrue(e.getMessage().contains("AUC is undefined") && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void nanScoreIsRejectedNamingItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new double[] {0.2, 0.3, Double.NaN}, new boolean[] {true, false, true}));
        assertTrue(e.getMessage().startsWith("scores[2] is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new float[] {Float.NaN, 0.3f}, new int[] {1, 0}));
        assertTrue(e.getMessage().startsWith("scores[0] is NaN"), e.getMessage());
    }

    @Test
    void differentLengthsAreRejectedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new double[3], new boolean[2]));
        assertTrue(e.getMessage().contains("scores.length=3") && e.getMessage().contains("truth.length=2"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new float[1], new int[4]));
        assertTrue(e.getMessage().contains("scores.length=1") && e.getMessage().contains("truth.length=4"),
                e.getMessage());
    }

    @Test
    void truthOtherThanZeroOrOneIsRejectedNamingIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new double[] {0.1, 0.2}, new int[] {0, 2}));
        assertTrue(e.getMessage().startsWith("truth[1] must be 0 or 1, got 2"), e.getMessage());
    }

    @Test
    void badOperatingPointRequestsAreRejectedNamingParameter() {
        RocCurve roc = RocCurve.of(new double[] {0.1, 0.9}, new int[] {0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> roc.atSensitivity(1.5));
        assertTrue(e.getMessage().startsWith("targetSensitivity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> roc.point(3));
        assertTrue(e.getMessage().startsWith("index"), e.getMessage());
    }
}
