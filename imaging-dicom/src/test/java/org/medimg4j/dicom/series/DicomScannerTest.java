package org.medimg4j.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.dictionary.Tag;
import org.slf4j.LoggerFactory;

class DicomScannerTest {

    @TempDir
    Path dir;

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static List<String> names(List<InstanceHeader> instances, Path root) {
        return instances.stream().map(h -> root.relativize(h.path()).toString().replace('\\', '/'))
                .collect(Collectors.toList());
    }

    private static Map<Path, SkippedFile.Reason> reasons(ScanResult r) {
        return r.skipped().stream().collect(Collectors.toMap(SkippedFile::path, SkippedFile::reason));
    }

    @Test
    void findsInstancesInNestedFoldersSortedByPath() throws IOException {
        write(dir.resolve("b/IM2"), TestSlice.at(2).name("2").file());
        write(dir.resolve("a/x/IM1"), TestSlice.at(1).name("1").file());
        write(dir.resolve("IM0"), TestSlice.at(0).name("0").file());
        ScanResult r = DicomScanner.builder().threads(2).build().scan(dir);
        assertEquals(List.of("IM0", "a/x/IM1", "b/IM2"), names(r.instances(), dir));
        assertEquals(List.of(), r.skipped());
        assertEquals(dir, r.root());
        assertEquals(-20.0, r.instances().get(1).attributes().getDoubles(Tag.ImagePositionPatient)[1]);
        assertFalse(r.instances().get(0).attributes().contains(Tag.PixelData), "metadata-only read");
    }

    @Test
    void nonDicomFilesAreSkippedWithTheirReasons() throws IOException {
        write(dir.resolve("IM1"), TestSlice.at(1).file());
        write(dir.resolve("notes.txt"), "scanned on Tuesday\nno contrast\n".getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve("empty.dcm"), new byte[0]);
        byte[] whole = TestSlice.at(2).file();
        // Cut inside the data set, well before Pixel Data: the header itself is incomplete.
        write(dir.resolve("truncated.dcm"), Arrays.copyOf(whole, 240));
        write(dir.resolve("report.dcm"), TestSlice.at(3).noPixels().file());
        ListAppender<ILoggingEvent> log = capture();
        ScanResult r;
        try {
            r = DicomScanner.builder().threads(3).build().scan(dir);
        } finally {
            release(log);
        }
        assertEquals(List.of("IM1"), names(r.instances(), dir));
        assertEquals(Map.of(dir.resolve("notes.txt"), SkippedFile.Reason.NOT_DICOM,
                dir.resolve("empty.dcm"), SkippedFile.Reason.EMPTY,
                dir.resolve("truncated.dcm"), SkippedFile.Reason.MALFORMED,
                dir.resolve("report.dcm"), SkippedFile.Reason.NO_PIXEL_DATA), reasons(r));
        SkippedFile text = r.skipped().stream().filter(s -> s.reason() == SkippedFile.Reason.NOT_DICOM)
                .findFirst().orElseThrow();
        assertTrue(text.detail().contains("not a DICOM file"), text.detail());
        assertFalse(text.detail().startsWith(text.path().toString()), "the path is not repeated in the detail");
        assertEquals("4 files skipped: 1 empty, 1 not DICOM, 1 malformed DICOM, 1 no pixel data",
                r.skippedSummary());
        List<String> info = log.list.stream().filter(e -> e.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        assertEquals(1, info.size(), info.toString());
        assertTrue(info.get(0).contains("1 DICOM instance") && info.get(0).contains("4 files skipped"),
                info.get(0));
        long debug = log.list.stream().filter(e -> e.getLevel() == Level.DEBUG
                && e.getFormattedMessage().startsWith("skipped ")).count();
        assertEquals(4, debug, "one DEBUG line per skipped file");
    }

    private static ListAppender<ILoggingEvent> capture() {
        Logger logger = (Logger) LoggerFactory.getLogger(DicomScanner.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        Logger logger = (Logger) LoggerFactory.getLogger(DicomScanner.class);
        logger.detachAppender(appender);
        logger.setLevel(null);
    }

    @Test
    void hiddenFilesAndFoldersAreSkippedUnlessIncluded() throws IOException {
        write(dir.resolve("IM1"), TestSlice.at(1).name("1").file());
        write(dir.resolve(".IM2"), TestSlice.at(2).name("2").file());
        write(dir.resolve(".git/objects/IM3"), TestSlice.at(3).name("3").file());
        ScanResult r = DicomScanner.defaults().scan(dir);
        assertEquals(List.of("IM1"), names(r.instances(), dir));
        assertEquals(Map.of(dir.resolve(".IM2"), SkippedFile.Reason.HIDDEN,
                dir.resolve(".git"), SkippedFile.Reason.HIDDEN), reasons(r));
        ScanResult all = DicomScanner.builder().includeHidden(true).build().scan(dir);
        assertEquals(List.of(".IM2", ".git/objects/IM3", "IM1"), names(all.instances(), dir));
    }

    @Test
    void rootMayBeASingleFile() throws IOException {
        Path file = write(dir.resolve(".hidden-but-named"), TestSlice.at(7).file());
        ScanResult r = DicomScanner.defaults().scan(file);
        assertEquals(1, r.instances().size());
        assertEquals(file, r.instances().get(0).path());
        assertEquals(file, r.root());
    }

    @Test
    void missingRootIsATypedErrorNamingThePath() {
        Path missing = dir.resolve("no-such-folder");
        DicomException e = assertThrows(DicomException.class, () -> DicomScanner.defaults().scan(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
    }

    @Test
    void unreadableRootIsATypedErrorNamingThePath() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assumeTrue(Files.getFileStore(locked).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "running as a user that reads anything (root)");
            DicomException e = assertThrows(DicomException.class, () -> DicomScanner.defaults().scan(locked));
            assertTrue(e.getMessage().startsWith(locked.toString()) && e.getMessage().contains("not readable"),
                    e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void emptyDirectoryGivesAnEmptyResultThatRequireInstancesRefuses() throws IOException {
        ScanResult r = DicomScanner.defaults().scan(dir);
        assertTrue(r.isEmpty());
        assertEquals(List.of(), r.skipped());
        DicomException e = assertThrows(DicomException.class, r::requireInstances);
        assertEquals(dir + ": no DICOM files (no files found)", e.getMessage());
    }

    @Test
    void directoryWithoutDicomSaysWhatWasSkipped() throws IOException {
        write(dir.resolve("a.txt"), "a".getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve("b.json"), "{\"x\": 1}".getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve("c"), new byte[0]);
        ScanResult r = DicomScanner.defaults().scan(dir);
        DicomException e = assertThrows(DicomException.class, r::requireInstances);
        assertEquals(dir + ": no DICOM files (3 files skipped: 1 empty, 2 not DICOM)", e.getMessage());
        assertEquals(Map.of(SkippedFile.Reason.EMPTY, 1, SkippedFile.Reason.NOT_DICOM, 2), r.skippedCounts());
    }

    @Test
    void parallelScanGivesTheSameResultAsOneThread() throws IOException {
        for (int i = 0; i < 40; i++) {
            write(dir.resolve("s" + (i % 3) + "/IM" + (39 - i)), TestSlice.at(i).name("n" + i).file());
            if (i % 7 == 0) {
                write(dir.resolve("s" + (i % 3) + "/junk" + i), ("junk " + i).getBytes(StandardCharsets.US_ASCII));
            }
        }
        ScanResult one = DicomScanner.builder().threads(1).build().scan(dir);
        ScanResult many = DicomScanner.builder().threads(4).build().scan(dir);
        assertEquals(40, one.instances().size());
        assertEquals(one.instances().stream().map(InstanceHeader::path).collect(Collectors.toList()),
                many.instances().stream().map(InstanceHeader::path).collect(Collectors.toList()));
        assertEquals(one.instances().stream().map(InstanceHeader::sopInstanceUid).collect(Collectors.toList()),
                many.instances().stream().map(InstanceHeader::sopInstanceUid).collect(Collectors.toList()));
        assertEquals(one.skipped(), many.skipped());
        assertEquals(6, one.skipped().size());
    }

    @Test
    void progressIsReportedInOrderFromStartToFinish() throws IOException {
        for (int i = 0; i < 25; i++) {
            write(dir.resolve("IM" + i), TestSlice.at(i).name("p" + i).file());
        }
        write(dir.resolve(".hidden"), new byte[] {1});
        List<String> events = new ArrayList<>();
        ScanProgress listener = new ScanProgress() {
            @Override
            public void started(Path root, int totalFiles) {
                events.add("start " + totalFiles);
            }

            @Override
            public void scanned(int done, int total) {
                events.add(done + "/" + total);
            }

            @Override
            public void finished(ScanResult result) {
                events.add("end " + result.instances().size());
            }
        };
        DicomScanner.builder().threads(4).progress(listener).build().scan(dir);
        List<String> expected = new ArrayList<>();
        expected.add("start 25");
        for (int i = 1; i <= 25; i++) {
            expected.add(i + "/25");
        }
        expected.add("end 25");
        assertEquals(expected, events);
    }

    @Test
    void aFailingListenerAbortsTheScan() throws IOException {
        for (int i = 0; i < 5; i++) {
            write(dir.resolve("IM" + i), TestSlice.at(i).name("f" + i).file());
        }
        ScanResult[] finished = {new ScanResult(dir, List.of(), List.of(), List.of())};
        ScanProgress failing = new ScanProgress() {
            @Override
            public void scanned(int done, int total) {
                if (done == 3) {
                    throw new IllegalStateException("listener broke");
                }
            }

            @Override
            public void finished(ScanResult result) {
                finished[0] = result;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DicomScanner.builder().threads(2).progress(failing).build().scan(dir));
        assertEquals("listener broke", e.getMessage());
        assertNull(finished[0], "finished(null) after a failed scan");
    }

    @Test
    void builderValidatesAtBuildNamingTheParameter() {
        DicomScanner.Builder b = DicomScanner.builder().threads(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
        NullPointerException n = assertThrows(NullPointerException.class,
                () -> DicomScanner.builder().progress(null).build());
        assertEquals("progress", n.getMessage());
        DicomScanner s = DicomScanner.builder().threads(3).build();
        assertEquals(3, s.threads());
        assertFalse(s.followSymlinks());
        assertFalse(s.includeHidden());
        assertTrue(s.useDicomDir());
        assertEquals(Runtime.getRuntime().availableProcessors(), DicomScanner.defaults().threads());
    }

    @Test
    void symlinkedFilesAreReadButSymlinkedDirectoriesOnlyWhenAsked() throws IOException {
        Path data = dir.resolve("data");
        write(data.resolve("IM1"), TestSlice.at(1).name("1").file());
        Path other = dir.resolve("elsewhere");
        write(other.resolve("IM2"), TestSlice.at(2).name("2").file());
        Files.createSymbolicLink(data.resolve("linked-file"), other.resolve("IM2"));
        Files.createSymbolicLink(data.resolve("linked-dir"), other);
        Files.createSymbolicLink(data.resolve("loop"), data);
        ScanResult plain = DicomScanner.defaults().scan(data);
        assertEquals(List.of("IM1", "linked-file"), names(plain.instances(), data));
        assertEquals(Map.of(data.resolve("linked-dir"), SkippedFile.Reason.SYMLINKED_DIRECTORY,
                data.resolve("loop"), SkippedFile.Reason.SYMLINKED_DIRECTORY), reasons(plain));
        ScanResult followed = DicomScanner.builder().followSymlinks(true).build().scan(data);
        assertEquals(List.of("IM1", "linked-dir/IM2", "linked-file"), names(followed.instances(), data));
        SkippedFile loop = followed.skipped().get(0);
        assertEquals(data.resolve("loop"), loop.path());
        assertEquals(SkippedFile.Reason.UNREADABLE, loop.reason());
        assertTrue(loop.detail().contains("already walked"), loop.detail());
    }

    @Test
    void aDicomDirNotNamedDicomDirIsSkippedAsOne() throws IOException {
        write(dir.resolve("IM1"), TestSlice.at(1).file());
        write(dir.resolve("INDEX"), DicomDirReaderTest.dicomDir());
        ScanResult r = DicomScanner.defaults().scan(dir);
        assertEquals(1, r.instances().size());
        assertEquals(Map.of(dir.resolve("INDEX"), SkippedFile.Reason.DICOMDIR), reasons(r));
        assertEquals(List.of(), r.dicomDirs());
    }

    @Test
    void skippedFileDescribesItselfOnOneLine() {
        SkippedFile s = new SkippedFile(Path.of("x", "y.txt"), SkippedFile.Reason.NOT_DICOM, "offset 0: no DICM");
        assertEquals(Path.of("x", "y.txt") + ": not DICOM (offset 0: no DICM)", s.describe());
        assertEquals(Path.of("z") + ": hidden", new SkippedFile(Path.of("z"), SkippedFile.Reason.HIDDEN, "")
                .describe());
    }
}
