package org.medimg4j.dicom.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.medimg4j.dicom.charset.EncodedValue.ESC;
import static org.medimg4j.dicom.charset.EncodedValue.decode;
import static org.medimg4j.dicom.charset.EncodedValue.hex;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SingleByteDecodingTest {

    /** Term without extensions, its ISO 2022 form, its G1 escape final bytes, bytes 80-FF, expected text. */
    static Stream<Arguments> sets() {
        return Stream.of(
                Arguments.of("ISO_IR 100", "-A", hex(0xE9, 0xF4, 0xC4), "\u00E9\u00F4\u00C4"), // éôÄ
                Arguments.of("ISO_IR 101", "-B", hex(0xA3, 0xB1, 0xF8), "\u0141\u0105\u0159"), // Łąř
                Arguments.of("ISO_IR 109", "-C", hex(0xA1, 0xF8), "\u0126\u011D"), // Ħĝ
                Arguments.of("ISO_IR 110", "-D", hex(0xE0, 0xB3), "\u0101\u0157"), // āŗ
                Arguments.of("ISO_IR 144", "-L", hex(0xB6, 0xEF, 0xBB), "\u0416\u044F\u041B"), // ЖяЛ
                Arguments.of("ISO_IR 127", "-G", hex(0xC7, 0xD9), "\u0627\u0639"), // اع
                Arguments.of("ISO_IR 126", "-F", hex(0xD9, 0xE1), "\u03A9\u03B1"), // Ωα
                Arguments.of("ISO_IR 138", "-H", hex(0xE0, 0xF9), "\u05D0\u05E9"), // אש
                Arguments.of("ISO_IR 148", "-M", hex(0xF0, 0xFE, 0xDD), "\u011F\u015F\u0130"), // ğşİ
                Arguments.of("ISO_IR 203", "-b", hex(0xA4, 0xBE), "\u20AC\u0178"), // €Ÿ
                Arguments.of("ISO_IR 13", ")I", hex(0xB1, 0xDF), "\uFF71\uFF9F"), // ｱﾟ half-width
                Arguments.of("ISO_IR 166", "-T", hex(0xA1, 0xDF), "\u0E01\u0E3F")); // ก฿
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void singleByteSetDecodesItsUpperHalf(String term, String escape, int[] high, String expected) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(term);
        assertEquals("Ab" + expected + "^z", decode(cs, EncodedValue.of("Ab", high, "^z"), true));
        assertEquals(false, cs.usesCodeExtensions());
        assertEquals(0, cs.issues().size(), () -> cs.issues().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void iso2022FormDecodesTheSameBytesAsInitialG1(String term, String escape, int[] high, String expected) {
        String iso2022 = "ISO 2022 IR " + term.substring("ISO_IR ".length());
        SpecificCharacterSet cs = SpecificCharacterSet.of(iso2022);
        assertEquals(true, cs.usesCodeExtensions());
        assertEquals("Ab" + expected, decode(cs, EncodedValue.of("Ab", high), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void escapeSequenceDesignatesTheSetToG1(String term, String escape, int[] high, String expected) {
        String iso2022 = "ISO 2022 IR " + term.substring("ISO_IR ".length());
        SpecificCharacterSet cs = SpecificCharacterSet.of("", iso2022);
        assertEquals("x" + expected, decode(cs, EncodedValue.of("x", ESC, escape, high), false));
    }

    @Test
    void jisX0201RomanDecodesDelimiterAndTildeAsAscii() {
        // 5/12 is YEN SIGN in JIS X 0201 but also the DICOM value delimiter, which the parser splits on.
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 13");
        assertEquals("a\\b~", decode(cs, EncodedValue.of("a\\b~"), false));
        assertEquals("\uFF94\uFF8F\uFF80\uFF9E", decode(cs, EncodedValue.of(hex(0xD4, 0xCF, 0xC0, 0xDE)), true));
    }

    @Test
    void defaultRepertoireReadsUpperHalfAsLatin1() {
        assertEquals("Buc^J\u00E9r\u00F4me",
                decode(SpecificCharacterSet.DEFAULT, EncodedValue.of("Buc^J", 0xE9, "r", 0xF4, "me"), true));
        assertEquals("Buc^J\u00E9r\u00F4me",
                decode(SpecificCharacterSet.of("ISO_IR 6"), EncodedValue.of("Buc^J", 0xE9, "r", 0xF4, "me"), true));
    }

    @Test
    void asciiValueDecodesUnchangedInEverySet() {
        byte[] ascii = EncodedValue.of("Doe^John\\CT 1.2 ");
        for (DefinedTerm t : DefinedTerm.values()) {
            assertEquals("Doe^John\\CT 1.2 ", decode(SpecificCharacterSet.of(t.term()), ascii, true), t.term());
        }
    }

    @Test
    void decodesOnlyTheGivenRange() {
        byte[] buf = EncodedValue.of("xx", 0xE9, "t", 0xE9, "yy");
        assertEquals("\u00E9t\u00E9", SpecificCharacterSet.of("ISO_IR 100").decode(buf, 2, 3, false));
        assertEquals("", SpecificCharacterSet.of("ISO_IR 100").decode(buf, 7, 0, false));
    }

    @Test
    void unmappedByteDecodesToReplacementCharacter() {
        // A1 is not assigned in ISO 8859-6 (Arabic); A0-DF outside the katakana are C1/unassigned in JIS X 0201.
        assertEquals("\uFFFD", decode(SpecificCharacterSet.of("ISO_IR 127"), EncodedValue.of(0xA1), false));
        assertEquals("\uFFFD", decode(SpecificCharacterSet.of("ISO_IR 13"), EncodedValue.of(0xE0), false));
    }
}
