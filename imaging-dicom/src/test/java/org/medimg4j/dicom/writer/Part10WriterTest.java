package org.medimg4j.dicom.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

class Part10WriterTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    private static DataSetBuilder minimal() {
        return DataSet.builder()
                .string(Tag.SOPClassUID, CT)
                .string(Tag.SOPInstanceUID, "2.25.1234")
                .string(Tag.Modality, "CT");
    }

    @Test
    void metaGroupHasPreambleMagicAndAnExactGroupLength() throws IOException {
        byte[] file = Part10Writer.create().encode(minimal().build());
        for (int i = 0; i < 128; i++) {
            assertEquals(0, file[i], "preamble byte " + i);
        }
        assertEquals("DICM", new String(file, 128, 4, java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0002, b.getShort(132));
        assertEquals(0x0000, b.getShort(134));
        assertEquals("UL", new String(file, 136, 2, java.nio.charset.StandardCharsets.US_ASCII));
        int groupLength = b.getInt(140);
        int end = 144 + groupLength;
        // the first element after the meta group is the first data-set element, (0008,0016)
        assertEquals(0x0008, b.getShort(end));
        assertEquals(0x0016, b.getShort(end + 2));
        // and every element before it is in group 0002
        DicomFile f = DicomFile.read(ByteBuffer.wrap(file), "mem");
        Attributes meta = f.fileMetaInformation();
        assertEquals(Part10Writer.EXPLICIT_VR_LITTLE_ENDIAN, meta.getString(Tag.TransferSyntaxUID).orElseThrow());
        assertEquals(CT, meta.getString(Tag.MediaStorageSOPClassUID).orElseThrow());
        assertEquals("2.25.1234", meta.getString(Tag.MediaStorageSOPInstanceUID).orElseThrow());
        assertEquals(UidGenerator.IMPLEMENTATION_CLASS_UID, meta.getString(Tag.ImplementationClassUID).orElseThrow());
        assertEquals("MEDIMG4J_0.1.0", meta.getString(Tag.ImplementationVersionName).orElseThrow());
        assertArrayEquals(new byte[] {0, 1}, meta.getBytes(Tag.FileMetaInformationVersion).orElseThrow());
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
        assertTrue(f.isExplicitVr());
    }

    @Test
    void implementationVersionNameFollowsThePomVersionAndFitsSh() throws IOException {
        assertTrue(Part10Writer.IMPLEMENTATION_VERSION_NAME.length() <= 16);
        Path pom = Path.of("pom.xml");
        String xml = Files.readString(pom);
        int parent = xml.indexOf("<parent>");
        int v0 = xml.indexOf("<version>", parent) + "<version>".length();
        String version = xml.substring(v0, xml.indexOf("</version>", v0)).replace("-SNAPSHOT", "");
        assertEquals(version, Part10Writer.IMPLEMENTATION_VERSION, "update Part10Writer.IMPLEMENTATION_VERSION");
    }

    @Test
    void valuesArePaddedToEvenLengthAndReadBack() throws IOException {
        DataSet item = DataSet.builder().string(Tag.CodeValue, "51185008").string(Tag.CodingSchemeDesignator, "SCT")
                .string(Tag.CodeMeaning, "Chest").build();
        DataSet ds = minimal()
                .string(Tag.PatientName, "Doe^Jon")                  // 7 characters: padded with a space
                .string(Tag.StudyInstanceUID, "1.2.345")             // 7 characters: padded with NUL
                .doubles(Tag.PixelSpacing, 0.7, -0.173648178)
                .ints(Tag.Rows, 3).ints(Tag.Columns, 2)
                .ints(Tag.InstanceNumber, 12)
                .doubles(Tag.RealWorldValueSlope, 2.5)
                .ints(Tag.SmallestImagePixelValue, VR.SS, -5)
                .sequence(Tag.AnatomicRegionSequence, item)
                .empty(Tag.ReferringPhysicianName)
                .pixels(new short[] {1, -2, 3, 4, 5, 6})
                .build();
        for (DicomElement e : ds.elements()) {
            assertEquals(0, e.valueLength() % 2, e.toString());
        }
        byte[] bytes = Part10Writer.create().encode(ds);
        Attributes a = DicomFile.read(ByteBuffer.wrap(bytes), "mem").dataSet();
        assertEquals("Doe^Jon", a.getString(Tag.PatientName).orElseThrow());
        assertEquals(8, a.get(Tag.PatientName).orElseThrow().valueLength());
        assertEquals("1.2.345", a.getUid(Tag.StudyInstanceUID).orElseThrow());
        assertArrayEquals(new double[] {0.7, -0.173648178}, a.getDoubles(Tag.PixelSpacing));
        assertEquals(12, a.getInt(Tag.InstanceNumber).getAsInt());
        assertEquals(2.5, a.getDouble(Tag.RealWorldValueSlope).getAsDouble());
        assertEquals(-5, a.getInt(Tag.SmallestImagePixelValue).getAsInt());
        List<Attributes> seq = a.getSequence(Tag.AnatomicRegionSequence);
        assertEquals(1, seq.size());
        assertEquals("Chest", seq.get(0).getString(Tag.CodeMeaning).orElseThrow());
        assertTrue(a.contains(Tag.ReferringPhysicianName));
        assertFalse(a.getString(Tag.ReferringPhysicianName).isPresent());
        assertFalse(a.contains(Tag.SpecificCharacterSet), "ASCII only: no Specific Character Set");
        assertEquals(VR.OW, a.vr(Tag.PixelData).orElseThrow());
    }

    @Test
    void nonAsciiTextDeclaresUtf8() throws IOException {
        DataSet item = DataSet.builder().string(Tag.CodeMeaning, "Thorax für Ärzte").build();
        DataSet ds = minimal().string(Tag.PatientName, "Müller^Jürgen")
                .sequence(Tag.AnatomicRegionSequence, item).build();
        assertTrue(ds.contains(Tag.SpecificCharacterSet));
        Attributes a = DicomFile.read(ByteBuffer.wrap(Part10Writer.create().encode(ds)), "mem").dataSet();
        assertEquals("ISO_IR 192", a.getString(Tag.SpecificCharacterSet).orElseThrow());
        assertEquals("Müller^Jürgen", a.getString(Tag.PatientName).orElseThrow());
        assertEquals("Thorax für Ärzte",
                a.getSequence(Tag.AnatomicRegionSequence).get(0).getString(Tag.CodeMeaning).orElseThrow());
    }

    @Test
    void valuesThatBreakTheirVrAreRefusedNamingTheTag() {
        DataSetBuilder b = DataSet.builder();
        assertMessage(() -> b.string(Tag.Modality, "ct"), "(0008,0060) Modality");
        assertMessage(() -> b.string(Tag.Modality, "VERY LONG MODALITY"), "more than 16");
        assertMessage(() -> b.string(Tag.StudyDate, "2024-01-01"), "(0008,0020) StudyDate");
        assertMessage(() -> b.string(Tag.PatientID, "a\\b"), "backslash");
        assertMessage(() -> b.string(Tag.StudyInstanceUID, "1.02"), "(0020,000D) StudyInstanceUID");
        assertMessage(() -> b.string(Tag.Modality, "CTÄ"), "non-ASCII");
        assertMessage(() -> b.ints(Tag.Rows, 70000), "(0028,0010) Rows");
        assertMessage(() -> b.doubles(Tag.PixelSpacing, Double.NaN), "(0028,0030) PixelSpacing");
        assertMessage(() -> b.ints(Tag.SmallestImagePixelValue, 1), "pass the VR");
        assertMessage(() -> b.string(Tag.TransferSyntaxUID, "1.2"), "group 0002");
        assertMessage(() -> b.ints(0x00080000, VR.UL, 4), "group length");
        assertMessage(() -> b.string(Tag.SpecificCharacterSet, "ISO_IR 100"), "set by build()");
    }

    @Test
    void missingSopInstanceUidIsRefusedNamingTheDataSet() {
        DataSet ds = DataSet.builder().string(Tag.SOPClassUID, CT).build();
        assertMessage(() -> Part10Writer.create().encode(ds), "dataSet must hold (0008,0018) SOPInstanceUID");
    }

    @Test
    void writeGoesThroughATemporaryFileAndLeavesOnlyTheTarget(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a.dcm");
        Files.writeString(target, "old content");
        Part10Writer.create().write(target, minimal().build());
        assertEquals("CT", DicomFile.read(target).dataSet().getString(Tag.Modality).orElseThrow());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList());
        }
        // readable by others as any new file is (umask), not owner-only like Files.createTempFile's
        Path plain = Files.createFile(dir.resolve("plain"));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
        }
    }

    @Test
    void writeIntoAMissingDirectoryFailsNamingItAndLeavesNothing(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where the directory should be");
        Path target = blocker.resolve("a.dcm");
        DicomWriteException e = assertThrows(DicomWriteException.class,
                () -> Part10Writer.create().write(target, minimal().build()));
        assertTrue(e.getMessage().contains(blocker.toString()), e.getMessage());
        assertEquals(blocker.toAbsolutePath(), e.path());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(blocker), s.toList());
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message \"" + e.getMessage() + "\" should contain \"" + part + "\"");
    }
}
