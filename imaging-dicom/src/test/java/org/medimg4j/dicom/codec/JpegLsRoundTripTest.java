package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medimg4j.dicom.DicomException;

/**
 * Codestreams the corpus lacks, made by {@link JpegLsTestEncoder}: every precision 2–16, NEAR > 0 at several
 * depths, all interleave modes, restart intervals, LSE presets (thresholds, RESET, MAXVAL below 2^P − 1), one-pixel
 * lines and columns. Lossless streams must give back the image; near-lossless ones the encoder's reconstruction,
 * which stays within NEAR of the image.
 *
 * <p>The encoder is checked against an independent decoder as well: streams it made with these settings (restart
 * intervals and all three interleave modes included) decoded with CharLS 2.4.1 (Debian {@code libcharls2}, through
 * Python ctypes) to the same samples as here.
 */
class JpegLsRoundTripTest {

    private final JpegLsDecoder decoder = new JpegLsDecoder();

    static Stream<Arguments> settings() {
        List<Arguments> out = new ArrayList<>();
        for (int precision = 2; precision <= 16; precision++) {
            out.add(Arguments.of(new JpegLsTestEncoder.Settings(37, 23, 1, precision, 0, 0, 0, null)));
        }
        for (int precision : new int[] {2, 8, 12, 16}) {
            for (int near : new int[] {1, 3}) {
                if (near > ((1 << precision) - 1) / 2) {
                    continue; // T.87: NEAR <= MAXVAL / 2
                }
                out.add(Arguments.of(new JpegLsTestEncoder.Settings(41, 19, 1, precision, near, 0, 0, null)));
            }
        }
        for (int ilv = 0; ilv <= 2; ilv++) {
            for (int precision : new int[] {8, 16}) {
                out.add(Arguments.of(new JpegLsTestEncoder.Settings(29, 17, 3, precision, 0, ilv, 0, null)));
                out.add(Arguments.of(new JpegLsTestEncoder.Settings(29, 17, 3, precision, 2, ilv, 0, null)));
                out.add(Arguments.of(new JpegLsTestEncoder.Settings(29, 17, 3, precision, 0, ilv, 3, null)));
            }
            out.add(Arguments.of(new JpegLsTestEncoder.Settings(13, 11, 3, 8, 1, ilv, 1, null)));
        }
        out.add(Arguments.of(new JpegLsTestEncoder.Settings(40, 30, 1, 12, 0, 0, 7, null)));
        out.add(Arguments.of(new JpegLsTestEncoder.Settings(40, 30, 1, 16, 4, 0, 2, null)));
        out.add(Arguments.of(new JpegLsTestEncoder.Settings(33, 21, 1, 12, 0, 0, 0, new int[] {3000, 5, 40, 300, 90})));
        out.add(Arguments.of(new JpegLsTestEncoder.Settings(33, 21, 1, 16, 2, 0, 0, new int[] {0, 30, 100, 900, 255})));
        out.add(Arguments.of(new JpegLsTestEncoder.Settings(33, 21, 1, 8, 0, 0, 0, new int[] {200, 0, 0, 0, 3})));
        out.add(Arguments.of(new JpegLsTestEncoder.Settings(1, 50, 1, 10, 0, 0, 0, null)));
        out.add(Arguments.of(new JpegLsTestEncoder.Settings(50, 1, 3, 8, 0, 2, 0, null)));
        out.add(Arguments.of(new JpegLsTestEncoder.Settings(1, 1, 1, 16, 0, 0, 0, null)));
        return out.stream();
    }

    /**
     * A test image: a smooth ramp (regular mode), flat patches (run mode) and seeded noise bursts (long Golomb
     * codes and escapes), within 0..maxval.
     */
    static int[] image(JpegLsTestEncoder.Settings s, int maxval, long seed) {
        Random rnd = new Random(seed);
        int nc = s.components();
        int[] v = new int[s.width() * s.height() * nc];
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                for (int k = 0; k < nc; k++) {
                    double ramp = (x * 7 + y * 3 + k * 11) / (double) (s.width() * 7 + s.height() * 3 + 30);
                    int value;
                    if ((x / 6 + y / 5) % 3 == 0) {
                        value = maxval / 3; // flat patch
                    } else if (rnd.nextInt(10) == 0) {
                        value = rnd.nextInt(maxval + 1);
                    } else {
                        value = (int) (ramp * maxval) + rnd.nextInt(3) - 1;
                    }
                    v[(y * s.width() + x) * nc + k] = Math.max(0, Math.min(maxval, value));
                }
            }
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("settings")
    void decodesWhatTheEncoderReconstructed(JpegLsTestEncoder.Settings s) throws DicomException {
        int maxval = s.presets() != null && s.presets()[0] != 0 ? s.presets()[0] : (1 << s.precision()) - 1;
        int[] image = image(s, maxval, s.hashCode());
        JpegLsTestEncoder.Result r = JpegLsTestEncoder.encode(s, image);
        int bitsAllocated = s.precision() <= 8 ? 8 : 16;
        FrameInfo info = new FrameInfo(s.height(), s.width(), s.components(), bitsAllocated, s.precision(), false, 0,
                s.components() == 3 ? "RGB" : "MONOCHROME2");
        SampleBuffer buf = SampleBuffer.allocate(info);
        decoder.decode(ByteBuffer.wrap(r.codestream()), info, buf);
        int[] decoded = new int[image.length];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = buf.get(i);
        }
        assertArrayEquals(r.reconstructed(), decoded, s.toString());
        for (int i = 0; i < image.length; i++) {
            assertTrue(Math.abs(decoded[i] - image[i]) <= s.near(), "sample " + i + " beyond NEAR " + s.near());
        }
    }

    @Test
    void writesThirtyTwoBitSamplesAtTheBufferOffset() throws DicomException {
        JpegLsTestEncoder.Settings s = new JpegLsTestEncoder.Settings(20, 10, 3, 16, 0, 1, 0, null);
        int[] image = image(s, 65535, 7);
        byte[] jls = JpegLsTestEncoder.encode(s, image).codestream();
        FrameInfo info = new FrameInfo(10, 20, 3, 32, 16, false, 0, "RGB");
        int[] array = new int[5 + image.length + 5];
        java.util.Arrays.fill(array, -1);
        decoder.decode(ByteBuffer.wrap(jls), info, SampleBuffer.of(array, 5));
        assertArrayEquals(image, java.util.Arrays.copyOfRange(array, 5, 5 + image.length));
        assertEquals(-1, array[4]);
        assertEquals(-1, array[5 + image.length]);
    }

    @Test
    void readsAFrameFromTheMiddleOfALargerArray() throws DicomException {
        JpegLsTestEncoder.Settings s = new JpegLsTestEncoder.Settings(16, 16, 1, 8, 0, 0, 0, null);
        int[] image = image(s, 255, 3);
        byte[] jls = JpegLsTestEncoder.encode(s, image).codestream();
        byte[] padded = new byte[jls.length + 20];
        java.util.Arrays.fill(padded, (byte) 0xFF);
        System.arraycopy(jls, 0, padded, 10, jls.length);
        FrameInfo info = new FrameInfo(16, 16, 1, 8, 8, false, 0, "MONOCHROME2");
        SampleBuffer buf = SampleBuffer.allocate(info);
        decoder.decode(ByteBuffer.wrap(padded, 10, jls.length).slice(), info, buf);
        for (int i = 0; i < image.length; i++) {
            assertEquals(image[i], buf.get(i), "sample " + i);
        }
        SampleBuffer direct = SampleBuffer.allocate(info);
        ByteBuffer off = ByteBuffer.allocateDirect(jls.length).put(jls).flip();
        decoder.decode(off, info, direct);
        assertArrayEquals(buf.bytes(), direct.bytes());
    }
}
