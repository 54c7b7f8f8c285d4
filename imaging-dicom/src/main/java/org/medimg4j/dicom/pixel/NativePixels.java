package org.medimg4j.dicom.pixel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.PixelData;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;

/**
 * Native (uncompressed) Pixel Data (PS3.5 8.1.1, 8.2): where each frame lies in the value, and its samples
 * unpacked into a {@link SampleBuffer} — bits allocated 1 (packed, least significant bit first, frames not byte
 * aligned), 8, 16 or 32, either byte order, planar configuration 0 or 1 (undone: output is always interleaved),
 * and YBR_FULL_422 (stored as Y1 Y2 Cb Cr per pixel pair, PS3.3 C.7.6.3.1.2) upsampled to YBR_FULL by repeating
 * each Cb, Cr pair for both pixels, as pydicom does. Values are copied as stored; masking to Bits Stored is
 * {@link StoredValues}' job.
 *
 * <p>Big endian: 16- and 32-bit samples are read in big endian; 8-bit samples in an OW value are byte-swapped in
 * pairs (OW is a stream of 16-bit words, PS3.5 7.1.2), 8-bit samples in OB are not. 1-bit data in big endian OW is
 * not supported (no writer produces it; it is refused).
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
     * Reads one frame from a native Pixel Data value — only that frame's bytes — and unpacks it.
     *
     * @param pixels the native Pixel Data
     * @param frame  the frame, from 0
     * @param info   the frame format
     * @param out    where the samples go ({@link FrameInfo#samples()} of them from its offset)
     * @throws DicomException if the value is too short for the frame, or the encoding is not supported
     * @throws IOException    if reading fails
     */
    public static void readFrame(PixelData pixels, int frame, FrameInfo info, SampleBuffer out) throws IOException {
        read(pixels, frame, info, out, false);
    }

    /**
     * {@link #readFrame}, and measures how many bits the values use ({@link SampleBits}) on the bytes as read, when
     * that is cheap and exact: one sample per pixel, 16 bits allocated and stored (no junk bits above Bits Stored to
     * mask first), no byte-pair swapping.
     *
     * @return the frame's significant bits (see {@link SampleBits#significantBits16}); Bits Stored when not measured
     */
    public static int readFrameMeasuringBits(PixelData pixels, int frame, FrameInfo info, SampleBuffer out)
            throws IOException {
        return read(pixels, frame, info, out, true);
    }

    private static int read(PixelData pixels, int frame, FrameInfo info, SampleBuffer out, boolean measure)
            throws IOException {
        long offset = frameOffset(info, frame);
        long length = frameLength(info, frame);
        boolean bigEndianOw = pixels.byteOrder() == ByteOrder.BIG_ENDIAN && pixels.vr() == VR.OW;
        if (bigEndianOw && info.bitsAllocated() == 1) {
            throw new DicomException("native Pixel Data: 1-bit samples in big endian OW are not supported");
        }
        boolean swapPairs = bigEndianOw && info.bitsAllocated() == 8;
        // Byte pairs of an OW value start at even offsets: read from the pair boundary so a frame starting at an
        // odd offset swaps with the right partner.
        long start = swapPairs ? offset & ~1L : offset;
        long end = offset + length;
        if (swapPairs && (end & 1) == 1 && end < pixels.length()) {
            end++;
        }
        if (end > pixels.length()) {
            throw new DicomException("native Pixel Data: frame " + frame + " needs bytes " + offset + " to " + (offset
                    + length) + ", the value has " + pixels.length());
        }
        if (end - start > Integer.MAX_VALUE - 16) {
            throw new DicomException("native Pixel Data: frame " + frame + " is " + (end - start) + " bytes, more"
                    + " than one buffer holds");
        }
        ByteBuffer b = frameBuffer((int) (end - start));
        pixels.read(start, b);
        b.flip();
        if (swapPairs) {
            swapBytePairs(b);
        }
        b.position((int) (offset - start));
        int bits = info.bitsStored();
        if (measure && info.bitsAllocated() == 16 && info.bitsStored() == 16 && info.samplesPerPixel() == 1
                && b.remaining() >= 2 * info.samples()) {
            bits = SampleBits.significantBits16(b.duplicate().order(pixels.byteOrder()), (int) info.samples(),
                    info.signed());
        }
        decode(b, frame, info, pixels.byteOrder(), false, out);
        return bits;
    }

    /**
     * Unpacks one frame.
     *
     * @param frame   the frame's bytes from {@link #frameOffset} (position to limit: at least {@link #frameLength})
     * @param index   the frame's number (for 1-bit data, whose frames start mid-byte)
     * @param info    the frame format
     * @param order   the data set's byte order
     * @param owWords whether the value is OW (in big endian, 8-bit samples in OW words are byte-swapped pairs; the
     *                frame must then start at an even offset of the value)
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
        if (isYbr422(info) && ((long) info.rows() * info.columns()) % 2 != 0) {
            // PS3.3 C.7.6.3.1.2: chroma is shared by horizontal pixel pairs, so a frame holds whole pairs.
            throw new DicomException("native Pixel Data: YBR_FULL_422 with an odd number of pixels ("
                    + info.rows() + " x " + info.columns() + ")");
        }
        ByteBuffer src = frame.slice().order(order);
        int n = (int) info.samples();
        switch (info.bitsAllocated()) {
            case 1 -> unpackBits(src, (int) ((index * frameBits(info)) & 7), n, out.bytes(), out.offset());
            case 8 -> {
                if (order == ByteOrder.BIG_ENDIAN && owWords) {
                    ByteBuffer copy = ByteBuffer.allocate((int) need).put(src.duplicate().limit((int) need)).flip();
                    swapBytePairs(copy);
                    bytes(copy, info, out);
                } else {
                    bytes(src, info, out);
                }
            }
            case 16 -> shorts(src.asShortBuffer(), info, out);
            case 32 -> ints(src.asIntBuffer(), info, out);
            default -> throw new DicomException("native Pixel Data: Bits Allocated " + info.bitsAllocated()
                    + " is not 1, 8, 16 or 32");
        }
    }

    /** Frames up to this size are read through a reused per-thread direct buffer (larger ones into a new one). */
    static final int SCRATCH_LIMIT = 8 << 20;

    private static final ThreadLocal<ByteBuffer> SCRATCH = new ThreadLocal<>();

    /**
     * A buffer for one frame's bytes, position 0, limit {@code length}. Reading a file into a direct buffer is
     * one kernel copy; into a new heap buffer it is a zeroed allocation plus the JDK's own copy through a
     * temporary direct buffer — for a 512×512 CT slice that was a third of the decode time. The buffer is only
     * used until {@link #decode} has copied the samples out, so one per thread suffices.
     */
    private static ByteBuffer frameBuffer(int length) {
        if (length > SCRATCH_LIMIT) {
            return ByteBuffer.allocate(length);
        }
        ByteBuffer b = SCRATCH.get();
        if (b == null || b.capacity() < length) {
            b = ByteBuffer.allocateDirect(Math.max(length, 1 << 16));
            SCRATCH.set(b);
        }
        b.clear().limit(length);
        return b;
    }

    private static void swapBytePairs(ByteBuffer b) {
        int p = b.position();
        for (int i = p; i + 1 < b.limit(); i += 2) {
            byte t = b.get(i);
            b.put(i, b.get(i + 1));
            b.put(i + 1, t);
        }
    }

    private static void unpackBits(ByteBuffer src, int firstBit, int n, byte[] dst, int off) {
        int nBytes = (firstBit + n + 7) >>> 3;
        byte[] packed = new byte[nBytes];
        src.get(0, packed);
        for (int i = 0; i < n; i++) {
            int bit = firstBit + i;
            dst[off + i] = (byte) ((packed[bit >>> 3] >>> (bit & 7)) & 1);
        }
    }

    private static void bytes(ByteBuffer src, FrameInfo info, SampleBuffer out) {
        int pixels = info.rows() * info.columns();
        int spp = info.samplesPerPixel();
        byte[] dst = out.bytes();
        int off = out.offset();
        if (isYbr422(info)) {
            byte[] raw = new byte[pixels * 2];
            src.get(0, raw);
            for (int p = 0, s = 0; p < pixels; p += 2, s += 4) {
                int d = off + p * 3;
                dst[d] = raw[s];
                dst[d + 1] = raw[s + 2];
                dst[d + 2] = raw[s + 3];
                dst[d + 3] = raw[s + 1];
                dst[d + 4] = raw[s + 2];
                dst[d + 5] = raw[s + 3];
            }
        } else if (spp > 1 && info.planarConfiguration() == 1) {
            byte[] raw = new byte[pixels * spp];
            src.get(0, raw);
            for (int c = 0; c < spp; c++) {
                for (int p = 0, s = c * pixels, d = off + c; p < pixels; p++, s++, d += spp) {
                    dst[d] = raw[s];
                }
            }
        } else {
            src.get(0, dst, off, pixels * spp);
        }
    }

    private static void shorts(ShortBuffer s, FrameInfo info, SampleBuffer out) {
        int pixels = info.rows() * info.columns();
        int spp = info.samplesPerPixel();
        short[] dst = out.shorts();
        int off = out.offset();
        if (isYbr422(info)) {
            short[] raw = new short[pixels * 2];
            s.get(0, raw);
            for (int p = 0, i = 0; p < pixels; p += 2, i += 4) {
                int d = off + p * 3;
                dst[d] = raw[i];
                dst[d + 1] = raw[i + 2];
                dst[d + 2] = raw[i + 3];
                dst[d + 3] = raw[i + 1];
                dst[d + 4] = raw[i + 2];
                dst[d + 5] = raw[i + 3];
            }
        } else if (spp > 1 && info.planarConfiguration() == 1) {
            for (int c = 0; c < spp; c++) {
                for (int p = 0, i = c * pixels, d = off + c; p < pixels; p++, i++, d += spp) {
                    dst[d] = s.get(i);
                }
            }
        } else {
            s.get(0, dst, off, pixels * spp);
        }
    }

    private static void ints(IntBuffer s, FrameInfo info, SampleBuffer out) {
        int pixels = info.rows() * info.columns();
        int spp = info.samplesPerPixel();
        int[] dst = out.ints();
        int off = out.offset();
        if (isYbr422(info)) {
            int[] raw = new int[pixels * 2];
            s.get(0, raw);
            for (int p = 0, i = 0; p < pixels; p += 2, i += 4) {
                int d = off + p * 3;
                dst[d] = raw[i];
                dst[d + 1] = raw[i + 2];
                dst[d + 2] = raw[i + 3];
                dst[d + 3] = raw[i + 1];
                dst[d + 4] = raw[i + 2];
                dst[d + 5] = raw[i + 3];
            }
        } else if (spp > 1 && info.planarConfiguration() == 1) {
            for (int c = 0; c < spp; c++) {
                for (int p = 0, i = c * pixels, d = off + c; p < pixels; p++, i++, d += spp) {
                    dst[d] = s.get(i);
                }
            }
        } else {
            s.get(0, dst, off, pixels * spp);
        }
    }
}
