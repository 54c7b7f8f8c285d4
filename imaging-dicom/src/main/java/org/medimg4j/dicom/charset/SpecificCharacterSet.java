package org.medimg4j.dicom.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The character repertoires of a data set, from Specific Character Set (0008,0005) (PS3.3 C.12.1.1.2), and the
 * decoding of its text and person-name values to Unicode (PS3.5 section 6.1, Annexes H, I, J, K).
 *
 * <p>Supported: the default repertoire (ISO_IR 6, ASCII); the single-byte sets ISO_IR 100, 101, 109, 110, 144,
 * 127, 126, 138, 148, 203, 13 and 166; the stand-alone multi-byte sets ISO_IR 192 (UTF-8), GB18030 and GBK; and
 * ISO 2022 with code extensions: ISO 2022 IR 6, 100, 101, 109, 110, 144, 127, 126, 138, 148, 203, 13, 166, 87
 * (JIS X 0208), 159 (JIS X 0212), 149 (KS X 1001) and 58 (GB 2312).
 *
 * <p>Reading never fails on what a file says: an unknown term is listed by {@link #unknownTerms()} and decodes as
 * the default repertoire; common misspellings ("ISO-IR 100", "ISO_IR100", "iso_ir 100", "UTF-8") are read as
 * the term they mean; a term whose JDK charset this JVM lacks is listed by {@link #unsupportedTerms()} and its
 * characters decode to U+FFFD; {@link #issues()} says in words what was corrected, ignored or unavailable.
 * Bytes 80-FF in the default repertoire decode as ISO 8859-1, as pydicom does, because files that omit
 * (0008,0005) yet carry Latin-1 names are common and U+FFFD would lose them.
 *
 * <p>Immutable and thread-safe. Obtain one per data set (and per sequence item that has its own (0008,0005)) with
 * {@link #of(String...)}; {@link #DEFAULT} stands for an absent or empty (0008,0005).
 */
public final class SpecificCharacterSet {

    /** The default repertoire: ASCII, with bytes 80-FF read as ISO 8859-1 (see the class comment). */
    public static final SpecificCharacterSet DEFAULT;

    /** One shared instance per correctly spelled single term: most files name one, and of() runs per data set. */
    private static final Map<String, SpecificCharacterSet> SINGLE_TERM;

    static {
        DEFAULT = build(new String[] {""});
        Map<String, SpecificCharacterSet> single = new HashMap<>();
        for (DefinedTerm t : DefinedTerm.values()) {
            single.put(t.term(), build(new String[] {t.term()}));
        }
        SINGLE_TERM = Map.copyOf(single);
    }

    private enum Mode { LATIN1, SINGLE_BYTE, STAND_ALONE, ISO_2022 }

    private final List<String> terms;
    private final List<String> unknownTerms;
    private final List<String> unsupportedTerms;
    private final List<String> issues;
    private final Mode mode;
    /** SINGLE_BYTE: the set of bytes 80-FF, its table built at first use. */
    private final CodeElement high;
    /** STAND_ALONE without its JDK charset: every byte 80-FF decodes to U+FFFD. */
    private final char[] unavailable;
    /** STAND_ALONE: the JDK charset; null when this JVM lacks it. */
    private final Charset charset;
    /** ISO_2022: the state machine. */
    private final Iso2022Decoder iso2022;

    private SpecificCharacterSet(List<String> terms, List<String> unknownTerms, List<String> unsupportedTerms,
                                 List<String> issues, Mode mode, CodeElement high, Charset charset,
                                 Iso2022Decoder iso2022) {
        this.terms = Collections.unmodifiableList(terms);
        this.unknownTerms = Collections.unmodifiableList(unknownTerms);
        this.unsupportedTerms = Collections.unmodifiableList(unsupportedTerms);
        this.issues = Collections.unmodifiableList(issues);
        this.mode = mode;
        this.high = high;
        this.charset = charset;
        this.unavailable = mode == Mode.STAND_ALONE && charset == null ? CodeElement.buildSingleByteTable(null) : null;
        this.iso2022 = iso2022;
    }

    /**
     * @param definedTerms the values of (0008,0005) as read, leading and trailing spaces allowed; an empty (or
     *                     null) value 1 means the default repertoire, as in {@code "\ISO 2022 IR 87"}; no values
     *                     (or a null array) mean the default repertoire
     * @return the character set; never null, never throws on unknown or misspelled terms
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        if (definedTerms == null || definedTerms.length == 0) {
            return DEFAULT;
        }
        if (definedTerms.length == 1) {
            String v = definedTerms[0] == null ? "" : definedTerms[0].strip();
            if (v.isEmpty()) {
                return DEFAULT;
            }
            SpecificCharacterSet cached = SINGLE_TERM.get(v);
            if (cached != null) {
                return cached;
            }
        }
        return build(definedTerms);
    }

    private static SpecificCharacterSet build(String[] values) {
        List<String> terms = new ArrayList<>(values.length);
        List<String> unknown = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        List<String> issues = new ArrayList<>();
        List<DefinedTerm> resolved = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            String raw = values[i] == null ? "" : values[i].strip();
            DefinedTerm t = resolve(raw, i, unknown, issues);
            terms.add(t == null ? raw : t.term());
            resolved.add(t);
            if (t != null && !t.isSupportedByJdk() && !unsupported.contains(t.term())) {
                unsupported.add(t.term());
                issues.add("'" + t.term() + "' needs a charset this JVM lacks: its characters decode to U+FFFD");
            }
        }

        DefinedTerm first = resolved.get(0);
        List<DefinedTerm> extensions = new ArrayList<>();
        for (int i = 1; i < resolved.size(); i++) {
            DefinedTerm t = resolved.get(i);
            if (t == null) {
                continue;
            }
            if (t.kind() == DefinedTerm.Kind.STAND_ALONE) {
                // PS3.3 C.12.1.1.2: UTF-8, GB18030 and GBK cannot be combined with code extensions.
                issues.add("'" + t.term() + "' in value " + (i + 1) + " ignored: it cannot be a code extension");
            } else {
                if (t.withCodeExtensions() != t) {
                    issues.add("'" + t.term() + "' in value " + (i + 1) + " read as '" + t.withCodeExtensions().term()
                            + "'");
                }
                extensions.add(t.withCodeExtensions());
            }
        }

        if (first != null && first.kind() == DefinedTerm.Kind.STAND_ALONE) {
            if (values.length > 1) {
                issues.add("values after '" + first.term() + "' ignored: it allows no code extensions");
            }
            Charset cs = CodeElement.charsetOrNull(first.jdkCharset());
            return new SpecificCharacterSet(terms, unknown, unsupported, issues, Mode.STAND_ALONE, null, cs, null);
        }
        boolean iso2022 = !extensions.isEmpty() || (first != null && first.kind() == DefinedTerm.Kind.ISO_2022);
        if (!iso2022) {
            if (first == null || first.g1() == null) {
                return new SpecificCharacterSet(terms, unknown, unsupported, issues, Mode.LATIN1, null, null, null);
            }
            return new SpecificCharacterSet(terms, unknown, unsupported, issues, Mode.SINGLE_BYTE, first.g1(), null,
                    null);
        }

        DefinedTerm initial = first == null ? DefinedTerm.ISO_2022_IR_6 : first.withCodeExtensions();
        if (first != null && first != initial) {
            issues.add("'" + first.term() + "' with code extensions read as '" + initial.term() + "'");
        }
        // PS3.5 6.1.2.5.1: value 1's elements are designated initially. A multi-byte G0 set in value 1 would
        // make every ASCII byte half a Kanji, which no writer means; G0 then starts as ASCII.
        CodeElement g0 = initial.g0() != null && initial.g0().bytesPerChar() == 1 ? initial.g0() : CodeElement.ASCII;
        CodeElement g1 = initial.g1();
        CodeElement fallback = g1;
        for (int i = 0; fallback == null && i < extensions.size(); i++) {
            fallback = extensions.get(i).g1();
        }
        if (fallback == null) {
            fallback = CodeElement.LATIN1;
        }
        return new SpecificCharacterSet(terms, unknown, unsupported, issues, Mode.ISO_2022, null, null,
                new Iso2022Decoder(g0, g1, fallback));
    }

    /** @return the term {@code raw} stands for, or null for the default repertoire and for unknown terms */
    private static DefinedTerm resolve(String raw, int index, List<String> unknown, List<String> issues) {
        if (raw.isEmpty()) {
            if (index > 0) {
                issues.add("empty value " + (index + 1) + " ignored");
            }
            return null;
        }
        DefinedTerm t = DefinedTerm.exact(raw);
        if (t != null) {
            return t;
        }
        t = DefinedTerm.loose(raw);
        if (t != null) {
            issues.add("'" + raw + "' read as '" + t.term() + "'");
            return t;
        }
        unknown.add(raw);
        issues.add("unknown defined term '" + raw + "' in value " + (index + 1)
                + (index == 0 ? ": decoded as the default repertoire" : ": ignored"));
        return null;
    }

    /**
     * Decodes one attribute value, as stored, to Unicode. Pass the whole value field: for multi-valued
     * attributes the value delimiters stay in the result as '\' (split the string, not the bytes: in GB18030,
     * GBK and JIS X 0208 the byte 5C can be half of a character); trailing padding is not removed.
     *
     * @param bytes      the buffer holding the value
     * @param offset     index of the value's first byte in {@code bytes}
     * @param length     the value's length in bytes
     * @param personName true for PN values: '^' and '=' then also return ISO 2022 designations to the initial
     *                   ones (PS3.5 6.1.2.5.3); false for other text VRs (SH, LO, ST, LT, UC, UT)
     * @return the decoded text; malformed or unmappable bytes become U+FFFD, never an exception
     * @throws NullPointerException      if {@code bytes} is null
     * @throws IndexOutOfBoundsException if {@code offset} or {@code length} lie outside {@code bytes}
     */
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        if (bytes == null) {
            throw new NullPointerException("bytes must not be null");
        }
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " do not fit bytes of length " + bytes.length);
        }
        if (mode == Mode.LATIN1 || isPlainAscii(bytes, offset, length)) {
            // The common case: ISO 8859-1 → String is a plain copy into a compact Latin-1 string, no decoder.
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        switch (mode) {
            case SINGLE_BYTE:
                return decodeSingleByte(bytes, offset, length, high.table());
            case STAND_ALONE:
                return charset != null ? new String(bytes, offset, length, charset)
                        : decodeSingleByte(bytes, offset, length, unavailable);
            default:
                return iso2022.decode(bytes, offset, length, personName);
        }
    }

    /** @return true when no byte is 80-FF or ESC, so every set decodes the value as ASCII */
    private static boolean isPlainAscii(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = bytes[i];
            if (b < 0 || b == 0x1B) {
                return false;
            }
        }
        return true;
    }

    private static String decodeSingleByte(byte[] bytes, int offset, int length, char[] high) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            int c = bytes[offset + i] & 0xFF;
            out[i] = c < 0x80 ? (char) c : high[c - 0x80];
        }
        return new String(out);
    }

    /**
     * @return the values of (0008,0005) as understood, in order: recognised terms spelled as the standard spells
     *         them, unknown ones as given (trimmed), "" for the default repertoire in value 1
     */
    public List<String> terms() {
        return terms;
    }

    /** @return the values that name no defined term (trimmed, as given); empty when all were recognised */
    public List<String> unknownTerms() {
        return unknownTerms;
    }

    /** @return recognised terms whose JDK charset this JVM lacks; their characters decode to U+FFFD */
    public List<String> unsupportedTerms() {
        return unsupportedTerms;
    }

    /**
     * @return one sentence per deviation from the standard that reading corrected or ignored (misspelled,
     *         unknown, misplaced or unavailable terms), for a reader to log; empty for a conforming value
     */
    public List<String> issues() {
        return issues;
    }

    /** @return whether values may hold ISO 2022 escape sequences that switch character sets */
    public boolean usesCodeExtensions() {
        return mode == Mode.ISO_2022;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet && terms.equals(((SpecificCharacterSet) o).terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    /** @return e.g. {@code SpecificCharacterSet[\ISO 2022 IR 87]} */
    @Override
    public String toString() {
        return "SpecificCharacterSet[" + String.join("\\", terms) + "]";
    }
}
