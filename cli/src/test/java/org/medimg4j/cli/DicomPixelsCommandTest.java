package org.medimg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code medimg dicom pixels} on corpus files: the JSON object of issue 4 with the manifest's values, {@code --raw}
 * holding exactly the hashed bytes, and one line on stderr with a non-zero status for files it cannot read.
 */
class DicomPixelsCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** The corpus: -Dmedimg4j.corpus, else shared/dicom-corpus found walking up; skipped when absent. */
    private static Path corpus() {
        String prop = System.getProperty("medimg4j.corpus");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String rel : List.of("shared/dicom-corpus", "../shared/dicom-corpus")) {
                if (Files.isRegularFile(dir.resolve(rel).resolve("manifest.tsv"))) {
                    return dir.resolve(rel).normalize();
                }
            }
        }
        if (Boolean.getBoolean("medimg4j.corpus.required")) {
            fail("the DICOM corpus is required (-Dmedimg4j.corpus.required=true) but was not found");
        }
        Assumptions.abort("DICOM corpus not found (set -Dmedimg4j.corpus=PATH)");
        return null;
    }

    @Test
    void dicomGroupListsPixels() {
        CliRun r = run("dicom", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("pixels"), r.out());
        assertTrue(run("--help").out().contains("dicom"));
    }

    @Test
    void printsTheIssueFourObjectForAThreeFrameFile() {
        Path file = corpus().resolve("files/dcmtk/ct_3frame_rle.dcm");
        CliRun r = run("dicom", "pixels", file.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        String json = r.out().strip();
        assertTrue(json.startsWith("{\"transferSyntaxUID\": \"1.2.840.10008.1.2.5\", \"rows\": 128, \"columns\": 128,"
                + " \"numberOfFrames\": 3, \"samplesPerPixel\": 1, \"bitsAllocated\": 16, \"bitsStored\": 16,"
                + " \"pixelRepresentation\": 1, \"photometricInterpretation\": \"MONOCHROME2\","
                + " \"decodedPhotometric\": \"MONOCHROME2\", \"frames\": [{\"sha256\": \""), json);
        assertEquals(3, json.split("\"sha256\"").length - 1);
        assertFalse(json.contains("\n"));
    }

    @Test
    void rawHoldsTheHashedBytesOfEveryFrame(@TempDir Path tmp) throws Exception {
        Path file = corpus().resolve("files/synthetic/mask_1bit_3frame_5x7.dcm");
        Path raw = tmp.resolve("out.raw");
        CliRun r = run("dicom", "pixels", file.toString(), "--raw", raw.toString());
        assertEquals(0, r.status(), r.err());
        byte[] bytes = Files.readAllBytes(raw);
        assertEquals(3 * 5 * 7, bytes.length, "one byte per 1-bit pixel");
        for (int f = 0; f < 3; f++) {
            byte[] frame = java.util.Arrays.copyOfRange(bytes, 35 * f, 35 * (f + 1));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(frame));
            assertTrue(r.out().contains("{\"sha256\": \"" + sha + "\""), "frame " + f + ": " + r.out());
        }
    }

    @Test
    void unreadableFilesGiveOneLineOnStderrAndStatusOne(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("missing.dcm");
        Path notDicom = Files.writeString(tmp.resolve("text.dcm"), "hello");
        Path noPixels = corpus().resolve("files/pydicom/rtplan.dcm");
        Path huge = corpus().resolve("malformed/huge_dimensions.dcm");
        for (Path p : List.of(missing, notDicom, noPixels, huge)) {
            Path raw = tmp.resolve(p.getFileName() + ".raw");
            CliRun r = run("dicom", "pixels", p.toString(), "--raw", raw.toString());
            assertEquals(1, r.status(), p + ": " + r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(p.toString()), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.exists(raw), "no partial --raw file");
        }
    }
}
