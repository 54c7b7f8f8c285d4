package org.medimg4j.dicom.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.transform.intensity.WindowLevel;

/**
 * Expected values are worked out by hand from the formulas of PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2
 * (LINEAR_EXACT) and C.11.2.1.3.1 (SIGMOID), written out in each test rather than taken from the code under test.
 */
class VoiLutTest {

    private static float[] run(VoiLut lut, float... in) {
        float[] out = new float[in.length];
        lut.apply(in, 0, out, 0, in.length);
        return out;
    }

    @Test
    void linearWindowHasTheHalfUnitOffsetAtBothEdges() {
        // c = 40, w = 400: ymin up to 40 − 0.5 − 399/2 = −160; ymax above 40 − 0.5 + 399/2 = 239.
        VoiLut lut = VoiLut.of(VoiWindow.of(40, 400), 0, 255);
        float[] out = run(lut, -1000, -160, -159.5f, 39.5f, 40, 238, 239, 239.5f, 3000);
        // −159.5: ((−159.5 − 39.5)/399 + 0.5)·255 = (−199/399 + 1/2)·255 = (1/798)·255
        // 39.5: exactly the middle; 40: (0.5/399 + 0.5)·255; 238: (198.5/399 + 0.5)·255; 239: (199.5/399 + 0.5) = 1
        float[] expected = {0, 0, (float) (255.0 / 798), 127.5f, (float) ((0.5 / 399 + 0.5) * 255),
            (float) ((198.5 / 399 + 0.5) * 255), 255, 255, 255};
        assertArrayEquals(expected, out, 1e-4f);
        assertEquals(0f, out[1], 0f, "the lower clamp point gives ymin exactly");
        assertEquals(255f, out[6], 0f, "the upper clamp point gives ymax exactly");
        assertEquals(-160, VoiWindow.of(40, 400).lowerClamp(), 0);
        assertEquals(239, VoiWindow.of(40, 400).upperClamp(), 0);
    }

    @Test
    void linearExactWindowHasNoOffset() {
        // c = 40, w = 400: ymin up to 40 − 200 = −160, ymax above 240; y = ((x − 40)/400 + 0.5)
        VoiLut lut = VoiLut.of(VoiWindow.of(40, 400, VoiFunction.LINEAR_EXACT), 0, 1);
        float[] out = run(lut, -160, -159, 40, 239, 240, 240.001f);
        assertArrayEquals(new float[] {0, 0.0025f, 0.5f, 0.9975f, 1, 1}, out, 1e-6f);
        assertEquals(0f, out[0], 0f);
        assertEquals(1f, out[4], 0f);
    }

    @Test
    void sigmoidFollowsTheLogisticCurve() {
        // y = 1 / (1 + exp(−4 (x − c) / w)), c = 40, w = 400: at c ± w/2 the exponent is ∓2.
        VoiLut lut = VoiLut.of(VoiWindow.of(40, 400, VoiFunction.SIGMOID), 0, 1);
        float[] out = run(lut, 40, 240, -160, 100000);
        assertEquals(0.5f, out[0], 1e-7f);
        assertEquals((float) (1 / (1 + Math.exp(-2))), out[1], 1e-7f);
        assertEquals((float) (1 / (1 + Math.exp(2))), out[2], 1e-7f);
        assertEquals(1f, out[3], 1e-7f);
        // onto [−1, 1]: y = 2 / (1 + e^{−2}) − 1 at the upper half-width
        assertEquals(2 / (1 + Math.exp(-2)) - 1,
                VoiLut.of(VoiWindow.of(40, 400, VoiFunction.SIGMOID), -1, 1).apply(240), 1e-12);
    }

    @Test
    void linearWidthOneIsAStepAtCenterMinusHalf() {
        VoiLut lut = VoiLut.of(VoiWindow.of(100, 1), 0, 1);
        assertArrayEquals(new float[] {0, 0, 1, 1}, run(lut, 0, 99.5f, 99.51f, 100), 0f);
    }

    @Test
    void widthBelowTheFunctionsMinimumIsRefusedNamingWidth() {
        IllegalArgumentException linear = assertThrows(IllegalArgumentException.class, () -> VoiWindow.of(0, 0.5));
        assertTrue(linear.getMessage().contains("width") && linear.getMessage().contains(">= 1"),
                linear.getMessage());
        for (VoiFunction f : new VoiFunction[] {VoiFunction.LINEAR_EXACT, VoiFunction.SIGMOID}) {
            for (double w : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> VoiWindow.of(0, w, f));
                assertTrue(e.getMessage().contains("width") && e.getMessage().contains("> 0"), e.getMessage());
            }
        }
        assertEquals(0.5, VoiWindow.of(0, 0.5, VoiFunction.LINEAR_EXACT).width());
        IllegalArgumentException center = assertThrows(IllegalArgumentException.class,
                () -> VoiWindow.of(Double.NaN, 10));
        assertTrue(center.getMessage().contains("center"), center.getMessage());
    }

    @Test
    void emptyOutputRangeIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VoiLut.of(VoiWindow.of(0, 10), 1, 1));
        assertTrue(e.getMessage().contains("yMin") && e.getMessage().contains("yMax"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VoiLut.of(VoiWindow.of(0, 10), 0, Double.NaN));
    }

    @Test
    void tableIsLookedUpAtTheNearestIntegerAndScaledOntoTheRange() {
        LookupTable t = new LookupTable(10, new int[] {0, 100, 4095}, 12);
        VoiLut lut = VoiLut.of(t, 0, 1);
        float[] out = run(lut, -5, 10, 11, 11.4f, 11.5f, 12, 500, Float.NaN);
        assertArrayEquals(new float[] {0, 0, 100f / 4095, 100f / 4095, 1, 1, 1}, java.util.Arrays.copyOf(out, 7),
                1e-7f);
        assertTrue(Float.isNaN(out[7]));
        assertEquals(255.0 * 100 / 4095, VoiLut.of(t, 0, 255).apply(11), 1e-9);
    }

    @Test
    void mirroredLutShowsTheInvertedImageAsTheOriginalShowsTheOriginal() {
        double sum = 4095;
        VoiWindow[] windows = {VoiWindow.of(1500, 1001), VoiWindow.of(1500, 1000, VoiFunction.LINEAR_EXACT),
            VoiWindow.of(1500, 800, VoiFunction.SIGMOID)};
        for (VoiWindow w : windows) {
            VoiLut lut = VoiLut.of(w, 0, 1);
            VoiLut mirrored = lut.mirrored(sum);
            VoiLut viaWindow = VoiLut.of(w.mirrored(sum), 0, 1);
            assertTrue(mirrored.isMirrored());
            for (int x = 0; x <= 4095; x += 7) {
                double expected = 1 - lut.apply(x);
                assertEquals(expected, mirrored.apply(sum - x), 1e-12, w + " at " + x);
                assertEquals(expected, viaWindow.apply(sum - x), 1e-12, w + " mirrored window at " + x);
            }
            assertEquals(lut.apply(1234.5), lut.mirrored(sum).mirrored(sum).apply(1234.5), 1e-12);
        }
        LookupTable t = new LookupTable(0, new int[] {0, 10, 20, 255}, 8);
        VoiLut table = VoiLut.of(t, 0, 1).mirrored(3);
        assertEquals(1 - 20 / 255.0, table.apply(1), 1e-12);   // 3 − 1 = 2 → entry 20, inverted
    }

    @Test
    void fullRangeLinearWindowIsItsOwnMirror() {
        // c 2048, w 4096 over 12 bits: ymin at −0.5 − ... ≤ 0 … and the mirrored centre is 4095 + 1 − 2048 = 2048.
        VoiWindow w = VoiWindow.of(2048, 4096);
        assertEquals(2048, w.mirrored(4095).center(), 0);
        assertEquals(2047, VoiWindow.of(2048, 4096, VoiFunction.LINEAR_EXACT).mirrored(4095).center(), 0);
        assertEquals("BONE", new VoiWindow(1, 2, VoiFunction.LINEAR, "BONE").mirrored(10).explanation());
    }

    @Test
    void arrayPathMatchesTheScalarFormulaAndWorksInPlace() {
        VoiWindow[] windows = {VoiWindow.of(-600, 1500), VoiWindow.of(50, 350, VoiFunction.LINEAR_EXACT),
            VoiWindow.of(40, 80, VoiFunction.SIGMOID)};
        float[] in = new float[3000];
        for (int i = 0; i < in.length; i++) {
            in[i] = -1500 + i * 1.1f;
        }
        for (VoiWindow w : windows) {
            VoiLut lut = VoiLut.of(w, 0, 255);
            float[] out = new float[in.length + 4];
            lut.apply(in, 0, out, 4, in.length);
            float[] inPlace = in.clone();
            lut.applyInPlace(inPlace);
            for (int i = 0; i < in.length; i++) {
                float scalar = (float) w.apply(in[i], 0, 255);
                assertEquals(scalar, out[i + 4], 0f, w + " at " + in[i]);
                assertEquals(scalar, inPlace[i], 0f);
                assertTrue(out[i + 4] >= 0 && out[i + 4] <= 255);
            }
        }
        assertTrue(Float.isNaN(run(VoiLut.of(VoiWindow.of(0, 10), 0, 1), Float.NaN)[0]));
        assertThrows(IndexOutOfBoundsException.class,
                () -> VoiLut.of(VoiWindow.of(0, 10), 0, 1).apply(new float[2], 1, new float[2], 0, 2));
    }

    @Test
    void valueRangeWindowMapsMinimumToZeroAndMaximumToOne() {
        VoiLut lut = VoiLut.ofRange(100, 300, 0, 1);
        assertArrayEquals(new float[] {0, 0, 0.5f, 1, 1}, run(lut, 50, 100, 200, 300, 400), 0f);
        assertEquals(0.5, VoiLut.ofRange(5, 5, 0, 1).apply(5), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VoiLut.ofRange(3, 2, 0, 1));
        assertTrue(e.getMessage().contains("lo") && e.getMessage().contains("hi"), e.getMessage());
    }

    @Test
    void windowsConvertToTheCoreWindowLevelWithTheSameClampPoints() {
        WindowLevel linear = VoiWindow.of(40, 401).toWindowLevel();
        assertEquals(VoiWindow.of(40, 401).lowerClamp(), linear.lowerHu(), 1e-12);
        assertEquals(VoiWindow.of(40, 401).upperClamp(), linear.upperHu(), 1e-12);
        WindowLevel exact = VoiWindow.of(40, 400, VoiFunction.LINEAR_EXACT).toWindowLevel();
        assertEquals(-160, exact.lowerHu(), 0);
        assertEquals(240, exact.upperHu(), 0);
        assertThrows(IllegalStateException.class, () -> VoiWindow.of(40, 400, VoiFunction.SIGMOID).toWindowLevel());
        assertThrows(IllegalStateException.class, () -> VoiWindow.of(40, 1).toWindowLevel());
        VoiWindow fromCore = VoiWindow.fromWindowLevel(WindowLevel.lung());
        assertEquals(new VoiWindow(-600, 1500, VoiFunction.LINEAR_EXACT, "WindowLevel"), fromCore);
        assertEquals(-1350, fromCore.lowerClamp(), 0);
        assertEquals(150, fromCore.upperClamp(), 0);
    }
}
