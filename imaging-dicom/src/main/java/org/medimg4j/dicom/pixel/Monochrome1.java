package org.medimg4j.dicom.pixel;

import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;

/**
 * MONOCHROME1 for display: in MONOCHROME1 the minimum stored value is white (PS3.3 C.7.6.3.1.2), the opposite of
 * MONOCHROME2 and of every display. Inverting over the Bits Stored range turns it into MONOCHROME2: an unsigned
 * value v becomes 2^BitsStored − 1 − v, a signed one −1 − v (minimum + maximum − v in both cases), so the range
 * maps onto itself. Decoding never does this (the hashed, stored values are not inverted); a viewer does it before
 * windowing, or inverts the window instead.
 */
public final class Monochrome1 {

    private Monochrome1() {
    }

    /**
     * Inverts a MONOCHROME1 frame in place; other photometric interpretations are left alone.
     *
     * @param info the frame's format, as {@link DicomImage#frameInfo()} gives it
     * @param buf  the stored values (masked and sign-extended, as {@link DicomImage} decodes them)
     * @return the frame's format afterwards: MONOCHROME2 when it was MONOCHROME1, else {@code info}
     */
    public static FrameInfo toMonochrome2(FrameInfo info, SampleBuffer buf) {
        if (!"MONOCHROME1".equals(info.photometric())) {
            return info;
        }
        invert(info, buf);
        return new FrameInfo(info.rows(), info.columns(), info.samplesPerPixel(), info.bitsAllocated(),
                info.bitsStored(), info.signed(), info.planarConfiguration(), "MONOCHROME2");
    }

    /**
     * Inverts every sample over the Bits Stored range, in place: v → 2^BitsStored − 1 − v unsigned, v → −1 − v
     * signed.
     *
     * @param info the frame's format (bits stored, signedness, sample count)
     * @param buf  stored values, {@link FrameInfo#samples()} of them from the buffer's offset
     */
    public static void invert(FrameInfo info, SampleBuffer buf) {
        int n = (int) info.samples();
        int off = buf.offset();
        // Signed: -1 - v == ~v. Unsigned: max - v == ~v & max, since v <= max = 2^bits - 1.
        long max = (1L << info.bitsStored()) - 1;
        switch (buf.kind()) {
            case BYTES -> {
                byte[] a = buf.bytes();
                int mask = info.signed() ? -1 : (int) max;
                for (int i = off; i < off + n; i++) {
                    a[i] = (byte) (~a[i] & mask);
                }
            }
            case SHORTS -> {
                short[] a = buf.shorts();
                int mask = info.signed() ? -1 : (int) max;
                for (int i = off; i < off + n; i++) {
                    a[i] = (short) (~a[i] & mask);
                }
            }
            case INTS -> {
                int[] a = buf.ints();
                int mask = info.signed() ? -1 : (int) max;
                for (int i = off; i < off + n; i++) {
                    a[i] = ~a[i] & mask;
                }
            }
        }
    }
}
