package org.medimg4j.dicom.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds DICOM RLE Lossless fragments (PS3.5 Annex G) for tests: one PackBits segment per byte plane, most
 * significant byte of each sample first, segments padded to an even length, and the 64-byte header.
 */
final class RleTestEncoder {

    private RleTestEncoder() {
    }

    /**
     * @param samples        rows × columns × samplesPerPixel values, interleaved per pixel
     * @param bytesPerSample 1, 2 or 4
     * @return the fragment
     */
    static byte[] encode(long[] samples, int samplesPerPixel, int bytesPerSample) {
        int pixels = samples.length / samplesPerPixel;
        List<byte[]> segments = new ArrayList<>();
        for (int s = 0; s < samplesPerPixel; s++) {
            for (int b = bytesPerSample - 1; b >= 0; b--) {
                byte[] plane = new byte[pixels];
                for (int i = 0; i < pixels; i++) {
                    plane[i] = (byte) (samples[i * samplesPerPixel + s] >>> (8 * b));
                }
                byte[] seg = packBits(plane);
                if (seg.length % 2 == 1) {
                    seg = java.util.Arrays.copyOf(seg, seg.length + 1); // zero pad, PS3.5 G.3.1
                }
                segments.add(seg);
            }
        }
        return assemble(segments);
    }

    /** @return a fragment of the header (count = number of segments, offsets in order) and the given segments */
    static byte[] assemble(List<byte[]> segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] header = new int[16];
        header[0] = segments.size();
        int offset = 64;
        for (int i = 0; i < segments.size(); i++) {
            header[1 + i] = offset;
            offset += segments.get(i).length;
        }
        for (int w : header) {
            out.write(w);
            out.write(w >>> 8);
            out.write(w >>> 16);
            out.write(w >>> 24);
        }
        for (byte[] seg : segments) {
            out.write(seg, 0, seg.length);
        }
        return out.toByteArray();
    }

    /** PackBits (PS3.5 G.3.1): repeat runs of 3–128 equal bytes, literal runs of up to 128 bytes otherwise. */
    static byte[] packBits(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int run = 1;
            while (i + run < in.length && run < 128 && in[i + run] == in[i]) {
                run++;
            }
            if (run >= 3) {
                out.write(1 - run);
                out.write(in[i]);
                i += run;
                continue;
            }
            int start = i;
            while (i < in.length && i - start < 128) {
                if (i + 2 < in.length && in[i] == in[i + 1] && in[i] == in[i + 2]) {
                    break;
                }
                i++;
            }
            out.write(i - start - 1);
            out.write(in, start, i - start);
        }
        return out.toByteArray();
    }
}
