package org.medimg4j.dicom.codec;

/**
 * One Huffman table of a lossless JPEG stream (ITU T.81 B.2.4.2, decoding tables as in F.2.2.3 and C), prepared
 * for decoding the difference categories SSSS 0–16 of T.81 Table H.2.
 *
 * <p>Besides the canonical per-length tables ({@code maxCode}, {@code valueOffset}) used for long codes, it holds
 * a {@value #FAST_BITS}-bit lookup that resolves in one step every code of at most {@value #FAST_BITS} bits, and,
 * when the category's extra bits fit in the same window, the signed difference itself (the usual case for medical
 * images, whose differences are small). Entry layout of {@link #fast}: 0 = not resolvable in the window (take the
 * slow path); otherwise bits 0–4 = bits to consume, bits 5–9 = SSSS, bit 10 = the difference is resolved, bits 16–31
 * = that difference (signed; SSSS 16's difference 32768 is stored as −32768, the same modulo 2^16).
 */
final class LosslessHuffmanTable {

    /** Width of the lookup window in bits. */
    static final int FAST_BITS = 12;
    static final int RESOLVED = 1 << 10;

    /** Lookup indexed by the next {@value #FAST_BITS} bits of the stream. */
    final int[] fast = new int[1 << FAST_BITS];
    /** Largest code of each length 1–16 (index = length), −1 when the length has no codes. */
    final int[] maxCode = new int[18];
    /** Per length: index into {@link #values} of the value of code 0 of that length (value = code + offset). */
    final int[] valueOffset = new int[17];
    /** HUFFVAL: the symbols in order of increasing code length. */
    final byte[] values;

    /**
     * @param counts BITS: number of codes of each length 1..16 ({@code counts[0]} is length 1)
     * @param values HUFFVAL, {@code sum(counts)} symbols
     * @throws IllegalArgumentException when the lengths over-subscribe the code space (the caller reports it)
     */
    LosslessHuffmanTable(int[] counts, byte[] values) {
        this.values = values;
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            int n = counts[len - 1];
            valueOffset[len] = k - code;
            if (n == 0) {
                maxCode[len] = -1;
            } else {
                code += n;
                // T.81 C.2: codes are consecutive within a length; the all-ones code of a length must stay free,
                // so more codes than fit would need a (len+1)-bit prefix and cannot be decoded.
                if (code > (1 << len)) {
                    throw new IllegalArgumentException("Huffman code lengths over-subscribe the " + len
                            + "-bit code space");
                }
                maxCode[len] = code - 1;
                if (len <= FAST_BITS) {
                    fillFast(len, code - n, k, n);
                }
                k += n;
            }
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }

    private void fillFast(int len, int firstCode, int firstValue, int n) {
        int free = FAST_BITS - len;
        for (int i = 0; i < n; i++) {
            int s = values[firstValue + i] & 0xFF;
            if (s > 16) {
                continue; // left 0: the slow path finds the code and reports the bad category
            }
            int lo = (firstCode + i) << free;
            for (int suffix = 0; suffix < (1 << free); suffix++) {
                int entry;
                if (s == 16) {
                    entry = -32768 << 16 | RESOLVED | s << 5 | len;
                } else if (s <= free) {
                    int extra = s == 0 ? 0 : suffix >>> (free - s);
                    entry = difference(extra, s) << 16 | RESOLVED | s << 5 | (len + s);
                } else {
                    entry = s << 5 | len;
                }
                fast[lo + suffix] = entry;
            }
        }
    }

    /**
     * The difference a category and its extra bits stand for (T.81 F.2.2.1 EXTEND, with H.1.2.2's SSSS 16).
     *
     * @param extra the {@code s} extra bits, as an unsigned number
     * @param s     SSSS, 0–16
     */
    static int difference(int extra, int s) {
        if (s == 0) {
            return 0;
        }
        if (s == 16) {
            return 32768;
        }
        return extra < 1 << (s - 1) ? extra - (1 << s) + 1 : extra;
    }
}
