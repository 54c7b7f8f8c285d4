package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.dictionary.Tag;

/** Sequences and items of every length form, UN and CP-246, private blocks, US/SS, deflate, detection. */
class DataSetStructureTest {

    private static final int PRIVATE_CREATOR = 0x00290010;
    private static final int PRIVATE_CREATOR_2 = 0x00290011;

    /** (0008,1115) holding two items, the first with a nested (0008,1199) sequence. */
    private static DicomBytes nested(Supplier<DicomBytes> enc, boolean undefined) {
        DicomBytes sop = enc.get().text(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4.5");
        DicomBytes innerItems = undefined ? enc.get().itemUndefined(sop) : enc.get().item(sop);
        DicomBytes item1 = enc.get();
        item1 = undefined ? item1.sequenceUndefined(Tag.ReferencedSOPSequence, VR.SQ, innerItems)
                : item1.sequence(Tag.ReferencedSOPSequence, VR.SQ, innerItems);
        item1.text(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.6");
        DicomBytes item2 = enc.get().text(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.7");
        DicomBytes items = undefined ? enc.get().itemUndefined(item1).itemUndefined(item2)
                : enc.get().item(item1).item(item2);
        DicomBytes ds = enc.get().text(Tag.PatientID, VR.LO, "ID1");
        ds = undefined ? ds.sequenceUndefined(Tag.ReferencedSeriesSequence, VR.SQ, items)
                : ds.sequence(Tag.ReferencedSeriesSequence, VR.SQ, items);
        return ds.text(Tag.StudyInstanceUID, VR.UI, "9.8.7");
    }

    private static void checkNested(Attributes a) {
        List<Attributes> series = a.getSequence(Tag.ReferencedSeriesSequence);
        assertEquals(2, series.size());
        assertEquals("1.2.3.4.6", series.get(0).getUid(Tag.SeriesInstanceUID).orElseThrow());
        assertEquals("1.2.3.4.7", series.get(1).getUid(Tag.SeriesInstanceUID).orElseThrow());
        assertEquals("1.2.3.4.5", series.get(0).getSequence(Tag.ReferencedSOPSequence).get(0)
                .getString(Tag.ReferencedSOPInstanceUID).orElseThrow());
        assertEquals("9.8.7", a.getString(Tag.StudyInstanceUID).orElseThrow(), "parsing resumes after the sequence");
        assertEquals("ID1", a.getString(Tag.PatientID).orElseThrow());
        assertEquals(VR.SQ, a.vr(Tag.ReferencedSeriesSequence).orElseThrow());
    }

    @Test
    void definedAndUndefinedLengthSequencesInEveryEncoding() throws Exception {
        for (Supplier<DicomBytes> enc : List.<Supplier<DicomBytes>>of(DicomBytes::explicitLe, DicomBytes::explicitBe,
                DicomBytes::implicitLe)) {
            for (boolean undefined : new boolean[] {false, true}) {
                DicomFile f = DicomBytes.read(nested(enc, undefined).bytes());
                checkNested(f.dataSet());
                assertEquals(undefined, f.dataSet().get(Tag.ReferencedSeriesSequence).orElseThrow()
                        .hasUndefinedLength());
            }
        }
    }

    @Test
    void itemsKnowWhereTheyAreAndEmptySequencesHaveNoItems() throws Exception {
        byte[] b = DicomBytes.explicitLe()
                .sequence(Tag.ReferencedSeriesSequence, VR.SQ, DicomBytes.explicitLe())
                .sequenceUndefined(Tag.ReferencedStudySequence, VR.SQ,
                        DicomBytes.explicitLe().itemUndefined(DicomBytes.explicitLe()))
                .bytes();
        Attributes a = DicomBytes.read(b).dataSet();
        assertTrue(a.get(Tag.ReferencedSeriesSequence).orElseThrow().isEmpty());
        List<Attributes> items = a.getSequence(Tag.ReferencedStudySequence);
        assertEquals(1, items.size());
        assertTrue(items.get(0).isEmpty());
        assertEquals(12 + 12, items.get(0).offset(), "item tag after the 12-byte empty SQ and the 12-byte header");
        assertEquals(-1, items.get(0).length(), "undefined-length item");
        Attributes defined = DicomBytes.read(nested(DicomBytes::explicitLe, false).bytes()).dataSet()
                .getSequence(Tag.ReferencedSeriesSequence).get(1);
        assertEquals(18, defined.length(), "one UI element: 8-byte header, \"1.2.3.4.7\" padded to 10");
    }

    @Test
    void undefinedLengthUnIsAnImplicitVrSequence() throws Exception {
        // CP-246: an undefined-length UN in an explicit VR (even big endian) data set holds implicit VR LE items.
        for (Supplier<DicomBytes> enc : List.<Supplier<DicomBytes>>of(DicomBytes::explicitLe,
                DicomBytes::explicitBe)) {
            DicomBytes items = DicomBytes.implicitLe().itemUndefined(
                    DicomBytes.implicitLe().text(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2")
                            .text(0x00091001, VR.LO, "PRIV"));
            byte[] b = enc.get().text(Tag.PatientID, VR.LO, "X")
                    .sequenceUndefined(0x44531012, VR.UN, DicomBytes.implicitLe().raw(items.bytes()))
                    .bytes();
            // sequenceUndefined wrote the delimiter in enc's byte order; CP-246 items end with an LE delimiter.
            byte[] fixedEnd = DicomBytes.explicitLe().tag(0xFFFEE0DD).u32(0).bytes();
            System.arraycopy(fixedEnd, 0, b, b.length - 8, 8);
            Attributes a = DicomBytes.read(b).dataSet();
            Attribute un = a.get(0x44531012).orElseThrow();
            assertEquals(VR.SQ, un.vr());
            assertEquals(VR.UN, un.storedVr());
            Attributes item = un.items().get(0);
            assertEquals("1.2.840.10008.5.1.4.1.1.2", item.getUid(Tag.ReferencedSOPClassUID).orElseThrow());
            assertEquals(VR.UI, item.vr(Tag.ReferencedSOPClassUID).orElseThrow());
            assertEquals(VR.UN, item.vr(0x00091001).orElseThrow(), "implicit private: VR unknowable");
        }
    }

    @Test
    void publicAttributesStoredAsUnReportTheirDictionaryVr() throws Exception {
        DicomBytes seqItems = DicomBytes.implicitLe().item(
                DicomBytes.implicitLe().text(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3"));
        byte[] b = DicomBytes.explicitLe()
                .element(Tag.PatientName, VR.UN, "Doe^Jane".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .element(Tag.Rows, VR.UN, new byte[] {0, 2})
                .element(Tag.ReferencedRTPlanSequence, VR.UN, seqItems.bytes())
                .element(0x00091010, VR.UN, new byte[] {1, 2, 3})
                .bytes();
        Attributes a = DicomBytes.read(b).dataSet();
        Attribute pn = a.get(Tag.PatientName).orElseThrow();
        assertEquals(VR.PN, pn.vr());
        assertTrue(pn.isStoredAsUn());
        assertEquals("Jane", a.getPersonName(Tag.PatientName).orElseThrow().alphabetic().givenName());
        assertEquals(512, a.getInt(Tag.Rows).orElseThrow());
        assertEquals(VR.SQ, a.vr(Tag.ReferencedRTPlanSequence).orElseThrow());
        assertEquals("1.2.3", a.getSequence(Tag.ReferencedRTPlanSequence).get(0)
                .getString(Tag.ReferencedSOPInstanceUID).orElseThrow());
        assertEquals(VR.UN, a.vr(0x00091010).orElseThrow());
        assertFalse(a.get(0x00091010).orElseThrow().isStoredAsUn());
    }

    @Test
    void privateAttributesAreFoundByCreatorAndOffset() throws Exception {
        for (Supplier<DicomBytes> enc : List.<Supplier<DicomBytes>>of(DicomBytes::explicitLe,
                DicomBytes::implicitLe)) {
            byte[] b = enc.get()
                    .text(PRIVATE_CREATOR, VR.LO, "ACME 1.0")
                    .text(PRIVATE_CREATOR_2, VR.LO, "OTHER CO ")
                    .text(0x00291002, VR.LO, "acme value")
                    .text(0x00291102, VR.LO, "other value")
                    .bytes();
            Attributes a = DicomBytes.read(b).dataSet();
            assertEquals(0x00291002, a.privateTag("ACME 1.0", 0x0029, 0x02).getAsInt());
            assertEquals(0x00291102, a.privateTag("OTHER CO", 0x0029, 0x02).getAsInt());
            assertEquals("other value", a.getPrivate("OTHER CO", 0x0029, 0x02).orElseThrow().strings().get(0));
            assertEquals("ACME 1.0", a.privateCreator(0x00291002).orElseThrow());
            assertEquals(VR.LO, a.vr(PRIVATE_CREATOR).orElseThrow());
            assertTrue(a.privateTag("NOBODY", 0x0029, 0x02).isEmpty());
            assertTrue(a.privateTag("ACME 1.0", 0x0028, 0x02).isEmpty(), "even groups hold no private blocks");
            assertTrue(a.get(0x00291002).orElseThrow().isPrivate());
        }
    }

    @Test
    void implicitUsOrSsFollowsPixelRepresentation() throws Exception {
        for (int pixelRepresentation : new int[] {0, 1}) {
            byte[] b = DicomBytes.implicitLe()
                    .us(Tag.PixelRepresentation, pixelRepresentation)
                    .us(Tag.SmallestImagePixelValue, 0xFC18) // -1000 when signed
                    .us(Tag.PixelPaddingValue, 0xF830)
                    .element(Tag.PixelData, VR.OW, new byte[4])
                    .bytes();
            Attributes a = DicomBytes.read(b).dataSet();
            assertEquals(pixelRepresentation == 1 ? VR.SS : VR.US, a.vr(Tag.SmallestImagePixelValue).orElseThrow());
            assertEquals(pixelRepresentation == 1 ? -1000 : 0xFC18, a.getInt(Tag.SmallestImagePixelValue).getAsInt());
            assertEquals(pixelRepresentation == 1 ? -2000 : 0xF830, a.getInt(Tag.PixelPaddingValue).getAsInt());
            assertEquals(VR.OW, a.vr(Tag.PixelData).orElseThrow(), "implicit OB/OW is OW");
        }
    }

    @Test
    void deflatedDataSetIsInflatedWithOrWithoutZlibHeader() throws Exception {
        byte[] plain = nested(DicomBytes::explicitLe, true).element(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4})
                .bytes();
        for (boolean zlib : new boolean[] {false, true}) {
            byte[] file = DicomBytes.part10("1.2.840.10008.1.2.1.99", DicomBytes.deflate(plain, zlib));
            DicomFile f = DicomBytes.read(file);
            assertEquals(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
            checkNested(f.dataSet());
            assertEquals(zlib ? 1 : 0, f.warnings().size(), f.warnings().toString());
            PixelData p = f.pixelData().orElseThrow();
            assertEquals(4, p.length());
            assertEquals(0x0201, p.read().getShort(0));
        }
    }

    @Test
    void truncatedDeflateStreamIsADicomException() throws Exception {
        byte[] plain = nested(DicomBytes::explicitLe, false).bytes();
        byte[] deflated = DicomBytes.deflate(plain, false);
        byte[] file = DicomBytes.part10("1.2.840.10008.1.2.1.99",
                java.util.Arrays.copyOf(deflated, deflated.length / 2));
        DicomException e = assertThrows(DicomException.class, () -> DicomBytes.read(file));
        assertTrue(e.getMessage().startsWith("test.dcm"), e.getMessage());
    }

    @Test
    void metaGroupSayingExplicitOverImplicitDataIsDetected() throws Exception {
        byte[] file = DicomBytes.part10("1.2.840.10008.1.2.1", nested(DicomBytes::implicitLe, true).bytes());
        DicomFile f = DicomBytes.read(file);
        assertFalse(f.isExplicitVr());
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        checkNested(f.dataSet());
        assertEquals(1, f.warnings().size());
        assertTrue(f.warnings().get(0).contains("implicit"), f.warnings().toString());
    }

    @Test
    void bareDataSetsAreDetectedAndPart10HasItsMeta() throws Exception {
        DicomFile bare = DicomBytes.read(nested(DicomBytes::explicitBe, false).bytes());
        assertFalse(bare.hasFileMetaInformation());
        assertTrue(bare.fileMetaInformation().isEmpty());
        assertTrue(bare.isTransferSyntaxDetected());
        assertEquals(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, bare.transferSyntax());
        DicomFile p10 = DicomBytes.read(DicomBytes.part10("1.2.840.10008.1.2", nested(DicomBytes::implicitLe,
                false).bytes()));
        assertTrue(p10.hasFileMetaInformation());
        assertFalse(p10.isTransferSyntaxDetected());
        assertEquals("1.2.840.10008.1.2", p10.fileMetaInformation().getUid(Tag.TransferSyntaxUID).orElseThrow());
        assertEquals("1.2.3.4", p10.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID).orElseThrow());
    }

    @Test
    void itemCharacterSetsOverrideTheDataSets() throws Exception {
        DicomBytes item = DicomBytes.explicitLe().text(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192")
                .utf8(Tag.PatientName, VR.PN, "Ωmega^Ärger");
        byte[] b = DicomBytes.explicitLe().text(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100")
                .text(Tag.InstitutionName, VR.LO, "Café")
                .sequence(Tag.OtherPatientIDsSequence, VR.SQ, DicomBytes.explicitLe().item(item)
                        .item(DicomBytes.explicitLe().text(Tag.PatientName, VR.PN, "Zoë")))
                .bytes();
        Attributes a = DicomBytes.read(b).dataSet();
        assertEquals("Café", a.getString(Tag.InstitutionName).orElseThrow());
        List<Attributes> items = a.getSequence(Tag.OtherPatientIDsSequence);
        assertEquals("Ωmega", items.get(0).getPersonName(Tag.PatientName).orElseThrow().alphabetic().familyName());
        assertEquals("Zoë", items.get(1).getString(Tag.PatientName).orElseThrow(), "inherits ISO_IR 100");
    }

    @Test
    void oddLengthsAndOutOfOrderTagsAreTolerated() throws Exception {
        byte[] b = DicomBytes.explicitLe()
                .element(Tag.StudyInstanceUID, VR.UI, "1.2.3".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .element(Tag.PatientID, VR.LO, "ABC".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .bytes();
        DicomFile f = DicomBytes.read(b);
        Attributes a = f.dataSet();
        assertEquals("1.2.3", a.getUid(Tag.StudyInstanceUID).orElseThrow());
        assertEquals("ABC", a.getString(Tag.PatientID).orElseThrow());
        assertEquals(Tag.PatientID, a.asList().get(0).tag(), "sorted into tag order");
        assertEquals(3, a.get(Tag.PatientID).orElseThrow().valueLength());
    }

    @Test
    void attributeViewGivesOffsetsLengthsAndRawBytes() throws Exception {
        byte[] b = DicomBytes.explicitLe().text(Tag.Modality, VR.CS, "MR").us(Tag.Rows, 256).bytes();
        Attributes a = DicomBytes.read(b).dataSet();
        Attribute rows = a.get(Tag.Rows).orElseThrow();
        assertEquals(10, rows.offset());
        assertEquals(18, rows.valueOffset());
        assertEquals(2, rows.valueLength());
        assertArrayEquals(new byte[] {0, 1}, rows.toByteArray());
        assertEquals("Rows", rows.keyword());
        assertEquals(1, rows.valueCount());
        assertTrue(rows.hasExplicitVr());
        assertEquals("(0028,0010) US Rows [256]", rows.toString());
        assertEquals(List.of(Tag.Modality, Tag.Rows), a.asList().stream().map(Attribute::tag).toList());
    }
}
