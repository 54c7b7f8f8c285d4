package org.medimg4j.dicom.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.medimg4j.dicom.charset.EncodedValue.decode;
import static org.medimg4j.dicom.charset.EncodedValue.hex;

import org.junit.jupiter.api.Test;

/** ISO_IR 192 (UTF-8), GB18030 and GBK: one JDK charset decodes the whole value. */
class StandAloneDecodingTest {

    private static final SpecificCharacterSet UTF8 = SpecificCharacterSet.of("ISO_IR 192");
    private static final SpecificCharacterSet GB18030 = SpecificCharacterSet.of("GB18030");
    private static final SpecificCharacterSet GBK = SpecificCharacterSet.of("GBK");

    @Test
    void utf8PersonName() {
        // chrX1.dcm: Wang^XiaoDong=王^小東=
        byte[] v = EncodedValue.of("Wang^XiaoDong=", hex(0xE7, 0x8E, 0x8B), "^",
                hex(0xE5, 0xB0, 0x8F, 0xE6, 0x9D, 0xB1), "=");
        assertEquals("Wang^XiaoDong=\u738B^\u5C0F\u6771=", decode(UTF8, v, true));
        assertFalse(UTF8.usesCodeExtensions());
    }

    @Test
    void utf8SupplementaryCharacterBecomesSurrogatePair() {
        assertEquals("a\uD840\uDC00", decode(UTF8, EncodedValue.of("a", hex(0xF0, 0xA0, 0x80, 0x80)), false));
    }

    @Test
    void gb18030PersonNameAndFourByteSequences() {
        // chrX2.dcm: Wang^XiaoDong=王^小东=
        byte[] v = EncodedValue.of("Wang^XiaoDong=", hex(0xCD, 0xF5), "^", hex(0xD0, 0xA1, 0xB6, 0xAB), "=");
        assertEquals("Wang^XiaoDong=\u738B^\u5C0F\u4E1C=", decode(GB18030, v, true));
        // Four-byte forms: 81 30 81 30 is U+0080, 95 32 82 36 is U+20000.
        assertEquals("\u0080\uD840\uDC00", decode(GB18030, EncodedValue.of(hex(0x81, 0x30, 0x81, 0x30,
                0x95, 0x32, 0x82, 0x36)), false));
    }

    @Test
    void gbkTrailByte5CIsNoDelimiter() {
        // 81 5C is 乗 in GBK; a reader that split the bytes on 5C would break it, the decoded string keeps it.
        assertEquals("\u738B\u4E57\\a", decode(GBK, EncodedValue.of(hex(0xCD, 0xF5, 0x81), "\\\\a"), false));
    }

    @Test
    void malformedSequencesBecomeReplacementCharacters() {
        assertEquals("a\uFFFD", decode(UTF8, EncodedValue.of("a", hex(0xE7, 0x8E)), false));
        assertEquals("\uFFFDb", decode(UTF8, EncodedValue.of(hex(0xFF), "b"), false));
        assertEquals("a\uFFFD", decode(GB18030, EncodedValue.of("a", hex(0xCD)), false));
        assertEquals("a\uFFFD", decode(GBK, EncodedValue.of("a", hex(0xCD)), false));
    }

    @Test
    void escapeIsAnOrdinaryControlCharacterWithoutCodeExtensions() {
        assertEquals("\u001B$B", decode(UTF8, EncodedValue.of(0x1B, "$B"), false));
    }
}
