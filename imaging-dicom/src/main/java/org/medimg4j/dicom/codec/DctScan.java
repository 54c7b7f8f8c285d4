package org.medimg4j.dicom.codec;

import java.util.Arrays;
import org.medimg4j.dicom.DicomException;

/**
 * Decodes the entropy-coded segment of one sequential Huffman scan (T.81 F.2) into the component planes: bit
 * reading with byte-stuffing, fill bytes and restart markers, Huffman decoding of each block, dequantisation and
 * the inverse DCT.
 *
 * <p>When the data stop (a marker or the end of the frame) the reader feeds zero bits, as libjpeg does, so that
 * look-ahead never fails; but if an MCU actually consumes any of those bits the stream is truncated or corrupt,
 * and the scan fails with the MCU and offset rather than returning a partly invented image.
 */
final class DctScan {

    /** Zig-zag index → natural index, padded with 63 so that a corrupt run past the end stays inside the block. */
    static final int[] NATURAL_ORDER = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
        63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
        63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63
    };

    private final byte[] data;
    private final int base;
    private final int end;
    private final DctIdct idct;
    private final int[] block = new int[64];
    /** The components of the scan being decoded, in scan order. */
    private DctComponent[] scanComps;

    /** Next unread byte. */
    private int pos;
    /** Bit accumulator: the low {@link #bitCount} bits are unread, oldest highest. */
    private long acc;
    private int bitCount;
    /** How many of the unread bits are zero padding fed after the data stopped. */
    private int padBits;
    /** The data stopped at a marker (pos is at its first FF) or at the end of the frame. */
    private boolean stopped;

    /**
     * @param data  the frame's bytes
     * @param base  index of the frame's first byte (offsets in messages count from it)
     * @param end   index after the frame's last byte
     * @param idct  the inverse DCT for the frame's precision
     */
    DctScan(byte[] data, int base, int end, DctIdct idct) {
        this.data = data;
        this.base = base;
        this.end = end;
        this.idct = idct;
    }

    /**
     * Decodes one scan.
     *
     * @param comps           the scan's components in scan order, tables assigned
     * @param start           index of the first entropy-coded byte
     * @param restartInterval MCUs per restart interval, 0 for none
     * @return the index where decoding stopped; the next marker is at or after it
     */
    int decode(DctComponent[] comps, int start, int restartInterval) throws DicomException {
        pos = start;
        acc = 0;
        bitCount = 0;
        padBits = 0;
        stopped = false;
        scanComps = comps;
        for (DctComponent c : comps) {
            c.dcPredictor = 0;
        }
        int mcusWide;
        int mcusHigh;
        if (comps.length == 1) {
            // T.81 A.2.2: a non-interleaved scan's MCU is one block, over the component's own extent
            mcusWide = comps[0].blocksWide;
            mcusHigh = comps[0].blocksHigh;
        } else {
            mcusWide = comps[0].stride / (8 * comps[0].h);
            mcusHigh = comps[0].plane.length / comps[0].stride / (8 * comps[0].v);
        }
        int total = mcusWide * mcusHigh;
        int toRestart = restartInterval;
        int nextRst = 0;
        for (int mcu = 0; mcu < total; mcu++) {
            if (restartInterval != 0) {
                if (toRestart == 0) {
                    restart(nextRst, mcu);
                    nextRst = nextRst + 1 & 7;
                    toRestart = restartInterval;
                }
                toRestart--;
            }
            int mx = mcu % mcusWide;
            int my = mcu / mcusWide;
            if (comps.length == 1) {
                DctComponent c = comps[0];
                decodeBlock(c, (my * 8) * c.stride + mx * 8);
            } else {
                for (DctComponent c : comps) {
                    for (int by = 0; by < c.v; by++) {
                        int row = (my * c.v + by) * 8 * c.stride;
                        for (int bx = 0; bx < c.h; bx++) {
                            decodeBlock(c, row + (mx * c.h + bx) * 8);
                        }
                    }
                }
            }
            if (bitCount < padBits) {
                throw JpegBaselineDecoder.error(pos - base, "entropy-coded data end inside MCU " + mcu + " of "
                        + total + " (truncated or corrupt scan)");
            }
        }
        for (DctComponent c : comps) {
            c.coded = true;
        }
        return pos;
    }

    /** Ends a restart interval (T.81 F.2.2.5): drop the bits left, expect RSTn, reset the predictors. */
    private void restart(int expected, int mcu) throws DicomException {
        acc = 0;
        bitCount = 0;
        padBits = 0;
        if (!stopped) {
            // bytes before the marker that the last interval did not use: skip them as libjpeg does
            while (pos < end && !(data[pos] == (byte) 0xFF && pos + 1 < end && data[pos + 1] != 0
                    && data[pos + 1] != (byte) 0xFF)) {
                pos++;
            }
        }
        while (pos < end && data[pos] == (byte) 0xFF && pos + 1 < end && data[pos + 1] == (byte) 0xFF) {
            pos++; // fill bytes before the marker
        }
        if (pos + 1 >= end || (data[pos + 1] & 0xFF) != 0xD0 + expected) {
            throw JpegBaselineDecoder.error(pos - base, "expected restart marker RST" + expected + " before MCU "
                    + mcu + (pos + 1 < end ? String.format(", found %02X%02X", data[pos] & 0xFF,
                    data[pos + 1] & 0xFF) : ", found the end of the data"));
        }
        pos += 2;
        stopped = false;
        for (DctComponent c : scanComps) {
            c.dcPredictor = 0;
        }
    }

    /** Tops the accumulator up to at least 57 bits, feeding zeros once the data stop. */
    private void fill() {
        long a = acc;
        int n = bitCount;
        while (n <= 56) {
            int b = 0;
            if (stopped) {
                padBits += 8;
            } else if (pos >= end) {
                stopped = true;
                padBits += 8;
            } else {
                b = data[pos] & 0xFF;
                if (b != 0xFF) {
                    pos++;
                } else {
                    int p = pos + 1;
                    while (p < end && data[p] == (byte) 0xFF) {
                        p++; // fill bytes (T.81 B.1.1.2)
                    }
                    if (p < end && data[p] == 0) {
                        pos = p + 1; // stuffed FF00 stands for one FF data byte
                    } else {
                        pos = p - 1; // a marker: stop before it
                        stopped = true;
                        padBits += 8;
                        b = 0;
                    }
                }
            }
            a = a << 8 | b;
            n += 8;
        }
        acc = a;
        bitCount = n;
    }

    /** Decodes one Huffman symbol; at least 16 bits must be buffered. */
    private int symbol(DctHuffman t) throws DicomException {
        int peek = (int) (acc >>> (bitCount - DctHuffman.LOOKAHEAD)) & (1 << DctHuffman.LOOKAHEAD) - 1;
        int e = t.lookup[peek];
        if (e != 0) {
            bitCount -= e >>> 8;
            return e & 0xFF;
        }
        int code16 = (int) (acc >>> (bitCount - 16)) & 0xFFFF;
        for (int len = DctHuffman.LOOKAHEAD + 1; len <= 16; len++) {
            int code = code16 >>> (16 - len);
            if (code <= t.maxCode[len]) {
                bitCount -= len;
                return t.symbols[code + t.valueOffset[len]];
            }
        }
        throw JpegBaselineDecoder.error(pos - base, "bit pattern matches no code of the Huffman table");
    }

    /** Receives {@code size} bits (1..16, at least that many buffered) and extends them to a signed value. */
    private int received(int size) {
        bitCount -= size;
        int bits = (int) (acc >>> bitCount) & (1 << size) - 1;
        return DctHuffman.extend(bits, size);
    }

    private void decodeBlock(DctComponent c, int offset) throws DicomException {
        final int[] blk = block;
        final int[] q = c.quant;
        if (bitCount < 32) {
            fill();
        }
        int s = symbol(c.dcTable);
        if (s != 0) {
            c.dcPredictor += received(s);
        }
        // libjpeg keeps coefficients as 16-bit JCOEF
        blk[0] = (short) c.dcPredictor * q[0];
        boolean acPresent = false;
        final DctHuffman ac = c.acTable;
        final int[] fast = ac.fastAc;
        final int[] lookup = ac.lookup;
        // the accumulator lives in locals through the AC loop; the fields are synchronised around calls
        long a = acc;
        int n = bitCount;
        for (int k = 1; k < 64; k++) {
            if (n < 32) {
                bitCount = n;
                fill();
                a = acc;
                n = bitCount;
            }
            int peek = (int) (a >>> (n - DctHuffman.LOOKAHEAD)) & (1 << DctHuffman.LOOKAHEAD) - 1;
            int f = fast[peek];
            if (f != 0) {
                n -= f & 0xFF;
                k += f >> 8 & 0xFF;
                int z = NATURAL_ORDER[k];
                blk[z] = (f >> 16) * q[z];
                acPresent = true;
                continue;
            }
            int rs;
            int e = lookup[peek];
            if (e != 0) {
                n -= e >>> 8;
                rs = e & 0xFF;
            } else {
                bitCount = n;
                rs = symbol(ac);
                n = bitCount;
            }
            int r = rs >>> 4;
            s = rs & 15;
            if (s != 0) {
                k += r;
                n -= s;
                int z = NATURAL_ORDER[k];
                blk[z] = DctHuffman.extend((int) (a >>> n) & (1 << s) - 1, s) * q[z];
                acPresent = true;
            } else if (r == 15) {
                k += 15; // ZRL: sixteen zeros
            } else {
                break; // EOB
            }
        }
        bitCount = n;
        if (acPresent) {
            idct.transform(blk, c.plane, offset, c.stride);
            Arrays.fill(blk, 0);
        } else {
            short v = (short) idct.dcOnly(blk[0]);
            short[] plane = c.plane;
            for (int r = 0, o = offset; r < 8; r++, o += c.stride) {
                Arrays.fill(plane, o, o + 8, v);
            }
            blk[0] = 0;
        }
    }
}
