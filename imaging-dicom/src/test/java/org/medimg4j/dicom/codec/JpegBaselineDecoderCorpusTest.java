package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    /** Its meta group says explicit VR, its data set is implicit VR: the fixture's reader cannot find its frames. */
    private static final String IMPLICIT_VR_FILE = "files/pydicom/SC_rgb_jpeg.dcm";

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
        return jpegRows().stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> {
            if (row.name().equals(IMPLICIT_VR_FILE)) {
                assertNull(checkImplicitVrSingleFrame(row));
            } else {
                assertNull(CorpusFrames.check(row, DECODER));
            }
        }));
    }

    /**
     * Stronger than the corpus' tolerance of 2: the DCT, upsampling and colour arithmetic are libjpeg's, so every
     * lossy row equals the libjpeg-based reference (DCMTK, or GDCM for SC_rgb_jpeg.dcm) exactly.
     */
    @TestFactory
    Stream<DynamicTest> everyLossyRowEqualsTheLibjpegReferenceExactly() throws IOException {
        return jpegRows().stream().filter(r -> r.referenceRaw() != null).map(row -> DynamicTest.dynamicTest(
                row.name(), () -> {
                    List<ByteBuffer> frames = row.name().equals(IMPLICIT_VR_FILE) ? List.of(implicitVrFrame(row))
                            : CorpusFrames.frames(row.file(), row.frames());
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

    /**
     * {@link CorpusFrames#check} for a single-frame, single-fragment file whose data set is implicit VR: the frame
     * is the first fragment after the Basic Offset Table of the (7FE0,0010) element of undefined length.
     */
    private static String checkImplicitVrSingleFrame(CorpusFrames.Row row) throws IOException {
        ByteBuffer frame = implicitVrFrame(row);
        FrameInfo info = row.info();
        SampleBuffer buf = SampleBuffer.allocate(info);
        DECODER.decode(frame, info, buf);
        StoredValues.normalize(info, buf);
        byte[] ref = Files.readAllBytes(row.referenceRaw());
        assertEquals(info.samples(), ref.length);
        for (int i = 0; i < ref.length; i++) {
            long v = StoredValues.value(info, buf, i);
            if (Math.abs(v - (ref[i] & 0xFF)) > row.tolerance()) {
                return row.name() + " sample " + i + ": " + v + ", reference " + (ref[i] & 0xFF);
            }
        }
        return null;
    }

    private static ByteBuffer implicitVrFrame(CorpusFrames.Row row) throws IOException {
        byte[] file = Files.readAllBytes(row.file());
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int at = -1;
        for (int i = 132; i + 8 <= file.length; i++) {
            if (b.getInt(i) == 0x0010_7FE0 && b.getInt(i + 4) == -1) {
                at = i + 8;
            }
        }
        assertTrue(at > 0, "implicit VR encapsulated Pixel Data found");
        int botLength = b.getInt(at + 4);
        int fragment = at + 8 + botLength;
        assertEquals(0xFFFEE000, b.getShort(fragment) << 16 | b.getShort(fragment + 2) & 0xFFFF);
        return ByteBuffer.wrap(file, fragment + 8, b.getInt(fragment + 4)).slice();
    }
}
