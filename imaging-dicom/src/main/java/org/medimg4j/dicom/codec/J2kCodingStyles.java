package org.medimg4j.dicom.codec;

/**
 * The coding style segments (COD, COC; ISO/IEC 15444-1 A.6.1, A.6.2) of one codestream, main and tile-part headers
 * alike, reduced to what bounds JJ2000's memory: the most quality layers, the most decomposition levels and the
 * smallest code-block any of them allows.
 *
 * <p>Why: JJ2000 keeps, for every code-block a packet includes, five arrays as long as the number of layers. A
 * 790 KB 512 × 512 codestream with 4 × 4 code-blocks whose COD is patched to 65,535 layers (legal) makes it
 * allocate tens of gigabytes and end in an {@code OutOfMemoryError}. {@link #estimatedBookkeepingBytes} estimates
 * that memory before decoding, so the decoder can refuse such a frame ({@code
 * Jpeg2000DecoderTest.rejectsLayerCountThatWouldExhaustMemory}).
 */
final class J2kCodingStyles {

    /** JJ2000's per code-block objects (CBlkInfo, its arrays' headers, DecLyrdCBlk), bytes, rounded up. */
    private static final long BYTES_PER_CODE_BLOCK = 160;
    /** One entry in each of CBlkInfo's five per-layer arrays, bytes. */
    private static final long BYTES_PER_CODE_BLOCK_LAYER = 24;

    private int maxLayers;
    private int maxLevels;
    /** log2(width) + log2(height) of the smallest code-block any segment allows, after precinct limits. */
    private int minCodeBlockExponents = Integer.MAX_VALUE;

    /**
     * Accounts for a COD segment.
     *
     * @param p      the marker's position (FF 52)
     * @param length Lcod
     * @return false if the segment is too short to hold its fixed fields
     */
    boolean cod(byte[] a, int p, int length) {
        // Lcod(2) Scod(1) | SGcod: progression(1) layers(2) MCT(1) | SPcod: levels(1) xcb(1) ycb(1) style(1) wavelet(1)
        if (length < 12) {
            return false;
        }
        int scod = a[p + 4] & 0xFF;
        maxLayers = Math.max(maxLayers, J2kCodestream.u16(a, p + 6));
        codeBlocks(a, p + 9, (scod & 1) != 0, p + 2 + length);
        return true;
    }

    /**
     * Accounts for a COC segment.
     *
     * @param components Csiz: with more than 256 components, Ccoc takes two bytes
     * @return false if the segment is too short to hold its fixed fields
     */
    boolean coc(byte[] a, int p, int length, int components) {
        int ccocBytes = components > 256 ? 2 : 1;
        // Lcoc(2) Ccoc(1|2) Scoc(1) | SPcoc: levels(1) xcb(1) ycb(1) style(1) wavelet(1) [precincts]
        if (length < 2 + ccocBytes + 1 + 5) {
            return false;
        }
        int scoc = a[p + 4 + ccocBytes] & 0xFF;
        codeBlocks(a, p + 5 + ccocBytes, (scoc & 1) != 0, p + 2 + length);
        return true;
    }

    private void codeBlocks(byte[] a, int sp, boolean precincts, int segmentEnd) {
        int levels = a[sp] & 0xFF;
        maxLevels = Math.max(maxLevels, levels);
        // Code-block size exponents are the field + 2 (4 to 1024 samples, A.6.1 Table A.18).
        int xcb = Math.min((a[sp + 1] & 0xFF) + 2, 10);
        int ycb = Math.min((a[sp + 2] & 0xFF) + 2, 10);
        if (precincts) {
            // A code-block never crosses a precinct: it is at most the precinct, or half of it above resolution 0
            // (B.6, B.7).
            for (int r = 0; r <= levels && sp + 5 + r < segmentEnd; r++) {
                int pp = a[sp + 5 + r] & 0xFF;
                int half = r == 0 ? 0 : 1;
                xcb = Math.min(xcb, Math.max(0, (pp & 0x0F) - half));
                ycb = Math.min(ycb, Math.max(0, (pp >> 4) - half));
            }
        }
        minCodeBlockExponents = Math.min(minCodeBlockExponents, xcb + ycb);
    }

    /** @return the largest number of quality layers any COD declares (0 if there was none) */
    int maxLayers() {
        return maxLayers;
    }

    /** @return samples in the smallest code-block any segment allows (4096 = 64 × 64 when there was none) */
    int minCodeBlockSamples() {
        return 1 << (minCodeBlockExponents == Integer.MAX_VALUE ? 12 : minCodeBlockExponents);
    }

    /**
     * An upper estimate of JJ2000's code-block bookkeeping for an image of this size: every code-block of every
     * subband at the smallest code-block size, with arrays for the largest number of layers. Within a small factor
     * of what it allocates when packets include every code-block; far below the real use of ordinary streams.
     *
     * @param width      image width, samples
     * @param height     image height, samples
     * @param components Csiz
     * @return bytes (a double, so that absurd sizes do not overflow)
     */
    double estimatedBookkeepingBytes(long width, long height, int components) {
        // The subbands hold as many coefficients as the image has samples; partial code-blocks at subband edges
        // at most double the count of whole ones, plus one per subband.
        double blocksPerComponent = 2.0 * width * height / minCodeBlockSamples() + 3.0 * maxLevels + 1;
        return components * blocksPerComponent
                * (BYTES_PER_CODE_BLOCK + BYTES_PER_CODE_BLOCK_LAYER * Math.max(1, maxLayers));
    }
}
