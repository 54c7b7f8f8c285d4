package org.medimg4j.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.TransferSyntax;
import org.medimg4j.dicom.codec.CorpusFrames;
import org.medimg4j.dicom.codec.FrameDecoders;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;

/**
 * The conformance proof of the pixel layer: every row of the corpus' {@code manifest.tsv}, read through the public
 * API ({@link DicomFile#read}, {@link DicomImage}). Lossless rows match the oracle's per-frame SHA-256 and the
 * min/max/sum exactly; lossy rows stay within the row's tolerance of {@code reference_raw}; rows without pixel data
 * are refused with a {@link DicomException} naming the file, and the one with undecodable pixel data fails to
 * decode with one. The corpus is found by {@link Corpus#root()}.
 */
class PixelConformanceTest {

    /**
     * Files the library deliberately does not decode yet, by transfer syntax, with the reason. The goal is an
     * empty map; {@link #unsupportedSyntaxesReallyHaveNoDecoder()} fails once a decoder is registered, so that the
     * entry is removed and its rows are checked like all others.
     */
    /** Transfer syntaxes of corpus rows we deliberately do not decode, with the reason: none. */
    private static final Map<String, String> UNSUPPORTED_SYNTAXES = Map.of();

    private static List<Map<String, String>> manifest() throws IOException {
        List<String> lines = Files.readAllLines(Corpus.root().resolve("manifest.tsv"));
        String[] head = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < head.length; i++) {
                m.put(head[i], i < f.length ? f[i] : "");
            }
            rows.add(m);
        }
        return rows;
    }

    @Test
    void manifestHas154RowsOf126WithPixels() throws IOException {
        List<Map<String, String>> rows = manifest();
        assertEquals(154, rows.size());
        assertEquals(126, CorpusFrames.rows(ts -> true).size());
    }

    @Test
    void unsupportedSyntaxesReallyHaveNoDecoder() {
        for (Map.Entry<String, String> e : UNSUPPORTED_SYNTAXES.entrySet()) {
            TransferSyntax ts = TransferSyntax.forUid(e.getKey()).orElseThrow();
            assertTrue(FrameDecoders.standard().forSyntax(ts).isEmpty(), ts + " has a decoder now: remove it from"
                    + " UNSUPPORTED_SYNTAXES (" + e.getValue() + ") so that its rows are checked");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRowWithPixelsMatchesItsOracle() throws IOException {
        return CorpusFrames.rows(ts -> true).stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> {
            String reason = UNSUPPORTED_SYNTAXES.get(row.transferSyntax());
            if (reason != null) {
                assertRefusedByUid(row);
            } else {
                assertMatches(row);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> rowsWithoutPixelDataAreRefusedNamingTheFile() throws IOException {
        Path corpus = Corpus.root();
        return manifest().stream().filter(m -> m.get("rows").isEmpty()).map(m -> DynamicTest.dynamicTest(
                m.get("file"), () -> {
                    Path file = corpus.resolve(m.get("file"));
                    try (DicomFile f = DicomFile.read(file)) {
                        DicomException e = assertThrows(DicomException.class, () -> {
                            DicomImage image = DicomImage.of(f);
                            image.decodeFrame(0);
                        });
                        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                        if (m.get("note").startsWith("undecodable")) {
                            assertTrue(e.getMessage().contains("frame 0"), e.getMessage());
                        }
                    }
                }));
    }

    private static void assertRefusedByUid(CorpusFrames.Row row) throws IOException {
        try (DicomFile f = DicomFile.read(row.file())) {
            DicomImage image = DicomImage.of(f);
            assertEquals(row.frames(), image.frameCount());
            DicomException e = assertThrows(DicomException.class, () -> image.decodeFrame(0));
            assertTrue(e.getMessage().contains(row.transferSyntax()), e.getMessage());
        }
    }

    private static void assertMatches(CorpusFrames.Row row) throws IOException {
        try (DicomFile f = DicomFile.read(row.file())) {
            DicomImage image = DicomImage.of(f);
            ImagePixelModule m = image.pixelModule();
            assertEquals(row.transferSyntax(), image.transferSyntax().uid(), "transfer syntax");
            assertEquals(List.of(row.rows(), row.columns(), row.frames(), row.samplesPerPixel(), row.bitsAllocated(),
                            row.bitsStored(), row.pixelRepresentation()),
                    List.of(m.rows(), m.columns(), m.numberOfFrames(), m.samplesPerPixel(), m.bitsAllocated(),
                            m.bitsStored(), m.pixelRepresentation()), "rows, columns, frames, samples, bits, sign");
            assertEquals(row.photometric(), m.photometric(), "photometric interpretation");
            assertEquals(row.decodedPhotometric(), image.decodedPhotometric(), "decoded photometric");
            FrameInfo info = image.frameInfo();
            SampleBuffer buf = image.newFrameBuffer();
            ByteBuffer reference = row.referenceRaw() == null ? null
                    : ByteBuffer.wrap(Files.readAllBytes(row.referenceRaw())).order(ByteOrder.LITTLE_ENDIAN);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            long sum = 0;
            for (int frame = 0; frame < image.frameCount(); frame++) {
                image.decodeFrame(frame, buf);
                if (row.tolerance() == 0) {
                    FrameDigest d = FrameDigest.of(info, buf);
                    assertEquals(row.frameSha256().get(frame), d.sha256(), "frame " + frame + " sha256");
                    min = Math.min(min, d.min());
                    max = Math.max(max, d.max());
                    sum += d.sum();
                } else {
                    assertWithinTolerance(row, info, buf, reference, frame);
                }
            }
            if (row.tolerance() == 0) {
                Map<String, String> stats = statsOf(row);
                assertEquals(List.of(stats.get("min"), stats.get("max"), stats.get("sum")),
                        List.of(Long.toString(min), Long.toString(max), Long.toString(sum)), "min, max, sum");
            } else {
                assertEquals(0, reference.remaining(), "reference values all compared");
            }
        }
    }

    private static void assertWithinTolerance(CorpusFrames.Row row, FrameInfo info, SampleBuffer buf,
                                              ByteBuffer reference, int frame) {
        int n = (int) info.samples();
        long worst = 0;
        int where = -1;
        for (int i = 0; i < n; i++) {
            long r = switch (buf.kind()) {
                case BYTES -> info.signed() ? reference.get() : reference.get() & 0xFF;
                case SHORTS -> info.signed() ? reference.getShort() : reference.getShort() & 0xFFFF;
                case INTS -> info.signed() ? reference.getInt() : reference.getInt() & 0xFFFFFFFFL;
            };
            long d = Math.abs(StoredValues.value(info, buf, i) - r);
            if (d > worst) {
                worst = d;
                where = i;
            }
        }
        if (worst > row.tolerance()) {
            fail(row.name() + " frame " + frame + ": |value - reference| = " + worst + " at sample " + where
                    + " > tolerance " + row.tolerance());
        }
    }

    private static Map<String, String> statsOf(CorpusFrames.Row row) throws IOException {
        for (Map<String, String> m : manifest()) {
            if (m.get("file").equals(row.name())) {
                return m;
            }
        }
        throw new AssertionError(row.name() + " not in the manifest");
    }
}
