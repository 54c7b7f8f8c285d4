package org.medimg4j.dicom.codec;

import org.medimg4j.dicom.DicomException;

/**
 * The context model of one JPEG-LS scan and the decoding of one sample with it (ITU-T T.87 Annex A): the 365
 * regular contexts and the two run-interruption contexts, each with its counters A, B, C, N (and Nn), the
 * prediction with bias correction, the Golomb parameter, the error mapping, and the reconstruction with the
 * modulo reduction of near-lossless coding. The contexts are shared by all components of a scan (T.87 A.2).
 */
final class JpegLsContext {

    /** T.87 A.6.2: the bias correction C stays within a signed byte. */
    private static final int MIN_C = -128;
    private static final int MAX_C = 127;
    /** the two run-interruption contexts follow the 365 regular ones (T.87 A.7.2: index 365 + RItype) */
    private static final int RUN_CONTEXT = 365;

    private final JpegLsBitReader in;
    private final int maxval;
    private final int near;
    private final int range;
    private final int qbpp;
    private final int limit;
    private final int reset;
    /** 2·NEAR + 1, the quantisation step of near-lossless errors */
    private final int step;
    /** RANGE · (2·NEAR + 1), the modulus of the reconstruction */
    private final int modulus;
    /** the longest unary prefix of a regular-mode code word: LIMIT − qbpp − 1 */
    private final int regularMaxUnary;
    private final int[] a = new int[RUN_CONTEXT + 2];
    private final int[] b = new int[RUN_CONTEXT + 2];
    private final int[] c = new int[RUN_CONTEXT + 2];
    private final int[] n = new int[RUN_CONTEXT + 2];
    private final int[] nn = new int[2];

    JpegLsContext(JpegLsParameters p, JpegLsBitReader in) {
        this.in = in;
        this.maxval = p.maxval();
        this.near = p.near();
        this.range = p.range();
        this.qbpp = p.qbpp();
        this.limit = p.limit();
        this.reset = p.reset();
        this.step = 2 * near + 1;
        this.modulus = range * step;
        this.regularMaxUnary = limit - qbpp - 1;
        reset();
    }

    /** T.87 A.2.1: the initial state, at the start of a scan and after every restart marker. */
    void reset() {
        int a0 = Math.max(2, (range + 32) / 64);
        java.util.Arrays.fill(a, a0);
        java.util.Arrays.fill(b, 0);
        java.util.Arrays.fill(c, 0);
        java.util.Arrays.fill(n, 1);
        nn[0] = 0;
        nn[1] = 0;
    }

    /**
     * Decodes one sample in regular mode (T.87 A.3–A.6).
     *
     * @param q  the signed context 81·Q1 + 9·Q2 + Q3, not 0
     * @param ra left neighbour, {@code rb} above, {@code rc} above-left (reconstructed values)
     * @return the reconstructed sample
     */
    int regular(int q, int ra, int rb, int rc) throws DicomException {
        int sign = q >> 31; // 0 or −1; a negative context is folded onto its mirror (T.87 A.3.4)
        int ctx = (q ^ sign) - sign;
        int px;
        // Median edge detector (T.87 A.4.1).
        if (rc >= Math.max(ra, rb)) {
            px = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            px = Math.max(ra, rb);
        } else {
            px = ra + rb - rc;
        }
        int cq = c[ctx];
        px += (cq ^ sign) - sign;
        if (px > maxval) {
            px = maxval;
        } else if (px < 0) {
            px = 0;
        }
        int aq = a[ctx];
        int nq = n[ctx];
        int bq = b[ctx];
        int k = golombParameter(nq, aq);
        int mapped = in.readGolomb(k, regularMaxUnary, qbpp);
        if (mapped > range) {
            // A conforming encoder's errors lie in −RANGE/2..RANGE/2 (T.87 A.4.5); larger ones are corruption and
            // would let A overflow.
            throw in.corrupt("mapped prediction error " + mapped + " exceeds RANGE " + range);
        }
        int e = (mapped >>> 1) ^ -(mapped & 1);
        if ((k | near) == 0 && 2 * bq <= -nq) {
            e = ~e; // the inverted mapping of T.87 A.5.2 for k = 0 in lossless coding
        }
        // Context update (T.87 A.6.1) and bias correction (A.6.2).
        bq += e * step;
        aq += Math.abs(e);
        if (nq == reset) {
            aq >>= 1;
            bq >>= 1; // an arithmetic shift is the floor division the standard asks for
            nq >>= 1;
        }
        nq++;
        if (bq <= -nq) {
            bq += nq;
            if (cq > MIN_C) {
                cq--;
            }
            if (bq <= -nq) {
                bq = -nq + 1;
            }
        } else if (bq > 0) {
            bq -= nq;
            if (cq < MAX_C) {
                cq++;
            }
            if (bq > 0) {
                bq = 0;
            }
        }
        a[ctx] = aq;
        b[ctx] = bq;
        c[ctx] = cq;
        n[ctx] = nq;
        return reconstruct(px, ((e * step) ^ sign) - sign);
    }

    /**
     * Decodes the sample that ends a run, single-component form (T.87 A.7.2).
     *
     * @param ra the run value (left neighbour), {@code rb} the sample above
     * @param j  J[RUNindex] at the interruption
     */
    int runInterruption(int ra, int rb, int j) throws DicomException {
        int ritype = Math.abs(ra - rb) <= near ? 1 : 0;
        int e = runInterruptionError(ritype, j);
        if (ritype == 1) {
            return reconstruct(ra, e * step);
        }
        return reconstruct(rb, ra > rb ? -e * step : e * step);
    }

    /**
     * Decodes one run-interruption error value (T.87 A.7.2.1–A.7.2.3) and updates its context.
     *
     * @param ritype 1 when the interruption sample is predicted from Ra (|Ra − Rb| ≤ NEAR), else 0
     * @param j      J[RUNindex] at the interruption, which shortens the code word limit
     * @return the error value, before the sign of the prediction direction and the NEAR quantisation step
     */
    int runInterruptionError(int ritype, int j) throws DicomException {
        int ctx = RUN_CONTEXT + ritype;
        int aq = a[ctx];
        int nq = n[ctx];
        int temp = aq + (nq >> 1) * ritype;
        int k = golombParameter(nq, temp);
        int mapped = in.readGolomb(k, limit - j - 1 - qbpp - 1, qbpp);
        if (mapped > range) {
            throw in.corrupt("mapped run interruption error " + mapped + " exceeds RANGE " + range);
        }
        int t = mapped + ritype;
        int map = t & 1;
        int abs = (t + map) >> 1;
        // Invert the choice of T.87 A.7.2.2: which sign the map bit stands for depends on k and Nn/N.
        boolean negative = ((k != 0 || 2 * nn[ritype] >= nq) ? 1 : 0) == map;
        int e = negative ? -abs : abs;
        if (e < 0) {
            nn[ritype]++;
        }
        aq += (mapped + 1 - ritype) >> 1;
        if (nq == reset) {
            aq >>= 1;
            nq >>= 1;
            nn[ritype] >>= 1;
        }
        a[ctx] = aq;
        n[ctx] = nq + 1;
        return e;
    }

    /**
     * @return k, the least with N·2^k ≥ A (T.87 A.5.1), without the standard's loop: N·2^k has the bit length of A
     *         when k is their difference in bit length, and is then either enough or one doubling short
     */
    private static int golombParameter(int nq, int aq) {
        int k = Math.max(0, Integer.numberOfLeadingZeros(nq) - Integer.numberOfLeadingZeros(aq));
        return ((long) nq << k) < aq ? k + 1 : k;
    }

    /**
     * @param px      the prediction
     * @param delta   the signed, dequantised error
     * @return the reconstructed sample: modulo reduction then clamping to 0..MAXVAL (T.87 A.4.5, F.1)
     */
    int reconstruct(int px, int delta) {
        int rx = px + delta;
        if (rx < -near) {
            rx += modulus;
        } else if (rx > maxval + near) {
            rx -= modulus;
        }
        if (rx < 0) {
            return 0;
        }
        return Math.min(rx, maxval);
    }

    /** @return 2·NEAR + 1 */
    int step() {
        return step;
    }
}
