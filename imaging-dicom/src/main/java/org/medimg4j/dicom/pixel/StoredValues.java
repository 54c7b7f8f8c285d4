package org.medimg4j.dicom.pixel;

import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;

/**
 * Turns decoded samples into stored pixel values (PS3.5 8.1.1, PS3.3 C.7.6.3.1): keep the low Bits Stored bits
 * (bits above the high bit may hold junk, such as overlay bits in old files), then, for Pixel Representation 1,
 * sign-extend from bit Bits Stored − 1. Codecs may hand back signed data as unsigned bit patterns (a JPEG 2000
 * stream need not agree with the data set's Pixel Representation); after this step all agree.
 */
public final class StoredValues {

    private StoredValues() {
    }

    /**
     * Normalises one frame in place.
     *
     * @param info the frame's format (bits stored, signedness)
     * @param buf  the samples, {@link FrameInfo#samples()} of them from the buffer's offset
     */
    public static void normalize(FrameInfo info, SampleBuffer buf) {
        int n = (int) info.samples();
        int bits = info.bitsStored();
        int off = buf.offset();
        boolean signed = info.signed();
        switch (buf.kind()) {
            case BYTES -> {
                // A full-width sample is already its own two's complement pattern: nothing to mask or extend.
                if (bits >= 8) {
                    return;
                }
                byte[] a = buf.bytes();
                int mask = bits >= 8 ? 0xFF : (1 << bits) - 1;
                int shift = 32 - Math.min(bits, 8);
                for (int i = off; i < off + n; i++) {
                    int v = a[i] & mask;
                    a[i] = (byte) (signed ? (v << shift) >> shift : v);
                }
            }
            case SHORTS -> {
                if (bits >= 16) {
                    return;
                }
                short[] a = buf.shorts();
                int mask = (1 << bits) - 1;
                int shift = 32 - bits;
                for (int i = off; i < off + n; i++) {
                    int v = a[i] & mask;
                    a[i] = (short) (signed ? (v << shift) >> shift : v);
                }
            }
            case INTS -> {
                if (bits >= 32) {
                    return;
                }
                int[] a = buf.ints();
                int mask = (1 << bits) - 1;
                int shift = 32 - bits;
                for (int i = off; i < off + n; i++) {
                    int v = a[i] & mask;
                    a[i] = signed ? (v << shift) >> shift : v;
                }
            }
        }
    }

    /**
     * @return sample {@code i} (from the offset) of a normalised frame as the integer it stands for: signed when
     *         Pixel Representation is 1, unsigned otherwise
     */
    public static long value(FrameInfo info, SampleBuffer buf, int i) {
        int o = buf.offset() + i;
        return switch (buf.kind()) {
            case BYTES -> info.signed() ? buf.bytes()[o] : buf.bytes()[o] & 0xFF;
            case SHORTS -> info.signed() ? buf.shorts()[o] : buf.shorts()[o] & 0xFFFF;
            case INTS -> info.signed() ? buf.ints()[o] : buf.ints()[o] & 0xFFFFFFFFL;
        };
    }
}
