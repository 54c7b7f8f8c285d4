package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.dictionary.DataDictionary;
import org.medimg4j.dicom.dictionary.Tag;

/** One element of every VR, written in explicit VR little endian, explicit VR big endian and implicit VR. */
class EveryVrTest {

    private static int tag(String keyword, VR expectedVr) {
        int t = DataDictionary.standard().tagOf(keyword).orElseThrow();
        assertEquals(expectedVr.name(), DataDictionary.standard().implicitVr(t), keyword);
        return t;
    }

    private static final int FL = tag("ExaminedBodyThickness", VR.FL);
    private static final int FD = tag("TimeRange", VR.FD);
    private static final int SL = tag("ReferencePixelX0", VR.SL);
    private static final int SS = tag("TagAngleSecondAxis", VR.SS);
    private static final int UL = tag("NumberOfWaveformSamples", VR.UL);
    private static final int OD = tag("DoublePointCoordinatesData", VR.OD);
    private static final int OF = tag("VectorGridData", VR.OF);
    private static final int OL = tag("LongPrimitivePointIndexList", VR.OL);
    private static final int OV = tag("SelectorOVValue", VR.OV);
    private static final int SV = tag("SelectorSVValue", VR.SV);
    private static final int UV = tag("SelectorUVValue", VR.UV);
    private static final int UC = tag("LongCodeValue", VR.UC);
    private static final int UR = tag("RetrieveURL", VR.UR);
    private static final int UT = tag("StrainAdditionalInformation", VR.UT);
    private static final int LT = tag("AdditionalPatientHistory", VR.LT);
    private static final int ST = tag("InstitutionAddress", VR.ST);
    private static final int OB = tag("ICCProfile", VR.OB);
    private static final int OW = tag("RedPaletteColorLookupTableData", VR.OW);
    private static final int UN = tag("SelectorUNValue", VR.UN);
    private static final int AE = tag("RetrieveAETitle", VR.AE);
    private static final int AS = tag("PatientAge", VR.AS);
    private static final int AT = tag("FrameIncrementPointer", VR.AT);
    private static final int DT = tag("AcquisitionDateTime", VR.DT);

    private static byte[] dataSet(Supplier<DicomBytes> enc) {
        ByteBuffer ow = order(ByteBuffer.allocate(4), enc);
        ow.putShort((short) 0x1234).putShort((short) 0xFFFF);
        ByteBuffer of = order(ByteBuffer.allocate(8), enc).putFloat(1.5f).putFloat(-2f);
        ByteBuffer od = order(ByteBuffer.allocate(8), enc).putDouble(Math.PI);
        ByteBuffer ol = order(ByteBuffer.allocate(4), enc).putInt(0x01020304);
        ByteBuffer ov = order(ByteBuffer.allocate(8), enc).putLong(0x0102030405060708L);
        return enc.get()
                .text(AE, VR.AE, " STORESCP ")
                .text(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100")
                .text(Tag.StudyDate, VR.DA, "20240229")
                .text(DT, VR.DT, "20240229131415.123456+0100")
                .text(Tag.StudyTime, VR.TM, "131415.5")
                .text(Tag.AccessionNumber, VR.SH, "ACC-1")
                .text(Tag.Modality, VR.CS, "CT")
                .text(Tag.ImageType, VR.CS, "ORIGINAL\\PRIMARY\\AXIAL")
                .text(Tag.InstitutionName, VR.LO, "Hôpital Saint-Éloi")
                .text(ST, VR.ST, "1 Rue\\Paris")
                .text(UC, VR.UC, "CODE-A\\CODE-B")
                .text(LT, VR.LT, "line one\r\nline two\\three")
                .element(OB, VR.OB, new byte[0])
                .text(AS, VR.AS, "045Y")
                .text(Tag.PatientName, VR.PN, "Müller^Hans^^Dr.=^=")
                .text(UT, VR.UT, "unlimited \\ text")
                .text(Tag.SliceThickness, VR.DS, " 2.5")
                .text(Tag.PixelSpacing, VR.DS, "0.5\\-1e-3")
                .text(Tag.SOPInstanceUID, VR.UI, "1.2.840.99.1")
                .text(Tag.InstanceNumber, VR.IS, "+42 ")
                .fd(FD, 1.25, -2.5)
                .text(UR, VR.UR, "http://example.org/wado?x=1 ")
                .us(Tag.Rows, 512)
                .us(Tag.Columns, 65535)
                .at(AT, Tag.FrameTime, 0x00181063)
                .ints32(SL, VR.SL, -7)
                .ss(SS, -32768)
                .fl(FL, 0.1f)
                .element(OW, VR.OW, ow.array())
                .ints32(UL, VR.UL, 4294967295L)
                .element(OF, VR.OF, of.array())
                .element(OD, VR.OD, od.array())
                .element(OL, VR.OL, ol.array())
                .element(UN, VR.UN, new byte[] {1, 2, 3, 4})
                .element(OV, VR.OV, ov.array())
                .longs64(SV, VR.SV, Long.MIN_VALUE, 5)
                .longs64(UV, VR.UV, 7, -1)
                .bytes();
    }

    private static boolean isBig(Supplier<DicomBytes> enc) {
        return enc.get().u16(1).bytes()[0] == 0;
    }

    private static ByteBuffer order(ByteBuffer b, Supplier<DicomBytes> enc) {
        return b.order(isBig(enc) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void explicitLittleEndianBareDataSet() throws Exception {
        check(DicomBytes.read(dataSet(DicomBytes::explicitLe)), ByteOrder.LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void explicitBigEndianBareDataSet() throws Exception {
        check(DicomBytes.read(dataSet(DicomBytes::explicitBe)), ByteOrder.BIG_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
    }

    @Test
    void implicitLittleEndianBareDataSet() throws Exception {
        check(DicomBytes.read(dataSet(DicomBytes::implicitLe)), ByteOrder.LITTLE_ENDIAN,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void part10FilesOfEachEncodingReadTheSame() throws Exception {
        check(DicomBytes.read(DicomBytes.part10("1.2.840.10008.1.2.2", dataSet(DicomBytes::explicitBe))),
                ByteOrder.BIG_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        check(DicomBytes.read(DicomBytes.part10("1.2.840.10008.1.2", dataSet(DicomBytes::implicitLe))),
                ByteOrder.LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    }

    private static void check(DicomFile f, ByteOrder order, TransferSyntax ts) throws Exception {
        Attributes a = f.dataSet();
        assertEquals(ts, f.transferSyntax());
        assertEquals(order, f.byteOrder());
        assertEquals(List.of(), f.warnings());
        assertEquals("STORESCP", a.getString(AE).orElseThrow(), "AE: leading and trailing spaces dropped");
        assertEquals("045Y", a.getString(AS).orElseThrow());
        assertArrayEquals(new int[] {Tag.FrameTime, 0x00181063}, a.get(AT).orElseThrow().tags());
        assertEquals(List.of("(0018,1063)", "(0018,1063)"), a.get(AT).orElseThrow().strings());
        assertEquals(List.of("ORIGINAL", "PRIMARY", "AXIAL"), a.getStrings(Tag.ImageType));
        assertEquals(LocalDate.of(2024, 2, 29), a.getDate(Tag.StudyDate).orElseThrow());
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000), a.getDateTime(DT).orElseThrow());
        assertEquals(3600, a.getOffsetDateTime(DT).orElseThrow().getOffset().getTotalSeconds());
        assertEquals(LocalTime.of(13, 14, 15, 500_000_000), a.getTime(Tag.StudyTime).orElseThrow());
        assertEquals(2.5, a.getDouble(Tag.SliceThickness).orElseThrow());
        assertArrayEquals(new double[] {0.5, -0.001}, a.getDoubles(Tag.PixelSpacing));
        assertEquals(42, a.getInt(Tag.InstanceNumber).orElseThrow());
        assertEquals("ACC-1", a.getString(Tag.AccessionNumber).orElseThrow());
        assertEquals("Hôpital Saint-Éloi", a.getString(Tag.InstitutionName).orElseThrow());
        assertEquals("1 Rue\\Paris", a.getString(ST).orElseThrow(), "ST is single-valued");
        assertEquals(List.of("CODE-A", "CODE-B"), a.getStrings(UC), "UC is multi-valued");
        assertEquals("line one\r\nline two\\three", a.getString(LT).orElseThrow());
        assertEquals("unlimited \\ text", a.getString(UT).orElseThrow());
        assertEquals("http://example.org/wado?x=1", a.getString(UR).orElseThrow());
        PersonName pn = a.getPersonName(Tag.PatientName).orElseThrow();
        assertEquals("Müller", pn.alphabetic().familyName());
        assertEquals("Hans", pn.alphabetic().givenName());
        assertEquals("Dr.", pn.alphabetic().prefix());
        assertTrue(pn.ideographic().isEmpty());
        assertEquals("1.2.840.99.1", a.getUid(Tag.SOPInstanceUID).orElseThrow());
        assertArrayEquals(new double[] {1.25, -2.5}, a.getDoubles(FD));
        assertEquals(512, a.getInt(Tag.Rows).orElseThrow());
        assertEquals(65535, a.getInt(Tag.Columns).orElseThrow(), "US is unsigned");
        assertEquals(-7, a.getInt(SL).orElseThrow());
        assertEquals(-32768, a.getInt(SS).orElseThrow());
        assertEquals(0.1f, (float) a.getDouble(FL).orElseThrow());
        assertEquals(4294967295L, a.getLong(UL).orElseThrow());
        assertTrue(a.getInt(UL).isEmpty(), "UL 2^32-1 does not fit an int");
        assertArrayEquals(new long[] {Long.MIN_VALUE, 5}, a.getLongs(SV));
        assertEquals(List.of("7", "18446744073709551615"), a.get(UV).orElseThrow().strings());
        assertEquals(0x1234, a.get(OW).orElseThrow().bytes().getShort(0));
        assertEquals(order, a.get(OW).orElseThrow().bytes().order());
        assertArrayEquals(new double[] {1.5, -2.0}, a.getDoubles(OF));
        assertArrayEquals(new double[] {Math.PI}, a.getDoubles(OD));
        assertEquals(0x01020304, a.get(OL).orElseThrow().bytes().getInt(0));
        assertEquals(0x0102030405060708L, a.get(OV).orElseThrow().bytes().getLong(0));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, a.getBytes(UN).orElseThrow());
        assertEquals(VR.UN, a.vr(UN).orElseThrow());
        assertTrue(a.get(OB).orElseThrow().isEmpty());
        for (int t : new int[] {FL, FD, SL, SS, UL, OD, OF, OL, OV, SV, UV, UC, UR, UT, LT, ST, OW, AE, AS, AT, DT}) {
            assertEquals(DataDictionary.standard().implicitVr(t), a.vr(t).orElseThrow().name());
            assertFalse(a.get(t).orElseThrow().isStoredAsUn());
        }
    }
}
