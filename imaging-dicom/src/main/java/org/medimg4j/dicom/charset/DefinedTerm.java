package org.medimg4j.dicom.charset;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The defined terms of Specific Character Set (0008,0005), PS3.3 C.12.1.1.2 Tables C.12-2 to C.12-5, with the
 * code elements each one designates and the spellings we accept for it.
 */
enum DefinedTerm {
    // Single-byte, no code extensions (Table C.12-2). ISO_IR 6 is not a defined term of the standard (the
    // default repertoire is an empty value 1) but writers use it so often that it is not worth a complaint.
    ISO_IR_6("ISO_IR 6", Kind.SINGLE_BYTE, CodeElement.ASCII, null, null),
    ISO_IR_100("ISO_IR 100", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.LATIN1, null),
    ISO_IR_101("ISO_IR 101", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.LATIN2, null),
    ISO_IR_109("ISO_IR 109", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.LATIN3, null),
    ISO_IR_110("ISO_IR 110", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.LATIN4, null),
    ISO_IR_144("ISO_IR 144", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.CYRILLIC, null),
    ISO_IR_127("ISO_IR 127", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.ARABIC, null),
    ISO_IR_126("ISO_IR 126", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.GREEK, null),
    ISO_IR_138("ISO_IR 138", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.HEBREW, null),
    ISO_IR_148("ISO_IR 148", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.LATIN5, null),
    ISO_IR_203("ISO_IR 203", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.LATIN9, null),
    ISO_IR_13("ISO_IR 13", Kind.SINGLE_BYTE, CodeElement.JIS_X0201_ROMAN, CodeElement.JIS_X0201_KATAKANA, null),
    ISO_IR_166("ISO_IR 166", Kind.SINGLE_BYTE, CodeElement.ASCII, CodeElement.THAI, null),
    // Stand-alone multi-byte sets without code extensions (Table C.12-5).
    ISO_IR_192("ISO_IR 192", Kind.STAND_ALONE, null, null, "UTF-8"),
    GB18030("GB18030", Kind.STAND_ALONE, null, null, "GB18030"),
    GBK("GBK", Kind.STAND_ALONE, null, null, "GBK"),
    // Single-byte with code extensions (Table C.12-3).
    ISO_2022_IR_6("ISO 2022 IR 6", Kind.ISO_2022, CodeElement.ASCII, null, null),
    ISO_2022_IR_100("ISO 2022 IR 100", Kind.ISO_2022, CodeElement.ASCII, CodeElement.LATIN1, null),
    ISO_2022_IR_101("ISO 2022 IR 101", Kind.ISO_2022, CodeElement.ASCII, CodeElement.LATIN2, null),
    ISO_2022_IR_109("ISO 2022 IR 109", Kind.ISO_2022, CodeElement.ASCII, CodeElement.LATIN3, null),
    ISO_2022_IR_110("ISO 2022 IR 110", Kind.ISO_2022, CodeElement.ASCII, CodeElement.LATIN4, null),
    ISO_2022_IR_144("ISO 2022 IR 144", Kind.ISO_2022, CodeElement.ASCII, CodeElement.CYRILLIC, null),
    ISO_2022_IR_127("ISO 2022 IR 127", Kind.ISO_2022, CodeElement.ASCII, CodeElement.ARABIC, null),
    ISO_2022_IR_126("ISO 2022 IR 126", Kind.ISO_2022, CodeElement.ASCII, CodeElement.GREEK, null),
    ISO_2022_IR_138("ISO 2022 IR 138", Kind.ISO_2022, CodeElement.ASCII, CodeElement.HEBREW, null),
    ISO_2022_IR_148("ISO 2022 IR 148", Kind.ISO_2022, CodeElement.ASCII, CodeElement.LATIN5, null),
    ISO_2022_IR_203("ISO 2022 IR 203", Kind.ISO_2022, CodeElement.ASCII, CodeElement.LATIN9, null),
    ISO_2022_IR_13("ISO 2022 IR 13", Kind.ISO_2022, CodeElement.JIS_X0201_ROMAN,
            CodeElement.JIS_X0201_KATAKANA, null),
    ISO_2022_IR_166("ISO 2022 IR 166", Kind.ISO_2022, CodeElement.ASCII, CodeElement.THAI, null),
    // Multi-byte with code extensions (Table C.12-4).
    ISO_2022_IR_87("ISO 2022 IR 87", Kind.ISO_2022, CodeElement.JIS_X0208, null, null),
    ISO_2022_IR_159("ISO 2022 IR 159", Kind.ISO_2022, CodeElement.JIS_X0212, null, null),
    ISO_2022_IR_149("ISO 2022 IR 149", Kind.ISO_2022, null, CodeElement.KS_X1001, null),
    ISO_2022_IR_58("ISO 2022 IR 58", Kind.ISO_2022, null, CodeElement.GB2312, null);

    /** How a term decodes. */
    enum Kind {
        /** ASCII in GL, one 96-character set in GR, no escape sequences. */
        SINGLE_BYTE,
        /** A JDK charset decodes the whole value (UTF-8, GB18030, GBK); no code extensions allowed. */
        STAND_ALONE,
        /** ISO 2022 code extensions: escape sequences switch G0 and G1. */
        ISO_2022
    }

    private static final Map<String, DefinedTerm> EXACT = new HashMap<>();
    private static final Map<String, DefinedTerm> LOOSE = new HashMap<>();

    static {
        for (DefinedTerm t : values()) {
            EXACT.put(t.term, t);
            LOOSE.put(compact(t.term), t);
        }
        // Spellings seen in archives and in other toolkits' alias tables; each maps to the term it obviously means.
        alias(ISO_IR_6, "ASCII", "US-ASCII", "ISO 646");
        alias(ISO_IR_100, "ISO-8859-1", "LATIN1", "LATIN-1");
        alias(ISO_IR_101, "ISO-8859-2", "LATIN2");
        alias(ISO_IR_109, "ISO-8859-3", "LATIN3");
        alias(ISO_IR_110, "ISO-8859-4", "LATIN4");
        alias(ISO_IR_144, "ISO-8859-5");
        alias(ISO_IR_127, "ISO-8859-6");
        alias(ISO_IR_126, "ISO-8859-7");
        alias(ISO_IR_138, "ISO-8859-8");
        alias(ISO_IR_148, "ISO-8859-9", "LATIN5");
        alias(ISO_IR_203, "ISO-8859-15", "LATIN9");
        alias(ISO_IR_166, "TIS-620", "TIS 620");
        alias(ISO_IR_192, "UTF-8", "UTF8", "ISO 2022 IR 192");
        alias(GB18030, "ISO 2022 GB18030");
        // CP-1234 and pydicom list "ISO 2022 GBK" and "ISO 2022 58".
        alias(GBK, "ISO 2022 GBK");
        alias(ISO_2022_IR_58, "ISO 2022 58", "ISO_IR 58", "GB2312");
        // The multi-byte sets exist only with code extensions; "ISO_IR 87" can only mean the ISO 2022 term.
        alias(ISO_2022_IR_87, "ISO_IR 87");
        alias(ISO_2022_IR_159, "ISO_IR 159");
        alias(ISO_2022_IR_149, "ISO_IR 149");
    }

    private final String term;
    private final Kind kind;
    private final CodeElement g0;
    private final CodeElement g1;
    private final String jdkCharset;

    DefinedTerm(String term, Kind kind, CodeElement g0, CodeElement g1, String jdkCharset) {
        this.term = term;
        this.kind = kind;
        this.g0 = g0;
        this.g1 = g1;
        this.jdkCharset = jdkCharset;
    }

    private static void alias(DefinedTerm t, String... spellings) {
        for (String s : spellings) {
            LOOSE.put(compact(s), t);
        }
    }

    /** @return the defined term as the standard spells it, e.g. {@code "ISO 2022 IR 87"} */
    String term() {
        return term;
    }

    Kind kind() {
        return kind;
    }

    /** @return the element designated to G0 initially; null when the term designates none (IR 149, IR 58) */
    CodeElement g0() {
        return g0;
    }

    /** @return the element designated to G1 initially; null when the term designates none */
    CodeElement g1() {
        return g1;
    }

    /** @return for stand-alone terms, the JDK charset that decodes them; else null */
    String jdkCharset() {
        return jdkCharset;
    }

    /**
     * @return the same repertoire with code extensions: {@code ISO_IR 100} → {@code ISO 2022 IR 100}; stand-alone
     *         and ISO 2022 terms return themselves
     */
    DefinedTerm withCodeExtensions() {
        if (kind != Kind.SINGLE_BYTE) {
            return this;
        }
        return valueOf("ISO_2022_" + name().substring("ISO_".length()));
    }

    /** @return whether every JDK charset this term needs is present in this JVM */
    boolean isSupportedByJdk() {
        if (jdkCharset != null && CodeElement.charsetOrNull(jdkCharset) == null) {
            return false;
        }
        return (g0 == null || g0.isSupportedByJdk()) && (g1 == null || g1.isSupportedByJdk());
    }

    /** @return the term spelled exactly as the standard does (after trimming), else null */
    static DefinedTerm exact(String value) {
        return EXACT.get(value);
    }

    /**
     * @return the term a misspelling means, ignoring case, spaces, '_' and '-' ("ISO-IR 100", "ISO_IR100",
     *         "iso_ir_100"), plus the aliases above; null when nothing matches
     */
    static DefinedTerm loose(String value) {
        return LOOSE.get(compact(value));
    }

    private static String compact(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '_' && c != '-') {
                sb.append(c);
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
