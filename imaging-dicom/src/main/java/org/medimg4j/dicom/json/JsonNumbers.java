package org.medimg4j.dicom.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * DS and IS values (decimal and integer strings, PS3.5 6.2) as JSON number tokens. The text of a DS is kept when it
 * already is a JSON number (RFC 8259 section 6), so no digit is lost or invented; a DS that DICOM allows but JSON
 * does not ({@code "+1"}, {@code ".5"}, {@code "5."}, {@code "007"}) is normalised through {@link BigDecimal},
 * still exactly. A value that is no number at all (a malformed file) is written as a JSON string rather than
 * dropped, so the reader sees what the file holds.
 */
final class JsonNumbers {

    /** The JSON number grammar (RFC 8259 section 6). */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private JsonNumbers() {
    }

    /** Writes a DS value (already trimmed of padding) as a number, or as a string when it is not one. */
    static void writeDecimal(String ds, JsonGenerator g) throws IOException {
        if (JSON_NUMBER.matcher(ds).matches()) {
            g.writeNumber(ds);
            return;
        }
        BigDecimal d = parse(ds);
        if (d == null) {
            g.writeString(ds);
        } else {
            g.writeNumber(d);
        }
    }

    /** Writes an IS value as an integer; a decimal (seen in real files) as a number; else as a string. */
    static void writeInteger(String is, JsonGenerator g) throws IOException {
        try {
            g.writeNumber(Long.parseLong(is));
            return;
        } catch (NumberFormatException e) {
            // not a plain integer: a decimal such as "1.0", or malformed; handled below
        }
        writeDecimal(is, g);
    }

    private static BigDecimal parse(String s) {
        // BigDecimal reads every DS form (sign, leading or trailing point, exponent) exactly.
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
