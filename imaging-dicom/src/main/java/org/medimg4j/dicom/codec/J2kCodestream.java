package org.medimg4j.dicom.codec;

import java.util.Arrays;
import org.medimg4j.dicom.DicomException;

/**
 * The structure of a JPEG 2000 codestream (ISO/IEC 15444-1 Annex A), checked before JJ2000 sees it: the image and
 * tile size (SIZ), the main header's marker segments, and every tile-part (SOT … Psot bytes) up to EOC.
 *
 * <p>Why a pre-scan: JJ2000 is a progressive decoder; given a truncated codestream it decodes what is there,
 * prints a warning and returns a partial image, and given absurd SIZ values it allocates for them. Checking the
 * layout first turns every truncation that the codestream can reveal (a tile-part running past the end, a missing
 * EOC, a tile with fewer tile-parts than its TNsot) into a {@link DicomException}, and lets the decoder compare SIZ
 * with the DICOM attributes before anything is allocated. Corruption inside packet data cannot be seen here (nor
 * by any decoder, without error-resilience markers): it decodes to wrong values, as with OpenJPEG.
 */
final class J2kCodestream {

    private static final int SOC = 0xFF4F;
    private static final int SIZ = 0xFF51;
    private static final int CAP = 0xFF50;
    private static final int COD = 0xFF52;
    private static final int SOT = 0xFF90;
    private static final int EOC = 0xFFD9;
    private static final int COC = 0xFF53;
    private static final int SOD = 0xFF93;
    /**
     * Memory JJ2000 may use for code-block bookkeeping beyond what an ordinary stream needs: a fixed 64 MiB plus
     * 16 bytes per sample, about what its own wavelet buffers take. See {@link J2kCodingStyles}.
     */
    private static final double BOOKKEEPING_BUDGET_BASE = 64.0 * (1 << 20);
    private static final double BOOKKEEPING_BUDGET_PER_SAMPLE = 16.0;
    /** Rsiz bit 15: the codestream uses ISO/IEC 15444-2 extensions. */
    private static final int RSIZ_PART2 = 0x8000;
    /** Rsiz bit 14: a High-Throughput (ISO/IEC 15444-15) codestream. */
    private static final int RSIZ_HT = 0x4000;
    /** Isot is 0..65534 (A.4.2), so no codestream has more tiles. */
    private static final long MAX_TILES = 65535;

    private final int start;
    private final int end;
    private final long width;
    private final long height;
    private final int components;
    private final int[] precision;
    private final boolean[] signed;
    private final int[] subsamplingX;
    private final int[] subsamplingY;
    private final int tiles;
    private final int multipleComponentTransform;
    private final int[] tilePartCount;
    private final int[] sotOffsets;
    private final int sotCount;
    private final boolean tilePartCountsWrong;
    private final boolean eocMissing;
    private final boolean profileRelabelled;

    private J2kCodestream(int start, int end, long width, long height, int[] precision, boolean[] signed,
                          int[] subsamplingX, int[] subsamplingY, int tiles, int multipleComponentTransform,
                          int[] tilePartCount, int[] sotOffsets, int sotCount, boolean tilePartCountsWrong,
                          boolean eocMissing, boolean profileRelabelled) {
        this.start = start;
        this.end = end;
        this.width = width;
        this.height = height;
        this.components = precision.length;
        this.precision = precision;
        this.signed = signed;
        this.subsamplingX = subsamplingX;
        this.subsamplingY = subsamplingY;
        this.tiles = tiles;
        this.multipleComponentTransform = multipleComponentTransform;
        this.tilePartCount = tilePartCount;
        this.sotOffsets = sotOffsets;
        this.sotCount = sotCount;
        this.tilePartCountsWrong = tilePartCountsWrong;
        this.eocMissing = eocMissing;
        this.profileRelabelled = profileRelabelled;
    }

    /**
     * Scans the codestream in {@code span} of {@code a}.
     *
     * @param frameStart where the frame starts in {@code a}, so that messages give offsets in the frame
     * @throws DicomException if the codestream is truncated or its markers are malformed
     */
    static J2kCodestream scan(byte[] a, J2kFileFormat.Span span, int frameStart) throws DicomException {
        int p = span.start();
        int end = span.end();
        if (end - p < 4 || u16(a, p) != SOC || u16(a, p + 2) != SIZ) {
            throw error(p, frameStart, "expected SOC then SIZ (FF 4F FF 51)");
        }
        p += 2;
        int lsiz = segmentLength(a, p, end, frameStart, "SIZ");
        if (lsiz < 41) {
            throw error(p, frameStart, "SIZ length " + lsiz + " is below the minimum of 41");
        }
        int rsiz = u16(a, p + 4);
        if ((rsiz & RSIZ_PART2) != 0 || (rsiz & RSIZ_HT) != 0) {
            throw error(p, frameStart, String.format("SIZ capabilities Rsiz %04X: a %s codestream, which this decoder"
                    + " does not support", rsiz, (rsiz & RSIZ_PART2) != 0 ? "Part 2 (extensions)" : "High-Throughput"));
        }
        long xsiz = u32(a, p + 6) & 0xFFFFFFFFL;
        long ysiz = u32(a, p + 10) & 0xFFFFFFFFL;
        long xosiz = u32(a, p + 14) & 0xFFFFFFFFL;
        long yosiz = u32(a, p + 18) & 0xFFFFFFFFL;
        long xtsiz = u32(a, p + 22) & 0xFFFFFFFFL;
        long ytsiz = u32(a, p + 26) & 0xFFFFFFFFL;
        long xtosiz = u32(a, p + 30) & 0xFFFFFFFFL;
        long ytosiz = u32(a, p + 34) & 0xFFFFFFFFL;
        int csiz = u16(a, p + 38);
        if (csiz < 1 || csiz > 16384 || lsiz != 38 + 3 * csiz) {
            throw error(p, frameStart, "SIZ has Csiz " + csiz + " components but length " + lsiz
                    + " (expected 38 + 3 × Csiz, Csiz 1..16384)");
        }
        // Image and tile grid rules of A.5.1 (B.2, B.3).
        if (xosiz >= xsiz || yosiz >= ysiz || xtsiz == 0 || ytsiz == 0 || xtosiz > xosiz || ytosiz > yosiz
                || xtosiz + xtsiz <= xosiz || ytosiz + ytsiz <= yosiz) {
            throw error(p, frameStart, "SIZ image/tile grid is invalid: Xsiz " + xsiz + ", Ysiz " + ysiz
                    + ", XOsiz " + xosiz + ", YOsiz " + yosiz + ", XTsiz " + xtsiz + ", YTsiz " + ytsiz
                    + ", XTOsiz " + xtosiz + ", YTOsiz " + ytosiz);
        }
        long tilesX = (xsiz - xtosiz + xtsiz - 1) / xtsiz;
        long tilesY = (ysiz - ytosiz + ytsiz - 1) / ytsiz;
        if (tilesX > MAX_TILES || tilesY > MAX_TILES || tilesX * tilesY > MAX_TILES) { // no long overflow
            throw error(p, frameStart, "SIZ asks for " + tilesX + " × " + tilesY + " tiles; at most "
                    + MAX_TILES + " are allowed");
        }
        int[] precision = new int[csiz];
        boolean[] signed = new boolean[csiz];
        int[] xr = new int[csiz];
        int[] yr = new int[csiz];
        for (int c = 0; c < csiz; c++) {
            int ssiz = a[p + 40 + 3 * c] & 0xFF;
            precision[c] = (ssiz & 0x7F) + 1;
            signed[c] = (ssiz & 0x80) != 0;
            xr[c] = a[p + 41 + 3 * c] & 0xFF;
            yr[c] = a[p + 42 + 3 * c] & 0xFF;
            if (precision[c] > 38 || xr[c] == 0 || yr[c] == 0) {
                throw error(p, frameStart, "SIZ component " + c + " has precision " + precision[c]
                        + " bits and subsampling " + xr[c] + " × " + yr[c] + " (precision 1..38, subsampling 1..255)");
            }
        }
        p += 2 + lsiz;

        int mct = -1;
        J2kCodingStyles styles = new J2kCodingStyles();
        while (true) {
            if (end - p < 2) {
                throw error(p, frameStart, "truncated in the main header (no SOT marker)");
            }
            int marker = u16(a, p);
            if (marker == SOT) {
                break;
            }
            if ((marker & 0xFF00) != 0xFF00 || marker < 0xFF30) {
                throw error(p, frameStart, String.format("expected a main-header marker, found %04X", marker));
            }
            if (marker == CAP) {
                throw error(p, frameStart, "CAP marker: a High-Throughput JPEG 2000 (Part 15) codestream, which"
                        + " this decoder does not support");
            }
            int length = segmentLength(a, p, end, frameStart, String.format("marker %04X", marker));
            if (marker == COD) {
                if (!styles.cod(a, p, length)) {
                    throw error(p, frameStart, "COD segment of " + length + " bytes is too short");
                }
                mct = a[p + 8] & 0xFF; // Lcod(2) Scod(1) progression(1) layers(2) MCT(1), A.6.1
            } else if (marker == COC && !styles.coc(a, p, length, csiz)) {
                throw error(p, frameStart, "COC segment of " + length + " bytes is too short");
            }
            p += 2 + length;
        }

        int tileCount = (int) (tilesX * tilesY);
        int[] count = new int[tileCount];
        int[] declared = new int[tileCount];
        int[] sots = new int[Math.max(16, tileCount)];
        int nSot = 0;
        int eocEnd;
        boolean eocMissing = false;
        while (true) {
            if (nSot > 0 && isPadding(a, p, end)) {
                // The data ends right after a complete tile-part: only the EOC marker is missing, nothing of the
                // image is (tiles short of tile-parts are caught below). OpenJPEG accepts this with a warning.
                eocMissing = true;
                eocEnd = p;
                break;
            }
            if (end - p < 2) {
                throw error(p, frameStart, "truncated: the codestream ends inside a marker");
            }
            int marker = u16(a, p);
            if (marker == EOC) {
                eocEnd = p + 2;
                break;
            }
            if (marker != SOT) {
                throw error(p, frameStart, String.format("expected SOT (FF 90) or EOC (FF D9), found %04X", marker));
            }
            if (end - p < 12) {
                throw error(p, frameStart, "truncated in a tile-part header");
            }
            int lsot = u16(a, p + 2);
            int isot = u16(a, p + 4);
            long psot = u32(a, p + 6) & 0xFFFFFFFFL;
            int tpsot = a[p + 10] & 0xFF;
            int tnsot = a[p + 11] & 0xFF;
            if (lsot != 10 || isot >= tileCount) {
                throw error(p, frameStart, "SOT has length " + lsot + " (expected 10) and tile " + isot
                        + " of " + tileCount);
            }
            if (tpsot != count[isot]) {
                throw error(p, frameStart, "tile " + isot + ": tile-part " + tpsot + " where tile-part "
                        + count[isot] + " was expected");
            }
            long partEnd;
            if (psot == 0) {
                // Psot 0: the last tile-part, running to the EOC marker (A.4.2).
                int eoc = lastEoc(a, p + 12, end);
                if (eoc < 0) {
                    throw error(p, frameStart, "truncated: the last tile-part (Psot 0) has no EOC marker after it");
                }
                partEnd = eoc;
            } else {
                partEnd = p + psot;
                if (psot < 14 || partEnd > end) {
                    throw error(p, frameStart, "truncated: tile " + isot + " tile-part " + tpsot + " declares Psot "
                            + psot + " bytes but " + (end - p) + " remain");
                }
            }
            tilePartHeader(a, p, (int) partEnd, csiz, styles, frameStart);
            if (nSot == sots.length) {
                sots = Arrays.copyOf(sots, sots.length * 2);
            }
            sots[nSot++] = p;
            count[isot]++;
            declared[isot] = Math.max(declared[isot], tnsot);
            p = (int) partEnd;
        }
        boolean wrongCounts = false;
        for (int t = 0; t < tileCount; t++) {
            if (count[t] == 0) {
                throw error(p, frameStart, "truncated: tile " + t + " of " + tileCount + " has no tile-part");
            }
            if (declared[t] > count[t]) {
                throw error(p, frameStart, "truncated: tile " + t + " has " + count[t] + " of its " + declared[t]
                        + " tile-parts (TNsot)");
            }
            wrongCounts |= declared[t] != 0 && declared[t] < count[t];
        }
        long width = xsiz - xosiz;
        long height = ysiz - yosiz;
        double bookkeeping = styles.estimatedBookkeepingBytes(width, height, csiz);
        double budget = BOOKKEEPING_BUDGET_BASE + BOOKKEEPING_BUDGET_PER_SAMPLE * (double) width * height * csiz;
        if (bookkeeping > budget) {
            throw error(span.start(), frameStart, String.format("%d quality layers with code-blocks of %d samples"
                    + " would need about %.0f MiB of decoder bookkeeping for a %d × %d × %d image; refused above %.0f"
                    + " MiB", styles.maxLayers(), styles.minCodeBlockSamples(), bookkeeping / (1 << 20), width, height,
                    csiz, budget / (1 << 20)));
        }
        // Rsiz 3 and above (cinema, broadcast, IMF profiles) only restrict a Part 1 codestream; JJ2000 rejects them.
        boolean profileRelabelled = rsiz > 2;
        return new J2kCodestream(span.start(), eocEnd, width, height, precision, signed, xr, yr,
                tileCount, mct, count, sots, nSot, wrongCounts, eocMissing, profileRelabelled);
    }

    /**
     * @return true when JJ2000 must get a corrected copy of the codestream ({@link #copyForDecoder}) rather than
     *         the frame's bytes
     */
    boolean needsCopy() {
        return tilePartCountsWrong || eocMissing || profileRelabelled;
    }

    /**
     * The codestream from SOC to EOC, corrected for two things JJ2000 (jai-imageio-jpeg2000 1.4.0) mishandles:
     * <ul>
     * <li>Workaround for a GDCM encoder defect, seen in {@code GDCMJ2K_TextGBR.dcm} (pydicom's test file): every SOT
     * says TNsot 5 while each tile has 6 tile-parts. JJ2000 trusts TNsot, stops after the fifth tile-part and returns
     * a wrong image with an "EOC marker not found" warning; OpenJPEG reads on. Writing the counted number into TNsot
     * makes JJ2000 read every tile-part. Proven by {@code Jpeg2000DecoderTest}
     * ({@code decodesYbrRctInJp2WrapperWithMiscountedTileParts}).</li>
     * <li>A missing EOC after a complete last tile-part is appended, so that JJ2000 does not report the stream as
     * truncated ({@code Jpeg2000DecoderTest.decodesCodestreamWithoutEocExactly}).</li>
     * <li>JJ2000 refuses Rsiz above 2 ("capabilities not Part I compliant"), but Rsiz 3 to 0x3FFF name Part 1
     * profiles (cinema, broadcast, IMF, A.5.1) that restrict a Part 1 codestream without changing how it decodes;
     * Rsiz is set to 0 ({@code Jpeg2000DecoderTest.decodesPart1ProfilesThatJj2000Refuses}).</li>
     * </ul>
     */
    byte[] copyForDecoder(byte[] a) {
        byte[] copy = Arrays.copyOfRange(a, start, eocMissing ? end + 2 : end);
        if (eocMissing) {
            copy[copy.length - 2] = (byte) (EOC >> 8);
            copy[copy.length - 1] = (byte) EOC;
        }
        if (profileRelabelled) {
            copy[6] = 0; // Rsiz, after SOC(2) SIZ(2) Lsiz(2)
            copy[7] = 0;
        }
        if (tilePartCountsWrong) {
            for (int i = 0; i < sotCount; i++) {
                int p = sotOffsets[i] - start;
                copy[p + 11] = (byte) tilePartCount[u16(copy, p + 4)];
            }
        }
        return copy;
    }

    /** @return true when some tile has more tile-parts than its SOT markers' TNsot says */
    boolean tilePartCountsWrong() {
        return tilePartCountsWrong;
    }

    /** @return true when the codestream ends after its last tile-part without an EOC marker */
    boolean eocMissing() {
        return eocMissing;
    }

    /** @return where the SOC marker is in the frame's array */
    int start() {
        return start;
    }

    /** @return one past the EOC marker (or the last tile-part when EOC is missing): trailing padding is left out */
    int end() {
        return end;
    }

    /** @return image width on the reference grid, Xsiz − XOsiz */
    long width() {
        return width;
    }

    /** @return image height on the reference grid, Ysiz − YOsiz */
    long height() {
        return height;
    }

    int components() {
        return components;
    }

    /** @return bit depth of component {@code c}, 1..38 */
    int precision(int c) {
        return precision[c];
    }

    boolean signed(int c) {
        return signed[c];
    }

    /** @return true when every component has subsampling 1 × 1 */
    boolean fullResolution() {
        for (int c = 0; c < components; c++) {
            if (subsamplingX[c] != 1 || subsamplingY[c] != 1) {
                return false;
            }
        }
        return true;
    }

    int tiles() {
        return tiles;
    }

    /** @return the main COD's multiple component transform (0 none, 1 RCT or ICT), -1 if there is no COD */
    int multipleComponentTransform() {
        return multipleComponentTransform;
    }

    /** @return the position of the last EOC marker in {@code [from, end)}, skipping trailing zero padding; -1 if none */
    private static int lastEoc(byte[] a, int from, int end) {
        int e = end;
        while (e > from && a[e - 1] == 0) {
            e--;
        }
        return e - from >= 2 && u16(a, e - 2) == EOC ? e - 2 : -1;
    }

    /**
     * Walks a tile-part header (after SOT, up to SOD) and feeds its COD/COC segments to {@code styles}: a tile may
     * override the main header's coding style.
     */
    private static void tilePartHeader(byte[] a, int sot, int partEnd, int components, J2kCodingStyles styles,
                                       int frameStart) throws DicomException {
        int p = sot + 12;
        while (true) {
            if (partEnd - p < 2) {
                throw error(sot, frameStart, "tile-part header without an SOD marker");
            }
            int marker = u16(a, p);
            if (marker == SOD) {
                requireNoMarkerCodes(a, p + 2, partEnd, frameStart);
                return;
            }
            if ((marker & 0xFF00) != 0xFF00 || marker < 0xFF30) {
                throw error(p, frameStart, String.format("expected a tile-part header marker, found %04X", marker));
            }
            int length = segmentLength(a, p, partEnd, frameStart, String.format("marker %04X", marker));
            if (marker == COD && !styles.cod(a, p, length)) {
                throw error(p, frameStart, "COD segment of " + length + " bytes is too short");
            }
            if (marker == COC && !styles.coc(a, p, length, components)) {
                throw error(p, frameStart, "COC segment of " + length + " bytes is too short");
            }
            p += 2 + length;
        }
    }

    /**
     * Refuses tile-part data holding a byte pair FF xx with xx above 8F other than the SOP (FF91) and EPH (FF92)
     * markers. T.800 never produces one there: packet headers stuff a zero bit after every FF (B.10.1) and the MQ
     * coder's output avoids FF90..FFFF (C.2.4). Besides being corrupt, such data hangs JJ2000
     * (jai-imageio-jpeg2000 1.4.0): its PktHeaderBitReader stops reading after FF FF and returns 1 for ever, so
     * PktDecoder.readPktHead loops without end. Found by Jpeg2000DecoderFuzzTest; the inputs are kept in its
     * regression corpus, and Jpeg2000DecoderTest#refusesMarkerCodesInsidePacketData proves the guard.
     */
    private static void requireNoMarkerCodes(byte[] a, int from, int end, int frameStart) throws DicomException {
        for (int i = from; i < end - 1; i++) {
            if (a[i] == (byte) 0xFF) {
                int next = a[i + 1] & 0xFF;
                if (next > 0x8F && next != 0x91 && next != 0x92) {
                    throw error(i, frameStart, String.format(
                            "tile-part data holds FF %02X, a marker code T.800 forbids inside packet data (corrupt)", next));
                }
            }
        }
    }

    /** @return true when {@code [p, end)} is empty or all zero bytes (DICOM pads fragments to an even length) */
    private static boolean isPadding(byte[] a, int p, int end) {
        for (int i = p; i < end; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int segmentLength(byte[] a, int p, int end, int frameStart, String what) throws DicomException {
        if (end - p < 4) {
            throw error(p, frameStart, "truncated in the " + what + " marker segment");
        }
        int length = u16(a, p + 2);
        if (length < 2 || length > end - p - 2) {
            throw error(p, frameStart, what + " declares " + length + " bytes but " + (end - p - 2) + " remain");
        }
        return length;
    }

    private static DicomException error(int p, int frameStart, String what) {
        return new DicomException("JPEG 2000: offset " + (p - frameStart) + ": " + what);
    }

    static int u16(byte[] a, int p) {
        return (a[p] & 0xFF) << 8 | (a[p + 1] & 0xFF);
    }

    static int u32(byte[] a, int p) {
        return (a[p] & 0xFF) << 24 | (a[p + 1] & 0xFF) << 16 | (a[p + 2] & 0xFF) << 8 | (a[p + 3] & 0xFF);
    }
}
