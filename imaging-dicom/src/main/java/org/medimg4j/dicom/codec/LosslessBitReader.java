package org.medimg4j.dicom.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.medimg4j.dicom.DicomException;

/**
 * Reads the entropy-coded segments of a lossless JPEG scan: a 64-bit bit buffer over the frame's bytes that
 * removes stuffed zero bytes (FF 00, T.81 F.1.2.3), skips fill bytes (FF FF…, B.1.1.2) and stops in front of a
 * marker. Past a marker or the end of the data it feeds zero bits, counting them, so that a decoder which needs
 * bits the stream does not have is detected ({@link #overrun()}) instead of reading out of bounds or looping.
 *
 * <p>The hot loop, {@link #decodeDifferences}, decodes a whole row of Huffman-coded differences with the bit
 * buffer in local variables.
 */
final class LosslessBitReader {

    private static final String CODEC = JpegLosslessDecoder.CODEC;
    /** Reads four bytes at once, big endian (the JIT turns it into one load). */
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] data;
    /** First byte of the frame in {@link #data}, so that messages give offsets within the frame. */
    private final int base;
    private final int end;
    private int pos;
    /** Bit buffer: the low {@link #bits} bits are unread, most significant first. */
    private long acc;
    private int bits;
    /** Zero bits appended after the real data ran out (always the last ones in {@link #acc}). */
    private int fake;

    LosslessBitReader(byte[] data, int base, int end, int pos) {
        this.data = data;
        this.base = base;
        this.end = end;
        this.pos = pos;
    }

    /** @return the index in the data array of the first byte not yet loaded into the bit buffer */
    int position() {
        return pos;
    }

    /** @return whether bits past the end of the entropy-coded segment have been consumed (corrupt or truncated) */
    boolean overrun() {
        return bits < fake;
    }

    /** @return the frame offset of the reader, for messages */
    int offset() {
        return pos - base;
    }

    /**
     * Tops up the bit buffer to more than 56 bits, handling stuffing, fill bytes and markers (the slow path of the
     * inline refill in {@link #decodeDifferences}).
     */
    private void fill() {
        while (bits <= 56) {
            int b = 0;
            if (pos < end) {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < end ? data[pos + 1] & 0xFF : -1;
                    if (next == 0x00) {
                        pos += 2;
                    } else if (next == 0xFF) {
                        pos++; // a fill byte in front of a marker
                        continue;
                    } else {
                        b = 0; // a marker (or FF at the very end): stay in front of it, feed zeros
                        fake += 8;
                    }
                } else {
                    pos++;
                }
            } else {
                fake += 8;
            }
            acc = acc << 8 | b;
            bits += 8;
        }
    }

    /**
     * Decodes {@code count} differences into {@code out[0..count)}, difference {@code i} with table
     * {@code tables[i % tables.length]} (the components of an interleaved scan take turns).
     *
     * @throws DicomException on a code that is not in its table or a category above 16
     */
    void decodeDifferences(int[] out, int count, LosslessHuffmanTable[] tables) throws DicomException {
        final byte[] d = data;
        final int limit = end - 4;
        final int nt = tables.length;
        long a = acc;
        int n = bits;
        int p = pos;
        int t = 0;
        LosslessHuffmanTable table = tables[0];
        int[] fast = table.fast;
        for (int i = 0; i < count; i++) {
            if (nt > 1) {
                table = tables[t];
                fast = table.fast;
                t = t + 1 == nt ? 0 : t + 1;
            }
            if (n < 32) {
                // Common case: four plain bytes well inside the data, none of them FF, loaded in one go. Anything
                // else (an FF that may be stuffing or a marker, the end of the data) goes through fill() with the
                // state written back.
                int w;
                if (p <= limit && !hasFF(w = (int) INT_BE.get(d, p))) {
                    a = a << 32 | (w & 0xFFFFFFFFL);
                    n += 32;
                    p += 4;
                } else {
                    acc = a;
                    bits = n;
                    pos = p;
                    fill();
                    a = acc;
                    n = bits;
                    p = pos;
                }
            }
            int e = fast[(int) (a >>> (n - LosslessHuffmanTable.FAST_BITS)) & ((1 << LosslessHuffmanTable.FAST_BITS) - 1)];
            if ((e & LosslessHuffmanTable.RESOLVED) != 0) {
                n -= e & 31;
                out[i] = e >> 16;
                continue;
            }
            int s;
            if (e != 0) {
                n -= e & 31;
                s = (e >>> 5) & 31;
            } else {
                int c16 = (int) (a >>> (n - 16)) & 0xFFFF;
                int len = 1;
                while (len <= 16 && (c16 >>> (16 - len)) > table.maxCode[len]) {
                    len++;
                }
                if (len > 16) {
                    acc = a;
                    bits = n;
                    pos = p;
                    throw new DicomException(CODEC + ": offset " + offset() + ": invalid Huffman code "
                            + Integer.toBinaryString(c16 | 0x10000).substring(1) + " in the entropy-coded data");
                }
                s = table.values[(c16 >>> (16 - len)) + table.valueOffset[len]] & 0xFF;
                n -= len;
                if (s > 16) {
                    pos = p;
                    throw new DicomException(CODEC + ": offset " + offset() + ": difference category " + s
                            + " is above 16 (T.81 Table H.2)");
                }
            }
            int extra = 0;
            if (s != 0 && s != 16) {
                extra = (int) (a >>> (n - s)) & ((1 << s) - 1);
                n -= s;
            }
            out[i] = LosslessHuffmanTable.difference(extra, s);
        }
        acc = a;
        bits = n;
        pos = p;
    }

    /** @return whether one of the four bytes of {@code w} is FF (SWAR test for a zero byte in its complement) */
    private static boolean hasFF(int w) {
        int v = ~w;
        return ((v - 0x01010101) & ~v & 0x80808080) != 0;
    }

    /**
     * Ends an entropy-coded segment at a restart boundary (T.81 E.2.4): drops the padding bits of the last byte,
     * skips fill bytes and consumes the RSTm marker that must follow. The marker's number is not checked against
     * the expected sequence, which costs nothing and accepts encoders that number them loosely.
     *
     * @throws DicomException when the next marker is not RST0–RST7
     */
    void restart() throws DicomException {
        if (overrun()) {
            throw truncated("before restart marker");
        }
        acc = 0;
        bits = 0;
        fake = 0;
        while (pos + 1 < end && (data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos + 1 >= end) {
            throw new DicomException(CODEC + ": offset " + offset() + ": data end where a restart marker (RSTm) "
                    + "was expected");
        }
        int m = (data[pos] & 0xFF) << 8 | (data[pos + 1] & 0xFF);
        if (m < 0xFFD0 || m > 0xFFD7) {
            throw new DicomException(CODEC + ": offset " + offset() + ": found " + String.format("%02X %02X",
                    m >> 8, m & 0xFF) + " where a restart marker (FF D0-D7) was expected");
        }
        pos += 2;
    }

    /** @return the error for a scan that needed more entropy-coded bits than its segment holds */
    DicomException truncated(String where) {
        return new DicomException(CODEC + ": offset " + offset() + ": entropy-coded data end (truncated or corrupt "
                + "stream) " + where);
    }
}
