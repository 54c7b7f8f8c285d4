package org.medimg4j.dicom.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalStringTest {

    @Test
    void shortValuesKeepTheirShortestExactForm() {
        assertEquals("-0.173648178", DecimalString.format(-0.173648178));
        assertEquals("0.5", DecimalString.format(0.5));
        assertEquals("-1024", DecimalString.format(-1024.0));
        assertEquals("0", DecimalString.format(0.0));
        assertEquals("0", DecimalString.format(-0.0));
        assertEquals("1", DecimalString.format(1.0));
        assertEquals("123456789012345", DecimalString.format(123456789012345.0));
    }

    @Test
    void longValuesAreRoundedToSixteenCharactersNotTruncated() {
        // sin(10°) = 0.17364817766693033...: 16 characters leave 13 decimals for a negative value
        assertEquals("-0.1736481776669", DecimalString.format(-Math.sin(Math.toRadians(10))));
        assertEquals("0.17364817766693", DecimalString.format(Math.sin(Math.toRadians(10))));
        assertEquals("0.66666666666667", DecimalString.format(2.0 / 3));
        assertEquals("-123.45678901235", DecimalString.format(-123.456789012345678));
    }

    @Test
    void exponentFormOnlyWhenPlainNotationHoldsFewerDigits() {
        assertEquals("1E-20", DecimalString.format(1e-20));
        assertEquals("-1.2345678901E-8", DecimalString.format(-1.2345678901e-8));
        assertEquals("1.23456789E25", DecimalString.format(1.23456789e25));
        assertEquals("4.9E-324", DecimalString.format(Double.MIN_VALUE));
        assertEquals("1.7976931349E308", DecimalString.format(Double.MAX_VALUE));
        assertEquals("0.0001", DecimalString.format(1e-4));
    }

    @Test
    void everyFormattedValueFitsAndIsAsPreciseAsSixteenCharactersAllow() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n = 0; n < 20000; n++) {
            double v = switch (n % 4) {
                case 0 -> r.nextDouble(-1, 1);                         // direction cosines
                case 1 -> r.nextDouble(-1000, 1000);                   // positions, mm
                case 2 -> Math.scalb(r.nextDouble(-1, 1), r.nextInt(-200, 200));
                default -> Math.rint(r.nextDouble(-1e6, 1e6)) / 64;    // binary fractions
            };
            String s = DecimalString.format(v);
            assertTrue(s.length() <= 16, s);
            assertTrue(s.matches("-?(\\d+\\.?\\d*)(E-?\\d+)?"), s);
            double back = Double.parseDouble(s);
            if (Math.abs(v) < 1 && Math.abs(v) >= 1e-3) {
                assertEquals(v, back, 5.1e-14 * (v < 0 ? 10 : 1), s);
            } else if (Math.abs(v) >= 1 && Math.abs(v) < 1000) {
                assertEquals(v, back, 5.1e-11 * (v < 0 ? 10 : 1), s);
            } else {
                assertEquals(v, back, Math.abs(v) * 1e-9, s);
            }
        }
    }

    @Test
    void nonFiniteValuesAreRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecimalString.format(Double.NaN));
        assertTrue(e.getMessage().contains("value must be finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DecimalString.formatAll(1, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("values[1]"), e.getMessage());
    }

    @Test
    void integerStringsStayWithinTheIsRange() {
        assertEquals("-2147483648", DecimalString.formatInteger(Integer.MIN_VALUE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecimalString.formatInteger(1L << 31));
        assertTrue(e.getMessage().contains("value must lie in"), e.getMessage());
    }
}
