package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.DicomException;

/** Each rule the JPEG-LS decoder enforces, fed an input that breaks it: the error's type, and what it names. */
class JpegLsDecoderBadInputTest {

    private static final int SOF55 = 0xF7;
    private static final int SOS = 0xDA;

    private final JpegLsDecoder decoder = new JpegLsDecoder();
    private final JpegLsTestEncoder.Settings gray = new JpegLsTestEncoder.Settings(16, 12, 1, 8, 0, 0, 0, null);
    private final FrameInfo grayInfo = new FrameInfo(12, 16, 1, 8, 8, false, 0, "MONOCHROME2");

    private byte[] stream(JpegLsTestEncoder.Settings s) throws DicomException {
        return JpegLsTestEncoder.encode(s, JpegLsRoundTripTest.image(s, (1 << s.precision()) - 1, 1)).codestream();
    }

    /** @return the index of the first marker FF{@code code} */
    private static int marker(byte[] jls, int code) {
        for (int i = 0; i + 1 < jls.length; i++) {
            if (jls[i] == (byte) 0xFF && (jls[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        throw new AssertionError("no marker FF" + Integer.toHexString(code));
    }

    private DicomException rejected(byte[] jls, FrameInfo info) {
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(ByteBuffer.wrap(jls), info, SampleBuffer.allocate(info)));
        assertTrue(e.getMessage().startsWith("JPEG-LS: offset "), e.getMessage());
        return e;
    }

    private void assertMessage(DicomException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void streamWithoutStartOfImageIsRejected() throws DicomException {
        byte[] jls = stream(gray);
        jls[1] = (byte) 0xD9;
        assertMessage(rejected(jls, grayInfo), "offset 0", "SOI");
    }

    @Test
    void jpegLosslessFrameIsNotTakenForJpegLs() throws DicomException {
        byte[] jls = stream(gray);
        jls[marker(jls, SOF55) + 1] = (byte) 0xC3;
        assertMessage(rejected(jls, grayInfo), "offset 2", "FFC3", "not JPEG-LS");
    }

    @Test
    void frameSizeDisagreeingWithTheDataSetNamesRowsAndColumns() throws DicomException {
        FrameInfo taller = new FrameInfo(13, 16, 1, 8, 8, false, 0, "MONOCHROME2");
        assertMessage(rejected(stream(gray), taller), "Columns 16", "Rows 13", "16 x 12");
    }

    @Test
    void componentCountDisagreeingWithTheDataSetNamesSamplesPerPixel() throws DicomException {
        FrameInfo rgb = new FrameInfo(12, 16, 3, 8, 8, false, 0, "RGB");
        assertMessage(rejected(stream(gray), rgb), "Samples per Pixel 3");
    }

    @Test
    void precisionAboveBitsAllocatedIsRejected() throws DicomException {
        JpegLsTestEncoder.Settings twelve = new JpegLsTestEncoder.Settings(16, 12, 1, 12, 0, 0, 0, null);
        assertMessage(rejected(stream(twelve), grayInfo), "precision 12", "Bits Allocated 8");
    }

    @Test
    void precisionOutsideTwoToSixteenIsRejected() throws DicomException {
        byte[] jls = stream(gray);
        jls[marker(jls, SOF55) + 4] = 17;
        assertMessage(rejected(jls, grayInfo), "precision 17");
    }

    @Test
    void mappingTableInTheScanHeaderIsRejectedAsUnsupported() throws DicomException {
        byte[] jls = stream(gray);
        jls[marker(jls, SOS) + 6] = 1; // Tm of the first component
        assertMessage(rejected(jls, grayInfo), "mapping table", "not supported");
    }

    @Test
    void mappingTableSegmentIsRejectedAsUnsupported() throws DicomException {
        byte[] jls = stream(gray);
        int sos = marker(jls, SOS);
        byte[] lse = {(byte) 0xFF, (byte) 0xF8, 0, 7, 2, 1, 1, 0, 0};
        assertMessage(rejected(insert(jls, sos, lse), grayInfo), "mapping tables (LSE id 2)", "not supported");
    }

    @Test
    void nearAboveHalfMaxvalIsRejected() throws DicomException {
        JpegLsTestEncoder.Settings two = new JpegLsTestEncoder.Settings(16, 12, 1, 2, 0, 0, 0, null);
        byte[] jls = stream(two);
        jls[marker(jls, SOS) + 7] = 2; // NEAR 2 with MAXVAL 3
        assertMessage(rejected(jls, grayInfo), "NEAR 2");
    }

    @Test
    void thresholdsOutOfOrderAreRejected() throws DicomException {
        JpegLsTestEncoder.Settings presets = new JpegLsTestEncoder.Settings(16, 12, 1, 8, 0, 0, 0,
                new int[] {255, 9, 9, 9, 64});
        byte[] jls = stream(presets);
        int lse = marker(jls, 0xF8);
        jls[lse + 10] = 5; // T2 5 < T1 9
        assertMessage(rejected(jls, grayInfo), "T1 9, T2 5");
    }

    @Test
    void unknownInterleaveModeIsRejected() throws DicomException {
        JpegLsTestEncoder.Settings rgb = new JpegLsTestEncoder.Settings(16, 12, 3, 8, 0, 1, 0, null);
        byte[] jls = stream(rgb);
        jls[marker(jls, SOS) + 12] = 3;
        assertMessage(rejected(jls, new FrameInfo(12, 16, 3, 8, 8, false, 0, "RGB")), "ILV 3");
    }

    @Test
    void pointTransformIsRejectedAsUnsupported() throws DicomException {
        byte[] jls = stream(gray);
        jls[marker(jls, SOS) + 9] = 2;
        assertMessage(rejected(jls, grayInfo), "point transform 2");
    }

    @Test
    void subsampledComponentIsRejectedAsUnsupported() throws DicomException {
        byte[] jls = stream(gray);
        jls[marker(jls, SOF55) + 11] = 0x21;
        assertMessage(rejected(jls, grayInfo), "sampling factors 2 x 1");
    }

    @Test
    void missingScanOfAComponentIsRejected() throws DicomException {
        JpegLsTestEncoder.Settings planes = new JpegLsTestEncoder.Settings(16, 12, 3, 8, 0, 0, 0, null);
        byte[] jls = stream(planes);
        int third = jls.length - 2;
        for (int i = 0, seen = 0; i + 1 < jls.length; i++) {
            if (jls[i] == (byte) 0xFF && jls[i + 1] == (byte) SOS && ++seen == 3) {
                third = i;
            }
        }
        byte[] two = new byte[third + 2];
        System.arraycopy(jls, 0, two, 0, third);
        two[third] = (byte) 0xFF;
        two[third + 1] = (byte) 0xD9;
        assertMessage(rejected(two, new FrameInfo(12, 16, 3, 8, 8, false, 0, "RGB")), "component 3 of 3");
    }

    @Test
    void restartMarkerOutOfSequenceIsRejected() throws DicomException {
        JpegLsTestEncoder.Settings restarts = new JpegLsTestEncoder.Settings(16, 12, 1, 8, 0, 0, 3, null);
        byte[] jls = stream(restarts);
        int rst0 = marker(jls, 0xD0);
        jls[rst0 + 1] = (byte) 0xD1;
        assertMessage(rejected(jls, grayInfo), "offset " + rst0, "RST0", "FFD1");
    }

    @Test
    void segmentLengthPastTheEndIsRejected() throws DicomException {
        byte[] jls = stream(gray);
        int sof = marker(jls, SOF55);
        jls[sof + 2] = 0x7F;
        assertMessage(rejected(jls, grayInfo), "offset " + sof, "segment length 32523");
    }

    @Test
    void scanDataRunningIntoAMarkerNamesItsOffset() throws DicomException {
        byte[] jls = stream(gray);
        int sos = marker(jls, SOS);
        int at = sos + 10 + (jls.length - sos - 12) / 2;
        jls[at] = (byte) 0xFF;
        jls[at + 1] = (byte) 0xC8;
        DicomException e = rejected(jls, grayInfo);
        assertTrue(e.getMessage().contains("offset " + at) || e.getMessage().contains("FFC8"), e.getMessage());
    }

    @Test
    void bitsAllocatedOneIsNotAJpegLsSampleWidth() throws DicomException {
        FrameInfo bits = new FrameInfo(12, 16, 1, 1, 1, false, 0, "MONOCHROME2");
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(ByteBuffer.wrap(stream(gray)), bits, SampleBuffer.of(new byte[192], 0)));
        assertMessage(e, "Bits Allocated 1");
    }

    @Test
    void outputBufferTooSmallIsACallerError() throws DicomException {
        byte[] jls = stream(gray);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decoder.decode(ByteBuffer.wrap(jls), grayInfo, SampleBuffer.of(new byte[100], 0)));
        assertMessage(new DicomException(e.getMessage()), "out holds 100", "192");
    }

    @Test
    void decodesIgnoringApplicationAndCommentSegments() throws DicomException {
        byte[] jls = stream(gray);
        byte[] com = {(byte) 0xFF, (byte) 0xFE, 0, 5, 'h', 'i', '!'};
        byte[] app = {(byte) 0xFF, (byte) 0xE8, 0, 4, 1, 2};
        byte[] withBoth = insert(insert(jls, marker(jls, SOS), com), 2, app);
        SampleBuffer a = SampleBuffer.allocate(grayInfo);
        SampleBuffer b = SampleBuffer.allocate(grayInfo);
        decoder.decode(ByteBuffer.wrap(jls), grayInfo, a);
        decoder.decode(ByteBuffer.wrap(withBoth), grayInfo, b);
        assertEquals(java.util.Arrays.toString(a.bytes()), java.util.Arrays.toString(b.bytes()));
    }

    @Test
    void oversizeDimensionsSegmentGivesTheFrameSize() throws DicomException {
        byte[] jls = stream(gray);
        SampleBuffer plain = SampleBuffer.allocate(grayInfo);
        decoder.decode(ByteBuffer.wrap(jls), grayInfo, plain);
        byte[] zeroed = jls.clone();
        int sof = marker(zeroed, SOF55);
        for (int i = sof + 5; i < sof + 9; i++) {
            zeroed[i] = 0; // Y and X 0: the LSE segment (id 4) gives them
        }
        byte[] lse = {(byte) 0xFF, (byte) 0xF8, 0, 10, 4, 3, 0, 0, 12, 0, 0, 16};
        SampleBuffer oversize = SampleBuffer.allocate(grayInfo);
        decoder.decode(ByteBuffer.wrap(insert(zeroed, marker(zeroed, SOS), lse)), grayInfo, oversize);
        assertEquals(java.util.Arrays.toString(plain.bytes()), java.util.Arrays.toString(oversize.bytes()));
    }

    @Test
    void dimensionsChangedBetweenScansAreRejected() throws DicomException {
        JpegLsTestEncoder.Settings planes = new JpegLsTestEncoder.Settings(16, 12, 3, 8, 0, 0, 0, null);
        byte[] jls = stream(planes);
        int second = -1;
        for (int i = 0, seen = 0; i + 1 < jls.length; i++) {
            if (jls[i] == (byte) 0xFF && jls[i + 1] == (byte) SOS && ++seen == 2) {
                second = i;
            }
        }
        byte[] wider = {(byte) 0xFF, (byte) 0xF8, 0, 8, 4, 2, 0, 12, 0, 17};
        DicomException e = rejected(insert(jls, second, wider), new FrameInfo(12, 16, 3, 8, 8, false, 0, "RGB"));
        assertMessage(e, "17 x 12", "Columns 16");
    }

    private static byte[] insert(byte[] jls, int at, byte[] segment) {
        byte[] out = new byte[jls.length + segment.length];
        System.arraycopy(jls, 0, out, 0, at);
        System.arraycopy(segment, 0, out, at, segment.length);
        System.arraycopy(jls, at, out, at + segment.length, jls.length - at);
        return out;
    }
}
