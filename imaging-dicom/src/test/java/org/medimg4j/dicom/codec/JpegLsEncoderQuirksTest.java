package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medimg4j.dicom.DicomException;

/**
 * Streams from encoders that deviate from T.87 ({@link JpegLsEncoderQuirks}) decode to the images they were made
 * from; the resources and how they were made are described in {@code jpegls/README.md} beside them.
 */
class JpegLsEncoderQuirksTest {

    private final JpegLsDecoder decoder = new JpegLsDecoder();

    @ParameterizedTest
    @CsvSource({
        "dcmtk367_cooked_p6, 30, 40, 6",
        "dcmtk367_cooked_p7, 30, 40, 7",
        "charls241_p12_maxval3000, 21, 33, 12",
        "charls241_p8_maxval200, 21, 33, 8"})
    void deviatingEncodersStreamsDecodeToTheirImages(String name, int rows, int columns, int bits)
            throws IOException {
        byte[] jls = resource(name + ".jls");
        ByteBuffer raw = ByteBuffer.wrap(resource(name + ".raw")).order(ByteOrder.LITTLE_ENDIAN);
        FrameInfo info = new FrameInfo(rows, columns, 1, bits <= 8 ? 8 : 16, bits, false, 0, "MONOCHROME2");
        SampleBuffer buf = SampleBuffer.allocate(info);
        decoder.decode(ByteBuffer.wrap(jls), info, buf);
        for (int i = 0; i < info.samples(); i++) {
            assertEquals(raw.getShort() & 0xFFFF, buf.get(i), name + " sample " + i);
        }
    }

    /**
     * JAI ImageIO's thresholds for P > 12 come from MAXVAL unclamped: for 16 bits T1 258, T2 1027, T3 4356 where
     * T.87 has 18, 67, 276. Such a stream is what our encoder writes with those thresholds, less the LSE segment.
     */
    @Test
    void jaiSixteenBitStreamWithoutPresetsDecodes() throws DicomException {
        int[] jai = {0, 258, 1027, 4356, 0};
        JpegLsTestEncoder.Settings s = new JpegLsTestEncoder.Settings(48, 40, 1, 16, 0, 0, 0, jai);
        int[] image = JpegLsRoundTripTest.image(s, 65535, 11);
        byte[] withLse = JpegLsTestEncoder.encode(s, image).codestream();
        byte[] jls = withoutPresets(withLse);
        FrameInfo info = new FrameInfo(40, 48, 1, 16, 16, false, 0, "MONOCHROME2");
        SampleBuffer buf = SampleBuffer.allocate(info);
        decoder.decode(ByteBuffer.wrap(jls), info, buf);
        int[] decoded = new int[image.length];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = buf.get(i);
        }
        assertArrayEquals(image, decoded);
    }

    @Test
    void streamNoReadingFitsKeepsTheStandardReadingsError() throws IOException {
        byte[] jls = resource("dcmtk367_cooked_p7.jls");
        byte[] cut = Arrays.copyOf(jls, jls.length / 2);
        FrameInfo info = new FrameInfo(30, 40, 1, 8, 7, false, 0, "MONOCHROME2");
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(ByteBuffer.wrap(cut), info, SampleBuffer.allocate(info)));
        assertTrue(e.getMessage().startsWith("JPEG-LS: offset "), e.getMessage());
    }

    @Test
    void conformingStreamsHaveNoAlternativeReading() throws DicomException {
        // 8-bit, no LSE: every known encoder agrees with T.87, so a scan is never read twice.
        JpegLsParameters p = JpegLsParameters.of(8, 0, 0, 0, 0, 0, 0, 0);
        assertTrue(JpegLsEncoderQuirks.alternatives(8, new int[5], 0, p).isEmpty());
        // 16-bit with explicit thresholds and MAXVAL 2^16 - 1 (what DCMTK and GDCM write): none either.
        int[] presets = {65535, 18, 67, 276, 64};
        JpegLsParameters q = JpegLsParameters.of(16, 65535, 18, 67, 276, 64, 0, 0);
        assertTrue(JpegLsEncoderQuirks.alternatives(16, presets, 0, q).isEmpty());
    }

    private static byte[] withoutPresets(byte[] jls) {
        for (int i = 0; i + 1 < jls.length; i++) {
            if (jls[i] == (byte) 0xFF && jls[i + 1] == (byte) 0xF8) {
                int len = (jls[i + 2] & 0xFF) << 8 | (jls[i + 3] & 0xFF);
                byte[] out = new byte[jls.length - 2 - len];
                System.arraycopy(jls, 0, out, 0, i);
                System.arraycopy(jls, i + 2 + len, out, i, jls.length - i - 2 - len);
                return out;
            }
        }
        throw new AssertionError("no LSE segment");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = JpegLsEncoderQuirksTest.class.getResourceAsStream("jpegls/" + name)) {
            if (in == null) {
                throw new IOException("test resource jpegls/" + name + " missing");
            }
            return in.readAllBytes();
        }
    }
}
