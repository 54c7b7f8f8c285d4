package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.medimg4j.dicom.pixel.StoredValues;

/** Every JPEG Baseline / Extended row of the conformance corpus decodes to the oracle values. */
class JpegBaselineDecoderCorpusTest {

    private static final JpegBaselineDecoder DECODER = new JpegBaselineDecoder();

    static List<CorpusFrames.Row> jpegRows() throws IOException {
        return CorpusFrames.rows(ts -> ts.equals("1.2.840.10008.1.2.4.50") || ts.equals("1.2.840.10008.1.2.4.51"));
    }

    @Test
    void corpusHasFifteenBaselineAndThreeExtendedRows() throws IOException {
        List<CorpusFrames.Row> rows = jpegRows();
        assertEquals(15, rows.stream().filter(r -> r.transferSyntax().endsWith(".50")).count());
        assertEquals(3, rows.stream().filter(r -> r.transferSyntax().endsWith(".51")).count());
    }

    @TestFactory
    Stream<DynamicTest> everyBaselineAndExtendedRowMatchesItsOracle() throws IOException {
        return jpegRows().stream().map(row -> DynamicTest.dynamicTest(row.name(),
                () -> assertNull(CorpusFrames.check(row, DECODER))));
    }

    /**
     * Stronger than the corpus' tolerance of 2: the DCT, upsampling and colour arithmetic are libjpeg's, so every
     * lossy row equals the libjpeg-based reference (DCMTK, or GDCM for SC_rgb_jpeg.dcm) exactly.
     */
    @TestFactory
    Stream<DynamicTest> everyLossyRowEqualsTheLibjpegReferenceExactly() throws IOException {
        return jpegRows().stream().filter(r -> r.referenceRaw() != null).map(row -> DynamicTest.dynamicTest(
                row.name(), () -> {
                    List<ByteBuffer> frames = CorpusFrames.frames(row.file(), row.frames());
                    ByteBuffer ref = ByteBuffer.wrap(Files.readAllBytes(row.referenceRaw()))
                            .order(ByteOrder.LITTLE_ENDIAN);
                    FrameInfo info = row.info();
                    long maxDiff = 0;
                    for (ByteBuffer frame : frames) {
                        SampleBuffer buf = SampleBuffer.allocate(info);
                        DECODER.decode(frame, info, buf);
                        StoredValues.normalize(info, buf);
                        for (int i = 0; i < info.samples(); i++) {
                            long r = info.bitsAllocated() == 8 ? ref.get() & 0xFF : ref.getShort() & 0xFFFF;
                            maxDiff = Math.max(maxDiff, Math.abs(StoredValues.value(info, buf, i) - r));
                        }
                    }
                    assertEquals(0, ref.remaining(), "reference fully compared");
                    assertEquals(0, maxDiff, "largest difference from the reference");
                }));
    }
}
