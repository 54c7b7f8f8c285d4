package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.dictionary.Tag;

/** Typed getters: what they return, and what the require variants say when a value is absent or malformed. */
class AttributesTest {

    private static Attributes attrs(DicomBytes d) throws Exception {
        return DicomBytes.read(d.bytes()).dataSet();
    }

    private final Attributes sample;

    AttributesTest() throws Exception {
        sample = attrs(DicomBytes.explicitLe()
                .text(Tag.StudyDate, VR.DA, "20231301")
                .text(Tag.SeriesDate, VR.DA, "1999.12.31")
                .text(Tag.StudyTime, VR.TM, "0712")
                .text(Tag.SeriesTime, VR.TM, "25")
                .text(Tag.AcquisitionTime, VR.TM, "07:12:33.25")
                .text(Tag.ContentTime, VR.TM, "235960")
                .text(Tag.AccessionNumber, VR.SH, "")
                .text(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192")
                .utf8(Tag.PatientName, VR.PN, "Wang^XiaoDong=王^小东")
                .text(Tag.PatientID, VR.LO, "  lead spaces kept ")
                .text(Tag.SliceThickness, VR.DS, "1A")
                .text(Tag.ImagePositionPatient, VR.DS, "-125.5\\-100\\12.25e1")
                .text(Tag.InstanceNumber, VR.IS, "99999999999")
                .text(Tag.NumberOfFrames, VR.IS, "1A")
                .text(Tag.SOPInstanceUID, VR.UI, "1.2.abc")
                .text(Tag.StudyInstanceUID, VR.UI, "1.2.3")
                .us(Tag.Rows, 512)
                .text(Tag.WindowCenter, VR.DS, "40.0\\400")
                .fl(0x00109431, 1.5f)
                .text(Tag.FrameReferenceDateTime, VR.DT, "2020")
                .text(Tag.AcquisitionDateTime, VR.DT, "20200101120000-0500"));
    }

    @Test
    void presentAbsentAndEmptyAreDistinct() throws Exception {
        assertTrue(sample.contains(Tag.AccessionNumber));
        assertTrue(sample.get(Tag.AccessionNumber).orElseThrow().isEmpty());
        assertTrue(sample.getString(Tag.AccessionNumber).isEmpty());
        assertFalse(sample.contains(Tag.PatientSex));
        assertEquals("none", sample.getString(Tag.PatientSex, "none"));
        assertEquals(List.of(), sample.getStrings(Tag.PatientSex));
        DicomException absent = assertThrows(DicomException.class, () -> sample.requireString(Tag.PatientSex));
        assertEquals("test.dcm: (0010,0040) PatientSex is absent", absent.getMessage());
        DicomException empty = assertThrows(DicomException.class, () -> sample.requireString(Tag.AccessionNumber));
        assertTrue(empty.getMessage().endsWith("(0008,0050) AccessionNumber: has no value"), empty.getMessage());
        assertTrue(empty.getMessage().startsWith("test.dcm: offset "), empty.getMessage());
    }

    @Test
    void malformedNumbersAreEmptyOrNamedInTheException() {
        assertTrue(sample.getDouble(Tag.SliceThickness).isEmpty());
        assertEquals(-1.0, sample.getDouble(Tag.SliceThickness, -1.0));
        DicomException e = assertThrows(DicomException.class, () -> sample.requireDouble(Tag.SliceThickness));
        assertTrue(e.getMessage().contains("(0018,0050) SliceThickness: DS value \"1A\" is not a decimal number"),
                e.getMessage());
        DicomException is = assertThrows(DicomException.class, () -> sample.requireInt(Tag.NumberOfFrames));
        assertTrue(is.getMessage().contains("(0028,0008) NumberOfFrames: IS value \"1A\" is not an integer"),
                is.getMessage());
        DicomException big = assertThrows(DicomException.class, () -> sample.requireInt(Tag.InstanceNumber));
        assertTrue(big.getMessage().contains("does not fit"), big.getMessage());
        assertEquals(99999999999L, sample.getLong(Tag.InstanceNumber).getAsLong());
        assertEquals(7, sample.getInt(Tag.NumberOfFrames, 7));
        assertEquals(0, sample.getInts(Tag.NumberOfFrames).length);
    }

    @Test
    void numbersConvertAcrossVrs() throws Exception {
        assertArrayEquals(new double[] {-125.5, -100, 122.5}, sample.requireDoubles(Tag.ImagePositionPatient));
        assertEquals(512.0, sample.requireDouble(Tag.Rows));
        assertEquals(512L, sample.requireLong(Tag.Rows));
        assertEquals(40, sample.requireInt(Tag.WindowCenter), "integral DS reads as int");
        assertArrayEquals(new int[] {40, 400}, sample.requireInts(Tag.WindowCenter));
        assertEquals(1.5, sample.getDouble(0x00109431).getAsDouble());
        DicomException notInt = assertThrows(DicomException.class, () -> sample.requireInt(0x00109431));
        assertTrue(notInt.getMessage().contains("FL value 1.5 is not an integer"), notInt.getMessage());
        DicomException seq = assertThrows(DicomException.class, () -> sample.requireSequence(Tag.Rows));
        assertTrue(seq.getMessage().contains("is US, not a sequence"), seq.getMessage());
    }

    @Test
    void datesAndTimesFollowPs35() throws Exception {
        assertTrue(sample.getDate(Tag.StudyDate).isEmpty(), "month 13");
        DicomException e = assertThrows(DicomException.class, () -> sample.requireDate(Tag.StudyDate));
        assertTrue(e.getMessage().contains("DA value \"20231301\" is not a valid date"), e.getMessage());
        assertEquals(LocalDate.of(1999, 12, 31), sample.requireDate(Tag.SeriesDate), "ACR-NEMA form");
        assertEquals(LocalTime.of(7, 12), sample.requireTime(Tag.StudyTime));
        assertTrue(sample.getTime(Tag.SeriesTime).isEmpty(), "hour 25");
        assertEquals(LocalTime.of(7, 12, 33, 250_000_000), sample.requireTime(Tag.AcquisitionTime));
        assertEquals(LocalTime.of(23, 59, 59, 999_999_999), sample.requireTime(Tag.ContentTime), "leap second");
        assertEquals(LocalDateTime.of(2020, 1, 1, 0, 0), sample.requireDateTime(Tag.FrameReferenceDateTime));
        assertEquals(-5 * 3600, sample.getOffsetDateTime(Tag.AcquisitionDateTime).orElseThrow().getOffset()
                .getTotalSeconds());
        assertTrue(sample.getOffsetDateTime(Tag.FrameReferenceDateTime).isEmpty(), "no offset anywhere");
        assertTrue(sample.getDateTime(Tag.StudyDate, Tag.StudyTime).isEmpty());
        assertEquals(LocalDateTime.of(1999, 12, 31, 0, 0), sample.getDateTime(Tag.SeriesDate, Tag.SeriesTime)
                .orElseThrow(), "a malformed time reads as midnight");
    }

    @Test
    void personNamesHaveGroupsAndComponents() throws Exception {
        PersonName pn = sample.requirePersonName(Tag.PatientName);
        assertEquals("Wang", pn.alphabetic().familyName());
        assertEquals("XiaoDong", pn.alphabetic().givenName());
        assertEquals("王", pn.ideographic().familyName());
        assertEquals("小东", pn.ideographic().givenName());
        assertTrue(pn.phonetic().isEmpty());
        assertEquals("Wang^XiaoDong=王^小东", pn.toString());
        PersonName parsed = PersonName.parse("Adams^John Robert Quincy^^Rev.^B.A. M.Div.");
        assertEquals("John Robert Quincy", parsed.alphabetic().givenName());
        assertEquals("", parsed.alphabetic().middleName());
        assertEquals("Rev.", parsed.alphabetic().prefix());
        assertEquals("B.A. M.Div.", parsed.alphabetic().suffix());
        assertEquals("Adams^John Robert Quincy^^Rev.^B.A. M.Div.", parsed.toString());
        assertThrows(NullPointerException.class, () -> new PersonName.Group(null, "", "", "", ""));
    }

    @Test
    void textKeepsSignificantSpacesAndUidsAreChecked() throws Exception {
        assertEquals("  lead spaces kept", sample.requireString(Tag.PatientID));
        assertEquals("1.2.3", sample.requireUid(Tag.StudyInstanceUID));
        assertTrue(sample.getUid(Tag.SOPInstanceUID).isEmpty());
        DicomException e = assertThrows(DicomException.class, () -> sample.requireUid(Tag.SOPInstanceUID));
        assertTrue(e.getMessage().contains("\"1.2.abc\" is not a UID"), e.getMessage());
        assertEquals("1.2.abc", sample.getString(Tag.SOPInstanceUID).orElseThrow());
    }

    @Test
    void bytesAndSequencesHaveRequireVariants() throws Exception {
        Attributes a = attrs(DicomBytes.explicitLe()
                .element(0x00091010, VR.OB, new byte[] {5, 6})
                .sequence(Tag.ReferencedImageSequence, VR.SQ, DicomBytes.explicitLe()));
        assertArrayEquals(new byte[] {5, 6}, a.requireBytes(0x00091010));
        byte[] copy = a.getBytes(0x00091010).orElseThrow();
        copy[0] = 9;
        assertArrayEquals(new byte[] {5, 6}, a.requireBytes(0x00091010), "getters hand out copies");
        assertEquals(List.of(), a.getSequence(Tag.ReferencedImageSequence));
        DicomException e = assertThrows(DicomException.class, () -> a.requireSequence(Tag.ReferencedImageSequence));
        assertTrue(e.getMessage().contains("has no value"), e.getMessage());
        assertTrue(a.getSequence(Tag.Rows).isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> a.asList().remove(0));
    }
}
