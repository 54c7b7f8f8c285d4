package org.medimg4j.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.volume.LabelVolume;

class ConfusionMatrixTest {

    private static final double EPS = 1e-12;
    private static final int[] TRUTH = {0, 0, 1, 1, 2, 2};
    private static final int[] PRED = {0, 1, 1, 1, 2, 0};

    @Test
    void countsPairsWithRowsAsTruth() {
        ConfusionMatrix m = ConfusionMatrix.of(PRED, TRUTH, 3);
        assertArrayEquals(new long[] {1, 1, 0, 0, 2, 0, 1, 0, 1}, m.counts());
        assertEquals(1, m.count(0, 1));
        assertEquals(1, m.count(2, 0));
        assertEquals(0, m.count(0, 2));
        assertEquals(6, m.total());
        assertEquals(2, m.truthTotal(1));
        assertEquals(3, m.predictedTotal(1));
    }

    @Test
    void perClassMetricsMatchHandComputation() {
        ConfusionMatrix m = ConfusionMatrix.of(PRED, TRUTH, 3);
        assertEquals(4.0 / 6.0, m.accuracy(), EPS);
        assertEquals(0.5, m.precision(0), EPS);
        assertEquals(0.5, m.recall(0), EPS);
        assertEquals(2.0 / 3.0, m.precision(1), EPS);
        assertEquals(1.0, m.recall(1), EPS);
        assertEquals(0.8, m.dice(1), EPS);
        assertEquals(1.0, m.precision(2), EPS);
        assertEquals(0.5, m.recall(2), EPS);
        assertEquals(2.0 / 3.0, m.dice(2), EPS);
        assertEquals(new BinaryConfusion(2, 1, 0, 3), m.forClass(1));
    }

    @Test
    void absentClassFollowsEmptyMaskConventions() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, 3);
        assertEquals(1.0, m.dice(2));
        assertEquals(1.0, m.precision(2));
        assertEquals(1.0, m.recall(2));
    }

    @Test
    void labelVolumesGiveSameMatrixAsArraysAndAgreeWithBinaryConfusion() {
        Geometry g = Geometry.of(3, 2, 1, 0.5, 0.5, 1);
        byte[] p = new byte[6];
        byte[] t = new byte[6];
        for (int i = 0; i < 6; i++) {
            p[i] = (byte) PRED[i];
            t[i] = (byte) TRUTH[i];
        }
        LabelVolume pv = LabelVolume.of(g, p);
        LabelVolume tv = LabelVolume.of(g, t);
        ConfusionMatrix m = ConfusionMatrix.of(pv, tv, 3);
        assertEquals(ConfusionMatrix.of(PRED, TRUTH, 3), m);
        for (int c = 0; c < 3; c++) {
            assertEquals(BinaryConfusion.of(pv, tv, c), m.forClass(c));
        }
    }

    @Test
    void plusPoolsCases() {
        ConfusionMatrix m = ConfusionMatrix.of(PRED, TRUTH, 3);
        assertArrayEquals(new long[] {2, 2, 0, 0, 4, 0, 2, 0, 2}, m.plus(m).counts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.plus(ConfusionMatrix.ofCounts(2, new long[4])));
        assertTrue(e.getMessage().contains("numClasses 3 and 2"), e.getMessage());
    }

    @Test
    void toStringIsATableWithRecallPrecisionAndAccuracy() {
        String s = ConfusionMatrix.of(PRED, TRUTH, 3).toString();
        assertTrue(s.contains("accuracy=0.6667"), s);
        assertTrue(s.contains("pred 2"), s);
        assertTrue(s.contains("recall"), s);
        String[] lines = s.split("\\R");
        assertEquals(5, lines.length, s);
        // row "truth 1": 0, 2, 0 then recall 1, precision 2/3, Dice 0.8
        assertEquals(java.util.List.of("truth", "1", "0", "2", "0", "1.0000", "0.6667", "0.8000"),
                java.util.List.of(lines[3].trim().split("\\s+")));
    }

    @Test
    void predictedLabelNotBelowNumClassesIsRejectedNamingValueAndVoxel() {
        Geometry g = Geometry.of(2, 2, 2, 1, 1, 1);
        byte[] p = new byte[8];
        p[7] = 3; // z=1, y=1, x=1
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(LabelVolume.of(g, p), LabelVolume.of(g, new byte[8]), 3));
        assertTrue(e.getMessage().contains("prediction label 3 at voxel (z=1, y=1, x=1)"), e.getMessage());
    }

    @Test
    void truthLabelNotBelowNumClassesIsRejectedNamingValue() {
        Geometry g = Geometry.of(2, 1, 1, 1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(LabelVolume.of(g, new byte[2]), LabelVolume.of(g, new byte[] {0, (byte) 200}), 2));
        assertTrue(e.getMessage().contains("truth label 200"), e.getMessage());
    }

    @Test
    void arrayLabelsOutOfRangeAreRejectedNamingArrayIndexAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 5}, new int[] {0, 1}, 3));
        assertTrue(e.getMessage().contains("prediction label 5 at index 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {-1, 1}, 3));
        assertTrue(e.getMessage().contains("truth label -1 at index 0"), e.getMessage());
    }

    @Test
    void differentLengthsAreRejectedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[3], new int[2], 2));
        assertTrue(e.getMessage().contains("prediction.length=3") && e.getMessage().contains("truth.length=2"),
                e.getMessage());
    }

    @Test
    void badNumClassesAndCountsAreRejectedNamingParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[1], new int[1], 0));
        assertTrue(e.getMessage().startsWith("numClasses"), e.getMessage());
        Geometry g = Geometry.of(1, 1, 1, 1, 1, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(LabelVolume.empty(g), LabelVolume.empty(g), 257));
        assertTrue(e.getMessage().startsWith("numClasses"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.ofCounts(2, new long[3]));
        assertTrue(e.getMessage().contains("counts.length=3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.ofCounts(2, new long[] {1, 1, -1, 1}));
        assertTrue(e.getMessage().startsWith("counts[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[0], new int[0], 2));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        ConfusionMatrix m = ConfusionMatrix.ofCounts(2, new long[4]);
        e = assertThrows(IllegalArgumentException.class, () -> m.count(0, 2));
        assertTrue(e.getMessage().startsWith("predictedClass"), e.getMessage());
    }

    @Test
    void differentGeometriesAreRejected() {
        LabelVolume a = LabelVolume.empty(Geometry.of(2, 2, 1, 1, 1, 1));
        LabelVolume b = LabelVolume.empty(Geometry.of(2, 1, 2, 1, 1, 1));
        GeometryException e = assertThrows(GeometryException.class, () -> ConfusionMatrix.of(a, b, 2));
        assertTrue(e.getMessage().contains("prediction vs truth"), e.getMessage());
    }
}
