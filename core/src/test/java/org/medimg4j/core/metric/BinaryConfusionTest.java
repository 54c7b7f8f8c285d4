package org.medimg4j.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.volume.LabelVolume;

class BinaryConfusionTest {

    private static final double EPS = 1e-12;
    private static final Geometry ROW = Geometry.of(10, 1, 1, 1, 1, 1);
    private static final byte[] PRED = {1, 1, 1, 0, 0, 0, 0, 0, 2, 2};
    private static final byte[] TRUTH = {1, 1, 0, 1, 0, 0, 0, 0, 0, 2};

    private static BinaryConfusion of(byte[] pred, byte[] truth, int label) {
        return BinaryConfusion.of(LabelVolume.of(ROW, pred.clone()), LabelVolume.of(ROW, truth.clone()), label);
    }

    @Test
    void countsAndMetricsMatchHandComputedMask() {
        BinaryConfusion c = of(PRED, TRUTH, 1);
        assertEquals(new BinaryConfusion(2, 1, 1, 6), c);
        assertEquals(4.0 / 6.0, c.dice(), EPS);
        assertEquals(0.5, c.iou(), EPS);
        assertEquals(2.0 / 3.0, c.precision(), EPS);
        assertEquals(2.0 / 3.0, c.recall(), EPS);
        assertEquals(2.0 / 3.0, c.sensitivity(), EPS);
        assertEquals(6.0 / 7.0, c.specificity(), EPS);
        assertEquals(2.0 / 3.0, c.f1(), EPS);
        assertEquals(0.8, c.accuracy(), EPS);
        assertEquals(10, c.total());
    }

    @Test
    void otherLabelIsScoredSeparately() {
        BinaryConfusion c = of(PRED, TRUTH, 2);
        assertEquals(new BinaryConfusion(1, 1, 0, 8), c);
        assertEquals(2.0 / 3.0, c.dice(), EPS);
        assertEquals(0.5, c.iou(), EPS);
        assertEquals(0.5, c.precision(), EPS);
        assertEquals(1.0, c.recall(), EPS);
        assertEquals(8.0 / 9.0, c.specificity(), EPS);
    }

    @Test
    void f1EqualsHarmonicMeanOfPrecisionAndRecall() {
        BinaryConfusion c = new BinaryConfusion(7, 3, 5, 100);
        double p = c.precision();
        double r = c.recall();
        assertEquals(2 * p * r / (p + r), c.f1(), EPS);
    }

    @Test
    void bothEmptyIsPerfectAgreement() {
        BinaryConfusion c = of(PRED, TRUTH, 3);
        assertEquals(new BinaryConfusion(0, 0, 0, 10), c);
        assertEquals(1.0, c.dice());
        assertEquals(1.0, c.iou());
        assertEquals(1.0, c.f1());
        assertEquals(1.0, c.precision());
        assertEquals(1.0, c.recall());
        assertEquals(1.0, c.specificity());
    }

    @Test
    void emptyTruthWithPredictionScoresZeroNotNaN() {
        byte[] pred = new byte[10];
        pred[4] = 3;
        BinaryConfusion c = of(pred, new byte[10], 3);
        assertEquals(new BinaryConfusion(0, 1, 0, 9), c);
        assertEquals(0.0, c.dice());
        assertEquals(0.0, c.iou());
        assertEquals(0.0, c.f1());
        assertEquals(0.0, c.precision());
        assertEquals(0.0, c.recall(), "recall of an empty truth is 0 when something was predicted");
        assertEquals(0.9, c.specificity(), EPS);
    }

    @Test
    void emptyPredictionWithTruthScoresZeroNotNaN() {
        byte[] truth = new byte[10];
        truth[4] = 3;
        BinaryConfusion c = of(new byte[10], truth, 3);
        assertEquals(new BinaryConfusion(0, 0, 1, 9), c);
        assertEquals(0.0, c.dice());
        assertEquals(0.0, c.iou());
        assertEquals(0.0, c.precision(), "precision with nothing predicted is 0 when the truth has the label");
        assertEquals(0.0, c.recall());
        assertEquals(1.0, c.specificity());
    }

    @Test
    void specificityWithoutTruthBackgroundDependsOnPredictedBackground() {
        byte[] all = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(1.0, of(all, all, 1).specificity());
        byte[] missOne = all.clone();
        missOne[0] = 0;
        BinaryConfusion c = of(missOne, all, 1);
        assertEquals(new BinaryConfusion(9, 0, 1, 0), c);
        assertEquals(0.0, c.specificity());
    }

    @Test
    void zeroVoxelConfusionIsDefinedEverywhere() {
        BinaryConfusion c = new BinaryConfusion(0, 0, 0, 0);
        assertEquals(1.0, c.dice());
        assertEquals(1.0, c.iou());
        assertEquals(1.0, c.precision());
        assertEquals(1.0, c.recall());
        assertEquals(1.0, c.specificity());
        assertEquals(1.0, c.accuracy());
    }

    @Test
    void onePassCountsAgreeWithNaiveCountAcrossChunkBoundaries() {
        Geometry g = Geometry.of(40, 30, 20, 0.8, 0.8, 2.5); // 24 000 voxels: more than one chunk
        Random rnd = new Random(7);
        byte[] p = new byte[24_000];
        byte[] t = new byte[24_000];
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) rnd.nextInt(3);
            t[i] = (byte) rnd.nextInt(3);
            boolean a = p[i] == 2;
            boolean b = t[i] == 2;
            tp += a && b ? 1 : 0;
            fp += a && !b ? 1 : 0;
            fn += !a && b ? 1 : 0;
        }
        BinaryConfusion c = BinaryConfusion.of(LabelVolume.of(g, p), LabelVolume.of(g, t), 2);
        assertEquals(new BinaryConfusion(tp, fp, fn, 24_000 - tp - fp - fn), c);
    }

    @Test
    void label255IsReadAsUnsigned() {
        byte[] p = {(byte) 255, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(new BinaryConfusion(1, 0, 0, 9), of(p, p, 255));
    }

    @Test
    void plusPoolsCounts() {
        assertEquals(new BinaryConfusion(3, 5, 7, 9),
                new BinaryConfusion(1, 2, 3, 4).plus(new BinaryConfusion(2, 3, 4, 5)));
    }

    @Test
    void differentGeometriesAreRejectedNamingBoth() {
        LabelVolume a = LabelVolume.of(ROW, PRED.clone());
        LabelVolume b = LabelVolume.of(Geometry.of(10, 1, 1, 1, 1, 2), TRUTH.clone());
        GeometryException e = assertThrows(GeometryException.class, () -> BinaryConfusion.of(a, b, 1));
        assertTrue(e.getMessage().contains("prediction vs truth"), e.getMessage());
        assertTrue(e.getMessage().contains("spacing=(1.000, 1.000, 1.000)")
                && e.getMessage().contains("spacing=(1.000, 1.000, 2.000)"), e.getMessage());
    }

    @Test
    void labelOutsideEightBitsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(PRED, TRUTH, 256));
        assertTrue(e.getMessage().startsWith("label must be in 0..255"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> of(PRED, TRUTH, -1));
    }

    @Test
    void negativeCountIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BinaryConfusion(1, -2, 0, 0));
        assertTrue(e.getMessage().startsWith("fp must be >= 0"), e.getMessage());
    }

    @Test
    void nullVolumeIsRejectedNamingIt() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> BinaryConfusion.of(null, LabelVolume.of(ROW, TRUTH.clone()), 1));
        assertEquals("prediction", e.getMessage());
    }
}
