package org.medimg4j.dicom.writer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats numbers as DICOM text numbers: Decimal String (DS) and Integer String (IS), PS3.5 6.2.
 *
 * <p>A DS value holds at most 16 characters ({@code 0-9 + - E e .}). {@link #format(double)} writes the most
 * precise decimal that fits: the shortest decimal that reads back as the same {@code double} when it fits (so
 * {@code -0.173648178} stays {@code "-0.173648178"}), else the value rounded half-even to as many significant
 * digits as 16 characters allow, in plain notation when that fits and in exponent notation ({@code "1.5E-20"})
 * only when plain notation cannot hold as many digits. The result never exceeds 16 characters, and its relative
 * error is at most half a unit in its last digit: for a coordinate in (−1000, 1000) mm that is below 1e-10 mm,
 * for a direction cosine in [−1, 1] below 1e-13.
 */
public final class DecimalString {

    /** The longest DS value, characters (PS3.5 table 6.2-1). */
    public static final int MAX_DS_LENGTH = 16;

    /** The longest IS value, characters (PS3.5 table 6.2-1). */
    public static final int MAX_IS_LENGTH = 12;

    private DecimalString() {
    }

    /**
     * @param value a finite number
     * @return the most precise decimal text for {@code value} of at most 16 characters
     * @throws IllegalArgumentException if {@code value} is NaN or infinite (DS has no such values)
     */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite to be written as a Decimal String (DS), got "
                    + value);
        }
        if (value == 0) {
            return "0";   // also for −0.0: "-0" is legal DS but says nothing more
        }
        // The shortest decimal that round-trips: Double.toString always reads back as the same double.
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String text = render(shortest);
        if (text != null) {
            return text;
        }
        // Too long: round the exact binary value (not the decimal above, which would round twice).
        BigDecimal exact = new BigDecimal(value);
        for (int digits = shortest.precision() - 1; digits >= 1; digits--) {
            text = render(exact.round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros());
            if (text != null) {
                return text;
            }
        }
        // One significant digit with an exponent needs at most 7 characters ("-4.9E-324" is reached above).
        throw new IllegalStateException("no Decimal String of 16 characters for " + value);
    }

    /**
     * @param values finite numbers
     * @return each value formatted by {@link #format(double)}, in order
     * @throws IllegalArgumentException if a value is NaN or infinite, naming its index
     */
    public static String[] formatAll(double... values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] must be finite to be written as a Decimal"
                        + " String (DS), got " + values[i]);
            }
            out[i] = format(values[i]);
        }
        return out;
    }

    /**
     * @param value an integer
     * @return its Integer String (IS) text
     * @throws IllegalArgumentException if it lies outside the IS range, −2³¹ to 2³¹−1 (PS3.5 6.2)
     */
    public static String formatInteger(long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("value must lie in [-2^31, 2^31-1] to be written as an Integer"
                    + " String (IS), got " + value);
        }
        return Long.toString(value);
    }

    /** @return plain notation when it fits 16 characters, else exponent notation when that fits, else null */
    private static String render(BigDecimal d) {
        String plain = d.toPlainString();
        if (plain.length() <= MAX_DS_LENGTH) {
            return plain;
        }
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        StringBuilder s = new StringBuilder(MAX_DS_LENGTH + 8);
        if (d.signum() < 0) {
            s.append('-');
        }
        s.append(digits.charAt(0));
        if (digits.length() > 1) {
            s.append('.').append(digits, 1, digits.length());
        }
        s.append('E').append(exponent);
        return s.length() <= MAX_DS_LENGTH ? s.toString() : null;
    }
}
