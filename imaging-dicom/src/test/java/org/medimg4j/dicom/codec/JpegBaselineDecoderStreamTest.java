package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stream structure on 8- and 12-bit streams made by {@link DctTestEncoder}: the same coefficients coded with other
 * scan layouts, restart intervals, table precisions, fill bytes and segments decode to the same image, and the
 * inverse DCT agrees with a floating-point one.
 */
class JpegBaselineDecoderStreamTest {

    private static final JpegBaselineDecoder DECODER = new JpegBaselineDecoder();

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of(8, 3, new int[][] {{2, 2}, {1, 1}, {1, 1}}, 45, 29),
                Arguments.of(12, 3, new int[][] {{2, 1}, {1, 1}, {1, 1}}, 33, 17),
                Arguments.of(12, 3, new int[][] {{1, 1}, {1, 1}, {1, 1}}, 16, 16),
                Arguments.of(8, 3, new int[][] {{4, 1}, {2, 1}, {1, 1}}, 70, 9),
                Arguments.of(12, 3, new int[][] {{1, 2}, {1, 1}, {1, 2}}, 23, 40),
                Arguments.of(8, 3, new int[][] {{3, 2}, {1, 1}, {1, 1}}, 50, 31),
                Arguments.of(8, 3, new int[][] {{3, 1}, {2, 1}, {1, 1}}, 30, 10),
                Arguments.of(8, 1, new int[][] {{1, 1}}, 63, 41),
                Arguments.of(12, 1, new int[][] {{2, 2}}, 40, 24),
                Arguments.of(12, 1, new int[][] {{1, 1}}, 1, 1));
    }

    @ParameterizedTest(name = "P {0}, {1} components {2}, {3}x{4}")
    @MethodSource("layouts")
    void scanLayoutRestartsTablesAndSegmentsDoNotChangeTheImage(int precision, int n, int[][] factors, int width,
                                                                 int height) throws IOException {
        for (String photometric : n == 1 ? new String[] {"MONOCHROME2"} : new String[] {"RGB", "YBR_FULL"}) {
            DctTestEncoder plain = new DctTestEncoder(precision, width, height, factors, 11);
            int[] expected = decode(plain.encode(), plain, photometric);

            DctTestEncoder separate = new DctTestEncoder(precision, width, height, factors, 11);
            separate.scans = n == 1 ? new int[][] {{0}} : new int[][] {{2}, {0}, {1}};
            assertArrayEquals(expected, decode(separate.encode(), separate, photometric), "non-interleaved scans");

            if (n == 3) {
                DctTestEncoder mixed = new DctTestEncoder(precision, width, height, factors, 11);
                mixed.scans = new int[][] {{1}, {0, 2}};
                assertArrayEquals(expected, decode(mixed.encode(), mixed, photometric), "a two-component scan");
            }
            for (int interval : new int[] {1, 3, 7}) {
                DctTestEncoder restart = new DctTestEncoder(precision, width, height, factors, 11);
                restart.restartInterval = interval;
                restart.fillBytes = interval == 3;
                if (interval == 7) {
                    restart.scans = separate.scans;
                }
                assertArrayEquals(expected, decode(restart.encode(), restart, photometric), "restart " + interval);
            }
            DctTestEncoder other = new DctTestEncoder(precision, width, height, factors, 11);
            other.sixteenBitQuant = true;
            other.extraSegments = true; // includes an Adobe segment saying "YCbCr", which must not matter
            other.writeEoi = false;
            assertArrayEquals(expected, decode(other.encode(), other, photometric),
                    "16-bit DQT, APPn/COM segments, no EOI");
        }
    }

    @ParameterizedTest(name = "P {0}")
    @MethodSource("precisions")
    void inverseDctAgreesWithFloatingPointWithinOne(int precision) throws IOException {
        DctTestEncoder enc = new DctTestEncoder(precision, 64, 48, new int[][] {{1, 1}}, precision);
        int[] actual = decode(enc.encode(), enc, "MONOCHROME2");
        int max = (1 << precision) - 1;
        int center = 1 << (precision - 1);
        int blocksPerRow = enc.mcusWide;
        int worst = 0;
        for (int by = 0; by < 6; by++) {
            for (int bx = 0; bx < 8; bx++) {
                int[] zz = enc.coefficients[0][by * blocksPerRow + bx];
                double[] f = new double[64];
                for (int k = 0; k < 64; k++) {
                    f[DctScan.NATURAL_ORDER[k]] = zz[k] * enc.quant[0][k];
                }
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        double s = 0;
                        for (int v = 0; v < 8; v++) {
                            for (int u = 0; u < 8; u++) {
                                s += (u == 0 ? Math.sqrt(0.5) : 1) * (v == 0 ? Math.sqrt(0.5) : 1) * f[v * 8 + u]
                                        * Math.cos((2 * x + 1) * u * Math.PI / 16)
                                        * Math.cos((2 * y + 1) * v * Math.PI / 16);
                            }
                        }
                        long ref = Math.max(0, Math.min(max, Math.round(s / 4) + center));
                        int got = actual[(by * 8 + y) * 64 + bx * 8 + x];
                        worst = (int) Math.max(worst, Math.abs(got - ref));
                    }
                }
            }
        }
        assertTrue(worst <= 1, "largest difference from the floating-point IDCT: " + worst);
    }

    static Stream<Integer> precisions() {
        return Stream.of(8, 12);
    }

    @Test
    void twelveBitDcOnlyBlockIsTheLevelShiftedMean() throws IOException {
        DctTestEncoder enc = new DctTestEncoder(12, 8, 8, new int[][] {{1, 1}}, 1);
        java.util.Arrays.fill(enc.coefficients[0][0], 0);
        enc.quant[0][0] = 4;
        enc.coefficients[0][0][0] = -1000; // dequantised -4000: mean -500
        int[] v = decode(enc.encode(), enc, "MONOCHROME2");
        for (int s : v) {
            assertEquals(2048 - 500, s);
        }
    }

    @Test
    void decodesFromAnyPositionOfHeapAndDirectBuffers() throws IOException {
        DctTestEncoder enc = new DctTestEncoder(8, 20, 20, new int[][] {{2, 2}, {1, 1}, {1, 1}}, 3);
        byte[] jpeg = enc.encode();
        int[] expected = decode(jpeg, enc, "YBR_FULL_422");
        byte[] padded = new byte[jpeg.length + 17];
        System.arraycopy(jpeg, 0, padded, 9, jpeg.length);
        FrameInfo info = new FrameInfo(20, 20, 3, 8, 8, false, 0, "YBR_FULL_422");

        ByteBuffer heap = ByteBuffer.wrap(padded, 9, jpeg.length).slice().position(0);
        ByteBuffer offsetHeap = ByteBuffer.wrap(padded).position(9).limit(9 + jpeg.length);
        ByteBuffer direct = ByteBuffer.allocateDirect(padded.length).put(padded).position(9).limit(9 + jpeg.length);
        for (ByteBuffer b : new ByteBuffer[] {heap, offsetHeap, direct}) {
            int position = b.position();
            SampleBuffer out = SampleBuffer.allocate(info);
            DECODER.decode(b, info, out);
            assertEquals(position, b.position(), "position unchanged");
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], out.get(i));
            }
        }
    }

    static int[] decode(byte[] jpeg, DctTestEncoder enc, String photometric) throws IOException {
        int n = enc.factors.length;
        FrameInfo info = new FrameInfo(enc.height, enc.width, n, enc.precision == 8 ? 8 : 16, enc.precision, false,
                0, photometric);
        SampleBuffer out = SampleBuffer.allocate(info);
        DECODER.decode(ByteBuffer.wrap(jpeg), info, out);
        int[] v = new int[(int) info.samples()];
        for (int i = 0; i < v.length; i++) {
            v[i] = out.get(i);
        }
        return v;
    }
}
