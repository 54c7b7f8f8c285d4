package org.medimg4j.dicom.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.Volume;

/** Every bad input is refused with a typed exception naming what is wrong, and leaves nothing behind. */
class WriterBadInputTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "message \"" + message + "\" should name \"" + p + "\"");
        }
    }

    @Test
    void aFileWhereTheOutputDirectoryShouldBeIsRefusedNamingTheDirectory(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("out");
        Files.writeString(blocker, "not a directory");
        Volume v = WriterFixtures.int16Hu(Geometry.of(3, 3, 2, 1, 1, 1));
        DicomWriteException e = assertThrows(DicomWriteException.class,
                () -> VolumeSeriesWriter.ct(SeriesOptions.defaults()).write(v, blocker));
        assertContains(e.getMessage(), blocker.toAbsolutePath().toString(), "not a directory");
        assertEquals(blocker.toAbsolutePath(), e.path());
        assertEquals("not a directory", Files.readString(blocker), "the file in the way is untouched");
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void aFileInTheWayOfAParentDirectoryIsRefusedNamingTheDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("parent"), "x");
        Path out = dir.resolve("parent/series");
        DicomWriteException e = assertThrows(DicomWriteException.class, () -> ProjectionImageWriter
                .dx(SeriesOptions.defaults(), ProjectionAcquisition.defaults()).write(WriterFixtures.xray(4, 4), out));
        assertContains(e.getMessage(), out.toAbsolutePath().toString());
        assertEquals(List.of("parent"), names(dir));
    }

    @Test
    void aFailureMidSeriesRemovesTheFilesAlreadyWrittenAndTheNewDirectory(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("series");
        Files.createDirectories(out.resolve("IM00002.dcm"));   // slice 2 cannot be written
        Volume v = WriterFixtures.int16Hu(Geometry.of(3, 3, 3, 1, 1, 1));
        DicomWriteException e = assertThrows(DicomWriteException.class,
                () -> VolumeSeriesWriter.ct(SeriesOptions.defaults()).write(v, out));
        assertContains(e.getMessage(), "IM00002.dcm");
        assertEquals(List.of("IM00002.dcm"), names(out), "slice 1 rolled back, no temporary file left");

        Path fresh = dir.resolve("fresh");
        assertThrows(IllegalArgumentException.class, () -> VolumeSeriesWriter.ct(SeriesOptions.defaults())
                .write(Volume.builder(v.geometry()).floats(new float[] {Float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).build(), fresh));
        assertFalse(Files.exists(fresh), "a refused volume creates no directory");
    }

    @Test
    void aVolumeWithNanIsRefusedNamingTheVolumeAndTheVoxel(@TempDir Path dir) throws IOException {
        Geometry g = Geometry.of(4, 3, 2, 1, 1, 1);
        float[] v = new float[24];
        v[(1 * 3 + 2) * 4 + 3] = Float.NaN;   // (z=1, y=2, x=3)
        Volume nan = Volume.builder(g).floats(v).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VolumeSeriesWriter.ct(SeriesOptions.defaults()).write(nan, dir.resolve("ct")));
        assertContains(e.getMessage(), "volume", "NaN", "(z=1, y=2, x=3)");
        v[(1 * 3 + 2) * 4 + 3] = Float.NEGATIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> VolumeSeriesWriter
                .mr(SeriesOptions.defaults(), MrAcquisition.defaults()).write(nan, dir.resolve("mr")));
        assertContains(e.getMessage(), "volume", "Infinity");
        assertEquals(List.of(), names(dir));
    }

    @Test
    void aMultiChannelVolumeIsRefusedNamingTheVolume(@TempDir Path dir) {
        Volume two = Volume.builder(Geometry.of(2, 2, 1, 1, 1, 1)).channels(2).floats(new float[8]).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VolumeSeriesWriter.ct(SeriesOptions.defaults()).write(two, dir));
        assertContains(e.getMessage(), "volume must have one channel");
    }

    @Test
    void theProjectionWriterRefusesAThreeDimensionalVolumeNamingTheImage(@TempDir Path dir) throws IOException {
        Volume v = WriterFixtures.int16Hu(Geometry.of(4, 4, 3, 1, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProjectionImageWriter
                .cr(SeriesOptions.defaults(), ProjectionAcquisition.defaults()).write(v, dir.resolve("cr")));
        assertContains(e.getMessage(), "image must be 2-D (nz = 1)", "4x4x3");
        float[] nan = new float[16];
        nan[5] = Float.NaN;
        Volume flat = Volume.ofFloats(Geometry.of(4, 4, 1, 1, 1, 1), nan);
        e = assertThrows(IllegalArgumentException.class, () -> ProjectionImageWriter
                .dx(SeriesOptions.defaults(), ProjectionAcquisition.defaults()).write(flat, dir.resolve("dx")));
        assertContains(e.getMessage(), "image holds NaN", "(z=0, y=1, x=1)");
        assertEquals(List.of(), names(dir));
    }

    @Test
    void optionsRefuseBadValuesNamingTheField() {
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> SeriesOptions.builder().studyInstanceUid("1.2.03").build()).getMessage(), "studyInstanceUid");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> SeriesOptions.builder().frameOfReferenceUid("x").build()).getMessage(), "frameOfReferenceUid");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> SeriesOptions.builder().patientSex("male").build()).getMessage(), "patientSex");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> SeriesOptions.builder().patientId("x".repeat(65)).build()).getMessage(), "patientId", "64");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> SeriesOptions.builder().bodyPartExamined("chest").build()).getMessage(), "bodyPartExamined");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> new DisplayWindow(40, 0.5, "")).getMessage(), "window width");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> new DisplayWindow(Double.NaN, 400, "")).getMessage(), "window center");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> SeriesOptions.builder().seriesNumber(-1).build()).getMessage(), "seriesNumber");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> SeriesOptions.builder().fileNamePrefix("../x").build()).getMessage(), "fileNamePrefix");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> SeriesOptions.builder().laterality("X").build()).getMessage(), "laterality");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> MrAcquisition.builder().scanningSequence("FLASH").build()).getMessage(), "scanningSequence");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> MrAcquisition.builder().echoTimeMs(-1).build()).getMessage(), "echoTimeMs");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> MrAcquisition.builder().acquisitionType("4D").build()).getMessage(), "acquisitionType");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> ProjectionAcquisition.builder().imageLaterality("X").build()).getMessage(), "imageLaterality");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> ProjectionAcquisition.builder().detectorType("CCD").build()).getMessage(), "detectorType");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> new CodedConcept("", "SCT", "x")).getMessage(), "value");
    }

    @Test
    void anInvalidUidRootIsRefusedNamingTheRoot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeriesOptions.builder().uids(UidGenerator.withRoot("1.2.840.01")).build());
        assertContains(e.getMessage(), "root", "1.2.840.01", "leading zero");
    }
}
