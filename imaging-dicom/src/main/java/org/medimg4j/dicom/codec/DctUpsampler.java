package org.medimg4j.dicom.codec;

/**
 * Brings a subsampled component's row to full resolution as IJG libjpeg 6b does by default (jdsample.c), because
 * the corpus references come from it: the "fancy" triangular filter for 2:1 horizontal (h2v1) and 2:1 both ways
 * (h2v2) when the component is wider than 2 samples, plain replication for every other integral ratio. libjpeg 6b,
 * which DCMTK embeds, has no fancy h1v2 (vertical-only 2:1); libjpeg-turbo added one, so turbo-based decoders
 * differ there and we follow 6b and DCMTK (dcmdjpeg 3.6.7 agrees exactly on such a stream). Edges repeat the component's last real sample and row, not the block padding, as libjpeg's
 * context rows do. A non-integral ratio (e.g. factors 3 and 2), which libjpeg refuses, is decoded by taking the
 * nearest sample to the left and above.
 */
final class DctUpsampler {

    private DctUpsampler() {
    }

    /**
     * Writes row {@code y} of {@code c} at full resolution into {@code out[0..width)}.
     *
     * @param out at least {@code width + 8} long (filters write whole input pairs)
     */
    static void row(DctComponent c, int y, int hMax, int vMax, int width, int[] out) {
        short[] p = c.plane;
        boolean hInt = hMax % c.h == 0;
        boolean vInt = vMax % c.v == 0;
        int hr = hMax / c.h;
        int vr = vMax / c.v;
        if (hInt && vInt && hr == 1 && vr == 1) {
            int o = y * c.stride;
            for (int x = 0; x < width; x++) {
                out[x] = p[o + x];
            }
        } else if (hInt && vInt && hr == 2 && vr == 1 && c.width > 2) {
            h2v1(p, y * c.stride, c.width, out);
        } else if (hInt && vInt && hr == 2 && vr == 2 && c.width > 2) {
            int near = y >> 1;
            int far = (y & 1) == 0 ? Math.max(near - 1, 0) : Math.min(near + 1, c.height - 1);
            h2v2(p, near * c.stride, far * c.stride, c.width, out);
        } else if (hInt && vInt) {
            int o = y / vr * c.stride;
            for (int x = 0, i = 0; x < width; i++) {
                int v = p[o + i];
                for (int k = 0; k < hr; k++) {
                    out[x++] = v;
                }
            }
        } else {
            int o = (int) ((long) y * c.v / vMax) * c.stride;
            for (int x = 0; x < width; x++) {
                out[x] = p[o + (int) ((long) x * c.h / hMax)];
            }
        }
    }

    /** libjpeg h2v1_fancy_upsample: each output sample is ¾ the nearer input sample + ¼ the further one. */
    private static void h2v1(short[] p, int o, int n, int[] out) {
        int cur = p[o];
        int next = p[o + 1];
        out[0] = cur;
        out[1] = (cur * 3 + next + 2) >> 2;
        int prev;
        int j = 2;
        for (int i = 1; i < n - 1; i++) {
            prev = cur;
            cur = next;
            next = p[o + i + 1];
            int c3 = cur * 3;
            out[j++] = (c3 + prev + 1) >> 2;
            out[j++] = (c3 + next + 2) >> 2;
        }
        prev = p[o + n - 2];
        cur = p[o + n - 1];
        out[j++] = (cur * 3 + prev + 1) >> 2;
        out[j] = cur;
    }

    /**
     * libjpeg h2v2_fancy_upsample: vertically ¾ nearer row + ¼ further row, then horizontally ¾ + ¼ of those
     * column sums; rounding alternates (+8, +7) as libjpeg's does.
     */
    private static void h2v2(short[] p, int near, int far, int n, int[] out) {
        int cur = p[near] * 3 + p[far];
        int next = p[near + 1] * 3 + p[far + 1];
        out[0] = (cur * 4 + 8) >> 4;
        out[1] = (cur * 3 + next + 7) >> 4;
        int prev;
        int j = 2;
        for (int i = 1; i < n - 1; i++) {
            prev = cur;
            cur = next;
            next = p[near + i + 1] * 3 + p[far + i + 1];
            out[j++] = (cur * 3 + prev + 8) >> 4;
            out[j++] = (cur * 3 + next + 7) >> 4;
        }
        prev = cur;
        cur = next;
        out[j++] = (cur * 3 + prev + 8) >> 4;
        out[j] = (cur * 4 + 7) >> 4;
    }
}
