package org.medimg4j.dicom.codec;

/**
 * The 8×8 inverse DCT in the integer form of IJG libjpeg's "islow" method (jidctint.c, the Loeffler–Ligtenberg–
 * Moschytz algorithm with 13-bit fixed-point constants), which DCMTK and the JDK's ImageIO reader use. Same
 * arithmetic, same rounding and the same output range limiting, so lossy frames agree with the corpus references
 * exactly rather than merely within tolerance.
 *
 * <p>Precision: 2 extra bits between the passes for 8-bit samples, 1 for 12-bit (libjpeg lowers it to keep
 * 12-bit sums inside 32 bits).
 */
final class DctIdct {

    private static final int CONST_BITS = 13;
    // round(x * 2^13) of the constants of the LLM factorisation
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    private final int pass1Bits;
    private final int mask;
    /** Output range limiting by the masked descaled value, laid out as libjpeg's post-IDCT range-limit table. */
    private final short[] rangeLimit;
    private final int[] ws = new int[64];

    /** @param precision sample precision P from the frame header: 8 or 12 */
    DctIdct(int precision) {
        pass1Bits = precision == 8 ? 2 : 1;
        int max = (1 << precision) - 1;
        int center = 1 << (precision - 1);
        int size = 4 * (max + 1);
        mask = size - 1;
        rangeLimit = new short[size];
        // libjpeg (jdmaster.c prepare_range_limit_table): values wrap modulo 4 × (MAX+1); [0, 2(MAX+1) − CENTER)
        // clamps high, the next 2 × (MAX+1) are 0 (large negatives or wrapped garbage), the last CENTER entries
        // are small negatives.
        for (int m = 0; m < size; m++) {
            int v;
            if (m < 2 * (max + 1) - center) {
                v = Math.min(m + center, max);
            } else if (m < size - center) {
                v = 0;
            } else {
                v = m + center - size;
            }
            rangeLimit[m] = (short) v;
        }
    }

    /** @return the sample a block of only a DC term (dequantised) decodes to, everywhere in the block */
    int dcOnly(int dc) {
        int p = pass1Bits;
        return rangeLimit[((dc << p) + (1 << (p + 2)) >> (p + 3)) & mask];
    }

    /**
     * Inverse-transforms one block of dequantised coefficients (natural order) into samples.
     *
     * @param in     64 coefficients, natural (row-major) order; left unchanged
     * @param out    the component plane
     * @param off    index of the block's top-left sample in {@code out}
     * @param stride samples per plane row
     */
    void transform(int[] in, short[] out, int off, int stride) {
        final int p1 = pass1Bits;
        final int[] w = ws;
        final int colShift = CONST_BITS - p1;
        final int colRound = 1 << (colShift - 1);
        for (int c = 0; c < 8; c++) {
            int d1 = in[8 + c];
            int d2 = in[16 + c];
            int d3 = in[24 + c];
            int d4 = in[32 + c];
            int d5 = in[40 + c];
            int d6 = in[48 + c];
            int d7 = in[56 + c];
            if ((d1 | d2 | d3 | d4 | d5 | d6 | d7) == 0) {
                // AC terms zero: the full computation reduces to this exactly
                int dc = in[c] << p1;
                for (int r = 0; r < 64; r += 8) {
                    w[r + c] = dc;
                }
                continue;
            }
            int z1 = (d2 + d6) * FIX_0_541196100;
            int tmp2 = z1 + d6 * -FIX_1_847759065;
            int tmp3 = z1 + d2 * FIX_0_765366865;
            int tmp0 = (in[c] + d4) << CONST_BITS;
            int tmp1 = (in[c] - d4) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = d7;
            tmp1 = d5;
            tmp2 = d3;
            tmp3 = d1;
            z1 = tmp0 + tmp3;
            int z2 = tmp1 + tmp2;
            int z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 *= FIX_0_298631336;
            tmp1 *= FIX_2_053119869;
            tmp2 *= FIX_3_072711026;
            tmp3 *= FIX_1_501321110;
            z1 *= -FIX_0_899976223;
            z2 *= -FIX_2_562915447;
            z3 = z3 * -FIX_1_961570560 + z5;
            z4 = z4 * -FIX_0_390180644 + z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            w[c] = tmp10 + tmp3 + colRound >> colShift;
            w[56 + c] = tmp10 - tmp3 + colRound >> colShift;
            w[8 + c] = tmp11 + tmp2 + colRound >> colShift;
            w[48 + c] = tmp11 - tmp2 + colRound >> colShift;
            w[16 + c] = tmp12 + tmp1 + colRound >> colShift;
            w[40 + c] = tmp12 - tmp1 + colRound >> colShift;
            w[24 + c] = tmp13 + tmp0 + colRound >> colShift;
            w[32 + c] = tmp13 - tmp0 + colRound >> colShift;
        }

        final short[] limit = rangeLimit;
        final int m = mask;
        final int rowShift = CONST_BITS + p1 + 3;
        final int rowRound = 1 << (rowShift - 1);
        for (int r = 0; r < 64; r += 8, off += stride) {
            int d1 = w[r + 1];
            int d2 = w[r + 2];
            int d3 = w[r + 3];
            int d4 = w[r + 4];
            int d5 = w[r + 5];
            int d6 = w[r + 6];
            int d7 = w[r + 7];
            if ((d1 | d2 | d3 | d4 | d5 | d6 | d7) == 0) {
                short v = limit[(w[r] + (1 << (p1 + 2)) >> (p1 + 3)) & m];
                for (int c = 0; c < 8; c++) {
                    out[off + c] = v;
                }
                continue;
            }
            int z1 = (d2 + d6) * FIX_0_541196100;
            int tmp2 = z1 + d6 * -FIX_1_847759065;
            int tmp3 = z1 + d2 * FIX_0_765366865;
            int tmp0 = (w[r] + d4) << CONST_BITS;
            int tmp1 = (w[r] - d4) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = d7;
            tmp1 = d5;
            tmp2 = d3;
            tmp3 = d1;
            z1 = tmp0 + tmp3;
            int z2 = tmp1 + tmp2;
            int z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 *= FIX_0_298631336;
            tmp1 *= FIX_2_053119869;
            tmp2 *= FIX_3_072711026;
            tmp3 *= FIX_1_501321110;
            z1 *= -FIX_0_899976223;
            z2 *= -FIX_2_562915447;
            z3 = z3 * -FIX_1_961570560 + z5;
            z4 = z4 * -FIX_0_390180644 + z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            out[off] = limit[(tmp10 + tmp3 + rowRound >> rowShift) & m];
            out[off + 7] = limit[(tmp10 - tmp3 + rowRound >> rowShift) & m];
            out[off + 1] = limit[(tmp11 + tmp2 + rowRound >> rowShift) & m];
            out[off + 6] = limit[(tmp11 - tmp2 + rowRound >> rowShift) & m];
            out[off + 2] = limit[(tmp12 + tmp1 + rowRound >> rowShift) & m];
            out[off + 5] = limit[(tmp12 - tmp1 + rowRound >> rowShift) & m];
            out[off + 3] = limit[(tmp13 + tmp0 + rowRound >> rowShift) & m];
            out[off + 4] = limit[(tmp13 - tmp0 + rowRound >> rowShift) & m];
        }
    }
}
