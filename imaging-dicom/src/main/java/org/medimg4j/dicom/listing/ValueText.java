package org.medimg4j.dicom.listing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.medimg4j.dicom.VR;

/**
 * The value column of a dump line, as dcmdump writes it: text in brackets with values separated by backslashes,
 * binary numbers and tags bare, OB/UN as hex bytes and OW as hex words, and anything longer than the width cut
 * to whole values (or characters, for text) followed by "...". Values past the cut are never formatted, so a
 * large binary value costs no more than its first few numbers.
 */
final class ValueText {

    /** Shown for an empty value (dcmdump's wording). */
    static final String NO_VALUE = "(no value available)";

    private static final String ELLIPSIS = "...";

    private final int maxWidth;

    /** @param maxWidth the longest value text in characters before it is cut (at least 4) */
    ValueText(int maxWidth) {
        this.maxWidth = maxWidth;
    }

    /** @return the text values in brackets, joined by backslashes, cut to the width */
    String text(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append('\\');
            }
            escape(values.get(i), sb);
            if (sb.length() > maxWidth) {
                return sb.substring(0, maxWidth - ELLIPSIS.length()) + ELLIPSIS;
            }
        }
        sb.append(']');
        return sb.length() > maxWidth ? sb.substring(0, maxWidth - ELLIPSIS.length()) + ELLIPSIS : sb.toString();
    }

    /**
     * Control characters (CR, LF in LT/UT) would break the one-line-per-element layout: shown escaped. Stops once
     * the text is past the width, so a long UT costs no more than its start.
     */
    private void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length() && sb.length() <= maxWidth; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7F) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
    }

    /**
     * @param count how many values there are
     * @param value formats value i
     * @return the values joined by backslashes; when longer than the width, the whole values that fit in the width
     *         less 3, then "..."
     */
    String list(int count, IntFunction<String> value) {
        StringBuilder sb = new StringBuilder();
        int fit = 0;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append('\\');
            }
            sb.append(value.apply(i));
            if (sb.length() <= maxWidth - ELLIPSIS.length()) {
                fit = sb.length();
            }
            if (sb.length() > maxWidth) {
                return sb.substring(0, fit) + ELLIPSIS;
            }
        }
        return sb.toString();
    }

    /**
     * @param b   the value bytes, in the data set's byte order (position 0)
     * @param vr  a binary VR: a number (US SS UL SL FL FD SV UV), AT, or a byte/word stream (OB OW OL OV OF OD UN)
     * @param all the length of the whole value in bytes, which {@code b} may hold only the start of
     * @return the values as dcmdump shows them; "..." when {@code b} is shorter than the value
     */
    String binary(ByteBuffer b, VR vr, long all) {
        int size = vr.bytesPerValue();
        int n = b.remaining() / size;
        String s = list(n, i -> binaryValue(b, vr, i * size));
        return all > b.remaining() && !s.endsWith(ELLIPSIS) ? s + ELLIPSIS : s;
    }

    /** @return how many bytes of a value of {@code vr} can show within the width, plus one value (to see the cut) */
    int bytesShown(VR vr) {
        int size = vr.bytesPerValue();
        // The narrowest value text is one character plus its separator.
        return (maxWidth / 2 + 1) * size;
    }

    private static String binaryValue(ByteBuffer b, VR vr, int p) {
        switch (vr) {
            case OB:
            case UN:
                return hex(b.get(p) & 0xFF, 2);
            case OW:
                return hex(b.getShort(p) & 0xFFFF, 4);
            case US:
                return Integer.toString(b.getShort(p) & 0xFFFF);
            case SS:
                return Short.toString(b.getShort(p));
            case UL:
            case OL:
                return Long.toString(b.getInt(p) & 0xFFFFFFFFL);
            case SL:
                return Integer.toString(b.getInt(p));
            case SV:
                return Long.toString(b.getLong(p));
            case UV:
            case OV:
                return Long.toUnsignedString(b.getLong(p));
            case FL:
            case OF:
                return real(Float.toString(b.getFloat(p)));
            case FD:
            case OD:
                return real(Double.toString(b.getDouble(p)));
            case AT:
                return "(" + hex(b.getShort(p) & 0xFFFF, 4) + "," + hex(b.getShort(p + 2) & 0xFFFF, 4) + ")";
            default:
                throw new IllegalArgumentException("vr " + vr + " is not binary");
        }
    }

    /** @return Java's shortest round-trip decimal, without a pointless ".0" ("0" rather than "0.0", like dcmdump) */
    private static String real(String s) {
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** @return {@code v} in lower-case hex, zero-padded to {@code digits} (dcmdump's form) */
    static String hex(long v, int digits) {
        String h = Long.toHexString(v);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }
}
