package org.medimg4j.dicom.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.dicom.charset.EncodedValue.ESC;
import static org.medimg4j.dicom.charset.EncodedValue.decode;
import static org.medimg4j.dicom.charset.EncodedValue.hex;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading (0008,0005): defined terms, spaces, misspellings, unknown and misplaced terms, bad arguments. */
class SpecificCharacterSetTest {

    @Test
    void absentOrEmptyValueIsTheDefaultRepertoire() {
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of());
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of((String[]) null));
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of(""));
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of("  "));
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of((String) null));
        assertEquals(List.of(""), SpecificCharacterSet.DEFAULT.terms());
        assertFalse(SpecificCharacterSet.DEFAULT.usesCodeExtensions());
    }

    @Test
    void surroundingSpacesAreNotPartOfTheTerm() {
        SpecificCharacterSet cs = SpecificCharacterSet.of(" ISO_IR 100 ");
        assertEquals(List.of("ISO_IR 100"), cs.terms());
        assertEquals(List.of(), cs.issues());
        assertEquals("\u00E9", decode(cs, EncodedValue.of(0xE9), false));
    }

    @Test
    void emptyFirstValueWithExtensionsStartsInAscii() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87 ");
        assertEquals(List.of("", "ISO 2022 IR 87"), cs.terms());
        assertTrue(cs.usesCodeExtensions());
        assertEquals(List.of(), cs.issues());
        assertEquals("SpecificCharacterSet[\\ISO 2022 IR 87]", cs.toString());
    }

    @Test
    void commonMisspellingsReadAsTheTermTheyMean() {
        for (String s : new String[] {"ISO-IR 100", "ISO_IR100", "iso_ir 100", "ISO IR 100", "ISO_IR_100",
            "ISO-8859-1"}) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(s);
            assertEquals(List.of("ISO_IR 100"), cs.terms(), s);
            assertEquals(List.of(), cs.unknownTerms(), s);
            assertEquals(List.of("'" + s + "' read as 'ISO_IR 100'"), cs.issues(), s);
            assertEquals("\u00E9", decode(cs, EncodedValue.of(0xE9), false), s);
        }
        assertEquals(List.of("ISO_IR 192"), SpecificCharacterSet.of("UTF-8").terms());
        assertEquals(List.of("", "ISO 2022 IR 87"), SpecificCharacterSet.of("", "ISO2022 IR87").terms());
        assertEquals(List.of("", "ISO 2022 IR 149"), SpecificCharacterSet.of("", "ISO_2022_IR_149").terms());
        assertEquals(List.of("GBK"), SpecificCharacterSet.of("ISO 2022 GBK").terms());
    }

    @Test
    void unknownTermIsListedAndDecodesAsDefaultRepertoire() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 999");
        assertEquals(List.of("ISO_IR 999"), cs.unknownTerms());
        assertEquals(List.of("ISO_IR 999"), cs.terms());
        assertTrue(cs.issues().get(0).contains("unknown defined term 'ISO_IR 999'"), cs.issues().toString());
        assertEquals("J\u00E9r\u00F4me", decode(cs, EncodedValue.of("J", 0xE9, "r", 0xF4, "me"), true));
    }

    @Test
    void unknownExtensionIsListedAndIgnored() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87", "KLINGON");
        assertEquals(List.of("KLINGON"), cs.unknownTerms());
        assertEquals("\u5C71", decode(cs, EncodedValue.of(ESC, "$B;3"), false));
    }

    @Test
    void standAloneSetIgnoresCodeExtensions() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87");
        assertFalse(cs.usesCodeExtensions());
        assertTrue(cs.issues().stream().anyMatch(s -> s.contains("allows no code extensions")), cs.issues()::toString);
        assertEquals("\u738B", decode(cs, EncodedValue.of(hex(0xE7, 0x8E, 0x8B)), false));
    }

    @Test
    void standAloneSetAsExtensionIsIgnored() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO_IR 192");
        assertTrue(cs.issues().stream().anyMatch(s -> s.contains("cannot be a code extension")), cs.issues()::toString);
        assertEquals("\u00E7", decode(cs, EncodedValue.of(0xE7), false));
    }

    @Test
    void singleByteTermWithExtensionsReadAsItsIso2022Form() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 100", "ISO 2022 IR 87");
        assertTrue(cs.usesCodeExtensions());
        assertTrue(cs.issues().contains("'ISO_IR 100' with code extensions read as 'ISO 2022 IR 100'"),
                cs.issues()::toString);
        assertEquals("\u00E9\u5C71", decode(cs, EncodedValue.of(0xE9, ESC, "$B;3"), false));

        SpecificCharacterSet greek = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO_IR 126");
        assertEquals(List.of("'ISO_IR 126' in value 2 read as 'ISO 2022 IR 126'"), greek.issues());
        assertEquals("\u03B1", decode(greek, EncodedValue.of(ESC, "-F", 0xE1), false));
    }

    @Test
    void everyDefinedTermHasItsCharsetInThisJdk() {
        for (DefinedTerm t : DefinedTerm.values()) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(t.term());
            assertEquals(List.of(), cs.unsupportedTerms(), t.term());
            assertEquals(List.of(), cs.issues(), t.term());
            assertEquals(List.of(t.term()), cs.terms());
        }
    }

    @Test
    void missingJdkCharsetGivesReplacementCharactersNotAnError() {
        assertEquals(null, CodeElement.charsetOrNull("x-no-such-charset"));
        assertEquals(null, CodeElement.charsetOrNull("not a charset name!"));
        char[] table = CodeElement.buildSingleByteTable("x-no-such-charset");
        assertEquals(128, table.length);
        for (char c : table) {
            assertEquals('\uFFFD', c);
        }
    }

    @Test
    void equalityFollowsTheTermsAsUnderstood() {
        assertEquals(SpecificCharacterSet.of("ISO_IR 100"), SpecificCharacterSet.of("ISO-IR 100"));
        assertEquals(SpecificCharacterSet.of("ISO_IR 100").hashCode(), SpecificCharacterSet.of("ISO_IR100").hashCode());
        assertEquals(SpecificCharacterSet.of("", "ISO 2022 IR 87"), SpecificCharacterSet.of(" ", "ISO 2022 IR 87"));
        assertNotEquals(SpecificCharacterSet.of("ISO_IR 100"), SpecificCharacterSet.of("ISO_IR 101"));
    }

    @Test
    void decodeRejectsNullBytesNamingTheParameter() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> SpecificCharacterSet.DEFAULT.decode(null, 0, 0, false));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }

    @Test
    void decodeRejectsRangeOutsideTheArrayNamingOffsetAndLength() {
        byte[] b = new byte[4];
        for (int[] range : new int[][] {{-1, 1}, {0, -1}, {3, 2}, {5, 0}, {Integer.MAX_VALUE, 2}}) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> SpecificCharacterSet.of("ISO_IR 192").decode(b, range[0], range[1], false));
            assertTrue(e.getMessage().contains("offset " + range[0]) && e.getMessage().contains("length " + range[1]),
                    e.getMessage());
        }
    }
}
