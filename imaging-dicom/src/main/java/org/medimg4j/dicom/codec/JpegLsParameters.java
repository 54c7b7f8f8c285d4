package org.medimg4j.dicom.codec;

import org.medimg4j.dicom.DicomException;

/**
 * The coding parameters of one JPEG-LS scan: the preset values (signalled in an LSE segment or defaulted, ITU-T
 * T.87 C.2.4.1.1) and the values derived from them (T.87 A.2.1). Immutable; validated on construction.
 *
 * @param maxval largest sample value (MAXVAL)
 * @param near   the near-lossless bound (NEAR); 0 for lossless
 * @param t1     gradient threshold T1
 * @param t2     gradient threshold T2
 * @param t3     gradient threshold T3
 * @param reset  context counter reset threshold (RESET)
 * @param range  number of distinct quantised prediction errors (RANGE)
 * @param qbpp   bits of a quantised error (qbpp), the width of an escaped Golomb code's value
 * @param limit  the longest Golomb code word in bits (LIMIT)
 */
record JpegLsParameters(int maxval, int near, int t1, int t2, int t3, int reset, int range, int qbpp, int limit) {

    /** T.87 C.2.4.1.1.1: the default thresholds are scaled from these 8-bit values. */
    private static final int BASIC_T1 = 3;
    private static final int BASIC_T2 = 7;
    private static final int BASIC_T3 = 21;
    private static final int DEFAULT_RESET = 64;

    /** How the default thresholds are computed when an LSE segment leaves them 0 or there is none. */
    enum DefaultThresholds {
        /** T.87 C.2.4.1.1.1 */
        T87,
        /**
         * CharLS before 2.1 (and the CharLS 1.0 inside DCMTK up to at least 3.6.7): the formula for MAXVAL ≥ 128 for
         * every MAXVAL, so 2- to 7-bit streams get T1 2, T2 3, T3 4 (CharLS issue #51).
         */
        CHARLS_1,
        /**
         * JAI ImageIO (dcm4che2's JPEG-LS writer): the scale factor from MAXVAL without the clamp to 4095, which only
         * differs for precisions above 12 bits (dcm4che3 PatchJPEGLS.JAI2ISO).
         */
        JAI
    }

    /**
     * The parameters T.87 defines for a scan.
     *
     * @param precision  the frame's sample precision P (2–16)
     * @param lseMaxval  MAXVAL from an LSE segment, 0 for the default 2^P − 1
     * @param lseT1      T1 from an LSE segment, 0 for the default; likewise {@code lseT2}, {@code lseT3}
     * @param lseReset   RESET from an LSE segment, 0 for the default 64
     * @param near       NEAR from the scan header
     * @param offset     byte offset of the scan header in the frame, for messages
     */
    static JpegLsParameters of(int precision, int lseMaxval, int lseT1, int lseT2, int lseT3, int lseReset, int near,
                               int offset) throws DicomException {
        return of(precision, lseMaxval, lseT1, lseT2, lseT3, lseReset, near, offset, DefaultThresholds.T87, false);
    }

    /**
     * The parameters of a scan as T.87 or as an encoder that deviates from it computes them.
     *
     * @param rule               how defaulted thresholds are computed
     * @param rangeFromPrecision true to derive RANGE, qbpp and LIMIT from 2^P − 1 whatever MAXVAL the LSE segment
     *                           gives, as CharLS does (T.87 derives them from MAXVAL)
     */
    static JpegLsParameters of(int precision, int lseMaxval, int lseT1, int lseT2, int lseT3, int lseReset, int near,
                               int offset, DefaultThresholds rule, boolean rangeFromPrecision) throws DicomException {
        int maxval = lseMaxval != 0 ? lseMaxval : (1 << precision) - 1;
        if (near > Math.min(255, maxval / 2)) {
            throw JpegLsDecoder.corrupt(offset, "NEAR " + near + " exceeds min(255, MAXVAL/2) for MAXVAL " + maxval);
        }
        int t1;
        int t2;
        int t3;
        // T.87 C.2.4.1.1.1 (defaults); an LSE value of 0 asks for the default of that parameter alone.
        if (maxval >= 128 || rule == DefaultThresholds.CHARLS_1) {
            int factor = ((rule == DefaultThresholds.JAI ? maxval : Math.min(maxval, 4095)) + 128) >> 8;
            t1 = factor * (BASIC_T1 - 2) + 2 + 3 * near;
            t2 = factor * (BASIC_T2 - 3) + 3 + 5 * near;
            t3 = factor * (BASIC_T3 - 4) + 4 + 7 * near;
        } else {
            int factor = 256 / (maxval + 1);
            t1 = Math.max(2, BASIC_T1 / factor + 3 * near);
            t2 = Math.max(3, BASIC_T2 / factor + 5 * near);
            t3 = Math.max(4, BASIC_T3 / factor + 7 * near);
        }
        if (t1 > maxval || t1 < near + 1) {
            t1 = near + 1;
        }
        if (t2 > maxval || t2 < t1) {
            t2 = t1;
        }
        if (t3 > maxval || t3 < t2) {
            t3 = t2;
        }
        if (lseT1 != 0) {
            t1 = lseT1;
        }
        if (lseT2 != 0) {
            t2 = lseT2;
        }
        if (lseT3 != 0) {
            t3 = lseT3;
        }
        int reset = lseReset != 0 ? lseReset : DEFAULT_RESET;
        // T.87 C.2.4.1.1, Table C.2: the ranges a conforming LSE segment keeps to.
        if (t1 < near + 1 || t1 > maxval || t2 < t1 || t2 > maxval || t3 < t2 || t3 > maxval) {
            throw JpegLsDecoder.corrupt(offset, "thresholds T1 " + t1 + ", T2 " + t2 + ", T3 " + t3
                    + " are not NEAR+1 <= T1 <= T2 <= T3 <= MAXVAL (NEAR " + near + ", MAXVAL " + maxval + ")");
        }
        if (reset < 3 || reset > Math.max(255, maxval)) {
            throw JpegLsDecoder.corrupt(offset, "RESET " + reset + " outside 3.." + Math.max(255, maxval));
        }
        if (rangeFromPrecision) {
            maxval = Math.max(maxval, (1 << precision) - 1);
        }
        int range = (maxval + 2 * near) / (2 * near + 1) + 1;
        int qbpp = 32 - Integer.numberOfLeadingZeros(range - 1);
        int bpp = Math.max(2, 32 - Integer.numberOfLeadingZeros(maxval));
        int limit = 2 * (bpp + Math.max(8, bpp));
        return new JpegLsParameters(maxval, near, t1, t2, t3, reset, range, qbpp, limit);
    }

    /**
     * The gradient quantisation of T.87 A.3.3 as a table: entry {@code d + maxval} is the region (−4..4) of the
     * local gradient d, for every d a pair of reconstructed samples can give (−MAXVAL..MAXVAL).
     */
    byte[] quantizationTable() {
        byte[] q = new byte[2 * maxval + 1];
        for (int d = -maxval; d <= maxval; d++) {
            int v;
            if (d <= -t3) {
                v = -4;
            } else if (d <= -t2) {
                v = -3;
            } else if (d <= -t1) {
                v = -2;
            } else if (d < -near) {
                v = -1;
            } else if (d <= near) {
                v = 0;
            } else if (d < t1) {
                v = 1;
            } else if (d < t2) {
                v = 2;
            } else if (d < t3) {
                v = 3;
            } else {
                v = 4;
            }
            q[d + maxval] = (byte) v;
        }
        return q;
    }
}
