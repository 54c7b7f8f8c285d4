package org.medimg4j.dicom.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataDictionaryTest {

    private final DataDictionary dict = DataDictionary.standard();

    @Test
    void coversTheWholeStandard() {
        assertTrue(dict.size() > 4900, "entries: " + dict.size());
    }

    @Test
    void looksUpByTagAndKeyword() {
        DictionaryEntry pn = dict.lookup(Tag.PatientName).orElseThrow();
        assertEquals("PN", pn.vr());
        assertEquals("PatientName", pn.keyword());
        assertEquals(0x00100010, Tag.PatientName);
        assertEquals(Tag.ImagePositionPatient, dict.tagOf("ImagePositionPatient").getAsInt());
        assertEquals("DS", dict.implicitVr(Tag.ImagePositionPatient));
        assertEquals("3", dict.lookup(Tag.ImagePositionPatient).orElseThrow().vm());
        assertFalse(dict.tagOf("NoSuchKeyword").isPresent());
    }

    @Test
    void newerVrsAreKnown() {
        assertEquals("UR", dict.implicitVr(dict.tagOf("RetrieveURL").getAsInt()));
        assertEquals("OV", dict.implicitVr(dict.tagOf("ExtendedOffsetTable").getAsInt()));
        assertEquals("OV", dict.implicitVr(dict.tagOf("ExtendedOffsetTableLengths").getAsInt()));
        assertEquals("UV", dict.implicitVr(dict.tagOf("SelectorUVValue").getAsInt()));
    }

    @Test
    void repeatingGroupsGroupLengthsAndPrivateTags() {
        assertEquals("OverlayData", dict.keyword(0x60023000));
        assertEquals("OB/OW", dict.lookup(0x601E3000).orElseThrow().vr());
        assertEquals("OW", dict.implicitVr(0x7FE00010));
        assertEquals("UL", dict.implicitVr(0x00180000));
        assertEquals("LO", dict.implicitVr(0x00290010));
        assertEquals("UN", dict.implicitVr(0x00291010));
        assertTrue(dict.lookup(0x00291010).isEmpty());
        assertTrue(dict.lookup(Tag.SmallestImagePixelValue).orElseThrow().vr().contains("SS"));
        assertTrue(dict.lookup(0x00203105).orElseThrow().retired());
    }

    @Test
    void formatsTags() {
        assertEquals("(7FE0,0010)", DataDictionary.format(0x7FE00010));
    }
}
