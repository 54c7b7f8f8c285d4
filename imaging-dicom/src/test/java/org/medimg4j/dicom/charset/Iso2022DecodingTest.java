package org.medimg4j.dicom.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.dicom.charset.EncodedValue.ESC;
import static org.medimg4j.dicom.charset.EncodedValue.decode;
import static org.medimg4j.dicom.charset.EncodedValue.hex;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ISO 2022 code extensions, with the examples of PS3.5 Annexes H, I, J and K. */
class Iso2022DecodingTest {

    private static final SpecificCharacterSet JAPANESE = SpecificCharacterSet.of("", "ISO 2022 IR 87");
    private static final SpecificCharacterSet JAPANESE_KATAKANA =
            SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");
    private static final SpecificCharacterSet KOREAN = SpecificCharacterSet.of("", "ISO 2022 IR 149");
    private static final SpecificCharacterSet LATIN_GREEK =
            SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 126");

    @Test
    void jisX0208PersonNameInAllThreeGroups() {
        // PS3.5 H.3.1 (pydicom chrH31.dcm).
        byte[] v = EncodedValue.of("Yamada^Tarou=", ESC, "$B;3ED", ESC, "(B^", ESC, "$BB@O:", ESC, "(B=",
                ESC, "$B$d$^$@", ESC, "(B^", ESC, "$B$?$m$&", ESC, "(B");
        assertEquals("Yamada^Tarou=\u5C71\u7530^\u592A\u90CE=\u3084\u307E\u3060^\u305F\u308D\u3046",
                decode(JAPANESE, v, true));
    }

    @Test
    void jisX0201KatakanaInitialG1WithJisX0208() {
        // PS3.5 H.3.2 (chrH32.dcm): katakana in GR without escape because value 1 designates it; the writer
        // returns to G0 with ESC ( J, JIS X 0201 Romaji.
        byte[] v = EncodedValue.of(hex(0xD4, 0xCF, 0xC0, 0xDE), "^", hex(0xC0, 0xDB, 0xB3), "=", ESC, "$B;3ED",
                ESC, "(J^", ESC, "$BB@O:", ESC, "(J=", ESC, "$B$d$^$@", ESC, "(J^", ESC, "$B$?$m$&", ESC, "(J");
        assertEquals("\uFF94\uFF8F\uFF80\uFF9E^\uFF80\uFF9B\uFF73=\u5C71\u7530^\u592A\u90CE="
                + "\u3084\u307E\u3060^\u305F\u308D\u3046", decode(JAPANESE_KATAKANA, v, true));
    }

    @Test
    void ksX1001InG1WithEscapePerComponent() {
        // PS3.5 I.2 (chrI2.dcm): Hong^Gildong=洪^吉洞=홍^길동.
        byte[] v = EncodedValue.of("Hong^Gildong=", ESC, "$)C", hex(0xFB, 0xF3), "^", ESC, "$)C",
                hex(0xD1, 0xCE, 0xD4, 0xD7), "=", ESC, "$)C", hex(0xC8, 0xAB), "^", ESC, "$)C",
                hex(0xB1, 0xE6, 0xB5, 0xBF));
        assertEquals("Hong^Gildong=\u6D2A^\u5409\u6D1E=\uD64D^\uAE38\uB3D9", decode(KOREAN, v, true));
    }

    @Test
    void gb2312InG1() {
        // PS3.5 K.2-style: GB 2312 designated to G1 with ESC $ ) A.
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 58");
        byte[] v = EncodedValue.of("Wang^XiaoDong=", ESC, "$)A", hex(0xCD, 0xF5), "^", ESC, "$)A",
                hex(0xD0, 0xA1, 0xB6, 0xAB), "=");
        assertEquals("Wang^XiaoDong=\u738B^\u5C0F\u4E1C=", decode(cs, v, true));
    }

    @Test
    void jisX0212InG0() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159");
        // JIS X 0212 0x3021 is 丂 (U+4E02); JIS X 0208 0x3B33 is 山.
        assertEquals("\u4E02\u5C71a", decode(cs, EncodedValue.of(ESC, "$(D0!", ESC, "$B;3", ESC, "(Ba"), false));
    }

    @Test
    void delimiterBytesInsideDoubleByteRunArePartsOfCharacters() {
        // 24 5E is ま and 30 5C is 移: '^' and '\' are halves of characters while G0 holds JIS X 0208.
        assertEquals("\u3084\u307E\u3060", decode(JAPANESE, EncodedValue.of(ESC, "$B$d$^$@"), true));
        assertEquals("\u79FB\\a", decode(JAPANESE, EncodedValue.of(ESC, "$B0\\", ESC, "(B\\a"), false));
    }

    @Test
    void valueDelimiterResetsG1ToTheInitialSet() {
        // Greek designated, then '\': the next value starts again with Latin-1 in G1.
        byte[] v = EncodedValue.of(ESC, "-F", 0xE1, "\\", 0xE1);
        assertEquals("\u03B1\\\u00E1", decode(LATIN_GREEK, v, false));
        assertEquals("\u03B1\\\u00E1", decode(LATIN_GREEK, v, true));
    }

    @Test
    void componentAndGroupDelimitersResetOnlyInPersonNames() {
        for (String delimiter : new String[] {"^", "="}) {
            byte[] v = EncodedValue.of(ESC, "-F", 0xE1, delimiter, 0xE1);
            assertEquals("\u03B1" + delimiter + "\u00E1", decode(LATIN_GREEK, v, true), delimiter);
            assertEquals("\u03B1" + delimiter + "\u03B1", decode(LATIN_GREEK, v, false), delimiter);
        }
    }

    @Test
    void lineAndFieldControlsResetInText() {
        for (String control : new String[] {"\r\n", "\n", "\f", "\t"}) {
            byte[] v = EncodedValue.of(ESC, "-F", 0xE1, control, 0xE1);
            assertEquals("\u03B1" + control + "\u00E1", decode(LATIN_GREEK, v, false));
        }
        // Also out of a double-byte G0 set: after CR LF the bytes are ASCII again.
        assertEquals("\u5C71\r\n;3", decode(JAPANESE, EncodedValue.of(ESC, "$B;3\r\n;3"), false));
    }

    @Test
    void resetReturnsToInitialG0() {
        // After '\' G0 is ASCII again even though the writer never sent ESC ( B.
        assertEquals("\u5C71\\;3", decode(JAPANESE, EncodedValue.of(ESC, "$B;3", ESC, "(B\\;3"), false));
        assertEquals("\u5C71\r;3", decode(JAPANESE, EncodedValue.of(ESC, "$B;3\r;3"), true));
    }

    @Test
    void multiValuedKoreanValueKeepsDelimiter() {
        // chrKoreanMulti.dcm (0010,1001): 김희중\김희중 with a trailing pad space.
        int[] kim = hex(0xB1, 0xE8, 0xC8, 0xF1, 0xC1, 0xDF);
        byte[] v = EncodedValue.of(ESC, "$)C", kim, ESC, "(B\\", ESC, "$)C", kim, ESC, "(B ");
        assertEquals("\uAE40\uD76C\uC911\\\uAE40\uD76C\uC911 ", decode(KOREAN, v, true));
    }

    @Test
    void koreanWithoutRedesignationFallsBackToDeclaredG1Set() {
        // Writers that send ESC $ ) C once per value and then rely on it past a '^' are common in Korean
        // archives; with G1 empty the first declared G1 set (KS X 1001) reads the bytes.
        byte[] v = EncodedValue.of(ESC, "$)C", hex(0xB1, 0xE8), "^", hex(0xC8, 0xF1));
        assertEquals("\uAE40^\uD76C", decode(KOREAN, v, true));
        // ISO 2022 IR 149 as value 1 designates KS X 1001 initially, so raw EUC-KR decodes without escapes.
        assertEquals("\uAE40\uD76C\uC911",
                decode(SpecificCharacterSet.of("ISO 2022 IR 149"), EncodedValue.of(0xB1, 0xE8, 0xC8, 0xF1, 0xC1, 0xDF),
                        true));
    }

    @Test
    void escapeOfUndeclaredDicomSetIsHonoured() {
        // (0008,0005) lists only JIS X 0208, but the value designates KS X 1001: decode it rather than lose it.
        assertEquals("\uAE40", decode(JAPANESE, EncodedValue.of(ESC, "$)C", 0xB1, 0xE8), false));
    }

    @Test
    void unknownEscapeSequenceBecomesOneReplacementCharacter() {
        assertEquals("a\uFFFDb", decode(JAPANESE, EncodedValue.of("a", ESC, "(Zb"), false));
        assertEquals("a\uFFFDb", decode(JAPANESE, EncodedValue.of("a", ESC, "$)Zb"), false));
        // No final byte: only the ESC is lost, the rest reads as text.
        assertEquals("a\uFFFD$", decode(JAPANESE, EncodedValue.of("a", ESC, "$"), false));
        assertEquals("a\uFFFD", decode(JAPANESE, EncodedValue.of("a", ESC), false));
        assertEquals("\uFFFD    (B", decode(JAPANESE, EncodedValue.of(ESC, "    (B"), false));
    }

    @Test
    void truncatedOrBrokenDoubleByteCharactersBecomeReplacementCharacters() {
        assertEquals("\u5C71\uFFFD", decode(JAPANESE, EncodedValue.of(ESC, "$B;3;"), false));
        assertEquals("\uFFFD\n", decode(JAPANESE, EncodedValue.of(ESC, "$B;\n"), false));
        assertEquals("\uFFFD", decode(KOREAN, EncodedValue.of(ESC, "$)C", 0xB1), false));
        assertEquals("\uFFFDA", decode(KOREAN, EncodedValue.of(ESC, "$)C", 0xB1, "A"), false));
        assertEquals("\uFFFD\uFFFD", decode(KOREAN, EncodedValue.of(ESC, "$)C", 0x80, 0xFF), false));
    }

    @Test
    void outputNeverLongerThanInputOnArbitraryBytes() {
        Random random = new Random(20240514L);
        SpecificCharacterSet[] sets = {JAPANESE, JAPANESE_KATAKANA, KOREAN, LATIN_GREEK,
            SpecificCharacterSet.of("", "ISO 2022 IR 58", "ISO 2022 IR 159")};
        byte[] alphabet = EncodedValue.of(ESC, ESC, ESC, "$()-BCDJIA@^=\\\r\n", 0xA1, 0xB1, 0xFE, 0x80, 0xFF);
        for (int round = 0; round < 2000; round++) {
            byte[] v = new byte[random.nextInt(40)];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            for (SpecificCharacterSet cs : sets) {
                String s = decode(cs, v, random.nextBoolean());
                assertTrue(s.length() <= v.length, () -> cs + " grew " + Arrays.toString(v));
            }
        }
    }
}
