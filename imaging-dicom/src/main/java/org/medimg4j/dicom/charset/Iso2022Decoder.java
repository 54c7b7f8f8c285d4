package org.medimg4j.dicom.charset;

/**
 * Decodes values written with ISO 2022 code extensions (PS3.5 6.1.2.5, Annexes H, I, J, K): escape sequences
 * designate code elements to G0 (bytes 21-7E) and G1 (bytes A0-FF); G0 is always invoked in GL and G1 in GR, no
 * locking shifts (PS3.5 6.1.2.5.1). Immutable and thread-safe; the designation state lives in one call.
 *
 * <p>The designations return to the initial ones (those of value 1 of (0008,0005)) at each value delimiter 5/12,
 * at CR, LF, FF and TAB, and for person names at the component and group delimiters '^' and '=' (PS3.5
 * 6.1.2.5.3). Those bytes act as delimiters only while G0 holds a single-byte set: inside a JIS X 0208 or
 * JIS X 0212 run they are halves of a character (e.g. 24 5E is "ま"), and a conforming writer has switched back
 * to the initial set before any delimiter.
 *
 * <p>Lenient by design, because archives hold what writers produced: an escape sequence of a DICOM code element
 * is honoured even when (0008,0005) does not list that element; an unknown escape sequence, a lone ESC, a
 * truncated or out-of-range double-byte character each decode to one U+FFFD and decoding goes on; bytes 80-FF
 * while G1 holds nothing decode with the fallback element (the first G1 set (0008,0005) lists, else
 * ISO 8859-1), which reads Korean files that omit the re-designation after a delimiter. Never throws on
 * content, and the output never has more characters than the input has bytes.
 */
final class Iso2022Decoder {

    private static final int ESC = 0x1B;
    private static final char REPLACEMENT = '\uFFFD';
    /** ISO 2022 escape sequences have at most three intermediate bytes in every set DICOM uses. */
    private static final int MAX_INTERMEDIATES = 3;

    private final CodeElement initialG0;
    private final CodeElement initialG1;
    private final CodeElement fallbackG1;

    /**
     * @param initialG0  the single-byte G0 set in effect at the start of each value and after each delimiter
     *                   (ASCII or JIS X 0201 Romaji)
     * @param initialG1  the G1 set in effect initially, or null
     * @param fallbackG1 the G1 set used for bytes 80-FF while no G1 set is designated; never null
     */
    Iso2022Decoder(CodeElement initialG0, CodeElement initialG1, CodeElement fallbackG1) {
        if (initialG0.bytesPerChar() != 1 || !initialG0.isG0()) {
            throw new IllegalArgumentException("initialG0 must be a single-byte G0 set, got " + initialG0);
        }
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.fallbackG1 = fallbackG1;
    }

    /** Decodes {@code length} bytes from {@code offset}; the caller has checked the range. */
    String decode(byte[] bytes, int offset, int length, boolean personName) {
        char[] out = new char[length];
        int n = 0;
        // G0 is single-byte iff g0Table == null; ASCII and JIS X 0201 Romaji decode alike (see CodeElement).
        char[] g0Table = null;
        CodeElement resetG1 = initialG1 != null ? initialG1 : fallbackG1;
        char[] resetG1Table = resetG1.table();
        boolean resetG1Double = resetG1.bytesPerChar() == 2;
        char[] g1Table = resetG1Table;
        boolean g1Double = resetG1Double;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int c = bytes[i] & 0xFF;
            if (c == ESC) {
                int seqEnd = escapeSequenceEnd(bytes, i + 1, end);
                CodeElement e = seqEnd < 0 ? null : CodeElement.forEscape(bytes, i + 1, seqEnd);
                if (e == null) {
                    out[n++] = REPLACEMENT;
                    // An ill-formed sequence costs only the ESC; a well-formed unknown one is skipped whole.
                    i = seqEnd < 0 ? i + 1 : seqEnd;
                } else {
                    if (e.isG0()) {
                        g0Table = e.bytesPerChar() == 2 ? e.table() : null;
                    } else {
                        g1Table = e.table();
                        g1Double = e.bytesPerChar() == 2;
                    }
                    i = seqEnd;
                }
            } else if (c < 0x80) {
                if (g0Table != null && c > 0x20 && c < 0x7F) {
                    int c2 = i + 1 < end ? bytes[i + 1] & 0xFF : -1;
                    if (c2 > 0x20 && c2 < 0x7F) {
                        out[n++] = g0Table[(c - 0x21) * CodeElement.ROW + (c2 - 0x21)];
                        i += 2;
                    } else {
                        out[n++] = REPLACEMENT;
                        i++;
                    }
                } else {
                    out[n++] = (char) c;
                    i++;
                    if (resetsDesignations(c, personName)) {
                        g0Table = null;
                        g1Table = resetG1Table;
                        g1Double = resetG1Double;
                    }
                }
            } else if (g1Double) {
                int c2 = i + 1 < end ? bytes[i + 1] & 0xFF : -1;
                if (c >= 0xA1 && c <= 0xFE && c2 >= 0xA1 && c2 <= 0xFE) {
                    out[n++] = g1Table[(c - 0xA1) * CodeElement.ROW + (c2 - 0xA1)];
                    i += 2;
                } else {
                    out[n++] = REPLACEMENT;
                    i++;
                }
            } else {
                out[n++] = g1Table[c - 0x80];
                i++;
            }
        }
        return new String(out, 0, n);
    }

    /**
     * PS3.5 6.1.2.5.3: the initial designations are in effect again after a value delimiter and any control
     * character that ends a line or field, and in person names after each component and group delimiter.
     */
    private static boolean resetsDesignations(int c, boolean personName) {
        switch (c) {
            case '\\':
            case '\r':
            case '\n':
            case '\f':
            case '\t':
                return true;
            case '^':
            case '=':
                return personName;
            default:
                return false;
        }
    }

    /**
     * @param from the byte after ESC
     * @return one past the final byte when intermediates 20-2F (at most three) and a final byte 30-7E follow,
     *         else -1
     */
    private static int escapeSequenceEnd(byte[] bytes, int from, int end) {
        int j = from;
        while (j < end && (bytes[j] & 0xFF) >= 0x20 && (bytes[j] & 0xFF) <= 0x2F) {
            if (j - from == MAX_INTERMEDIATES) {
                return -1;
            }
            j++;
        }
        if (j < end && (bytes[j] & 0xFF) >= 0x30 && (bytes[j] & 0xFF) <= 0x7E) {
            return j + 1;
        }
        return -1;
    }
}
