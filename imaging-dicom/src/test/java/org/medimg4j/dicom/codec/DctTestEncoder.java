package org.medimg4j.dicom.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A test-only sequential Huffman JPEG writer that codes given quantised coefficients, so that tests can make streams
 * the JDK's writer cannot: 12-bit precision, non-interleaved and partly interleaved scans, restart intervals,
 * 16-bit quantisation tables, fill bytes, extra segments, a missing EOI. Its Huffman tables mix short codes
 * (resolved by the decoder's look-up) with 12-bit ones (its slow path).
 */
final class DctTestEncoder {

    final int precision;
    final int width;
    final int height;
    /** Per component: {h, v}. */
    final int[][] factors;
    /** Per component: quantised coefficients by block (row-major over the interleaved block grid), zig-zag order. */
    final int[][][] coefficients;
    /** Per component (table Tq = component index): quantisation values, zig-zag order. */
    final int[][] quant;
    final int mcusWide;
    final int mcusHigh;
    final int hMax;
    final int vMax;

    /** Scans as lists of component indices; default: one interleaved scan of all. */
    int[][] scans;
    int restartInterval;
    boolean sixteenBitQuant;
    boolean fillBytes;
    boolean writeEoi = true;
    /** APP0, APP14 (Adobe, transform 1), COM and an unknown APP segment before the frame header. */
    boolean extraSegments;

    DctTestEncoder(int precision, int width, int height, int[][] factors, long seed) {
        this.precision = precision;
        this.width = width;
        this.height = height;
        this.factors = factors;
        int hm = 1;
        int vm = 1;
        for (int[] f : factors) {
            hm = Math.max(hm, f[0]);
            vm = Math.max(vm, f[1]);
        }
        hMax = hm;
        vMax = vm;
        mcusWide = (width + 8 * hMax - 1) / (8 * hMax);
        mcusHigh = (height + 8 * vMax - 1) / (8 * vMax);
        Random rnd = new Random(seed);
        int n = factors.length;
        coefficients = new int[n][][];
        quant = new int[n][64];
        scans = new int[][] {range(n)};
        for (int c = 0; c < n; c++) {
            for (int k = 0; k < 64; k++) {
                quant[c][k] = 1 + rnd.nextInt(precision == 8 ? 12 : 40);
            }
            int blocks = mcusWide * factors[c][0] * mcusHigh * factors[c][1];
            coefficients[c] = new int[blocks][64];
            int dcRange = precision == 8 ? 900 : 14000;
            for (int[] b : coefficients[c]) {
                b[0] = (rnd.nextInt(2 * dcRange + 1) - dcRange) / quant[c][0];
                int nonZero = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(24);
                for (int i = 0; i < nonZero; i++) {
                    int k = 1 + (rnd.nextBoolean() ? rnd.nextInt(12) : rnd.nextInt(63));
                    int amplitude = precision == 8 ? 120 : 2000;
                    b[k] = (rnd.nextInt(2 * amplitude + 1) - amplitude) / quant[c][k] / (1 + k / 8);
                }
            }
        }
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** Code lengths 1..16 → symbols: DC categories 0..15 at 5 bits. */
    private static List<List<Integer>> dcTable() {
        List<List<Integer>> t = emptyLengths();
        for (int s = 0; s <= 15; s++) {
            t.get(5).add(s);
        }
        return t;
    }

    /** EOB at 2 bits, (0,1) (0,2) at 3, (0,3) (1,1) at 4, every other run/size (sizes to 14) and ZRL at 12. */
    private static List<List<Integer>> acTable() {
        List<List<Integer>> t = emptyLengths();
        t.get(2).add(0x00);
        t.get(3).add(0x01);
        t.get(3).add(0x02);
        t.get(4).add(0x03);
        t.get(4).add(0x11);
        for (int r = 0; r < 16; r++) {
            for (int s = 1; s <= 14; s++) {
                int rs = r << 4 | s;
                if (rs != 0x01 && rs != 0x02 && rs != 0x03 && rs != 0x11) {
                    t.get(12).add(rs);
                }
            }
        }
        t.get(12).add(0xF0);
        return t;
    }

    private static List<List<Integer>> emptyLengths() {
        List<List<Integer>> t = new ArrayList<>();
        for (int i = 0; i <= 16; i++) {
            t.add(new ArrayList<>());
        }
        return t;
    }

    /** Canonical codes (T.81 C.2) by symbol: {code, length}. */
    private static int[][] codes(List<List<Integer>> table) {
        int[][] codes = new int[256][];
        int code = 0;
        for (int len = 1; len <= 16; len++) {
            for (int sym : table.get(len)) {
                codes[sym] = new int[] {code++, len};
            }
            code <<= 1;
        }
        return codes;
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marker(out, 0xD8);
        if (extraSegments) {
            segment(out, 0xE0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
            segment(out, 0xEE, new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 1});
            segment(out, 0xFE, "made by DctTestEncoder".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            segment(out, 0xE7, new byte[300]);
        }
        for (int c = 0; c < factors.length; c++) {
            ByteArrayOutputStream q = new ByteArrayOutputStream();
            q.write((sixteenBitQuant ? 0x10 : 0) | c);
            for (int k = 0; k < 64; k++) {
                if (sixteenBitQuant) {
                    q.write(quant[c][k] >> 8);
                }
                q.write(quant[c][k]);
            }
            segment(out, 0xDB, q.toByteArray());
        }
        ByteArrayOutputStream sof = new ByteArrayOutputStream();
        sof.write(precision);
        sof.write(height >> 8);
        sof.write(height);
        sof.write(width >> 8);
        sof.write(width);
        sof.write(factors.length);
        for (int c = 0; c < factors.length; c++) {
            sof.write(c + 1);
            sof.write(factors[c][0] << 4 | factors[c][1]);
            sof.write(c);
        }
        segment(out, precision == 8 ? 0xC0 : 0xC1, sof.toByteArray());
        segment(out, 0xC4, dht(0x00, dcTable()));
        segment(out, 0xC4, dht(0x10, acTable()));
        if (restartInterval > 0) {
            segment(out, 0xDD, new byte[] {(byte) (restartInterval >> 8), (byte) restartInterval});
        }
        for (int[] scan : scans) {
            ByteArrayOutputStream sos = new ByteArrayOutputStream();
            sos.write(scan.length);
            for (int c : scan) {
                sos.write(c + 1);
                sos.write(0x00);
            }
            sos.write(0);
            sos.write(63);
            sos.write(0);
            segment(out, 0xDA, sos.toByteArray());
            scanData(out, scan);
        }
        if (writeEoi) {
            fill(out);
            marker(out, 0xD9);
        }
        return out.toByteArray();
    }

    private void scanData(ByteArrayOutputStream out, int[] scan) {
        int[][] dc = codes(dcTable());
        int[][] ac = codes(acTable());
        BitWriter w = new BitWriter(out);
        int[] pred = new int[factors.length];
        int mw;
        int total;
        if (scan.length == 1) {
            int c = scan[0];
            int cw = (width * factors[c][0] + hMax - 1) / hMax;
            int ch = (height * factors[c][1] + vMax - 1) / vMax;
            mw = (cw + 7) / 8;
            total = mw * ((ch + 7) / 8);
        } else {
            mw = mcusWide;
            total = mcusWide * mcusHigh;
        }
        int rst = 0;
        for (int m = 0; m < total; m++) {
            if (restartInterval > 0 && m > 0 && m % restartInterval == 0) {
                w.flush();
                fill(out);
                marker(out, 0xD0 + rst);
                rst = rst + 1 & 7;
                java.util.Arrays.fill(pred, 0);
            }
            int mx = m % mw;
            int my = m / mw;
            for (int c : scan) {
                int blocksPerRow = mcusWide * factors[c][0];
                if (scan.length == 1) {
                    block(w, coefficients[c][my * blocksPerRow + mx], pred, c, dc, ac);
                } else {
                    for (int by = 0; by < factors[c][1]; by++) {
                        for (int bx = 0; bx < factors[c][0]; bx++) {
                            int row = my * factors[c][1] + by;
                            int col = mx * factors[c][0] + bx;
                            block(w, coefficients[c][row * blocksPerRow + col], pred, c, dc, ac);
                        }
                    }
                }
            }
        }
        w.flush();
    }

    private static void block(BitWriter w, int[] b, int[] pred, int c, int[][] dc, int[][] ac) {
        int diff = b[0] - pred[c];
        pred[c] = b[0];
        int s = category(diff);
        w.write(dc[s][0], dc[s][1]);
        w.value(diff, s);
        int run = 0;
        for (int k = 1; k < 64; k++) {
            if (b[k] == 0) {
                run++;
                continue;
            }
            while (run > 15) {
                w.write(ac[0xF0][0], ac[0xF0][1]);
                run -= 16;
            }
            int size = category(b[k]);
            int rs = run << 4 | size;
            w.write(ac[rs][0], ac[rs][1]);
            w.value(b[k], size);
            run = 0;
        }
        if (run > 0) {
            w.write(ac[0][0], ac[0][1]);
        }
    }

    private static int category(int v) {
        return v == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(v));
    }

    private void fill(ByteArrayOutputStream out) {
        if (fillBytes) {
            out.write(0xFF);
            out.write(0xFF);
        }
    }

    private static byte[] dht(int classAndId, List<List<Integer>> table) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(classAndId);
        for (int len = 1; len <= 16; len++) {
            b.write(table.get(len).size());
        }
        for (int len = 1; len <= 16; len++) {
            for (int sym : table.get(len)) {
                b.write(sym);
            }
        }
        return b.toByteArray();
    }

    private static void marker(ByteArrayOutputStream out, int code) {
        out.write(0xFF);
        out.write(code);
    }

    private static void segment(ByteArrayOutputStream out, int code, byte[] body) {
        marker(out, code);
        out.write(body.length + 2 >> 8);
        out.write(body.length + 2);
        out.write(body, 0, body.length);
    }

    /** MSB-first bit packing with FF00 byte stuffing (T.81 F.1.2.3); pads with ones. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out;
        private int acc;
        private int n;

        BitWriter(ByteArrayOutputStream out) {
            this.out = out;
        }

        void write(int code, int len) {
            for (int i = len - 1; i >= 0; i--) {
                acc = acc << 1 | (code >> i & 1);
                if (++n == 8) {
                    out.write(acc);
                    if (acc == 0xFF) {
                        out.write(0);
                    }
                    acc = 0;
                    n = 0;
                }
            }
        }

        /** The low {@code size} bits of v, or of v − 1 for negative v (T.81 F.1.2.1). */
        void value(int v, int size) {
            if (size > 0) {
                write(v < 0 ? v - 1 : v, size);
            }
        }

        void flush() {
            while (n != 0) {
                write(1, 1);
            }
        }
    }
}
