package org.medimg4j.dicom.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What we write is valid: dicom3tools' dciodvfy reports no error on a CT series (oblique, float HU, and a
 * gantry-tilted one), an MR series (oblique), a DX and a CR image. With the body part given, it reports no warning
 * either; the warnings that remain in other cases are listed in {@link #knownWarningsAreOnlyTheDocumentedOnes}.
 */
class DicomValidityTest {

    @BeforeAll
    static void toolIsInstalled() {
        Dciodvfy.require();
    }

    private static SeriesOptions options(long seed, String bodyPart) {
        return WriterFixtures.options(seed).toBuilder().bodyPartExamined(bodyPart).build();
    }

    /** @return the warnings, after asserting the IOD was recognised and no line reports an error */
    private static List<String> validate(Path file, String iod) throws IOException, InterruptedException {
        List<String> lines = Dciodvfy.run(file);
        assertFalse(lines.isEmpty(), "dciodvfy printed nothing for " + file);
        assertEquals(iod, lines.get(0), "dciodvfy should recognise " + file + " as " + iod + ": " + lines);
        for (String line : lines) {
            assertFalse(line.contains("Error"), file + ": " + line + "\n(all output: " + lines + ")");
        }
        return lines.stream().filter(l -> l.startsWith("Warning")).toList();
    }

    private static void validateAll(List<Path> files, String iod) throws IOException, InterruptedException {
        for (Path f : files) {
            List<String> warnings = validate(f, iod);
            assertTrue(warnings.isEmpty(), f + ": " + warnings);
        }
    }

    @Test
    void ctSeriesIsAValidCtImageIod(@TempDir Path dir) throws Exception {
        WrittenSeries s = VolumeSeriesWriter.ct(options(1, "CHEST"))
                .write(WriterFixtures.floatHu(WriterFixtures.oblique(8, 6, 3)), dir);
        assertEquals(3, s.files().size());
        validateAll(s.files(), "CTImage");
    }

    @Test
    void gantryTiltedCtSeriesIsValid(@TempDir Path dir) throws Exception {
        WrittenSeries s = VolumeSeriesWriter.ct(options(2, "HEAD"))
                .write(WriterFixtures.int16Hu(WriterFixtures.sheared(8, 6, 3)), dir);
        validateAll(s.files(), "CTImage");
    }

    @Test
    void obliqueMrSeriesIsAValidMrImageIod(@TempDir Path dir) throws Exception {
        MrAcquisition mr = MrAcquisition.builder().scanningSequence("GR").sequenceVariant("SP", "SS")
                .acquisitionType("3D").repetitionTimeMs(8.1).echoTimeMs(3.7).echoTrainLength(1)
                .magneticFieldStrengthT(3).flipAngleDeg(8).build();
        WrittenSeries s = VolumeSeriesWriter.mr(options(3, "BRAIN"), mr)
                .write(WriterFixtures.mrSignal(WriterFixtures.oblique(8, 6, 3)), dir);
        validateAll(s.files(), "MRImage");
    }

    @Test
    void mrWithDefaultAcquisitionIsValid(@TempDir Path dir) throws Exception {
        WrittenSeries s = VolumeSeriesWriter.mr(options(4, "BRAIN"), MrAcquisition.defaults())
                .write(WriterFixtures.mrSignal(WriterFixtures.oblique(8, 6, 2)), dir);
        validateAll(s.files(), "MRImage");
    }

    @Test
    void dxImageIsAValidDxForPresentationIod(@TempDir Path dir) throws Exception {
        WrittenSeries s = ProjectionImageWriter.dx(options(5, "CHEST"),
                ProjectionAcquisition.builder().viewPosition("PA").detectorType("SCINTILLATOR").build())
                .write(WriterFixtures.xray(40, 30), dir);
        validateAll(s.files(), "DXImageForPresentation");
    }

    @Test
    void dxImageWithDefaultsAndMappedValuesIsValid(@TempDir Path dir) throws Exception {
        WrittenSeries s = ProjectionImageWriter.dx(SeriesOptions.defaults(), ProjectionAcquisition.defaults())
                .write(WriterFixtures.floatHu(WriterFixtures.oblique(40, 30, 1)), dir);
        validateAll(s.files(), "DXImageForPresentation");
    }

    @Test
    void crImageIsAValidCrIod(@TempDir Path dir) throws Exception {
        WrittenSeries s = ProjectionImageWriter.cr(options(6, "CHEST"),
                ProjectionAcquisition.builder().viewPosition("AP").build())
                .write(WriterFixtures.floatHu(WriterFixtures.oblique(40, 30, 1)), dir);
        validateAll(s.files(), "CRImage");
    }

    @Test
    void crImageWithDefaultsIsValid(@TempDir Path dir) throws Exception {
        WrittenSeries s = ProjectionImageWriter.cr(SeriesOptions.defaults(), ProjectionAcquisition.defaults())
                .write(WriterFixtures.xray(20, 10), dir);
        validateAll(s.files(), "CRImage");
    }

    @Test
    void knownWarningsAreOnlyTheDocumentedOnes(@TempDir Path dir) throws Exception {
        // 1. No body part given: Laterality is written empty (unknown), which dciodvfy accepts with a warning.
        WrittenSeries ct = VolumeSeriesWriter.ct(SeriesOptions.defaults())
                .write(WriterFixtures.int16Hu(WriterFixtures.oblique(4, 4, 1)), dir.resolve("ct"));
        List<String> w = validate(ct.files().get(0), "CTImage");
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("<Laterality>"), w.toString());
        // 2. MR with non-integer values keeps Rescale Slope/Intercept, which the MR Image IOD does not define.
        WrittenSeries mr = VolumeSeriesWriter.mr(options(7, "BRAIN"), MrAcquisition.defaults())
                .write(WriterFixtures.floatHu(WriterFixtures.oblique(4, 4, 1)), dir.resolve("mr"));
        w = validate(mr.files().get(0), "MRImage");
        assertFalse(w.isEmpty());
        for (String line : w) {
            assertTrue(line.contains("Modality LUT") || line.contains("Rescale")
                    || line.contains("Standard Extended SOP Class"), line);
        }
    }
}
