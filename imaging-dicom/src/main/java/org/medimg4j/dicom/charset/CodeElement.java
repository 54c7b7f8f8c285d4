package org.medimg4j.dicom.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One ISO 2022 code element that DICOM designates (PS3.3 Tables C.12-3 and C.12-4, PS3.5 6.1.2.5): which of
 * G0 / G1 it goes to, how many bytes a character takes, the escape sequence that designates it, and a lookup
 * table from byte values to UTF-16 built once from the JDK charset that holds the same repertoire.
 *
 * <p>Tables instead of a {@link CharsetDecoder} per value keep decoding allocation-free after the first use; the
 * JDK charset is only consulted once per element, lazily, so a JVM that never meets Thai never builds Thai.
 */
enum CodeElement {
    /** ISO-IR 6 (ASCII), G0. Decoded directly, no table. */
    ASCII(true, 1, "(B", null),
    /**
     * ISO-IR 14 (JIS X 0201 Romaji), G0. Decoded as ASCII: it differs only at 5/12 (YEN SIGN) and 7/14
     * (OVERLINE), and 5/12 is the DICOM value delimiter, which readers must still split on (pydicom's
     * shift_jis does the same).
     */
    JIS_X0201_ROMAN(true, 1, "(J", null),
    /** ISO-IR 100 (ISO 8859-1, Latin-1) right half, G1. */
    LATIN1(false, 1, "-A", "ISO-8859-1"),
    /** ISO-IR 101 (ISO 8859-2, Latin-2) right half, G1. */
    LATIN2(false, 1, "-B", "ISO-8859-2"),
    /** ISO-IR 109 (ISO 8859-3, Latin-3) right half, G1. */
    LATIN3(false, 1, "-C", "ISO-8859-3"),
    /** ISO-IR 110 (ISO 8859-4, Latin-4) right half, G1. */
    LATIN4(false, 1, "-D", "ISO-8859-4"),
    /** ISO-IR 144 (ISO 8859-5, Cyrillic) right half, G1. */
    CYRILLIC(false, 1, "-L", "ISO-8859-5"),
    /** ISO-IR 127 (ISO 8859-6, Arabic) right half, G1. */
    ARABIC(false, 1, "-G", "ISO-8859-6"),
    /** ISO-IR 126 (ISO 8859-7, Greek) right half, G1. */
    GREEK(false, 1, "-F", "ISO-8859-7"),
    /** ISO-IR 138 (ISO 8859-8, Hebrew) right half, G1. */
    HEBREW(false, 1, "-H", "ISO-8859-8"),
    /** ISO-IR 148 (ISO 8859-9, Latin-5, Turkish) right half, G1. */
    LATIN5(false, 1, "-M", "ISO-8859-9"),
    /** ISO-IR 203 (ISO 8859-15, Latin-9) right half, G1. */
    LATIN9(false, 1, "-b", "ISO-8859-15"),
    /** ISO-IR 166 (TIS 620-2533, Thai) right half, G1. */
    THAI(false, 1, "-T", "TIS-620"),
    /** ISO-IR 13 (JIS X 0201 Katakana), G1: half-width katakana at A1-DF. */
    JIS_X0201_KATAKANA(false, 1, ")I", "JIS_X0201"),
    /** ISO-IR 87 (JIS X 0208 Kanji), G0, two bytes 21-7E each; table built through EUC-JP (bytes | 0x80). */
    JIS_X0208(true, 2, "$B", "EUC-JP"),
    /** ISO-IR 159 (JIS X 0212 supplementary Kanji), G0; table built through EUC-JP's 8F prefix. */
    JIS_X0212(true, 2, "$(D", "EUC-JP"),
    /** ISO-IR 149 (KS X 1001 Hangul and Hanja), G1, two bytes A1-FE each; table built through EUC-KR. */
    KS_X1001(false, 2, "$)C", "EUC-KR"),
    /** ISO-IR 58 (GB 2312), G1, two bytes A1-FE each; table built through EUC-CN (the JDK's GB2312). */
    GB2312(false, 2, "$)A", "GB2312");

    /** Characters per row and rows of a 94 × 94 double-byte set. */
    static final int ROW = 94;

    private static final char REPLACEMENT = '\uFFFD';

    private static final CodeElement[] VALUES = values();

    private final boolean g0;
    private final int bytesPerChar;
    private final byte[] escape;
    private final String jdkCharset;
    /** Lazily built; a benign race may build it twice, both results are equal. */
    private volatile char[] table;

    CodeElement(boolean g0, int bytesPerChar, String escapeAfterEsc, String jdkCharset) {
        this.g0 = g0;
        this.bytesPerChar = bytesPerChar;
        this.escape = escapeAfterEsc.getBytes(StandardCharsets.US_ASCII);
        this.jdkCharset = jdkCharset;
    }

    /** @return true when the element is designated to G0 (GL, bytes 21-7E), false for G1 (GR, bytes A0-FF) */
    boolean isG0() {
        return g0;
    }

    /** @return 1 for single-byte sets, 2 for the 94 × 94 sets */
    int bytesPerChar() {
        return bytesPerChar;
    }

    /** @return the bytes of the escape sequence after ESC (intermediate bytes and final byte) */
    byte[] escapeSequence() {
        return escape.clone();
    }

    /** @return the name of the JDK charset the table is built from; null for the ASCII-like G0 sets */
    String jdkCharset() {
        return jdkCharset;
    }

    /** @return whether this JVM has the charset the table needs (ASCII-like elements need none) */
    boolean isSupportedByJdk() {
        return jdkCharset == null || charsetOrNull(jdkCharset) != null;
    }

    /**
     * @return for single-byte elements, 128 characters for bytes 80-FF; for double-byte elements, 94 × 94
     *         characters indexed by {@code (first - 0x21) * 94 + (second - 0x21)} with the bytes' high bit
     *         cleared. Unmapped cells and every cell of an element whose JDK charset is absent hold U+FFFD.
     */
    char[] table() {
        char[] t = table;
        if (t == null) {
            t = bytesPerChar == 1 ? buildSingleByteTable(jdkCharset) : buildDoubleByteTable();
            table = t;
        }
        return t;
    }

    /**
     * Names the element an escape sequence designates.
     *
     * @param bytes the value
     * @param from  the first byte after ESC
     * @param end   one past the final byte of the sequence (the caller has delimited it by ISO 2022's syntax:
     *              intermediate bytes 20-2F, then one final byte 30-7E)
     * @return the designated element, or null when the sequence is no DICOM code element's
     */
    static CodeElement forEscape(byte[] bytes, int from, int end) {
        for (CodeElement e : VALUES) {
            byte[] seq = e.escape;
            if (Arrays.equals(bytes, from, end, seq, 0, seq.length)) {
                return e;
            }
        }
        // ESC $ @ designates JIS C 6226-1978, the predecessor of JIS X 0208 that older Japanese systems emit;
        // ISO-2022-JP decoders read it as JIS X 0208 and so do we.
        if (end - from == 2 && bytes[from] == '$' && bytes[from + 1] == '@') {
            return JIS_X0208;
        }
        return null;
    }

    /** Bytes 80-FF of {@code charsetName}, or U+FFFD everywhere when the JDK lacks it. */
    static char[] buildSingleByteTable(String charsetName) {
        char[] t = new char[128];
        Arrays.fill(t, REPLACEMENT);
        Charset cs = charsetOrNull(charsetName);
        if (cs == null) {
            return t;
        }
        CharsetDecoder dec = strictDecoder(cs);
        for (int b = 0x80; b <= 0xFF; b++) {
            t[b - 0x80] = decodeOne(dec, new byte[] {(byte) b});
        }
        return t;
    }

    private char[] buildDoubleByteTable() {
        char[] t = new char[ROW * ROW];
        Arrays.fill(t, REPLACEMENT);
        Charset cs = charsetOrNull(jdkCharset);
        if (cs == null) {
            return t;
        }
        CharsetDecoder dec = strictDecoder(cs);
        // The JDK has no stand-alone JIS X 0212 charset everywhere (x-JIS0212 is missing from some builds), but
        // every EUC-JP decoder reads it behind the single-shift byte 8F.
        boolean ss3 = this == JIS_X0212;
        byte[] cell = ss3 ? new byte[3] : new byte[2];
        if (ss3) {
            cell[0] = (byte) 0x8F;
        }
        int o = ss3 ? 1 : 0;
        for (int r = 0; r < ROW; r++) {
            for (int c = 0; c < ROW; c++) {
                cell[o] = (byte) (0xA1 + r);
                cell[o + 1] = (byte) (0xA1 + c);
                t[r * ROW + c] = decodeOne(dec, cell);
            }
        }
        return t;
    }

    private static CharsetDecoder strictDecoder(Charset cs) {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** @return the one BMP character the bytes decode to, else U+FFFD */
    private static char decodeOne(CharsetDecoder dec, byte[] bytes) {
        try {
            dec.reset();
            CharBuffer out = dec.decode(ByteBuffer.wrap(bytes));
            return out.remaining() == 1 ? out.get(0) : REPLACEMENT;
        } catch (CharacterCodingException e) {
            return REPLACEMENT;
        }
    }

    /** @return the JDK charset, or null when this JVM lacks it (e.g. a jlink image without jdk.charsets) */
    static Charset charsetOrNull(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalCharsetNameException e) {
            return null;
        }
    }
}
