package org.medimg4j.dicom.codec;

import org.medimg4j.dicom.DicomException;

/**
 * One Huffman table of a DCT JPEG stream (ITU T.81 C, F.2.2.3), built for fast decoding: codes of up to
 * {@link #LOOKAHEAD} bits resolve with one table look-up; longer ones walk the canonical MAXCODE/VALPTR arrays.
 * AC tables also carry {@link #fastAc}, which resolves a whole run/size symbol together with its extra bits when
 * both fit in the look-ahead, the common case for small coefficients.
 *
 * <p>Tables are checked as IJG libjpeg checks them (jdhuff.c): at most 256 symbols, no code may be all ones,
 * DC symbols (magnitude categories) at most 15.
 */
final class DctHuffman {

    /** Bits resolved by one look-up. */
    static final int LOOKAHEAD = 9;

    /** By look-ahead bits: {@code (codeLength << 8) | symbol}, or 0 when the code is longer than LOOKAHEAD. */
    final int[] lookup = new int[1 << LOOKAHEAD];
    /** AC only: {@code (value << 16) | (run << 8) | (codeLength + size)}, or 0 when not resolvable at once. */
    final int[] fastAc;
    /** By code length 1..16: the largest code of that length, -1 if none. */
    final int[] maxCode = new int[18];
    /** By code length: index into {@link #symbols} of a code minus the code. */
    final int[] valueOffset = new int[18];
    /** The symbols in code order. */
    final int[] symbols;

    /**
     * @param counts  BITS: number of codes of each length 1..16
     * @param symbols HUFFVAL, in code order
     * @param ac      true for an AC table
     * @param offset  byte offset of the DHT segment, for messages
     */
    DctHuffman(int[] counts, int[] symbols, boolean ac, int offset) throws DicomException {
        this.symbols = symbols.clone();
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            int n = counts[len - 1];
            // The codes of each length must leave the all-ones code unused (T.81 C; libjpeg rejects other tables
            // as JERR_BAD_HUFF_TABLE), which also keeps every code inside the look-up table.
            if (code + n >= 1 << len) {
                throw JpegBaselineDecoder.error(offset, "Huffman table is over-subscribed at code length " + len);
            }
            valueOffset[len] = k - code;
            maxCode[len] = n == 0 ? -1 : code + n - 1;
            for (int i = 0; i < n; i++, k++, code++) {
                if (!ac && symbols[k] > 15) {
                    throw JpegBaselineDecoder.error(offset, "DC Huffman table holds category " + symbols[k]
                            + ", more than 15");
                }
                if (len <= LOOKAHEAD) {
                    int shift = LOOKAHEAD - len;
                    int entry = len << 8 | symbols[k];
                    for (int p = code << shift, last = p + (1 << shift); p < last; p++) {
                        lookup[p] = entry;
                    }
                }
            }
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
        fastAc = ac ? buildFastAc() : null;
    }

    private int[] buildFastAc() {
        int[] fast = new int[1 << LOOKAHEAD];
        for (int p = 0; p < fast.length; p++) {
            int e = lookup[p];
            if (e == 0) {
                continue;
            }
            int len = e >>> 8;
            int rs = e & 0xFF;
            int size = rs & 15;
            if (size == 0 || len + size > LOOKAHEAD) {
                continue;
            }
            int bits = p >> (LOOKAHEAD - len - size) & (1 << size) - 1;
            int value = extend(bits, size);
            fast[p] = value << 16 | (rs >>> 4) << 8 | (len + size);
        }
        return fast;
    }

    /** T.81 F.2.2.1 EXTEND: the signed value of {@code size} received bits. */
    static int extend(int bits, int size) {
        return bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;
    }
}
