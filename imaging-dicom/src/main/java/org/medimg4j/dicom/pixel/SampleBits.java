package org.medimg4j.dicom.pixel;

import java.nio.ByteBuffer;

/**
 * How many bits the 16-bit samples of a frame really use, measured on the frame's bytes as they are read, four
 * samples per 64-bit word. A caller that knows every value of a slice lies in, say, [−2048, 2047] can rescale it in
 * 16-bit arithmetic with no per-value overflow test; that test is a reduction over widened shorts which JDK 17's C2
 * does not vectorise, and it was the largest cost of loading a CT series (benchmarks/RESULTS.md, issue 5).
 *
 * <p>Per 16-bit lane: for signed values, bit 15 of {@code v ^ (v << 1)} … bit k of it are all zero exactly when
 * {@code v} lies in [−2^k, 2^k − 1]; for unsigned values, the highest set bit of {@code v} bounds it. OR-ing those
 * words over the frame and folding the four lanes gives one bound for all values.
 */
public final class SampleBits {

    private static final long LANE_MASK = 0xFFFFL;

    private SampleBits() {
    }

    /**
     * @param bytes  {@code 2 × n} bytes of samples from the buffer's position, in the buffer's byte order
     * @param n      the number of 16-bit samples
     * @param signed whether the samples are two's complement (Pixel Representation 1)
     * @return the smallest b (1..16) such that every sample lies in [−2^(b−1), 2^(b−1) − 1] (signed) or
     *         [0, 2^b − 1] (unsigned)
     */
    public static int significantBits16(ByteBuffer bytes, int n, boolean signed) {
        int base = bytes.position();
        int words = n >>> 2;
        long acc = 0;
        if (signed) {
            for (int w = 0; w < words; w++) {
                long x = bytes.getLong(base + (w << 3));
                acc |= x ^ (x << 1);   // the shift carries lane bits into the next lane's bit 0: masked below
            }
            acc &= 0xFFFEFFFEFFFEFFFEL;
        } else {
            for (int w = 0; w < words; w++) {
                acc |= bytes.getLong(base + (w << 3));
            }
        }
        int lanes = (int) ((acc | acc >>> 16 | acc >>> 32 | acc >>> 48) & LANE_MASK);
        for (int i = words << 2; i < n; i++) {
            int v = bytes.getShort(base + 2 * i);
            lanes |= signed ? (v ^ (v << 1)) & 0xFFFE : v & 0xFFFF;
        }
        // highest set bit h (-1 when none): unsigned, values < 2^(h+1); signed, bits 15..h agree and bit h is the
        // sign, so h+1 bits hold every value
        int highest = 31 - Integer.numberOfLeadingZeros(lanes);
        return Math.max(1, highest + 1);
    }
}
