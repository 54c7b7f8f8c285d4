package org.medimg4j.dicom.codec;

/**
 * Writes the decoded component planes to the caller's {@link SampleBuffer}: upsampled to full resolution, turned
 * from YCbCr into RGB when the Photometric Interpretation says the stream is YCbCr, and interleaved per pixel.
 *
 * <p>The colour transform is the JFIF one in IJG libjpeg's fixed-point form (jdcolor.c ycc_rgb_convert: 16
 * fraction bits, the green term rounded once over both chroma products), the form the corpus' references were
 * made with ({@code ycc_to_rgb_libjpeg} in the corpus scripts). Whether it applies is decided by the DICOM
 * attribute alone, never by JFIF or Adobe markers (corpus README, decoded_photometric rule).
 */
final class DctColor {

    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);

    /** Tables of the transform for one precision, indexed by the chroma sample. */
    private static final class Tables {
        final int[] crR;
        final int[] cbB;
        final int[] crG;
        final int[] cbG;

        Tables(int precision) {
            int size = 1 << precision;
            int center = size >> 1;
            crR = new int[size];
            cbB = new int[size];
            crG = new int[size];
            cbG = new int[size];
            for (int i = 0; i < size; i++) {
                int x = i - center;
                crR[i] = fix(1.40200) * x + ONE_HALF >> SCALE_BITS;
                cbB[i] = fix(1.77200) * x + ONE_HALF >> SCALE_BITS;
                crG[i] = -fix(0.71414) * x;
                cbG[i] = -fix(0.34414) * x + ONE_HALF;
            }
        }

        private static int fix(double x) {
            return (int) (x * (1 << SCALE_BITS) + 0.5);
        }
    }

    private static final Tables TABLES_8 = new Tables(8);
    private static final Tables TABLES_12 = new Tables(12);

    private DctColor() {
    }

    /**
     * @param comps     the frame's components in frame-header order, all decoded
     * @param width     X, samples per line
     * @param height    Y, lines
     * @param precision P: 8 or 12
     * @param ycc       true to convert YCbCr to RGB (three components only)
     * @param out       the destination, wide enough for P bits
     */
    static void write(DctComponent[] comps, int width, int height, int precision, boolean ycc, SampleBuffer out) {
        int hMax = 1;
        int vMax = 1;
        for (DctComponent c : comps) {
            hMax = Math.max(hMax, c.h);
            vMax = Math.max(vMax, c.v);
        }
        if (comps.length == 1) {
            // one component: no upsampling (its factors are Hmax and Vmax), copy the plane row by row
            writeMono(comps[0], width, height, out);
            return;
        }
        int max = (1 << precision) - 1;
        Tables t = precision == 8 ? TABLES_8 : TABLES_12;
        int[] r = new int[width + 16];
        int[] g = new int[width + 16];
        int[] b = new int[width + 16];
        int o = out.offset();
        for (int y = 0; y < height; y++, o += 3 * width) {
            DctUpsampler.row(comps[0], y, hMax, vMax, width, r);
            DctUpsampler.row(comps[1], y, hMax, vMax, width, g);
            DctUpsampler.row(comps[2], y, hMax, vMax, width, b);
            if (ycc) {
                for (int x = 0; x < width; x++) {
                    int yy = r[x];
                    int cb = g[x];
                    int cr = b[x];
                    r[x] = clamp(yy + t.crR[cr], max);
                    g[x] = clamp(yy + (t.cbG[cb] + t.crG[cr] >> SCALE_BITS), max);
                    b[x] = clamp(yy + t.cbB[cb], max);
                }
            }
            switch (out.kind()) {
                case BYTES -> {
                    byte[] a = out.bytes();
                    for (int x = 0, i = o; x < width; x++, i += 3) {
                        a[i] = (byte) r[x];
                        a[i + 1] = (byte) g[x];
                        a[i + 2] = (byte) b[x];
                    }
                }
                case SHORTS -> {
                    short[] a = out.shorts();
                    for (int x = 0, i = o; x < width; x++, i += 3) {
                        a[i] = (short) r[x];
                        a[i + 1] = (short) g[x];
                        a[i + 2] = (short) b[x];
                    }
                }
                case INTS -> {
                    int[] a = out.ints();
                    for (int x = 0, i = o; x < width; x++, i += 3) {
                        a[i] = r[x];
                        a[i + 1] = g[x];
                        a[i + 2] = b[x];
                    }
                }
            }
        }
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    private static void writeMono(DctComponent c, int width, int height, SampleBuffer out) {
        short[] p = c.plane;
        int o = out.offset();
        switch (out.kind()) {
            case BYTES -> {
                byte[] a = out.bytes();
                for (int y = 0; y < height; y++, o += width) {
                    for (int x = 0, s = y * c.stride; x < width; x++) {
                        a[o + x] = (byte) p[s + x];
                    }
                }
            }
            case SHORTS -> {
                short[] a = out.shorts();
                for (int y = 0; y < height; y++, o += width) {
                    System.arraycopy(p, y * c.stride, a, o, width);
                }
            }
            case INTS -> {
                int[] a = out.ints();
                for (int y = 0; y < height; y++, o += width) {
                    for (int x = 0, s = y * c.stride; x < width; x++) {
                        a[o + x] = p[s + x];
                    }
                }
            }
        }
    }
}
