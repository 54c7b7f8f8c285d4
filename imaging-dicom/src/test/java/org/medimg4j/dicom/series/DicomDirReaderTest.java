package org.medimg4j.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

class DicomDirReaderTest {

    @TempDir
    Path dir;

    /** @return a directory record (PS3.3 F.3.2.2) of {@code type}, referencing {@code fileId} unless null */
    static DicomBytes record(String type, String fileId, int inUse) {
        DicomBytes r = DicomBytes.explicitLe()
                .ints32(Tag.OffsetOfTheNextDirectoryRecord, VR.UL, 0)
                .us(Tag.RecordInUseFlag, inUse)
                .ints32(Tag.OffsetOfReferencedLowerLevelDirectoryEntity, VR.UL, 0)
                .text(Tag.DirectoryRecordType, VR.CS, type);
        if (fileId != null) {
            r.text(Tag.ReferencedFileID, VR.CS, fileId)
                    .text(Tag.ReferencedSOPClassUIDInFile, VR.UI, "1.2.840.10008.5.1.4.1.1.2")
                    .text(Tag.ReferencedSOPInstanceUIDInFile, VR.UI, "1.2.3." + Math.abs(fileId.hashCode()))
                    .text(Tag.ReferencedTransferSyntaxUIDInFile, VR.UI, DicomBytes.EXPLICIT_LE);
        }
        return r;
    }

    static DicomBytes image(String fileId) {
        return record("IMAGE", fileId, 0xFFFF);
    }

    /** @return a Part 10 DICOMDIR (Media Storage Directory SOP Class in the meta group) holding these records */
    static byte[] dicomDir(DicomBytes... records) {
        DicomBytes items = DicomBytes.explicitLe();
        for (DicomBytes r : records) {
            items.item(r);
        }
        byte[] dataSet = DicomBytes.explicitLe()
                .text(Tag.FileSetID, VR.CS, "TEST")
                .ints32(Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, VR.UL, 0)
                .ints32(0x00041202, VR.UL, 0)
                .us(0x00041212, 0)
                .sequence(Tag.DirectoryRecordSequence, VR.SQ, items)
                .bytes();
        byte[] meta = DicomBytes.explicitLe()
                .element(0x00020001, VR.OB, new byte[] {0, 1})
                .text(Tag.MediaStorageSOPClassUID, VR.UI, DicomDirReader.MEDIA_STORAGE_DIRECTORY_SOP_CLASS)
                .text(0x00020003, VR.UI, "1.2.3.99")
                .text(0x00020010, VR.UI, DicomBytes.EXPLICIT_LE)
                .bytes();
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[128]);
        f.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        f.writeBytes(DicomBytes.explicitLe().ints32(0x00020000, VR.UL, meta.length).bytes());
        f.writeBytes(meta);
        f.writeBytes(dataSet);
        return f.toByteArray();
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** A disc: DICOMDIR, images/im1, images/IM2, images/IM3. (case and trailing dot differ from the records). */
    private Path disc(Path root) throws IOException {
        write(root.resolve("images/im1"), TestSlice.at(1).name("1").file());
        write(root.resolve("images/IM2"), TestSlice.at(2).name("2").file());
        write(root.resolve("images/IM3."), TestSlice.at(3).name("3").file());
        write(root.resolve("images/EXTRA"), TestSlice.at(4).name("4").file());
        write(root.resolve("VIEWER.EXE"), "MZ not dicom".getBytes(StandardCharsets.US_ASCII));
        return write(root.resolve("DICOMDIR"), dicomDir(
                record("PATIENT", null, 0xFFFF), record("STUDY", null, 0xFFFF), record("SERIES", null, 0xFFFF),
                image("IMAGES\\IM1"), image("IMAGES\\IM2"), image("IMAGES\\IM3"), image("IMAGES\\IM4"),
                record("IMAGE", "IMAGES\\IM9", 0), image("..\\ESCAPE"), image("IMAGES\\IM1")));
    }

    @Test
    void readsReferencedFilesIgnoringCaseAndReportsMissingAndUnsafeOnes() throws IOException {
        Path dicomDir = disc(dir);
        DicomDirReader.Contents c = DicomDirReader.read(dicomDir);
        assertEquals(dicomDir, c.dicomDir());
        List<DicomDirReader.Reference> refs = c.references();
        assertEquals(5, refs.size(), "IM1 twice, IM2, IM3, IM4; not the inactive IM9 nor the unsafe one");
        assertEquals(List.of("IMAGES", "IM1"), refs.get(0).fileId());
        assertEquals("IMAGE", refs.get(0).recordType());
        assertTrue(refs.get(0).sopInstanceUid().startsWith("1.2.3."), refs.get(0).sopInstanceUid());
        assertEquals(List.of(true, true, true, false, true),
                refs.stream().map(DicomDirReader.Reference::found).collect(Collectors.toList()));
        assertEquals(List.of(dir.resolve("images/im1"), dir.resolve("images/IM2"), dir.resolve("images/IM3.")),
                c.files());
        assertEquals(2, c.problems().size());
        SkippedFile missing = c.problems().get(0);
        assertEquals(dir.resolve("IMAGES").resolve("IM4"), missing.path());
        assertEquals(SkippedFile.Reason.MISSING_REFERENCED_FILE, missing.reason());
        assertTrue(missing.detail().contains("IMAGES\\IM4"), missing.detail());
        SkippedFile unsafe = c.problems().get(1);
        assertEquals(dicomDir, unsafe.path());
        assertTrue(unsafe.detail().contains("..\\ESCAPE") && unsafe.detail().contains("refused"), unsafe.detail());
    }

    @Test
    void scannerReadsWhatTheDicomDirReferencesInsteadOfWalkingItsFolder() throws IOException {
        Path dicomDir = disc(dir);
        ScanResult r = DicomScanner.defaults().scan(dir);
        assertEquals(List.of(dir.resolve("images/IM2"), dir.resolve("images/IM3."), dir.resolve("images/im1")),
                r.instances().stream().map(InstanceHeader::path).collect(Collectors.toList()));
        assertEquals(List.of(dicomDir), r.dicomDirs());
        Map<SkippedFile.Reason, Integer> counts = r.skippedCounts();
        assertEquals(Map.of(SkippedFile.Reason.DICOMDIR, 1, SkippedFile.Reason.MISSING_REFERENCED_FILE, 2), counts,
                "VIEWER.EXE and EXTRA are not looked at: " + r.skipped());
    }

    @Test
    void withoutDicomDirUseTheFolderIsWalkedAndTheDicomDirSkipped() throws IOException {
        Path dicomDir = disc(dir);
        ScanResult r = DicomScanner.builder().useDicomDir(false).build().scan(dir);
        assertEquals(4, r.instances().size());
        assertEquals(List.of(), r.dicomDirs());
        Map<Path, SkippedFile.Reason> reasons = r.skipped().stream()
                .collect(Collectors.toMap(SkippedFile::path, SkippedFile::reason));
        assertEquals(Map.of(dicomDir, SkippedFile.Reason.DICOMDIR, dir.resolve("VIEWER.EXE"),
                SkippedFile.Reason.NOT_DICOM), reasons);
    }

    @Test
    void rootMayBeTheDicomDirFileItself() throws IOException {
        Path dicomDir = disc(dir);
        ScanResult r = DicomScanner.defaults().scan(dicomDir);
        assertEquals(3, r.instances().size());
        assertEquals(List.of(dicomDir), r.dicomDirs());
    }

    @Test
    void dicomDirsDeeperInTheTreeAreUsedForTheirOwnFolders() throws IOException {
        disc(dir.resolve("disc1"));
        write(dir.resolve("loose/IM9"), TestSlice.at(9).name("9").file());
        write(dir.resolve("loose/notes.txt"), "x".getBytes(StandardCharsets.US_ASCII));
        ScanResult r = DicomScanner.defaults().scan(dir);
        assertEquals(4, r.instances().size());
        assertEquals(List.of(dir.resolve("disc1/DICOMDIR")), r.dicomDirs());
        assertEquals(1, r.skippedCounts().get(SkippedFile.Reason.NOT_DICOM));
    }

    @Test
    void aFileNamedDicomDirThatIsNotOneIsScannedAndTheFolderWalked() throws IOException {
        Path fake = write(dir.resolve("dicomdir"), TestSlice.at(0).name("0").file());
        write(dir.resolve("IM1"), TestSlice.at(1).name("1").file());
        DicomException e = assertThrows(DicomException.class, () -> DicomDirReader.read(fake));
        assertTrue(e.getMessage().startsWith(fake.toString()) && e.getMessage().contains("not a DICOMDIR"),
                e.getMessage());
        ScanResult r = DicomScanner.defaults().scan(dir);
        assertEquals(2, r.instances().size());
        assertEquals(List.of(), r.dicomDirs());
    }

    @Test
    void recognisesDicomDirByMetaSopClassAndNameIgnoringCaseAndIsoSuffix() throws IOException {
        assertTrue(DicomDirReader.isDicomDir(DicomBytes.read(dicomDir())));
        assertFalse(DicomDirReader.isDicomDir(DicomBytes.read(TestSlice.at(0).file())));
        assertTrue(DicomDirReader.hasDicomDirName("DICOMDIR"));
        assertTrue(DicomDirReader.hasDicomDirName("dicomdir"));
        assertTrue(DicomDirReader.hasDicomDirName("DICOMDIR;1"));
        assertTrue(DicomDirReader.hasDicomDirName("DicomDir."));
        assertFalse(DicomDirReader.hasDicomDirName("DICOMDIR.bak"));
        assertFalse(DicomDirReader.hasDicomDirName("DICOMDIR2"));
    }

    @Test
    void emptyFileSetHasNoReferences() throws IOException {
        Path d = write(dir.resolve("DICOMDIR"), dicomDir());
        DicomDirReader.Contents c = DicomDirReader.read(d);
        assertEquals(List.of(), c.references());
        assertEquals(List.of(), c.problems());
        ScanResult r = DicomScanner.defaults().scan(dir);
        DicomException e = assertThrows(DicomException.class, r::requireInstances);
        assertEquals(dir + ": no DICOM files (1 file skipped: 1 DICOMDIR)", e.getMessage());
    }

    // ---- a DICOMDIR made by DCMTK ----

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, tool)));
    }

    private static boolean ci() {
        return "true".equals(System.getenv("CI")) || "true".equals(System.getProperty("CI"));
    }

    @Test
    void dicomDirMadeByDcmmkdirOverCorpusFilesGivesTheSameStacks() throws Exception {
        if (!onPath("dcmmkdir")) {
            if (ci()) {
                fail("dcmmkdir (Debian package dcmtk) is required under CI=true");
            }
            Assumptions.abort("dcmmkdir (Debian package dcmtk) not installed");
        }
        Path source = Corpus.root().resolve("series/ct_mixed_localizer_two_series");
        List<Path> files;
        try (Stream<Path> s = Files.list(source)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
        }
        // PS3.10 file IDs: upper-case, at most 8 characters per component.
        Files.createDirectories(dir.resolve("DATA"));
        for (int i = 0; i < files.size(); i++) {
            Files.copy(files.get(i), dir.resolve("DATA").resolve(String.format("IM%04d", i + 1)));
        }
        Process p = new ProcessBuilder("dcmmkdir", "--recurse", "+I", "DATA").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dcmmkdir timed out");
        assertEquals(0, p.exitValue(), "dcmmkdir failed: " + out);
        // Copied media often lose the case of names: the references must still resolve.
        Files.move(dir.resolve("DATA"), dir.resolve("data"));
        Files.writeString(dir.resolve("README.TXT"), "not part of the file-set");

        try (DicomFile dd = DicomFile.read(dir.resolve("DICOMDIR"))) {
            assertTrue(DicomDirReader.isDicomDir(dd));
        }
        DicomDirReader.Contents c = DicomDirReader.read(dir.resolve("DICOMDIR"));
        assertEquals(files.size(), c.files().size());
        assertEquals(List.of(), c.problems());
        assertTrue(c.references().stream().allMatch(r -> r.recordType().equals("IMAGE")));

        ScanResult r = DicomScanner.defaults().scan(dir);
        assertEquals(files.size(), r.instances().size());
        assertEquals(Map.of(SkippedFile.Reason.DICOMDIR, 1), r.skippedCounts());
        List<StackCandidate> stacks = SeriesGrouper.defaults().group(r.instances());
        assertEquals(List.of("=20", "localizer=1", "=10"), stacks.stream()
                .map(s -> s.label() + "=" + s.instances().size()).collect(Collectors.toList()));
    }
}
