package org.medimg4j.dicom;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Text values to numbers, dates and times by PS3.5 6.2's grammars. Each method throws
 * {@link IllegalArgumentException} whose message says what is wrong with the value, e.g.
 * {@code DS value "1A" is not a decimal number}; callers add the tag and file.
 */
final class ValueParser {

    /** A DT value: local date-time, and its UTC offset when the value has one (null otherwise). */
    record DateTimeValue(LocalDateTime local, ZoneOffset offset) {
    }

    private ValueParser() {
    }

    /**
     * A decimal string (DS): optional sign, digits with an optional point, optional exponent. Java's own
     * {@link Double#parseDouble} also takes "NaN", "0x1p3" and "1d", which DICOM does not.
     */
    static double parseDecimal(String s, VR vr) {
        String t = s.strip();
        int i = 0;
        int n = t.length();
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits > 0 && i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                digits = 0;
            }
        }
        if (digits == 0 || i != n) {
            throw new IllegalArgumentException(vr + " value \"" + s + "\" is not a decimal number");
        }
        return Double.parseDouble(t);
    }

    /** An integer string (IS, or integral text): optional sign and digits, within a signed 64-bit range. */
    static long parseInteger(String s, VR vr) {
        String t = s.strip();
        int start = !t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
        boolean ok = t.length() > start && t.length() - start <= 18;
        for (int i = start; ok && i < t.length(); i++) {
            ok = t.charAt(i) >= '0' && t.charAt(i) <= '9';
        }
        if (!ok) {
            throw new IllegalArgumentException(vr + " value \"" + s + "\" is not an integer");
        }
        return Long.parseLong(t.charAt(0) == '+' ? t.substring(1) : t);
    }

    /** @return {@code v} as an int, or an exception saying it does not fit */
    static int toInt(long v, VR vr) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(vr + " value " + v + " does not fit in a 32-bit int");
        }
        return (int) v;
    }

    /** A date (DA): "YYYYMMDD"; the ACR-NEMA form "YYYY.MM.DD" is accepted too. */
    static LocalDate parseDate(String s) {
        String t = s.strip();
        if (t.length() == 10 && t.charAt(4) == '.' && t.charAt(7) == '.') {
            t = t.substring(0, 4) + t.substring(5, 7) + t.substring(8);
        }
        if (t.length() != 8 || !allDigits(t, 0, 8)) {
            throw new IllegalArgumentException("DA value \"" + s + "\" is not a date YYYYMMDD");
        }
        try {
            return LocalDate.of(num(t, 0, 4), num(t, 4, 6), num(t, 6, 8));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("DA value \"" + s + "\" is not a valid date (" + e.getMessage() + ")");
        }
    }

    /**
     * A time (TM): "HH", "HHMM", "HHMMSS" or "HHMMSS.F" with 1 to 6 fraction digits; the ACR-NEMA form
     * "HH:MM:SS.F" is accepted too. A leap second (60) reads as 59.999999999 s so that it stays a valid time.
     */
    static LocalTime parseTime(String s) {
        String t = s.strip();
        if (t.length() >= 5 && t.charAt(2) == ':') {
            t = t.replace(":", "");
        }
        LocalTime v = timeOrNull(t);
        if (v == null) {
            throw new IllegalArgumentException("TM value \"" + s + "\" is not a time HHMMSS.FFFFFF");
        }
        return v;
    }

    private static LocalTime timeOrNull(String t) {
        int dot = t.indexOf('.');
        String hms = dot < 0 ? t : t.substring(0, dot);
        if ((hms.length() != 2 && hms.length() != 4 && hms.length() != 6) || !allDigits(hms, 0, hms.length())) {
            return null;
        }
        if (dot >= 0 && (hms.length() != 6 || t.length() - dot - 1 < 1 || t.length() - dot - 1 > 6
                || !allDigits(t, dot + 1, t.length()))) {
            return null;
        }
        int h = num(hms, 0, 2);
        int m = hms.length() >= 4 ? num(hms, 2, 4) : 0;
        int sec = hms.length() == 6 ? num(hms, 4, 6) : 0;
        int nanos = 0;
        if (dot >= 0) {
            String f = (t.substring(dot + 1) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(f);
        }
        if (sec == 60) {
            sec = 59;
            nanos = 999_999_999;
        }
        if (h > 23 || m > 59 || sec > 59) {
            return null;
        }
        return LocalTime.of(h, m, sec, nanos);
    }

    /**
     * A date-time (DT): "YYYY[MM[DD[HH[MM[SS[.F]]]]]]" then an optional "&amp;ZZXX" UTC offset; absent components
     * take their least value (month 1, day 1, hour 0...).
     */
    static DateTimeValue parseDateTime(String s) {
        String t = s.strip();
        ZoneOffset offset = null;
        int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
        if (sign > 0) {
            String z = t.substring(sign + 1);
            if (z.length() != 4 || !allDigits(z, 0, 4)) {
                throw new IllegalArgumentException("DT value \"" + s + "\" has a malformed UTC offset");
            }
            int minutes = num(z, 0, 2) * 60 + num(z, 2, 4);
            if (minutes > 14 * 60) {
                throw new IllegalArgumentException("DT value \"" + s + "\" has an offset beyond 14 hours");
            }
            offset = ZoneOffset.ofTotalSeconds((t.charAt(sign) == '-' ? -60 : 60) * minutes);
            t = t.substring(0, sign);
        }
        int dot = t.indexOf('.');
        String main = dot < 0 ? t : t.substring(0, dot);
        int len = main.length();
        if (len < 4 || len > 14 || len % 2 != 0 || !allDigits(main, 0, len) || (dot >= 0 && len != 14)) {
            throw new IllegalArgumentException("DT value \"" + s + "\" is not a date-time YYYYMMDDHHMMSS.FFFFFF");
        }
        try {
            LocalDate date = LocalDate.of(num(main, 0, 4), len >= 6 ? num(main, 4, 6) : 1,
                    len >= 8 ? num(main, 6, 8) : 1);
            LocalTime time = len > 8 ? timeOrNull(t.substring(8)) : LocalTime.MIDNIGHT;
            if (time == null) {
                throw new IllegalArgumentException("DT value \"" + s + "\" has a malformed time");
            }
            return new DateTimeValue(LocalDateTime.of(date, time), offset);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("DT value \"" + s + "\" is not a valid date-time ("
                    + e.getMessage() + ")");
        }
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return from < to;
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }
}
