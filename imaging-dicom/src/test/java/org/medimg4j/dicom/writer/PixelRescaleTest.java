package org.medimg4j.dicom.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PixelRescaleTest {

    @Test
    void integerHuWithinInt16IsStoredAsIs() {
        PixelRescale r = PixelRescale.int16(-1024, 3071, true);
        assertTrue(r.isIdentity());
        assertTrue(r.isExact());
        assertEquals(0, r.maxError());
        short[] s = new short[3];
        r.quantise(new float[] {-1024, 0, 3071}, s, 3);
        assertEquals(-1024, s[0]);
        assertEquals(3071, s[2]);
    }

    @Test
    void nonIntegerValuesStayWithinHalfASlopeAtEveryCode() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            double min = rnd.nextDouble(-5000, 5000);
            double max = min + Math.exp(rnd.nextDouble(-10, 12));
            PixelRescale r = PixelRescale.int16(min, max, false);
            assertFalse(r.isExact());
            assertEquals(DecimalString.format(r.slope()), DecimalString.format(Double.parseDouble(
                    DecimalString.format(r.slope()))), "slope is what its DS says");
            assertEquals(Double.parseDouble(DecimalString.format(r.slope())), r.slope(), 0);
            assertEquals(Double.parseDouble(DecimalString.format(r.intercept())), r.intercept(), 0);
            float[] v = new float[1000];
            v[0] = (float) min;
            v[1] = (float) max;
            for (int i = 2; i < v.length; i++) {
                v[i] = (float) rnd.nextDouble(min, max);
            }
            // float rounding of the ends can step just outside [min, max]: use the floats' own range
            float lo = Math.min(v[0], v[1]);
            float hi = Math.max(v[0], v[1]);
            r = PixelRescale.int16(lo, hi, false);
            short[] s = new short[v.length];
            r.quantise(v, s, v.length);
            for (int i = 0; i < v.length; i++) {
                double back = s[i] * r.slope() + r.intercept();
                assertEquals(v[i], back, r.maxError() * (1 + 1e-9) + Math.ulp(Math.abs(v[i])), "trial " + trial);
                assertTrue(s[i] > Short.MIN_VALUE && s[i] < Short.MAX_VALUE, "no clamping: " + s[i]);
            }
        }
    }

    @Test
    void constantVolumesUseTheValueAsIntercept() {
        PixelRescale r = PixelRescale.int16(0.25, 0.25, false);
        assertEquals(1, r.slope());
        assertEquals(0.25, r.intercept());
        short[] s = new short[1];
        r.quantise(new float[] {0.25f}, s, 1);
        assertEquals(0, s[0]);
    }

    @Test
    void unsignedBitsStoredIsAsWideAsTheDataNeeds() {
        assertEquals(12, PixelRescale.uint16(0, 4000, true).bitsStored());
        assertEquals(12, PixelRescale.uint16(0, 1, true).bitsStored());
        assertEquals(13, PixelRescale.uint16(0, 5000, true).bitsStored());
        assertEquals(16, PixelRescale.uint16(0, 65535, true).bitsStored());
        PixelRescale mapped = PixelRescale.uint16(-3.5, 7.25, false);
        assertEquals(16, mapped.bitsStored());
        assertFalse(mapped.isSigned());
        assertTrue(mapped.intercept() <= -3.5);
        short[] s = new short[2];
        mapped.quantise(new float[] {-3.5f, 7.25f}, s, 2);
        assertEquals(0, s[0] & 0xFFFF, 1);
        assertTrue((s[1] & 0xFFFF) > 65000, "max maps near the top: " + (s[1] & 0xFFFF));
        PixelRescale negative = PixelRescale.uint16(-10, 10, true);
        assertFalse(negative.isIdentity(), "negative integers cannot be unsigned as they are");
    }

    @Test
    void badRangesAreRefusedNamingTheBound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PixelRescale.int16(Double.NaN, 1, false));
        assertTrue(e.getMessage().startsWith("min must be finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PixelRescale.uint16(2, 1, false));
        assertTrue(e.getMessage().startsWith("max must be finite and >= min"), e.getMessage());
    }
}
