package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.dictionary.Tag;

/** Hostile and broken input: always a DicomException naming the file (and offset and tag where known). */
class MalformedInputTest {

    private static DicomException rejects(byte[] bytes) {
        return assertThrows(DicomException.class, () -> DicomBytes.read(bytes));
    }

    private static void assertMessage(DicomException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "\"" + p + "\" not in: " + e.getMessage());
        }
    }

    @Test
    void corpusMalformedFilesFailAtTheirStage() throws Exception {
        Path dir = Corpus.file("malformed");
        List<String> lines = Files.readAllLines(dir.resolve("manifest.tsv"));
        int parse = 0;
        int pixels = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            Path file = dir.resolve(f[0]);
            if (f[1].equals("parse")) {
                DicomException e = assertThrows(DicomException.class, () -> DicomFile.read(file), f[0]);
                assertMessage(e, file.toString());
                assertTrue(f[0].equals("zero_bytes.dcm") || f[0].equals("unknown_transfer_syntax.dcm")
                        || e.getMessage().contains("offset "), e.getMessage());
                assertTrue(!e.getMessage().contains("unexpected failure"), e.getMessage());
                parse++;
            } else {
                DicomFile.read(file);
                pixels++;
            }
        }
        assertEquals(23, parse + pixels);
        assertEquals(16, parse);
    }

    @Test
    void emptyTinyAndGarbageInputsAreNotDicom() {
        assertMessage(rejects(new byte[0]), "test.dcm", "empty");
        assertMessage(rejects(new byte[] {1, 2, 3}), "test.dcm", "offset 0");
        byte[] dicmOnly = DicomBytes.part10("1.2.840.10008.1.2.1", new byte[0]);
        byte[] preamble = java.util.Arrays.copyOf(dicmOnly, 132);
        assertMessage(rejects(preamble), "offset 132", "File Meta Information");
        byte[] garbage = java.util.Arrays.copyOf(preamble, 200);
        for (int i = 132; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 37 + 11);
        }
        assertMessage(rejects(garbage), "offset 132", "expected the File Meta Information group");
        assertMessage(rejects(new byte[128]), "not a DICOM file");
        assertMessage(rejects(dicmOnlyMeta()), "no data set");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertMessage(rejects(png), "not a DICOM file");
    }

    private static byte[] dicmOnlyMeta() {
        return DicomBytes.part10("1.2.840.10008.1.2.1", new byte[0]);
    }

    @Test
    void lengthsPastTheEndAreCaughtBeforeAllocating() {
        byte[] pastEof = DicomBytes.explicitLe().text(Tag.Modality, VR.CS, "CT")
                .header(Tag.EncapsulatedDocument, VR.OB, 0xFFFFFFF0L).raw(new byte[8]).bytes();
        assertMessage(rejects(pastEof), "offset 10", "(0042,0011) EncapsulatedDocument", "4294967280",
                "8 bytes left");
        byte[] inItem = DicomBytes.explicitLe().sequence(Tag.ReferencedImageSequence, VR.SQ,
                DicomBytes.explicitLe().item(DicomBytes.explicitLe().header(Tag.ReferencedSOPInstanceUID, VR.UI, 40)
                        .raw(new byte[4]))).text(Tag.PatientID, VR.LO, "PADDING-AFTER-SEQUENCE-XXXXXXXXXXXXXXXXXXXXX")
                .bytes();
        assertMessage(rejects(inItem), "(0008,1155) ReferencedSOPInstanceUID", "enclosing item");
        // Through a stream of unknown size: no allocation of the declared length either.
        byte[] huge = DicomBytes.explicitLe().header(Tag.EncapsulatedDocument, VR.OB, 0x7FFFFFF0L).raw(new byte[64])
                .bytes();
        DicomException e = assertThrows(DicomException.class,
                () -> DicomFile.read(new ByteArrayInputStream(huge), "stream.dcm"));
        assertMessage(e, "stream.dcm", "2147483632", "64 bytes left");
    }

    @Test
    void structuralErrorsNameTheSequence() {
        byte[] unterminated = DicomBytes.explicitLe().header(Tag.ReferencedImageSequence, VR.SQ, DicomBytes.UNDEFINED)
                .tag(0xFFFEE000).u32(DicomBytes.UNDEFINED).text(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2").bytes();
        assertMessage(rejects(unterminated), "(0008,1140) ReferencedImageSequence", "no item or sequence delimiter");
        byte[] notAnItem = DicomBytes.explicitLe().header(Tag.ReferencedImageSequence, VR.SQ, 8)
                .text(Tag.PatientID, VR.LO, "AB").bytes();
        assertMessage(rejects(notAnItem), "expected an item");
        byte[] undefinedLo = DicomBytes.explicitLe().header(Tag.PatientID, VR.LO, 0xFFFF).bytes();
        assertMessage(rejects(undefinedLo), "(0010,0020) PatientID");
        byte[] undefinedOb = DicomBytes.explicitLe().header(Tag.EncapsulatedDocument, VR.OB, DicomBytes.UNDEFINED)
                .bytes();
        assertMessage(rejects(undefinedOb), "undefined length is not allowed for VR OB");
        byte[] badVr = DicomBytes.explicitLe().text(Tag.PatientID, VR.LO, "AB").tag(Tag.PatientName)
                .raw(new byte[] {'Q', 'Q', 0, 0}).bytes();
        assertMessage(rejects(badVr), "offset 10", "unknown VR bytes 51 51");
    }

    @Test
    void encapsulatedPixelDataErrors() {
        DicomBytes head = DicomBytes.explicitLe().us(Tag.Rows, 1);
        byte[] noDelimiter = DicomBytes.part10("1.2.840.10008.1.2.4.50", head.sameEncoding().us(Tag.Rows, 1)
                .header(Tag.PixelData, VR.OB, DicomBytes.UNDEFINED).tag(0xFFFEE000).u32(0)
                .tag(0xFFFEE000).u32(4).raw(new byte[4]).bytes());
        assertMessage(rejects(noDelimiter), "(7FE0,0010) PixelData", "without a sequence delimiter", "1 fragments");
        byte[] undefinedFragment = DicomBytes.part10("1.2.840.10008.1.2.4.50", head.sameEncoding().us(Tag.Rows, 1)
                .header(Tag.PixelData, VR.OB, DicomBytes.UNDEFINED).tag(0xFFFEE000).u32(0)
                .tag(0xFFFEE000).u32(DicomBytes.UNDEFINED).raw(new byte[16]).bytes());
        assertMessage(rejects(undefinedFragment), "fragment 0 has undefined length");
        byte[] oddBot = DicomBytes.part10("1.2.840.10008.1.2.4.50", head.sameEncoding().us(Tag.Rows, 1)
                .header(Tag.PixelData, VR.OB, DicomBytes.UNDEFINED).tag(0xFFFEE000).u32(3).raw(new byte[3])
                .tag(0xFFFEE0DD).u32(0).bytes());
        assertMessage(rejects(oddBot), "Basic Offset Table length 3");
        byte[] fragmentPastEof = DicomBytes.part10("1.2.840.10008.1.2.4.50", head.sameEncoding().us(Tag.Rows, 1)
                .header(Tag.PixelData, VR.OB, DicomBytes.UNDEFINED).tag(0xFFFEE000).u32(0)
                .tag(0xFFFEE000).u32(1 << 20).raw(new byte[100]).bytes());
        assertMessage(rejects(fragmentPastEof), "fragment 0 length 1048576", "100 bytes left");
    }

    private static byte[] nestedSequences(int depth) {
        DicomBytes inner = DicomBytes.explicitLe().text(Tag.CodeValue, VR.SH, "LEAF");
        for (int i = 0; i < depth; i++) {
            inner = DicomBytes.explicitLe().sequenceUndefined(Tag.ContentSequence, VR.SQ,
                    DicomBytes.explicitLe().itemUndefined(inner));
        }
        return inner.bytes();
    }

    @Test
    void nestingDepthIsLimitedAndTheLimitIsConfigurable() throws Exception {
        assertEquals(1, DicomBytes.read(nestedSequences(ReadOptions.DEFAULT_MAX_SEQUENCE_DEPTH)).dataSet().size());
        DicomException e = rejects(nestedSequences(ReadOptions.DEFAULT_MAX_SEQUENCE_DEPTH + 1));
        assertMessage(e, "(0040,A730) ContentSequence", "deeper than 128", "maxSequenceDepth");
        ReadOptions deep = ReadOptions.builder().maxSequenceDepth(ReadOptions.MAX_SEQUENCE_DEPTH_LIMIT).build();
        Attributes a = DicomBytes.read(nestedSequences(ReadOptions.MAX_SEQUENCE_DEPTH_LIMIT), deep).dataSet();
        for (int i = 0; i < ReadOptions.MAX_SEQUENCE_DEPTH_LIMIT; i++) {
            a = a.getSequence(Tag.ContentSequence).get(0);
        }
        assertEquals("LEAF", a.getString(Tag.CodeValue).orElseThrow());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ReadOptions.builder().maxSequenceDepth(0));
        assertMessage(new DicomException(bad.getMessage()), "maxSequenceDepth");
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.builder().maxSequenceDepth(1001));
    }

    @Test
    void tenThousandLevelsAreRefusedEvenAtTheHighestLimitWithoutStackOverflow() {
        ReadOptions deep = ReadOptions.builder().maxSequenceDepth(ReadOptions.MAX_SEQUENCE_DEPTH_LIMIT).build();
        DicomException e = assertThrows(DicomException.class,
                () -> DicomFile.read(Corpus.file("malformed/sequence_nested_10000.dcm"), deep));
        assertMessage(e, "deeper than 1000");
    }

    /** A valid Part 10 file with sequences, private data and encapsulated pixel data, to cut and corrupt. */
    private static byte[] victim() {
        DicomBytes item = DicomBytes.explicitLe().text(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3")
                .sequenceUndefined(Tag.ReferencedImageSequence, VR.SQ, DicomBytes.explicitLe()
                        .itemUndefined(DicomBytes.explicitLe().us(Tag.Rows, 2)));
        DicomBytes d = DicomBytes.explicitLe()
                .sequence(Tag.ReferencedSeriesSequence, VR.SQ, DicomBytes.explicitLe().item(item))
                .text(0x00090010, VR.LO, "ACME").element(0x00091001, VR.UN, new byte[] {1, 2, 3, 4})
                .text(Tag.PatientName, VR.PN, "Doe^J")
                .header(0x00291010, VR.UN, DicomBytes.UNDEFINED).raw(DicomBytes.implicitLe()
                        .itemUndefined(DicomBytes.implicitLe().text(Tag.PatientID, VR.LO, "X")).tag(0xFFFEE0DD)
                        .u32(0).bytes())
                .header(Tag.PixelData, VR.OB, DicomBytes.UNDEFINED).tag(0xFFFEE000).u32(4).u32(0)
                .tag(0xFFFEE000).u32(6).raw(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0, (byte) 0xFF, (byte) 0xD9})
                .tag(0xFFFEE0DD).u32(0);
        return DicomBytes.part10("1.2.840.10008.1.2.4.50", d.bytes());
    }

    @Test
    void everyTruncationFailsCleanlyOrParses() throws Exception {
        byte[] whole = victim();
        // A cut between two top-level elements is undetectable: the shorter file is a valid data set.
        java.util.Set<Long> boundaries = new java.util.HashSet<>();
        DicomBytes.read(whole).dataSet().forEach(a -> boundaries.add(a.offset()));
        boundaries.remove(java.util.Collections.min(boundaries));
        boundaries.add((long) whole.length);
        List<String> unexpected = new ArrayList<>();
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(whole, n);
            for (ReadOptions o : new ReadOptions[] {ReadOptions.DEFAULT, ReadOptions.metadataOnly()}) {
                try {
                    DicomFile f = DicomBytes.read(cut, o);
                    if (!boundaries.contains((long) n) && !f.stoppedBeforePixelData()) {
                        unexpected.add(n + ": a truncated file parsed");
                    }
                } catch (DicomException e) {
                    if (!e.getMessage().startsWith("test.dcm") || e.getMessage().contains("unexpected failure")) {
                        unexpected.add(n + ": " + e.getMessage());
                    }
                } catch (RuntimeException | Error e) {
                    unexpected.add(n + ": " + e);
                }
            }
        }
        assertEquals(List.of(), unexpected);
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws Exception {
        byte[] whole = victim();
        Random random = new Random(20240601);
        List<String> unexpected = new ArrayList<>();
        for (int round = 0; round < 3000; round++) {
            byte[] b = whole.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                b[132 + random.nextInt(b.length - 132)] = (byte) random.nextInt(256);
            }
            try {
                DicomFile f = DicomFile.read(ByteBuffer.wrap(b), "fuzz.dcm");
                for (Attribute a : f.dataSet()) {
                    a.strings();
                    a.toString();
                }
            } catch (DicomException e) {
                if (e.getMessage().contains("unexpected failure")) {
                    unexpected.add(round + ": " + e.getMessage());
                }
            } catch (RuntimeException | Error e) {
                unexpected.add(round + ": " + e);
            }
        }
        if (!unexpected.isEmpty()) {
            fail(unexpected.size() + " unexpected failures, e.g. " + unexpected.subList(0, Math.min(5,
                    unexpected.size())));
        }
    }
}
