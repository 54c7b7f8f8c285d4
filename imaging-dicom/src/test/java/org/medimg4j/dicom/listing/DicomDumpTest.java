package org.medimg4j.dicom.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.dicom.DicomBytes.EXPLICIT_BE;
import static org.medimg4j.dicom.DicomBytes.EXPLICIT_LE;
import static org.medimg4j.dicom.DicomBytes.JPEG_BASELINE;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.VR;

class DicomDumpTest {

    private static List<String> lines(DicomBytes ds, String transferSyntax, DicomDump dump) throws Exception {
        try (DicomFile f = ds.read(transferSyntax)) {
            return Arrays.asList(dump.toString(f).split("\n"));
        }
    }

    private static String line(DicomBytes ds, String transferSyntax, String tag) throws Exception {
        return lines(ds, transferSyntax, DicomDump.standard()).stream().filter(l -> l.strip().startsWith(tag))
                .findFirst().orElseThrow(() -> new AssertionError(tag + " not listed"));
    }

    @Test
    void oneLineHasTagVrValueLengthVmAndKeywordInDcmdumpColumns() throws Exception {
        String l = line(DicomBytes.of(EXPLICIT_LE).text(0x00100010, VR.PN, "Doe^John"), EXPLICIT_LE,
                "(0010,0010)");
        assertEquals("(0010,0010) PN [Doe^John]                               #   8, 1 PatientName", l);
    }

    @Test
    void emptyValuesSayNoValueWithVmZero() throws Exception {
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE).element(0x00080050, VR.SH, new byte[0])
                .element(0x00640009, VR.OF, new byte[0]);
        assertEquals("(0008,0050) SH (no value available)                     #   0, 0 AccessionNumber",
                line(ds, EXPLICIT_LE, "(0008,0050)"));
        assertTrue(line(ds, EXPLICIT_LE, "(0064,0009)").endsWith("#   0, 1 VectorGridData"),
                "OF has VM 1 by definition, as dcmdump says");
    }

    @Test
    void multiValuedNumbersAndTagsAreBare() throws Exception {
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE);
        ds.binary(0x00209165, VR.AT, ds.buffer(4).putShort((short) 0x3004).putShort((short) 0x000C))
                .binary(0x00281101, VR.SS, ds.buffer(6).putShort((short) -1).putShort((short) 2)
                        .putShort((short) 748))
                .binary(0x00189219, VR.FL, ds.buffer(4).putFloat(0.5f));
        assertTrue(line(ds, EXPLICIT_LE, "(0020,9165)").startsWith("(0020,9165) AT (3004,000c) "));
        assertTrue(line(ds, EXPLICIT_LE, "(0028,1101)").startsWith("(0028,1101) SS -1\\2\\748 "));
        assertTrue(line(ds, EXPLICIT_LE, "(0028,1101)").endsWith("#   6, 3 RedPaletteColorLookupTableDescriptor"));
        assertTrue(line(ds, EXPLICIT_LE, "(0018,9219)").startsWith("(0018,9219) FL 0.5 "));
    }

    @Test
    void bytesAreHexAndWordsAreHexInTheirByteOrder() throws Exception {
        for (String ts : List.of(EXPLICIT_LE, EXPLICIT_BE)) {
            DicomBytes ds = DicomBytes.of(ts);
            ds.element(0x00091010, VR.OB, new byte[] {1, 2, (byte) 0xFF, 0})
                    .binary(0x00091011, VR.OW, ds.buffer(4).putShort((short) 0x00AF).putShort((short) 0xBEEF));
            assertTrue(line(ds, ts, "(0009,1010)").startsWith("(0009,1010) OB 01\\02\\ff\\00 "), ts);
            assertTrue(line(ds, ts, "(0009,1011)").startsWith("(0009,1011) OW 00af\\beef "), ts);
        }
    }

    @Test
    void longValuesAreCutToTheWidthWithEllipsis() throws Exception {
        String text = "A".repeat(100);
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE).text(0x00204000, VR.LT, text)
                .element(0x7FE00010, VR.OB, new byte[200]);
        assertEquals("(0020,4000) LT [" + "A".repeat(66) + "... # 100, 1 ImageComments",
                line(ds, EXPLICIT_LE, "(0020,4000)"));
        // 22 bytes "00\" make 65 characters, the most whole values within 70 - 3
        assertEquals("(7fe0,0010) OB " + "00\\".repeat(21) + "00... # 200, 1 PixelData",
                line(ds, EXPLICIT_LE, "(7fe0,0010)"));
        List<String> all = lines(ds, EXPLICIT_LE, DicomDump.builder().maxValueWidth(Integer.MAX_VALUE).build());
        assertTrue(all.stream().anyMatch(l -> l.contains("[" + text + "]")), "no cut with an unlimited width");
    }

    @Test
    void controlCharactersAreEscapedSoEachElementStaysOnOneLine() throws Exception {
        String l = line(DicomBytes.of(EXPLICIT_LE).text(0x00204000, VR.LT, "a\r\nb\tc"), EXPLICIT_LE,
                "(0020,4000)");
        assertTrue(l.startsWith("(0020,4000) LT [a\\r\\nb\\tc] "), l);
    }

    @Test
    void sequencesAndItemsAreIndentedAndClosedByDelimiterLines() throws Exception {
        DicomBytes items = DicomBytes.of(EXPLICIT_LE)
                .item(DicomBytes.of(EXPLICIT_LE).text(0x00100020, VR.LO, "A1"))
                .itemUndefined(DicomBytes.of(EXPLICIT_LE).sequenceUndefined(0x00081199, VR.SQ,
                        DicomBytes.of(EXPLICIT_LE).item(DicomBytes.of(EXPLICIT_LE))));
        List<String> l = lines(DicomBytes.of(EXPLICIT_LE).sequence(0x00101002, VR.SQ, items)
                .text(0x00101010, VR.AS, "042Y"), EXPLICIT_LE, DicomDump.standard());
        int start = l.indexOf(l.stream().filter(x -> x.startsWith("(0010,1002)")).findFirst().orElseThrow());
        List<String> shape = l.subList(start, start + 12).stream()
                .map(x -> x.substring(0, x.lastIndexOf(" # ")).stripTrailing()).toList();
        assertEquals(List.of(
                "(0010,1002) SQ (Sequence with explicit length #=2)",
                "  (fffe,e000) na (Item with explicit length #=1)",
                "    (0010,0020) LO [A1]",
                "  (fffe,e00d) na (ItemDelimitationItem for re-encoding)",
                "  (fffe,e000) na (Item with undefined length #=1)",
                "    (0008,1199) SQ (Sequence with undefined length #=1)",
                "      (fffe,e000) na (Item with explicit length #=0)",
                "      (fffe,e00d) na (ItemDelimitationItem for re-encoding)",
                "    (fffe,e0dd) na (SequenceDelimitationItem)",
                "  (fffe,e00d) na (ItemDelimitationItem)",
                "(fffe,e0dd) na (SequenceDelimitationItem for re-encod.)",
                "(0010,1010) AS [042Y]"), shape);
        assertTrue(l.get(start + 4).endsWith("# u/l, 1 Item"), l.get(start + 4));
    }

    @Test
    void encapsulatedPixelDataListsTheOffsetTableAndEachFragment() throws Exception {
        List<String> l = lines(DicomBytes.of(EXPLICIT_LE).encapsulated(new byte[] {(byte) 0xFF, (byte) 0xD8},
                new byte[] {1, 2, 3, 4}), JPEG_BASELINE, DicomDump.standard());
        int start = l.indexOf(l.stream().filter(x -> x.startsWith("(7fe0,0010)")).findFirst().orElseThrow());
        assertEquals("(7fe0,0010) OB (PixelSequence #=3)                      # u/l, 1 PixelData", l.get(start));
        assertEquals("  (fffe,e000) pi (no value available)                     #   0, 1 Item", l.get(start + 1));
        assertEquals("  (fffe,e000) pi ff\\d8                                    #   2, 1 Item", l.get(start + 2));
        assertEquals("  (fffe,e000) pi 01\\02\\03\\04                              #   4, 1 Item", l.get(start + 3));
        assertTrue(l.get(start + 4).startsWith("(fffe,e0dd) na (SequenceDelimitationItem)"));
    }

    @Test
    void theFileMetaGroupComesFirstAndPrivateTagsAreNamedGenerically() throws Exception {
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE).text(0x00090010, VR.LO, "ACME").text(0x00091001, VR.SH, "x");
        List<String> l = lines(ds, EXPLICIT_LE, DicomDump.standard());
        assertEquals(List.of("", "# Dicom-File-Format", "", "# Dicom-Meta-Information-Header",
                "# Used TransferSyntax: Little Endian Explicit"), l.subList(0, 5));
        assertTrue(l.get(5).startsWith("(0002,0000) UL "), l.get(5));
        int data = l.indexOf("# Dicom-Data-Set");
        assertTrue(data > 5 && l.subList(5, data).stream().allMatch(x -> x.isEmpty() || x.startsWith("(0002,")));
        assertEquals("# Used TransferSyntax: Explicit VR Little Endian", l.get(data + 1));
        assertTrue(l.get(data + 2).endsWith(" PrivateCreator"), l.get(data + 2));
        assertTrue(l.get(data + 3).endsWith(" Unknown Tag & Data"), l.get(data + 3));
        List<String> noMeta = lines(ds, EXPLICIT_LE, DicomDump.builder().fileMetaInformation(false).build());
        assertTrue(noMeta.stream().noneMatch(x -> x.startsWith("(0002,")), String.join("\n", noMeta));
    }

    @Test
    void aWidthTooSmallForAnEllipsisIsRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DicomDump.builder().maxValueWidth(3));
        assertTrue(e.getMessage().contains("chars"), e.getMessage());
    }
}
