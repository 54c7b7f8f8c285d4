package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.medimg4j.dicom.DicomException;

/** The JPEG-LS decoder against the conformance corpus: every .80/.81 row bit-exact, the malformed files rejected. */
class JpegLsDecoderCorpusTest {

    private final JpegLsDecoder decoder = new JpegLsDecoder();

    private static List<CorpusFrames.Row> jpegLsRows() throws IOException {
        return CorpusFrames.rows(ts -> ts.endsWith(".4.80") || ts.endsWith(".4.81"));
    }

    @Test
    void corpusHoldsLosslessAndNearLosslessRows() throws IOException {
        List<CorpusFrames.Row> rows = jpegLsRows();
        assertEquals(12, rows.size(), "JPEG-LS rows in manifest.tsv");
        assertTrue(rows.stream().anyMatch(r -> r.transferSyntax().endsWith(".81")), "near-lossless rows");
    }

    @TestFactory
    Stream<DynamicTest> everyJpegLsCorpusRowDecodesToTheOracleHashes() throws IOException {
        return jpegLsRows().stream().map(row -> DynamicTest.dynamicTest(row.name(),
                () -> assertNull(CorpusFrames.check(row, decoder), row.name())));
    }

    @Test
    void truncatedCodestreamIsRejectedWithItsOffset() throws IOException {
        DicomException e = rejectMalformed("jpegls_truncated_codestream.dcm");
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("ends"), e.getMessage());
    }

    @Test
    void corruptCodestreamIsRejectedWithItsOffset() throws IOException {
        rejectMalformed("jpegls_corrupt_codestream.dcm");
    }

    /** Both malformed files are 64 x 64 MONOCHROME2 16-bit unsigned (MR_small), per malformed/README.md. */
    private DicomException rejectMalformed(String name) throws IOException {
        Path file = CorpusFrames.corpus().resolve("malformed").resolve(name);
        ByteBuffer frame = CorpusFrames.frames(file, 1).get(0);
        FrameInfo info = new FrameInfo(64, 64, 1, 16, 16, false, 0, "MONOCHROME2");
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(frame, info, SampleBuffer.allocate(info)));
        assertTrue(e.getMessage().startsWith("JPEG-LS: offset "), e.getMessage());
        return e;
    }
}
