package org.medimg4j.dicom.pixel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;

/**
 * Native (uncompressed) Pixel Data (PS3.5 8.1.1, 8.2): where each frame lies in the value, and its samples
 * unpacked into a {@link SampleBuffer} — bits allocated 1 (packed, least significant bit first, frames not byte
 * aligned), 8, 16 or 32, either byte order, planar configuration 0 or 1 (undone: output is always interleaved),
 * and YBR_FULL_422 (stored as Y1 Y2 Cb Cr per pixel pair, PS3.3 C.7.6.3.1.2) upsampled to YBR_FULL by repeating
 * each Cb, Cr pair for both pixels, as pydicom does. Values are copied as stored; masking to Bits Stored is
 * {@link StoredValues}' job.
 */
public final class NativePixels {

    private NativePixels() {
    }

    /** @return whether {@code info} is native YBR_FULL_422 (two samples per pixel stored, three decoded) */
    public static boolean isYbr422(FrameInfo info) {
        return info.samplesPerPixel() == 3 && "YBR_FULL_422".equals(info.photometric());
    }

    /** @return the bits one frame occupies in the Pixel Data value */
    public static long frameBits(FrameInfo info) {
        long storedSamples = isYbr422(info) ? (long) info.rows() * info.columns() * 2 : info.samples();
        return storedSamples * info.bitsAllocated();
    }

    /** @return the byte offset in the value at which frame {@code frame} starts (its first bit, for 1-bit data) */
    public static long frameOffset(FrameInfo info, int frame) {
        return frame * frameBits(info) / 8;
    }

    /** @return how many bytes from {@link #frameOffset} frame {@code frame} spans */
    public static long frameLength(FrameInfo info, int frame) {
        long startBit = frame * frameBits(info);
        long endBit = startBit + frameBits(info);
        return (endBit + 7) / 8 - startBit / 8;
    }

    /**
     * Unpacks one frame.
     *
     * @param frame   the frame's bytes from {@link #frameOffset} (position to limit: at least {@link #frameLength})
     * @param index   the frame's number (for 1-bit data, whose frames start mid-byte)
     * @param info    the frame format
     * @param order   the data set's byte order
     * @param owWords whether the value is OW (in big endian, 8-bit samples in OW words are byte-swapped pairs)
     * @param out     where the samples go
     * @throws DicomException if the bytes are fewer than the frame needs
     */
    public static void decode(ByteBuffer frame, int index, FrameInfo info, ByteOrder order, boolean owWords,
                              SampleBuffer out) throws DicomException {
        long need = frameLength(info, index);
        if (frame.remaining() < need) {
            throw new DicomException("native Pixel Data: frame " + index + " needs " + need + " bytes, "
                    + frame.remaining() + " remain");
        }
        if (out.capacity() < info.samples()) {
            throw new IllegalArgumentException("sample buffer holds " + out.capacity() + " samples, the frame has "
                    + info.samples());
        }
        ByteBuffer src = frame.duplicate().order(order);
        int n = (int) info.samples();
        switch (info.bitsAllocated()) {
            case 1 -> unpackBits(src, (int) ((index * frameBits(info)) & 7), n, out.bytes(), out.offset());
            case 8 -> bytes(src, info, order == ByteOrder.BIG_ENDIAN && owWords, out);
            case 16 -> shorts(src, info, out);
            case 32 -> ints(src, info, out);
            default -> throw new DicomException("native Pixel Data: Bits Allocated " + info.bitsAllocated()
                    + " is not 1, 8, 16 or 32");
        }
    }

    private static void unpackBits(ByteBuffer src, int firstBit, int n, byte[] dst, int off) {
        int base = src.position();
        for (int i = 0; i < n; i++) {
            int bit = firstBit + i;
            dst[off + i] = (byte) ((src.get(base + (bit >>> 3)) >>> (bit & 7)) & 1);
        }
    }

    private static void bytes(ByteBuffer src, FrameInfo info, boolean swapPairs, SampleBuffer out) {
        int pixels = info.rows() * info.columns();
        int spp = info.samplesPerPixel();
        byte[] dst = out.bytes();
        int off = out.offset();
        int stored = (int) (frameBits(info) / 8);
        byte[] raw = new byte[stored];
        src.get(src.position(), raw, 0, stored);
        if (swapPairs) {
            for (int i = 0; i + 1 < stored; i += 2) {
                byte t = raw[i];
                raw[i] = raw[i + 1];
                raw[i + 1] = t;
            }
        }
        if (isYbr422(info)) {
            for (int p = 0, s = 0; p < pixels && s + 3 < stored; p += 2, s += 4) {
                int d = off + p * 3;
                dst[d] = raw[s];
                dst[d + 1] = raw[s + 2];
                dst[d + 2] = raw[s + 3];
                if (p + 1 < pixels) {
                    dst[d + 3] = raw[s + 1];
                    dst[d + 4] = raw[s + 2];
                    dst[d + 5] = raw[s + 3];
                }
            }
        } else if (spp > 1 && info.planarConfiguration() == 1) {
            for (int c = 0; c < spp; c++) {
                for (int p = 0; p < pixels; p++) {
                    dst[off + p * spp + c] = raw[c * pixels + p];
                }
            }
        } else {
            System.arraycopy(raw, 0, dst, off, pixels * spp);
        }
    }

    private static void shorts(ByteBuffer src, FrameInfo info, SampleBuffer out) {
        int pixels = info.rows() * info.columns();
        int spp = info.samplesPerPixel();
        short[] dst = out.shorts();
        int off = out.offset();
        java.nio.ShortBuffer s = src.slice().order(src.order()).asShortBuffer();
        if (spp > 1 && info.planarConfiguration() == 1) {
            for (int c = 0; c < spp; c++) {
                for (int p = 0; p < pixels; p++) {
                    dst[off + p * spp + c] = s.get(c * pixels + p);
                }
            }
        } else {
            s.get(dst, off, pixels * spp);
        }
    }

    private static void ints(ByteBuffer src, FrameInfo info, SampleBuffer out) {
        int pixels = info.rows() * info.columns();
        int spp = info.samplesPerPixel();
        int[] dst = out.ints();
        int off = out.offset();
        java.nio.IntBuffer s = src.slice().order(src.order()).asIntBuffer();
        if (spp > 1 && info.planarConfiguration() == 1) {
            for (int c = 0; c < spp; c++) {
                for (int p = 0; p < pixels; p++) {
                    dst[off + p * spp + c] = s.get(c * pixels + p);
                }
            }
        } else {
            s.get(dst, off, pixels * spp);
        }
    }
}
