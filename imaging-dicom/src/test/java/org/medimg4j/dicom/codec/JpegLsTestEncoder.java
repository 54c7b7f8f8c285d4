package org.medimg4j.dicom.codec;

import java.io.ByteArrayOutputStream;

/**
 * A small JPEG-LS encoder for tests (the encoder procedures of ITU-T T.87 Annex A), to make the codestreams the
 * corpus lacks: precisions 2–16, NEAR, all interleave modes, restart intervals, preset parameters. Written from
 * the standard's encoder side; its output was cross-checked against CharLS 2.4.1's decoder (see
 * {@code JpegLsRoundTripTest}). Not tuned for speed.
 */
final class JpegLsTestEncoder {

    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9,
            10, 11, 12, 13, 14, 15};

    /**
     * What to encode.
     *
     * @param presets {@code {MAXVAL, T1, T2, T3, RESET}} to write in an LSE segment (0 = default), or null for none
     */
    record Settings(int width, int height, int components, int precision, int near, int interleave,
                    int restartInterval, int[] presets) {
    }

    /** @param codestream the JPEG-LS bytes @param reconstructed what a decoder must give, interleaved per pixel */
    record Result(byte[] codestream, int[] reconstructed) {
    }

    private final Settings s;
    private final JpegLsParameters p;
    private final byte[] quant;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int[] a = new int[367];
    private final int[] b = new int[367];
    private final int[] c = new int[367];
    private final int[] n = new int[367];
    private final int[] nn = new int[2];
    private int runIndex;
    private int bits;
    private int bitCount;
    private boolean afterFf;

    private JpegLsTestEncoder(Settings s) throws org.medimg4j.dicom.DicomException {
        this.s = s;
        int[] ps = s.presets() == null ? new int[5] : s.presets();
        this.p = JpegLsParameters.of(s.precision(), ps[0], ps[1], ps[2], ps[3], ps[4], s.near(), 0);
        this.quant = p.quantizationTable();
    }

    /** Encodes {@code samples} (interleaved per pixel, each within 0..MAXVAL). */
    static Result encode(Settings s, int[] samples) throws org.medimg4j.dicom.DicomException {
        return new JpegLsTestEncoder(s).run(samples);
    }

    private Result run(int[] samples) {
        int nf = s.components();
        int[] recon = new int[samples.length];
        marker(0xD8);
        marker(0xF7);
        u16(8 + 3 * nf);
        out.write(s.precision());
        u16(s.height());
        u16(s.width());
        out.write(nf);
        for (int i = 0; i < nf; i++) {
            out.write(i + 1);
            out.write(0x11);
            out.write(0);
        }
        if (s.presets() != null) {
            marker(0xF8);
            u16(13);
            out.write(1);
            for (int v : s.presets()) {
                u16(v);
            }
        }
        if (s.restartInterval() > 0) {
            marker(0xDD);
            u16(4);
            u16(s.restartInterval());
        }
        if (s.interleave() == 0) {
            for (int comp = 0; comp < nf; comp++) {
                scan(new int[] {comp}, samples, recon);
            }
        } else {
            int[] all = new int[nf];
            for (int i = 0; i < nf; i++) {
                all[i] = i;
            }
            scan(all, samples, recon);
        }
        marker(0xD9);
        return new Result(out.toByteArray(), recon);
    }

    private void scan(int[] comps, int[] samples, int[] recon) {
        int ns = comps.length;
        marker(0xDA);
        u16(6 + 2 * ns);
        out.write(ns);
        for (int comp : comps) {
            out.write(comp + 1);
            out.write(0);
        }
        out.write(s.near());
        out.write(ns == 1 ? 0 : s.interleave());
        out.write(0);
        resetContexts();
        int w = s.width();
        int nf = s.components();
        boolean pixels = ns > 1 && s.interleave() == 2;
        int lineComps = pixels ? 1 : ns;
        int stride = pixels ? ns : 1;
        int[][] prev = new int[lineComps][(w + 2) * stride];
        int[][] cur = new int[lineComps][(w + 2) * stride];
        int[][] src = new int[lineComps][(w + 2) * stride];
        int[] runIndexes = new int[lineComps];
        int rst = 0;
        for (int y = 0; y < s.height(); y++) {
            if (s.restartInterval() > 0 && y > 0 && y % s.restartInterval() == 0) {
                flush();
                marker(0xD0 + rst);
                rst = (rst + 1) & 7;
                resetContexts();
                java.util.Arrays.fill(runIndexes, 0);
                for (int l = 0; l < lineComps; l++) {
                    java.util.Arrays.fill(prev[l], 0);
                }
            }
            for (int l = 0; l < lineComps; l++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < stride; k++) {
                        int comp = comps[pixels ? k : l];
                        src[l][(x + 1) * stride + k] = samples[(y * w + x) * nf + comp];
                    }
                }
                for (int k = 0; k < stride; k++) {
                    prev[l][(w + 1) * stride + k] = prev[l][w * stride + k];
                    cur[l][k] = prev[l][stride + k];
                }
                runIndex = runIndexes[l];
                line(prev[l], cur[l], src[l], stride);
                runIndexes[l] = runIndex;
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < stride; k++) {
                        int comp = comps[pixels ? k : l];
                        recon[(y * w + x) * nf + comp] = cur[l][(x + 1) * stride + k];
                    }
                }
                int[] t = prev[l];
                prev[l] = cur[l];
                cur[l] = t;
            }
        }
        flush();
    }

    private void line(int[] prev, int[] cur, int[] x, int nc) {
        int w = s.width();
        int mv = p.maxval();
        int[] qs = new int[nc];
        int i = 1;
        while (i <= w) {
            boolean flat = true;
            for (int k = 0; k < nc; k++) {
                int at = i * nc + k;
                int ra = cur[at - nc];
                int rb = prev[at];
                int rc = prev[at - nc];
                int rd = prev[at + nc];
                qs[k] = 81 * quant[rd - rb + mv] + 9 * quant[rb - rc + mv] + quant[rc - ra + mv];
                flat &= qs[k] == 0;
            }
            if (!flat) {
                for (int k = 0; k < nc; k++) {
                    int at = i * nc + k;
                    cur[at] = regular(qs[k], cur[at - nc], prev[at], prev[at - nc], x[at]);
                }
                i++;
                continue;
            }
            int runcnt = 0;
            while (i + runcnt <= w && withinNear(x, cur, (i + runcnt) * nc, (i - 1) * nc, nc)) {
                System.arraycopy(cur, (i - 1) * nc, cur, (i + runcnt) * nc, nc);
                runcnt++;
            }
            boolean eol = i + runcnt > w;
            int rem = runcnt;
            while (rem >= 1 << J[runIndex]) {
                put(1, 1);
                rem -= 1 << J[runIndex];
                if (runIndex < 31) {
                    runIndex++;
                }
            }
            i += runcnt;
            if (eol) {
                if (rem > 0) {
                    put(1, 1);
                }
                continue;
            }
            put(0, 1);
            if (J[runIndex] > 0) {
                put(rem, J[runIndex]);
            }
            int at = i * nc;
            if (nc == 1) {
                int ra = cur[at - 1];
                int rb = prev[at];
                int ritype = Math.abs(ra - rb) <= p.near() ? 1 : 0;
                int px = ritype == 1 ? ra : rb;
                int sign = ritype == 0 && ra > rb ? -1 : 1;
                cur[at] = interruption(ritype, px, sign, x[at]);
            } else {
                for (int k = 0; k < nc; k++) {
                    int ra = cur[at - nc + k];
                    int rb = prev[at + k];
                    cur[at + k] = interruption(0, rb, rb - ra < 0 ? -1 : 1, x[at + k]);
                }
            }
            if (runIndex > 0) {
                runIndex--;
            }
            i++;
        }
    }

    private boolean withinNear(int[] x, int[] cur, int at, int runAt, int nc) {
        for (int k = 0; k < nc; k++) {
            if (Math.abs(x[at + k] - cur[runAt + k]) > p.near()) {
                return false;
            }
        }
        return true;
    }

    private int quantizeError(int err) {
        int near = p.near();
        if (near == 0) {
            return err;
        }
        return err > 0 ? (near + err) / (2 * near + 1) : -((near - err) / (2 * near + 1));
    }

    private int clamp(int v) {
        return Math.max(0, Math.min(p.maxval(), v));
    }

    private int moduloReduce(int err) {
        if (err < 0) {
            err += p.range();
        }
        if (err >= (p.range() + 1) / 2) {
            err -= p.range();
        }
        return err;
    }

    private int regular(int q, int ra, int rb, int rc, int ix) {
        int sign = q < 0 ? -1 : 1;
        int ctx = Math.abs(q);
        int px = rc >= Math.max(ra, rb) ? Math.min(ra, rb) : rc <= Math.min(ra, rb) ? Math.max(ra, rb) : ra + rb - rc;
        px = clamp(px + sign * c[ctx]);
        int err = quantizeError(sign * (ix - px));
        int rx = clamp(px + sign * err * (2 * p.near() + 1));
        err = moduloReduce(err);
        int k = 0;
        while ((n[ctx] << k) < a[ctx]) {
            k++;
        }
        int mapped;
        if (p.near() == 0 && k == 0 && 2 * b[ctx] <= -n[ctx]) {
            mapped = err >= 0 ? 2 * err + 1 : -2 * (err + 1);
        } else {
            mapped = err >= 0 ? 2 * err : -2 * err - 1;
        }
        golomb(mapped, k, p.limit());
        b[ctx] += err * (2 * p.near() + 1);
        a[ctx] += Math.abs(err);
        if (n[ctx] == p.reset()) {
            a[ctx] >>= 1;
            b[ctx] = b[ctx] >= 0 ? b[ctx] >> 1 : -((1 - b[ctx]) >> 1);
            n[ctx] >>= 1;
        }
        n[ctx]++;
        if (b[ctx] <= -n[ctx]) {
            b[ctx] += n[ctx];
            if (c[ctx] > -128) {
                c[ctx]--;
            }
            if (b[ctx] <= -n[ctx]) {
                b[ctx] = -n[ctx] + 1;
            }
        } else if (b[ctx] > 0) {
            b[ctx] -= n[ctx];
            if (c[ctx] < 127) {
                c[ctx]++;
            }
            if (b[ctx] > 0) {
                b[ctx] = 0;
            }
        }
        return rx;
    }

    private int interruption(int ritype, int px, int sign, int ix) {
        int ctx = 365 + ritype;
        int err = quantizeError(sign * (ix - px));
        int rx = clamp(px + sign * err * (2 * p.near() + 1));
        err = moduloReduce(err);
        int temp = a[ctx] + (n[ctx] >> 1) * ritype;
        int k = 0;
        while ((n[ctx] << k) < temp) {
            k++;
        }
        int map = 0;
        if (k == 0 && err > 0 && 2 * nn[ritype] < n[ctx]) {
            map = 1;
        } else if (err < 0 && 2 * nn[ritype] >= n[ctx]) {
            map = 1;
        } else if (err < 0 && k != 0) {
            map = 1;
        }
        int em = 2 * Math.abs(err) - ritype - map;
        golomb(em, k, p.limit() - J[runIndex] - 1);
        if (err < 0) {
            nn[ritype]++;
        }
        a[ctx] += (em + 1 - ritype) >> 1;
        if (n[ctx] == p.reset()) {
            a[ctx] >>= 1;
            n[ctx] >>= 1;
            nn[ritype] >>= 1;
        }
        n[ctx]++;
        return rx;
    }

    private void golomb(int value, int k, int limit) {
        int maxUnary = limit - p.qbpp() - 1;
        int high = value >>> k;
        if (high < maxUnary) {
            for (int i = 0; i < high; i++) {
                put(0, 1);
            }
            put(1, 1);
            if (k > 0) {
                put(value & ((1 << k) - 1), k);
            }
        } else {
            for (int i = 0; i < maxUnary; i++) {
                put(0, 1);
            }
            put(1, 1);
            put(value - 1, p.qbpp());
        }
    }

    private void resetContexts() {
        int a0 = Math.max(2, (p.range() + 32) / 64);
        java.util.Arrays.fill(a, a0);
        java.util.Arrays.fill(b, 0);
        java.util.Arrays.fill(c, 0);
        java.util.Arrays.fill(n, 1);
        nn[0] = 0;
        nn[1] = 0;
        runIndex = 0;
    }

    /** Appends {@code count} bits of {@code value}, most significant first, stuffing a 0 bit after each 0xFF. */
    private void put(int value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            bits = bits << 1 | ((value >>> i) & 1);
            bitCount++;
            if (bitCount == (afterFf ? 7 : 8)) {
                out.write(bits);
                afterFf = bits == 0xFF;
                bits = 0;
                bitCount = 0;
            }
        }
    }

    /** Pads with 0 bits to a byte boundary, including the stuffed byte a final 0xFF needs. */
    private void flush() {
        while (bitCount > 0 || afterFf) {
            put(0, 1);
        }
    }

    private void marker(int code) {
        out.write(0xFF);
        out.write(code);
    }

    private void u16(int v) {
        out.write(v >> 8);
        out.write(v & 0xFF);
    }
}
