package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medimg4j.dicom.DicomException;

/** Conformance and feature coverage of {@link JpegLosslessDecoder}; bad input is in the *BadInputTest. */
class JpegLosslessDecoderTest {

    private final JpegLosslessDecoder decoder = new JpegLosslessDecoder();

    @Test
    void decodesEveryCorpusJpegLosslessFileToTheOracleHashes() throws Exception {
        List<CorpusFrames.Row> rows = CorpusFrames.rows(ts -> ts.equals("1.2.840.10008.1.2.4.57")
                || ts.equals("1.2.840.10008.1.2.4.70"));
        assertFalse(rows.isEmpty(), "the manifest lists JPEG lossless files");
        assertTrue(rows.stream().anyMatch(r -> r.name().contains("sv7")), "predictors 2-7 are in the corpus");
        List<String> failures = new ArrayList<>();
        for (CorpusFrames.Row row : rows) {
            String result = CorpusFrames.check(row, decoder);
            if (result != null) {
                failures.add(result);
            }
        }
        assertEquals(List.of(), failures, rows.size() + " JPEG lossless files");
    }

    /**
     * Streams from another encoder (pvrg-jpeg), whose samples DCMTK's decoder reproduces exactly: precision 2–16,
     * point transform, one scan per component, SSSS 16 (see jpegll/make_fixtures.py).
     */
    @Test
    void decodesIndependentlyEncodedFixturesExactly() throws Exception {
        assertEquals(9, decodeFixtures("fixtures.tsv"), "pvrg-jpeg fixtures");
    }

    /**
     * Restart intervals with predictors 2, 3, 6 and 7, written by {@link LosslessJpegTestEncoder}; DCMTK's decoder
     * gives exactly these samples (checked by jpegll/make_fixtures.py), so the reset of prediction at each
     * restart is DCMTK's reading of T.81 H.1.2.1.
     */
    @Test
    void decodesRestartFixturesAsDcmtkDoes() throws Exception {
        assertEquals(4, decodeFixtures("encoder_fixtures.tsv"), "restart fixtures");
    }

    private int decodeFixtures(String list) throws Exception {
        String[] lines = resource(list).trim().split("\n");
        for (String line : List.of(lines).subList(1, lines.length)) {
            String[] f = line.split("\t");
            int rows = Integer.parseInt(f[1]);
            int columns = Integer.parseInt(f[2]);
            int comps = Integer.parseInt(f[3]);
            int precision = Integer.parseInt(f[4]);
            int bits = precision > 8 ? 16 : 8;
            FrameInfo info = new FrameInfo(rows, columns, comps, bits, precision, false, 0,
                    comps == 3 ? "RGB" : "MONOCHROME2");
            SampleBuffer out = SampleBuffer.allocate(info);
            decoder.decode(ByteBuffer.wrap(bytes(f[0] + ".jpg")), info, out);
            ByteBuffer expected = ByteBuffer.wrap(bytes(f[0] + ".u16le")).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(info.samples() * 2, expected.remaining(), f[0]);
            for (int i = 0; i < info.samples(); i++) {
                assertEquals(expected.getShort() & 0xFFFF, out.get(i), f[0] + " sample " + i);
            }
        }
        return lines.length - 1;
    }

    @ParameterizedTest(name = "predictor {0}, precision {1}, Pt {2}, restart {3} rows, {4} components, {5}")
    @CsvSource({
        "1, 16, 0, 0, 1, interleaved", "2, 16, 0, 1, 1, interleaved", "3, 16, 0, 2, 1, interleaved",
        "4, 16, 0, 3, 1, interleaved", "5, 16, 0, 1, 1, interleaved", "6, 16, 0, 4, 1, interleaved",
        "7, 16, 0, 1, 1, interleaved", "7, 16, 4, 2, 1, interleaved", "6, 12, 2, 0, 1, interleaved",
        "1, 2, 0, 1, 1, interleaved", "4, 2, 1, 0, 1, interleaved", "5, 3, 0, 2, 3, interleaved",
        "1, 8, 0, 1, 3, interleaved", "7, 8, 0, 0, 3, interleaved", "6, 8, 3, 2, 3, interleaved",
        "2, 8, 0, 1, 3, separate", "3, 12, 1, 3, 3, separate", "4, 16, 0, 0, 3, separate",
        "5, 16, 0, 1, 3, interleaved", "7, 15, 0, 3, 3, separate", "1, 16, 15, 0, 1, interleaved",
        "6, 16, 0, 0, 4, interleaved", "3, 11, 0, 5, 2, separate"
    })
    void roundTripsEncoderStreamsForEveryPredictorPrecisionAndLayout(int predictor, int precision, int pt,
                                                                     int restartRows, int comps, String layout)
            throws Exception {
        for (LosslessJpegTestEncoder.Codes codes : LosslessJpegTestEncoder.Codes.values()) {
            int rows = 13;
            int columns = 11;
            LosslessJpegTestEncoder enc = new LosslessJpegTestEncoder(rows, columns);
            enc.components = comps;
            enc.precision = precision;
            enc.predictor = predictor;
            enc.pointTransform = pt;
            enc.restartInterval = restartRows * columns;
            enc.oneScanPerComponent = layout.equals("separate");
            enc.codes = codes;
            int[] samples = samples(rows * columns * comps, precision, predictor * 100 + precision);
            int[] expected = new int[samples.length];
            for (int i = 0; i < samples.length; i++) {
                expected[i] = samples[i] >> pt << pt;
            }
            assertDecodes(expected, enc.encode(samples), rows, columns, comps, precision, codes.toString());
        }
    }

    @Test
    void decodesTheDifference32768WithoutExtraBits() throws Exception {
        // Alternating 0 and 32768 along the row: with predictor 1 every difference is 32768 (category 16),
        // which T.81 H.1.2.2 codes with no additional bits; a decoder reading 16 extra bits loses sync.
        int columns = 16;
        int[] samples = new int[2 * columns];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i % 2 == 0 ? 0 : 32768;
        }
        samples[columns] = 65535;
        LosslessJpegTestEncoder enc = new LosslessJpegTestEncoder(2, columns);
        enc.predictor = 1;
        assertDecodes(samples, enc.encode(samples), 2, columns, 1, 16, "SSSS 16");
    }

    @Test
    void toleratesFillBytesExtraSegmentsPaddingAndAMissingEoi() throws Exception {
        int[] samples = samples(9 * 7, 12, 3);
        LosslessJpegTestEncoder enc = new LosslessJpegTestEncoder(9, 7);
        enc.precision = 12;
        enc.predictor = 6;
        enc.restartInterval = 14;
        enc.fillBytes = true;
        enc.extraSegments = true;
        assertDecodes(samples, enc.encode(samples), 9, 7, 1, 12, "fill bytes and APP0/COM");
        byte[] padded = java.util.Arrays.copyOf(enc.encode(samples), enc.encode(samples).length + 1);
        assertDecodes(samples, padded, 9, 7, 1, 12, "a zero pad byte after EOI");
        enc.omitEoi = true;
        assertDecodes(samples, enc.encode(samples), 9, 7, 1, 12, "no EOI");
        byte[] noEoiPadded = java.util.Arrays.copyOf(enc.encode(samples), enc.encode(samples).length + 1);
        assertDecodes(samples, noEoiPadded, 9, 7, 1, 12, "no EOI but a pad byte");
    }

    @Test
    void readsFrameHeaderWithZeroLinesAsTheDataSetRows() throws Exception {
        int[] samples = samples(5 * 6, 16, 8);
        LosslessJpegTestEncoder enc = new LosslessJpegTestEncoder(5, 6);
        byte[] stream = enc.encode(samples);
        int sof = indexOf(stream, 0xC3);
        stream[sof + 5] = 0; // Y = 0: the number of lines comes from DNL (T.81 B.2.5); DICOM's Rows decide
        stream[sof + 6] = 0;
        assertDecodes(samples, stream, 5, 6, 1, 16, "Y = 0");
    }

    @Test
    void decodesFromADirectBufferPositionIntoABufferOffset() throws Exception {
        int[] samples = samples(4 * 5 * 3, 8, 4);
        LosslessJpegTestEncoder enc = new LosslessJpegTestEncoder(4, 5);
        enc.components = 3;
        enc.precision = 8;
        byte[] stream = enc.encode(samples);
        ByteBuffer direct = ByteBuffer.allocateDirect(stream.length + 3);
        direct.position(3);
        direct.put(stream).position(3);
        byte[] array = new byte[5 + samples.length];
        decoder.decode(direct, new FrameInfo(4, 5, 3, 8, 8, false, 0, "RGB"), SampleBuffer.of(array, 5));
        for (int i = 0; i < 5; i++) {
            assertEquals(0, array[i]);
        }
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i], array[5 + i] & 0xFF, "sample " + i);
        }
    }

    @Test
    void writesThirtyTwoBitBuffers() throws Exception {
        int[] samples = samples(6 * 6, 16, 12);
        LosslessJpegTestEncoder enc = new LosslessJpegTestEncoder(6, 6);
        enc.predictor = 5;
        FrameInfo info = new FrameInfo(6, 6, 1, 32, 16, false, 0, "MONOCHROME2");
        SampleBuffer out = SampleBuffer.allocate(info);
        decoder.decode(ByteBuffer.wrap(enc.encode(samples)), info, out);
        for (int i = 0; i < samples.length; i++) {
            assertEquals(samples[i], out.ints()[i]);
        }
    }

    private void assertDecodes(int[] expected, byte[] stream, int rows, int columns, int comps, int precision,
                               String what) throws Exception {
        int bits = precision > 8 ? 16 : 8;
        FrameInfo info = new FrameInfo(rows, columns, comps, bits, precision, false, 0,
                comps == 3 ? "RGB" : "MONOCHROME2");
        SampleBuffer out = SampleBuffer.allocate(info);
        decoder.decode(ByteBuffer.wrap(stream), info, out);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != out.get(i)) {
                assertEquals(expected[i], out.get(i), what + ": sample " + i);
            }
        }
    }

    /** Noise over a gradient, with full-scale jumps so that every difference category occurs. */
    static int[] samples(int n, int precision, long seed) {
        Random r = new Random(seed);
        int top = (1 << precision) - 1;
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            v[i] = kind == 0 ? r.nextInt(top + 1) : kind == 1 ? (r.nextBoolean() ? 0 : top)
                    : Math.min(top, (i * 7) % (top + 1) + r.nextInt(Math.max(1, top / 50 + 1)));
        }
        return v;
    }

    static int indexOf(byte[] stream, int marker) {
        for (int i = 0; i + 1 < stream.length; i++) {
            if ((stream[i] & 0xFF) == 0xFF && (stream[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("marker " + Integer.toHexString(marker) + " not found");
    }

    static byte[] bytes(String name) throws Exception {
        try (InputStream in = JpegLosslessDecoderTest.class.getResourceAsStream("jpegll/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource jpegll/" + name);
            }
            return in.readAllBytes();
        }
    }

    private static String resource(String name) throws Exception {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
