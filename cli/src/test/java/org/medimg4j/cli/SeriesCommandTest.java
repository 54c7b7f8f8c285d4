package org.medimg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.nifti.NiftiReader;
import org.medimg4j.core.volume.Volume;

/**
 * {@code medimg series} and {@code medimg convert} on the corpus' series: the exact JSON format of issue 5, the
 * statistics, the strict policy, the bad-input lines on stderr, and a NIfTI file with the series' geometry.
 */
class SeriesCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A series case of the corpus: -Dmedimg4j.corpus, else shared/dicom-corpus walking up; skipped when absent. */
    private static Path series(String name) {
        String prop = System.getProperty("medimg4j.corpus");
        List<Path> roots = new ArrayList<>();
        if (prop != null) {
            roots.add(Path.of(prop));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            roots.add(dir.resolve("shared/dicom-corpus"));
            roots.add(dir.resolve("../shared/dicom-corpus"));
        }
        for (Path r : roots) {
            if (Files.isDirectory(r.resolve("series").resolve(name))) {
                return r.resolve("series").resolve(name).normalize();
            }
        }
        if (Boolean.getBoolean("medimg4j.corpus.required")) {
            fail("the DICOM corpus is required (-Dmedimg4j.corpus.required=true) but was not found");
        }
        Assumptions.abort("DICOM corpus not found (set -Dmedimg4j.corpus=PATH)");
        return null;
    }

    private static JsonNode expected(Path caseDir) throws IOException {
        return JSON.readTree(caseDir.resolve("expected.json").toFile()).get("stacks");
    }

    @Test
    void printsOneObjectPerStackWithTheKeysInTheDocumentedOrder() throws IOException {
        Path dir = series("ct_mixed_localizer_two_series");
        CliRun r = run("series", dir.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode got = JSON.readTree(r.out());
        assertTrue(got.isArray());
        assertEquals(3, got.size(), "series A, its localizer on its own, series B: " + r.out());
        List<String> keys = new ArrayList<>();
        got.get(0).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("seriesInstanceUID", "modality", "size", "spacing", "origin", "direction", "files",
                "warnings"), keys);
        for (JsonNode e : expected(dir)) {
            JsonNode s = find(got, e);
            assertEquals(e.get("size"), s.get("size"));
            for (int i = 0; i < 9; i++) {
                assertEquals(e.get("direction").get(i).asDouble(), s.get("direction").get(i).asDouble(), 1e-5);
            }
            for (int a = 0; a < 3; a++) {
                assertEquals(e.get("origin").get(a).asDouble(), s.get("origin").get(a).asDouble(), 1e-3);
                assertEquals(e.get("spacing").get(a).asDouble(), s.get("spacing").get(a).asDouble(), 1e-3);
            }
            assertEquals(0, s.get("warnings").size());
        }
    }

    private static JsonNode find(JsonNode got, JsonNode e) {
        for (JsonNode s : got) {
            if (s.get("seriesInstanceUID").asText().equals(e.get("seriesInstanceUID").asText())
                    && s.get("files").asInt() == e.get("files").asInt()) {
                return s;
            }
        }
        throw new AssertionError("no stack for " + e.get("seriesInstanceUID") + " in " + got);
    }

    @Test
    void statsAddMinMaxMeanInHounsfieldUnits() throws IOException {
        Path dir = series("ct_varying_rescale");
        CliRun r = run("series", dir.toString(), "--stats");
        assertEquals(0, r.status(), r.err());
        JsonNode s = JSON.readTree(r.out()).get(0);
        JsonNode e = expected(dir).get(0);
        for (String k : List.of("min", "max", "mean")) {
            assertEquals(e.get(k).asDouble(), s.get(k).asDouble(), 0.01, k);
        }
    }

    @Test
    void lenientGappedSeriesIsFilledAndWarned() throws IOException {
        CliRun r = run("series", series("ct_missing_slice").toString());
        assertEquals(0, r.status(), r.err());
        JsonNode s = JSON.readTree(r.out()).get(0);
        assertEquals(40, s.get("size").get(2).asInt());
        assertTrue(s.get("warnings").get(0).asText().startsWith("missing-slice: gap of 5 mm after slice 16"),
                s.toString());
    }

    @Test
    void strictGappedSeriesFailsWithOneLineNamingTheSeries() {
        CliRun r = run("series", series("ct_missing_slice").toString(), "--strict");
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("medimg series: series 2.25.209733174663573054747249934497478242343: missing "
                + "slice: gap of 5 mm after slice 16"), r.err());
    }

    @Test
    void emptyDirectoryFails() {
        CliRun r = run("series", tmp.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(tmp + ": no DICOM files (no files found)"), r.err());
    }

    @Test
    void directoryWithoutDicomFails() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "not DICOM");
        CliRun r = run("series", tmp.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(tmp + ": no DICOM files (1 file skipped: 1 not DICOM)"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one error line");
    }

    @Test
    void missingDirectoryFails() {
        CliRun r = run("series", tmp.resolve("absent").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("absent: no such file or directory"), r.err());
    }

    @Test
    void projectionXrayIsOneImageWithItsSpacingAtThePatientAndInvertedStats() throws IOException {
        CliRun r = run("series", series("dx_monochrome1").toString(), "--stats");
        assertEquals(0, r.status(), r.err());
        JsonNode s = JSON.readTree(r.out()).get(0);
        assertEquals("DX", s.get("modality").asText());
        assertEquals("[128,96,1]", s.get("size").toString());
        assertEquals(0.112, s.get("spacing").get(0).asDouble(), 1e-9);
        assertEquals(0.12, s.get("spacing").get(1).asDouble(), 1e-9);
        assertEquals(81, s.get("min").asDouble(), 0.01, "MONOCHROME1 inverted: 4095 - stored");
        assertEquals(2246, s.get("max").asDouble(), 0.01);
        assertEquals(0, s.get("warnings").size());
    }

    @Test
    void convertWithTiffWritesAnImageJStackThatImageJReadsCalibrated() throws IOException {
        Path out = tmp.resolve("ct.tif");
        CliRun r = run("convert", series("ct_axial_shuffled").toString(), out.toString(), "--tiff");
        assertEquals(0, r.status(), r.err());
        ij.ImagePlus imp = ij.IJ.openImage(out.toString());
        assertEquals(40, imp.getStackSize());
        assertEquals(0.75, imp.getCalibration().pixelWidth, 1e-6);
        assertEquals(0.9, imp.getCalibration().pixelHeight, 1e-6);
        assertEquals(2.5, imp.getCalibration().pixelDepth, 1e-6);
        assertEquals("HU", imp.getCalibration().getValueUnit());
        Volume back = org.medimg4j.imagej.ImageJTiff.read(out);
        assertEquals(-60.0, back.geometry().origin().z(), 1e-9);
    }

    @Test
    void convertWritesTheLargestStackAsNiftiWithItsGeometry() throws IOException {
        Path dir = series("ct_mixed_localizer_two_series");
        Path out = tmp.resolve("a.nii.gz");
        CliRun r = run("convert", dir.toString(), out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("3 stacks") && r.err().contains("writing the largest, series "
                + "2.25.189693989449796147306872848935426372266"), r.err());
        Volume v = NiftiReader.read(out);
        JsonNode e = expected(dir).get(0);
        Geometry g = v.geometry();
        assertEquals(20, g.nz());
        for (int a = 0; a < 3; a++) {
            assertEquals(e.get("origin").get(a).asDouble(), g.origin().toArray()[a], 1e-3);
            assertEquals(e.get("spacing").get(a).asDouble(), g.spacing(a), 1e-3);
        }
        assertEquals(-460, min(v.toFloatArray()), 0.01, "series A's minimum, HU");
    }

    private static double min(float[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (float f : a) {
            m = Math.min(m, f);
        }
        return m;
    }

    @Test
    void convertToAMissingDirectoryFailsAndWritesNothing() throws IOException {
        Path out = tmp.resolve("no/such/dir/a.nii.gz");
        CliRun r = run("convert", series("ct_axial_shuffled").toString(), out.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("medimg convert: cannot write ") && r.err().contains("does not exist"),
                r.err());
        try (Stream<Path> s = Files.list(tmp)) {
            assertFalse(s.findAny().isPresent(), "nothing written");
        }
    }

    @Test
    void strictConvertOfAGappedSeriesFailsAndWritesNothing() throws IOException {
        Path out = tmp.resolve("gap.nii.gz");
        CliRun r = run("convert", series("ct_missing_slice").toString(), out.toString(), "--strict");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("missing slice"), r.err());
        assertFalse(Files.exists(out));
    }
}
