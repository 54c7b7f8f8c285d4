package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.DicomException;

/** Each rule of the decoder on bad input: the exception type, the codec and byte offset, and what was wrong. */
class JpegBaselineDecoderErrorTest {

    private static final JpegBaselineDecoder DECODER = new JpegBaselineDecoder();
    private static final Pattern PREFIX = Pattern.compile("^JPEG baseline/extended: byte offset (\\d+) in the frame: ");

    /** A 3-component 8-bit stream: SOI, DQT ×3, SOF0, DHT ×2, DRI, SOS, data, EOI. */
    private static DctTestEncoder colour() {
        DctTestEncoder e = new DctTestEncoder(8, 24, 16, new int[][] {{2, 1}, {1, 1}, {1, 1}}, 5);
        e.restartInterval = 1;
        return e;
    }

    private static FrameInfo info(DctTestEncoder e, String photometric) {
        return new FrameInfo(e.height, e.width, e.factors.length, e.precision == 8 ? 8 : 16, e.precision, false, 0,
                photometric);
    }

    /** Decodes and returns the failure, checking its prefix; returns the offset it names. */
    private static int fails(byte[] jpeg, FrameInfo info, String expected) {
        DicomException e = assertThrows(DicomException.class,
                () -> DECODER.decode(ByteBuffer.wrap(jpeg), info, SampleBuffer.allocate(info)));
        Matcher m = PREFIX.matcher(e.getMessage());
        assertTrue(m.find(), "message names the codec and offset: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "message says '" + expected + "': " + e.getMessage());
        return Integer.parseInt(m.group(1));
    }

    /** @return the index of the first segment with this marker before the first SOS */
    private static int segment(byte[] jpeg, int marker) {
        int p = 2;
        while (p + 4 <= jpeg.length) {
            int code = jpeg[p + 1] & 0xFF;
            if (code == marker) {
                return p;
            }
            if (code == 0xDA) {
                break;
            }
            p += 2 + ((jpeg[p + 2] & 0xFF) << 8 | jpeg[p + 3] & 0xFF);
        }
        throw new AssertionError(String.format("no FF%02X segment", marker));
    }

    private static byte[] without(byte[] jpeg, int from, int to) {
        byte[] out = new byte[jpeg.length - (to - from)];
        System.arraycopy(jpeg, 0, out, 0, from);
        System.arraycopy(jpeg, to, out, from, jpeg.length - to);
        return out;
    }

    private static int length(byte[] jpeg, int at) {
        return 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF);
    }

    @Test
    void dataWithoutSoiIsNotJpeg() {
        FrameInfo info = info(colour(), "RGB");
        assertEquals(0, fails(new byte[0], info, "no SOI marker"));
        assertEquals(0, fails(new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51}, info, "no SOI marker"));
    }

    @Test
    void otherJpegProcessesAreRefusedNamingTheirSof() throws IOException {
        DctTestEncoder e = colour();
        byte[] jpeg = e.encode();
        int sof = segment(jpeg, 0xC0);
        String[][] cases = {{"C3", "SOF3 (FFC3, lossless"}, {"C9", "SOF9 (FFC9, arithmetic-coded"},
            {"C5", "SOF5 (FFC5, hierarchical"}, {"CA", "SOF10 (FFCA, progressive"}};
        for (String[] c : cases) {
            byte[] b = jpeg.clone();
            b[sof + 1] = (byte) Integer.parseInt(c[0], 16);
            assertEquals(sof, fails(b, info(e, "RGB"), c[1]));
        }
        // a real progressive stream from the JDK's writer
        BufferedImage img = JpegBaselineDecoderImageIoTest.pattern(16, 16, BufferedImage.TYPE_BYTE_GRAY, 1);
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        fails(bytes.toByteArray(), new FrameInfo(16, 16, 1, 8, 8, false, 0, "MONOCHROME2"),
                "SOF2 (FFC2, progressive DCT) is not supported");
    }

    @Test
    void frameHeaderMustAgreeWithTheDataSet() throws IOException {
        DctTestEncoder e = colour();
        byte[] jpeg = e.encode();
        int sof = segment(jpeg, 0xC0);
        assertEquals(sof, fails(jpeg, new FrameInfo(17, 24, 3, 8, 8, false, 0, "RGB"), "Columns 24, Rows 17"));
        assertEquals(sof, fails(jpeg, new FrameInfo(16, 23, 3, 8, 8, false, 0, "RGB"), "frame is 24 x 16"));
        DctTestEncoder mono = new DctTestEncoder(8, 24, 16, new int[][] {{1, 1}}, 5);
        fails(mono.encode(), new FrameInfo(16, 24, 3, 8, 8, false, 0, "RGB"),
                "frame has 1 components, but Samples per Pixel is 3");
        DctTestEncoder twelve = new DctTestEncoder(12, 8, 8, new int[][] {{1, 1}}, 5);
        fails(twelve.encode(), new FrameInfo(8, 8, 1, 8, 8, false, 0, "MONOCHROME2"),
                "sample precision 12 does not fit Bits Allocated 8");
    }

    @Test
    void samplesPerPixelAndOutputCapacityAreChecked() {
        FrameInfo two = new FrameInfo(4, 4, 2, 8, 8, false, 0, "RGB");
        assertThrows(DicomException.class, () -> DECODER.decode(ByteBuffer.allocate(4), two,
                SampleBuffer.allocate(two)));
        FrameInfo info = new FrameInfo(4, 4, 1, 8, 8, false, 0, "MONOCHROME2");
        DicomException e = assertThrows(DicomException.class, () -> DECODER.decode(ByteBuffer.allocate(4), info,
                SampleBuffer.of(new byte[20], 5)));
        assertTrue(e.getMessage().contains("output buffer holds 15 samples, the frame needs 16"), e.getMessage());
    }

    @Test
    void invalidFrameHeaderFieldsAreNamed() throws IOException {
        DctTestEncoder e = colour();
        byte[] jpeg = e.encode();
        int sof = segment(jpeg, 0xC0);
        byte[] b = jpeg.clone();
        b[sof + 4] = 16;
        fails(b, info(e, "RGB"), "sample precision 16, expected 8 or 12");
        b = jpeg.clone();
        b[sof + 5] = 0;
        b[sof + 6] = 0;
        fails(b, info(e, "RGB"), "frame height 0 (height defined by a DNL segment) is not supported");
        b = jpeg.clone();
        b[sof + 11] = 0x51;
        fails(b, info(e, "RGB"), "component 0 has sampling factors 5x1, expected 1..4");
        b = jpeg.clone();
        b[sof + 13] = 1; // second component's id = the first's
        fails(b, info(e, "RGB"), "component identifier 1 appears twice");
        b = jpeg.clone();
        b[sof + 12] = 3; // Tq 3, never defined
        fails(b, info(e, "RGB"), "component 1 uses quantisation table 3, not defined before the scan");
        int dht = segment(jpeg, 0xC4);
        byte[] twoSofs = new byte[jpeg.length + length(jpeg, sof)];
        System.arraycopy(jpeg, 0, twoSofs, 0, dht);
        System.arraycopy(jpeg, sof, twoSofs, dht, length(jpeg, sof));
        System.arraycopy(jpeg, dht, twoSofs, dht + length(jpeg, sof), jpeg.length - dht);
        assertEquals(dht, fails(twoSofs, info(e, "RGB"), "a second frame header"));
    }

    @Test
    void invalidHuffmanTablesAreRefused() throws IOException {
        DctTestEncoder e = colour();
        byte[] jpeg = e.encode();
        int dht = segment(jpeg, 0xC4); // the DC table: 16 symbols of 5 bits
        byte[] b = jpeg.clone();
        b[dht + 5] = 2; // two 1-bit codes use up every code of length 1
        b[dht + 9] = 14;
        fails(b, info(e, "RGB"), "Huffman table is over-subscribed at code length 1");
        b = jpeg.clone();
        b[dht + 5 + 16 + 3] = 16; // a DC category of 16
        assertEquals(dht + 4, fails(b, info(e, "RGB"), "DC Huffman table holds category 16, more than 15"));
        b = jpeg.clone();
        b[dht + 4] = 0x04; // destination 4
        fails(b, info(e, "RGB"), "Huffman table class 0 / destination 4");
        b = without(jpeg, dht, dht + length(jpeg, dht));
        fails(b, info(e, "RGB"), "scan uses Huffman tables DC 0 / AC 0 for component 1, not defined before it");
    }

    @Test
    void entropyCodedDataErrorsNameTheirOffset() throws IOException {
        DctTestEncoder e = colour();
        byte[] jpeg = e.encode();
        int sos = segment(jpeg, 0xDA);
        int data = sos + length(jpeg, sos);
        byte[] b = jpeg.clone();
        b[data] = (byte) 0xF0; // DC codes are 0xxxx: a leading 1 matches none
        int at = fails(b, info(e, "RGB"), "bit pattern matches no code of the Huffman table");
        assertTrue(at >= data && at <= data + 8, "offset " + at + " near the entropy-coded data at " + data);

        int rst = -1;
        for (int i = data; i + 1 < jpeg.length; i++) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) 0xD1) {
                rst = i;
                break;
            }
        }
        assertTrue(rst > 0, "stream has RST1");
        b = jpeg.clone();
        b[rst + 1] = (byte) 0xD5;
        assertEquals(rst, fails(b, info(e, "RGB"), "expected restart marker RST1 before MCU 2, found FFD5"));

        byte[] cut = Arrays.copyOf(jpeg, data + 3);
        assertEquals(data + 3, fails(cut, info(e, "RGB"), "entropy-coded data end inside MCU 0 of 4"));
    }

    @Test
    void segmentsMustFitAndComeInOrder() throws IOException {
        DctTestEncoder e = colour();
        byte[] jpeg = e.encode();
        int dqt = segment(jpeg, 0xDB);
        fails(Arrays.copyOf(jpeg, dqt + 10), info(e, "RGB"), "segment FFDB of length 67 runs past the end");
        int sof = segment(jpeg, 0xC0);
        int sos = segment(jpeg, 0xDA);
        fails(without(jpeg, sof, sof + length(jpeg, sof)), info(e, "RGB"), "SOS before the frame header");
        byte[] headersOnly = Arrays.copyOf(jpeg, sos + 2);
        headersOnly[sos + 1] = (byte) 0xD9;
        fails(headersOnly, info(e, "RGB"), "the codestream ends before component 1 was coded in a scan");
        fails(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, info(e, "RGB"),
                "the codestream ends without a frame header");
        byte[] b = jpeg.clone();
        b[dqt + 4] = 0x24; // precision 2
        fails(b, info(e, "RGB"), "quantisation table precision 2 / destination 4");
        b = jpeg.clone();
        b[sos + 4] = 4; // four scan components in a frame of three
        fails(b, info(e, "RGB"), "scan of 4 components in a frame of 3");
        b = jpeg.clone();
        b[sos + 5] = 9;
        fails(b, info(e, "RGB"), "scan names component 9, not in the frame header");
    }
}
