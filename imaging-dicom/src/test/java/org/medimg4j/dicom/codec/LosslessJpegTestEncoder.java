package org.medimg4j.dicom.codec;

import java.io.ByteArrayOutputStream;

/**
 * A small JPEG lossless (T.81 process 14) encoder for tests: it writes the stream variants the decoder must read
 * (any predictor, precision 2–16, point transform, restart intervals, interleaved scans or one scan per
 * component, short or only-long Huffman codes, fill bytes, extra segments, a missing EOI) from known samples.
 * Prediction follows T.81 H.1.2.1 as DCMTK's decoder reads it: DCMTK decodes the {@code jpegll/enc_*} streams this
 * encoder wrote to exactly their samples (see {@code jpegll/make_fixtures.py}). Not tuned for size.
 */
final class LosslessJpegTestEncoder {

    /** Huffman table shapes. */
    enum Codes {
        /** Lengths 2–14, so both the lookup and the long-code path of the decoder are used. */
        TYPICAL,
        /** Every code 13–16 bits: each symbol takes the decoder's long-code path. */
        LONG
    }

    int rows;
    int columns;
    int components = 1;
    int precision = 16;
    int predictor = 1;
    int pointTransform;
    /** In MCUs; 0 = no restart markers. */
    int restartInterval;
    boolean oneScanPerComponent;
    Codes codes = Codes.TYPICAL;
    /** Write FF fill bytes before every marker after SOI. */
    boolean fillBytes;
    /** Write an APP0 and a COM segment before the frame header. */
    boolean extraSegments;
    boolean omitEoi;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long bitBuffer;
    private int bitCount;

    LosslessJpegTestEncoder(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /** @param samples rows × columns × components values, interleaved per pixel, each below 2^precision */
    byte[] encode(int[] samples) {
        out.reset();
        marker(0xD8);
        if (extraSegments) {
            segment(0xE0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 2, 0, 0, 1, 0, 1, 0, 0});
            segment(0xFE, "made by LosslessJpegTestEncoder".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        byte[] sof = new byte[6 + 3 * components];
        sof[0] = (byte) precision;
        sof[1] = (byte) (rows >> 8);
        sof[2] = (byte) rows;
        sof[3] = (byte) (columns >> 8);
        sof[4] = (byte) columns;
        sof[5] = (byte) components;
        for (int c = 0; c < components; c++) {
            sof[6 + 3 * c] = (byte) (c + 1);
            sof[7 + 3 * c] = 0x11;
        }
        segment(0xC3, sof);
        writeTable(0, codes);
        writeTable(1, codes == Codes.TYPICAL ? Codes.LONG : Codes.TYPICAL);
        if (restartInterval > 0) {
            segment(0xDD, new byte[] {(byte) (restartInterval >> 8), (byte) restartInterval});
        }
        if (oneScanPerComponent) {
            for (int c = 0; c < components; c++) {
                scan(samples, new int[] {c});
            }
        } else {
            int[] all = new int[components];
            for (int c = 0; c < components; c++) {
                all[c] = c;
            }
            scan(samples, all);
        }
        if (!omitEoi) {
            marker(0xD9);
        }
        return out.toByteArray();
    }

    private void scan(int[] samples, int[] comps) {
        int nc = comps.length;
        byte[] sos = new byte[1 + 2 * nc + 3];
        sos[0] = (byte) nc;
        for (int i = 0; i < nc; i++) {
            sos[1 + 2 * i] = (byte) (comps[i] + 1);
            sos[2 + 2 * i] = (byte) ((comps[i] == 0 ? 0 : 1) << 4); // component 1 table 0, others table 1
        }
        sos[1 + 2 * nc] = (byte) predictor;
        sos[3 + 2 * nc] = (byte) pointTransform;
        segment(0xDA, sos);
        int[][] lengths = {codeLengths(codes), codeLengths(codes == Codes.TYPICAL ? Codes.LONG : Codes.TYPICAL)};
        int[][] codeWords = {canonical(lengths[0]), canonical(lengths[1])};
        int rowsPerInterval = restartInterval == 0 ? Integer.MAX_VALUE : restartInterval / columns;
        int rst = 0;
        for (int y = 0; y < rows; y++) {
            boolean firstRow = y % rowsPerInterval == 0;
            if (y > 0 && firstRow) {
                flushBits();
                marker(0xD0 + (rst++ & 7));
            }
            for (int x = 0; x < columns; x++) {
                for (int comp : comps) {
                    int v = value(samples, y, x, comp);
                    int pred;
                    if (firstRow) {
                        pred = x == 0 ? 1 << (precision - pointTransform - 1) : value(samples, y, x - 1, comp);
                    } else if (x == 0) {
                        pred = value(samples, y - 1, x, comp);
                    } else {
                        int ra = value(samples, y, x - 1, comp);
                        int rb = value(samples, y - 1, x, comp);
                        int rc = value(samples, y - 1, x - 1, comp);
                        pred = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    int diff = (short) (v - pred); // modulo 2^16, as a signed 16-bit value
                    int table = comp == 0 ? 0 : 1;
                    int s;
                    if (diff == -32768) {
                        s = 16;
                    } else {
                        s = 32 - Integer.numberOfLeadingZeros(Math.abs(diff));
                    }
                    bits(codeWords[table][s], lengths[table][s]);
                    if (s != 0 && s != 16) {
                        bits(diff >= 0 ? diff : diff + (1 << s) - 1, s);
                    }
                }
            }
        }
        flushBits();
    }

    private int value(int[] samples, int y, int x, int comp) {
        return samples[(y * columns + x) * components + comp] >> pointTransform;
    }

    /** @return the code length of each category 0–16 for a table shape */
    static int[] codeLengths(Codes codes) {
        return switch (codes) {
            case TYPICAL -> new int[] {2, 3, 3, 3, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
            case LONG -> new int[] {13, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 16};
        };
    }

    /** Canonical codes (T.81 C.2) for lengths given per symbol, symbols listed in increasing length. */
    private static int[] canonical(int[] lengths) {
        int[] codesOut = new int[lengths.length];
        int code = 0;
        int len = lengths[0];
        for (int s = 0; s < lengths.length; s++) {
            code <<= lengths[s] - len;
            len = lengths[s];
            codesOut[s] = code++;
        }
        return codesOut;
    }

    private void writeTable(int id, Codes shape) {
        int[] lengths = codeLengths(shape);
        byte[] seg = new byte[17 + lengths.length];
        seg[0] = (byte) id;
        for (int s = 0; s < lengths.length; s++) {
            seg[lengths[s]]++;
            seg[17 + s] = (byte) s;
        }
        segment(0xC4, seg);
    }

    private void bits(int value, int count) {
        bitBuffer = bitBuffer << count | (value & ((1L << count) - 1));
        bitCount += count;
        while (bitCount >= 8) {
            int b = (int) (bitBuffer >>> (bitCount - 8)) & 0xFF;
            out.write(b);
            if (b == 0xFF) {
                out.write(0); // stuffing (T.81 F.1.2.3)
            }
            bitCount -= 8;
        }
    }

    private void flushBits() {
        if (bitCount > 0) {
            bits(0x7F, 8 - bitCount); // pad with 1-bits
        }
    }

    private void marker(int code) {
        if (fillBytes && code != 0xD8) {
            out.write(0xFF);
            out.write(0xFF);
        }
        out.write(0xFF);
        out.write(code);
    }

    private void segment(int code, byte[] body) {
        marker(code);
        out.write((body.length + 2) >> 8);
        out.write(body.length + 2);
        out.write(body, 0, body.length);
    }
}
