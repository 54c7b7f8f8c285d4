package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.DicomException;

/** Every rule by which {@link JpegLosslessDecoder} refuses a stream, and its behaviour on cut and corrupt data. */
class JpegLosslessBadInputTest {

    private static final FrameInfo GRAY = new FrameInfo(8, 10, 1, 16, 16, false, 0, "MONOCHROME2");
    private final JpegLosslessDecoder decoder = new JpegLosslessDecoder();

    private static LosslessJpegTestEncoder gray() {
        LosslessJpegTestEncoder enc = new LosslessJpegTestEncoder(8, 10);
        enc.predictor = 6;
        return enc;
    }

    private static byte[] grayStream() {
        return gray().encode(JpegLosslessDecoderTest.samples(80, 16, 77));
    }

    private DicomException refused(byte[] stream, FrameInfo info, String expected) {
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(ByteBuffer.wrap(stream), info, SampleBuffer.allocate(info)));
        assertTrue(e.getMessage().startsWith("JPEG lossless: offset "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    @Test
    void refusesStreamWithoutSoi() {
        byte[] s = grayStream();
        refused(Arrays.copyOfRange(s, 2, s.length), GRAY, "does not start with SOI");
        refused(new byte[0], GRAY, "does not start with SOI");
    }

    @Test
    void refusesOtherJpegProcessesAndArithmeticCoding() {
        byte[] s = grayStream();
        int sof = JpegLosslessDecoderTest.indexOf(s, 0xC3);
        for (int code : new int[] {0xC0, 0xC1, 0xC7, 0xCB}) {
            byte[] other = s.clone();
            other[sof + 1] = (byte) code;
            refused(other, GRAY, "is not lossless process 14 (SOF3)");
        }
        byte[] dac = s.clone();
        dac[JpegLosslessDecoderTest.indexOf(s, 0xC4) + 1] = (byte) 0xCC;
        refused(dac, GRAY, "arithmetic coding is not supported");
    }

    @Test
    void refusesFrameHeaderThatDisagreesWithTheDataSet() {
        byte[] s = grayStream();
        refused(s, new FrameInfo(8, 11, 1, 16, 16, false, 0, "MONOCHROME2"), "8 lines x 10 columns; the data set says 8 x 11");
        refused(s, new FrameInfo(9, 10, 1, 16, 16, false, 0, "MONOCHROME2"), "the data set says 9 x 10");
        refused(s, new FrameInfo(8, 10, 3, 16, 16, false, 0, "RGB"), "1 components; Samples per Pixel is 3");
        refused(s, new FrameInfo(8, 10, 1, 8, 8, false, 0, "MONOCHROME2"), "precision 16 exceeds Bits Allocated 8");
        byte[] p1 = s.clone();
        p1[JpegLosslessDecoderTest.indexOf(s, 0xC3) + 4] = 1;
        refused(p1, GRAY, "sample precision 1 is outside 2-16");
    }

    @Test
    void refusesScanWithBadPredictorPointTransformOrComponent() {
        byte[] s = grayStream();
        int sos = JpegLosslessDecoderTest.indexOf(s, 0xDA);
        // SOS: FF DA, Ls(2), Ns, Cs, TdTa, Ss (predictor), Se, AhAl
        byte[] zero = s.clone();
        zero[sos + 7] = 0;
        refused(zero, GRAY, "selection value (predictor) 0 is not 1-7");
        // Pt must stay below the precision: 12 is not allowed at precision 12.
        byte[] lowPrecision = gray12();
        int sos12 = JpegLosslessDecoderTest.indexOf(lowPrecision, 0xDA);
        lowPrecision[sos12 + 9] = 12;
        refused(lowPrecision, new FrameInfo(8, 10, 1, 16, 12, false, 0, "MONOCHROME2"),
                "point transform 12 is not below the precision 12");
        byte[] comp = s.clone();
        comp[sos + 5] = 9;
        refused(comp, GRAY, "SOS names component 9, which the frame header does not have");
        byte[] table = s.clone();
        table[sos + 6] = 0x30;
        refused(table, GRAY, "SOS uses Huffman table 3, which no DHT defined");
    }

    private static byte[] gray12() {
        LosslessJpegTestEncoder enc = gray();
        enc.precision = 12;
        return enc.encode(JpegLosslessDecoderTest.samples(80, 12, 5));
    }

    @Test
    void refusesMarkersOutOfOrder() {
        byte[] s = grayStream();
        int sof = JpegLosslessDecoderTest.indexOf(s, 0xC3);
        int sofEnd = sof + 2 + ((s[sof + 2] & 0xFF) << 8 | (s[sof + 3] & 0xFF));
        // Without its frame header, the stream's first scan comes before any SOF3.
        byte[] noFrame = new byte[s.length - (sofEnd - sof)];
        System.arraycopy(s, 0, noFrame, 0, sof);
        System.arraycopy(s, sofEnd, noFrame, sof, s.length - sofEnd);
        refused(noFrame, GRAY, "SOS before the frame header");
        refused(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, GRAY, "no SOF3 frame header");
        byte[] twoFrames = new byte[s.length + (sofEnd - sof)];
        System.arraycopy(s, 0, twoFrames, 0, sofEnd);
        System.arraycopy(s, sof, twoFrames, sofEnd, sofEnd - sof);
        System.arraycopy(s, sofEnd, twoFrames, 2 * sofEnd - sof, s.length - sofEnd);
        refused(twoFrames, GRAY, "a second frame header");
        byte[] soi = s.clone();
        soi[sof + 1] = (byte) 0xD8;
        refused(soi, GRAY, "a second SOI");
        byte[] junk = s.clone();
        junk[sof] = 0x12;
        refused(junk, GRAY, "expected a marker (FF xx), found 12");
    }

    @Test
    void refusesSegmentLengthsPastTheData() {
        byte[] s = grayStream();
        int dht = JpegLosslessDecoderTest.indexOf(s, 0xC4);
        byte[] longSeg = s.clone();
        longSeg[dht + 2] = 0x7F;
        refused(longSeg, GRAY, "runs past the end of the data");
        byte[] shortDht = s.clone();
        shortDht[dht + 3] = 10;
        shortDht[dht + 2] = 0;
        refused(shortDht, GRAY, "DHT table runs past its segment");
    }

    @Test
    void refusesOverSubscribedHuffmanTablesAndCategoriesAbove16() {
        byte[] s = grayStream();
        int dht = JpegLosslessDecoderTest.indexOf(s, 0xC4);
        byte[] over = s.clone();
        over[dht + 5] = 3; // three 1-bit codes (taken from the five 3-bit ones, so the table keeps its size)
        over[dht + 7] = 2;
        refused(over, GRAY, "over-subscribe the 1-bit code space");
        // A flat image codes only difference 0 after its first sample; its 2-bit code now means category 17.
        int[] flat = new int[80];
        Arrays.fill(flat, 32768);
        byte[] category = gray().encode(flat);
        category[JpegLosslessDecoderTest.indexOf(category, 0xC4) + 5 + 16] = 17;
        refused(category, GRAY, "difference category 17 is above 16");
    }

    @Test
    void refusesInvalidHuffmanCode() {
        LosslessJpegTestEncoder enc = gray();
        enc.codes = LosslessJpegTestEncoder.Codes.LONG;
        byte[] s = enc.encode(JpegLosslessDecoderTest.samples(80, 16, 3));
        int sos = JpegLosslessDecoderTest.indexOf(s, 0xDA);
        // The LONG table leaves codes starting with 1 unassigned; FF 00 (a stuffed FF) starts with 1s.
        s[sos + 10] = (byte) 0xFF;
        s[sos + 11] = 0;
        refused(s, GRAY, "invalid Huffman code 11111111");
    }

    @Test
    void refusesRestartIntervalThatIsNotWholeRows() {
        LosslessJpegTestEncoder enc = gray();
        enc.restartInterval = 20;
        byte[] s = enc.encode(JpegLosslessDecoderTest.samples(80, 16, 3));
        int dri = JpegLosslessDecoderTest.indexOf(s, 0xDD);
        s[dri + 5] = 15;
        refused(s, GRAY, "restart interval 15 is not a whole number of rows of 10");
    }

    @Test
    void refusesMissingRestartMarker() {
        LosslessJpegTestEncoder enc = gray();
        enc.restartInterval = 20;
        byte[] s = enc.encode(JpegLosslessDecoderTest.samples(80, 16, 3));
        int rst = JpegLosslessDecoderTest.indexOf(s, 0xD0);
        byte[] wrong = s.clone();
        wrong[rst + 1] = (byte) 0xE1; // an APP1 marker where RST0 belongs
        refused(wrong, GRAY, "found FF E1 where a restart marker (FF D0-D7) was expected");
        // A stream without DRI but with the RST markers: the scan runs into a marker mid-row.
        int dri = JpegLosslessDecoderTest.indexOf(s, 0xDD);
        byte[] noDri = s.clone();
        noDri[dri + 4] = 0;
        noDri[dri + 5] = 0;
        refused(noDri, GRAY, "entropy-coded data end (truncated or corrupt stream) in row");
    }

    @Test
    void refusesStreamWithAComponentNeverScanned() {
        LosslessJpegTestEncoder enc = new LosslessJpegTestEncoder(4, 4);
        enc.components = 3;
        enc.precision = 8;
        enc.oneScanPerComponent = true;
        byte[] s = enc.encode(JpegLosslessDecoderTest.samples(48, 8, 1));
        // Cut after the first scan's entropy data (just before the second SOS) and end the image there.
        int first = JpegLosslessDecoderTest.indexOf(s, 0xDA);
        int second = first + 2 + JpegLosslessDecoderTest.indexOf(Arrays.copyOfRange(s, first + 2, s.length), 0xDA);
        byte[] cut = Arrays.copyOf(s, second + 2);
        cut[second + 1] = (byte) 0xD9;
        refused(cut, new FrameInfo(4, 4, 3, 8, 8, false, 0, "RGB"), "the stream ends before component 2 was decoded");
        // And a component scanned twice.
        byte[] twice = s.clone();
        twice[second + 5] = 1;
        refused(twice, new FrameInfo(4, 4, 3, 8, 8, false, 0, "RGB"), "component 1 is in a second scan");
    }

    @Test
    void refusesEveryTruncationBeforeTheLastScanEnds() throws Exception {
        for (boolean restarts : new boolean[] {false, true}) {
            LosslessJpegTestEncoder enc = gray();
            enc.restartInterval = restarts ? 10 : 0;
            byte[] s = enc.encode(JpegLosslessDecoderTest.samples(80, 16, 9));
            int eoi = s.length - 2;
            int refusedCount = 0;
            for (int cut = 0; cut < eoi; cut++) {
                byte[] part = Arrays.copyOf(s, cut);
                try {
                    decoder.decode(ByteBuffer.wrap(part), GRAY, SampleBuffer.allocate(GRAY));
                    fail("a stream cut at " + cut + " of " + s.length + " bytes was accepted");
                } catch (DicomException e) {
                    assertTrue(e.getMessage().startsWith("JPEG lossless: offset "), e.getMessage());
                    refusedCount++;
                }
            }
            assertEquals(eoi, refusedCount);
            // Only EOI missing: every sample is there, so the frame decodes.
            decoder.decode(ByteBuffer.wrap(Arrays.copyOf(s, eoi)), GRAY, SampleBuffer.allocate(GRAY));
        }
    }

    @Test
    void truncatedCorpusFramesAreRefused() throws Exception {
        List<CorpusFrames.Row> rows = CorpusFrames.rows(ts -> ts.equals("1.2.840.10008.1.2.4.70"));
        int checked = 0;
        for (CorpusFrames.Row row : rows) {
            if (!row.name().contains("gray8") && !row.name().contains("rgb8_jpeg_lossless_sv1")) {
                continue;
            }
            byte[] frame = toArray(CorpusFrames.frames(row.file(), 1).get(0));
            for (double fraction : new double[] {0.01, 0.1, 0.5, 0.9, 0.999}) {
                byte[] cut = Arrays.copyOf(frame, (int) (frame.length * fraction));
                DicomException e = assertThrows(DicomException.class, () -> decoder.decode(ByteBuffer.wrap(cut),
                        row.info(), SampleBuffer.allocate(row.info())), row.name() + " cut at " + fraction);
                assertTrue(e.getMessage().startsWith("JPEG lossless: offset "), e.getMessage());
                checked++;
            }
        }
        assertEquals(10, checked, "two corpus files cut at five points");
    }

    @Test
    void randomCorruptionEndsInAnExceptionOrAFrameQuickly() throws Exception {
        LosslessJpegTestEncoder enc = new LosslessJpegTestEncoder(12, 14);
        enc.components = 3;
        enc.precision = 12;
        enc.predictor = 7;
        enc.restartInterval = 28;
        byte[] s = enc.encode(JpegLosslessDecoderTest.samples(12 * 14 * 3, 12, 4));
        FrameInfo info = new FrameInfo(12, 14, 3, 16, 12, false, 0, "RGB");
        Random random = new Random(424242L);
        int refused = 0;
        int decoded = 0;
        try (RleJpegLosslessBoundedDecode bounded = new RleJpegLosslessBoundedDecode()) {
            for (int iteration = 0; iteration < 3000; iteration++) {
                byte[] bad = s.clone();
                int flips = 1 + random.nextInt(6);
                for (int k = 0; k < flips; k++) {
                    int at = random.nextInt(bad.length);
                    bad[at] = (byte) (random.nextInt(8) == 0 ? 0xFF : random.nextInt(256));
                }
                int cut = random.nextInt(6) == 0 ? random.nextInt(bad.length + 1) : bad.length;
                byte[] input = Arrays.copyOf(bad, cut);
                String message = bounded.decode(decoder, input, info, "iteration " + iteration);
                boolean ok = message == null;
                if (!ok && !message.startsWith("JPEG lossless: offset ")) {
                    fail("message does not name the codec: " + message);
                }
                if (ok) {
                    decoded++;
                } else {
                    refused++;
                }
            }
            // Most corruptions lose Huffman sync and run into a restart marker or the end; a few land where they
            // only change values. Both outcomes must occur, and nothing else.
        }
        assertTrue(refused > 300 && decoded > 20, "refused " + refused + ", decoded " + decoded);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
