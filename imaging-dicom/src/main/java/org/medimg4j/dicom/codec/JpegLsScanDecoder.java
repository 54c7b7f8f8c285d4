package org.medimg4j.dicom.codec;

import org.medimg4j.dicom.DicomException;

/**
 * Decodes the entropy-coded data of one JPEG-LS scan line by line (ITU-T T.87 Annex A, B) and writes each finished
 * line into the frame's {@link SampleBuffer}, interleaved per pixel.
 *
 * <p>Lines are int arrays with one border sample at each end, so that the neighbours Ra, Rb, Rc, Rd of T.87 A.2.1
 * are plain array reads: the left border of the current line holds the first sample of the line above, the right
 * border of the line above repeats its last sample. Interleave modes: none (one component per scan) and line
 * (each component has its own line pair and its own RUNindex, T.87 B.2.2) share the single-component line
 * decoder; sample interleave (T.87 B.2.3) codes each pixel's components together and shares one RUNindex.
 */
final class JpegLsScanDecoder {

    /** T.87 A.7.1.1: the run-length order of each RUNindex. */
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9,
            10, 11, 12, 13, 14, 15};

    /** The last quantisation table built, reused while the parameters repeat (most frames of a series). */
    private static volatile QuantizationCache lastTable;

    private record QuantizationCache(JpegLsParameters key, byte[] table) {
    }

    private final JpegLsBitReader in;
    private final JpegLsContext ctx;
    private final byte[] quant;
    /** index of gradient 0 in {@link #quant}: MAXVAL */
    private final int quantZero;
    private final int width;
    private final int height;
    /** the frame component index of each component of the scan */
    private final int[] components;
    private final int frameComponents;
    private final int restartInterval;
    private final SampleBuffer out;
    private int runIndex;

    /**
     * @param in              positioned at the scan's first entropy-coded byte
     * @param components      frame component index of each scan component, in scan order
     * @param restartInterval lines per restart interval, 0 for none
     */
    JpegLsScanDecoder(JpegLsBitReader in, JpegLsParameters p, int width, int height, int[] components,
                      int frameComponents, int restartInterval, SampleBuffer out) {
        this.in = in;
        this.ctx = new JpegLsContext(p, in);
        this.quant = quantizationTable(p);
        this.quantZero = p.maxval();
        this.width = width;
        this.height = height;
        this.components = components;
        this.frameComponents = frameComponents;
        this.restartInterval = restartInterval;
        this.out = out;
    }

    private static byte[] quantizationTable(JpegLsParameters p) {
        QuantizationCache cached = lastTable;
        if (cached != null && cached.key().equals(p)) {
            return cached.table();
        }
        byte[] table = p.quantizationTable();
        lastTable = new QuantizationCache(p, table);
        return table;
    }

    /** Decodes the whole scan. @param sampleInterleaved true for ILV 2 with more than one component */
    void decode(boolean sampleInterleaved) throws DicomException {
        if (sampleInterleaved) {
            decodePixelInterleaved();
        } else {
            decodeLineInterleaved();
        }
    }

    private void decodeLineInterleaved() throws DicomException {
        int ns = components.length;
        int[][] prev = new int[ns][width + 2];
        int[][] cur = new int[ns][width + 2];
        int[] runIndexes = new int[ns];
        int restartIndex = 0;
        for (int y = 0; y < height; y++) {
            if (restartInterval > 0 && y > 0 && y % restartInterval == 0) {
                in.restart(restartIndex);
                restartIndex = (restartIndex + 1) & 7;
                restartState(prev, cur, runIndexes);
            }
            for (int s = 0; s < ns; s++) {
                int[] p = prev[s];
                int[] c = cur[s];
                p[width + 1] = p[width];
                c[0] = p[1];
                runIndex = runIndexes[s];
                decodeLine(p, c);
                runIndexes[s] = runIndex;
                writeLine(c, 1, 1, y, components[s]);
                prev[s] = c;
                cur[s] = p;
            }
        }
    }

    private void decodePixelInterleaved() throws DicomException {
        int nc = components.length;
        int[][] lines = {new int[(width + 2) * nc], new int[(width + 2) * nc]};
        int[] runIndexes = new int[1];
        int restartIndex = 0;
        for (int y = 0; y < height; y++) {
            if (restartInterval > 0 && y > 0 && y % restartInterval == 0) {
                in.restart(restartIndex);
                restartIndex = (restartIndex + 1) & 7;
                restartState(lines, null, runIndexes);
            }
            int[] p = lines[y & 1 ^ 1];
            int[] c = lines[y & 1];
            for (int k = 0; k < nc; k++) {
                p[(width + 1) * nc + k] = p[width * nc + k];
                c[k] = p[nc + k];
            }
            decodePixelLine(p, c, nc);
            for (int k = 0; k < nc; k++) {
                writeLine(c, nc + k, nc, y, components[k]);
            }
        }
    }

    /** T.87 D.2 / A.2.1: after a restart marker the scan starts afresh: new contexts, zero lines, RUNindex 0. */
    private void restartState(int[][] prev, int[][] cur, int[] runIndexes) {
        ctx.reset();
        java.util.Arrays.fill(runIndexes, 0);
        runIndex = 0;
        for (int[] line : prev) {
            java.util.Arrays.fill(line, 0);
        }
        if (cur != null) {
            for (int[] line : cur) {
                java.util.Arrays.fill(line, 0);
            }
        }
    }

    /** Decodes one line of one component; {@code cur[0]} and {@code prev[width + 1]} hold the borders. */
    private void decodeLine(int[] prev, int[] cur) throws DicomException {
        final byte[] qt = quant;
        final int qz = quantZero;
        final int w = width;
        int i = 1;
        while (i <= w) {
            int ra = cur[i - 1];
            int rc = prev[i - 1];
            int rb = prev[i];
            int rd = prev[i + 1];
            int q = 81 * qt[rd - rb + qz] + 9 * qt[rb - rc + qz] + qt[rc - ra + qz];
            if (q != 0) {
                cur[i] = ctx.regular(q, ra, rb, rc);
                i++;
            } else {
                i = runMode(prev, cur, i);
            }
        }
    }

    /**
     * Run mode from sample {@code i} (T.87 A.7): the run of Ra values, then, unless the run reaches the end of the
     * line, the run-interruption sample. @return the index after the last sample decoded
     */
    private int runMode(int[] prev, int[] cur, int i) throws DicomException {
        int ra = cur[i - 1];
        int remaining = width - i + 1;
        int run = runLength(remaining);
        int stop = i + run;
        for (int x = i; x < stop; x++) {
            cur[x] = ra; // most runs are short: a loop beats the call to Arrays.fill
        }
        i = stop;
        if (run == remaining) {
            return i;
        }
        cur[i] = ctx.runInterruption(ra, prev[i], J[runIndex]);
        if (runIndex > 0) {
            runIndex--;
        }
        return i + 1;
    }

    /** Reads a run length (T.87 A.7.1.2, decoder side), at most {@code remaining}, updating RUNindex. */
    private int runLength(int remaining) throws DicomException {
        int run = 0;
        while (in.readBit() == 1) {
            int len = 1 << J[runIndex];
            int count = Math.min(len, remaining - run);
            run += count;
            if (count == len && runIndex < 31) {
                runIndex++;
            }
            if (run == remaining) {
                return run;
            }
        }
        int j = J[runIndex];
        if (j > 0) {
            run += in.readBits(j);
            if (run > remaining) {
                throw in.corrupt("run of " + run + " samples is longer than the " + remaining + " left in the line");
            }
        }
        return run;
    }

    /** Decodes one line of pixels whose {@code nc} components are interleaved (ILV 2). */
    private void decodePixelLine(int[] prev, int[] cur, int nc) throws DicomException {
        final byte[] qt = quant;
        final int qz = quantZero;
        final int w = width;
        int[] qs = new int[nc];
        int i = 1;
        while (i <= w) {
            int at = i * nc;
            boolean flat = true;
            for (int k = 0; k < nc; k++) {
                int ra = cur[at - nc + k];
                int rc = prev[at - nc + k];
                int rb = prev[at + k];
                int rd = prev[at + nc + k];
                int q = 81 * qt[rd - rb + qz] + 9 * qt[rb - rc + qz] + qt[rc - ra + qz];
                qs[k] = q;
                flat &= q == 0;
            }
            if (!flat) {
                for (int k = 0; k < nc; k++) {
                    cur[at + k] = ctx.regular(qs[k], cur[at - nc + k], prev[at + k], prev[at - nc + k]);
                }
                i++;
            } else {
                i = runModePixels(prev, cur, i, nc);
            }
        }
    }

    /**
     * Run mode over whole pixels (ILV 2). The interruption pixel codes each component with the RItype 0 context,
     * predicted from Rb, its sign from Rb − Ra, as the T.87 reference implementations do.
     */
    private int runModePixels(int[] prev, int[] cur, int i, int nc) throws DicomException {
        int remaining = width - i + 1;
        int run = runLength(remaining);
        int src = (i - 1) * nc;
        for (int x = i; x < i + run; x++) {
            System.arraycopy(cur, src, cur, x * nc, nc);
        }
        i += run;
        if (run == remaining) {
            return i;
        }
        int at = i * nc;
        int j = J[runIndex];
        int step = ctx.step();
        for (int k = 0; k < nc; k++) {
            int e = ctx.runInterruptionError(0, j);
            int ra = cur[at - nc + k];
            int rb = prev[at + k];
            cur[at + k] = ctx.reconstruct(rb, rb < ra ? -e * step : e * step);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return i + 1;
    }

    /** {@link #writeLine} for one component, as plain loops the JIT can vectorise. */
    private void writeContiguous(int[] line, int s, int o) {
        int w = width;
        switch (out.kind()) {
            case BYTES -> {
                byte[] dst = out.bytes();
                for (int x = 0; x < w; x++) {
                    dst[o + x] = (byte) line[s + x];
                }
            }
            case SHORTS -> {
                short[] dst = out.shorts();
                for (int x = 0; x < w; x++) {
                    dst[o + x] = (short) line[s + x];
                }
            }
            case INTS -> System.arraycopy(line, s, out.ints(), o, w);
        }
    }

    /**
     * Copies one decoded line of one component into the output: {@code width} samples from {@code line[start]},
     * {@code lineStep} apart, to pixel row {@code y}, component {@code component}.
     */
    private void writeLine(int[] line, int start, int lineStep, int y, int component) {
        int nf = frameComponents;
        int o = out.offset() + y * width * nf + component;
        int s = start;
        int w = width;
        if (nf == 1 && lineStep == 1) {
            writeContiguous(line, s, o);
            return;
        }
        switch (out.kind()) {
            case BYTES -> {
                byte[] dst = out.bytes();
                for (int x = 0; x < w; x++, s += lineStep, o += nf) {
                    dst[o] = (byte) line[s];
                }
            }
            case SHORTS -> {
                short[] dst = out.shorts();
                for (int x = 0; x < w; x++, s += lineStep, o += nf) {
                    dst[o] = (short) line[s];
                }
            }
            case INTS -> {
                int[] dst = out.ints();
                for (int x = 0; x < w; x++, s += lineStep, o += nf) {
                    dst[o] = line[s];
                }
            }
        }
    }
}
