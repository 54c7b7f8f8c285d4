package org.medimg4j.dicom.codec;

import java.nio.ByteBuffer;
import org.medimg4j.dicom.DicomException;

/**
 * DICOM RLE Lossless (transfer syntax 1.2.840.10008.1.2.5, PS3.5 Annex G): a 64-byte header of sixteen little
 * endian 32-bit words (the segment count, then up to 15 segment offsets from the start of the header), followed by
 * PackBits-compressed segments. Each segment holds one byte plane of one sample: for each sample in turn, most
 * significant byte first (PS3.5 G.2), so the data are planar by nature; the decoder interleaves them per pixel as
 * {@link FrameDecoder} requires. Bits Allocated 8, 16 or 32; 1 or 3 samples per pixel.
 *
 * <p>Each segment is unpacked straight into the caller's array at a stride of samples per pixel: the most
 * significant plane is assigned (shifted into place), the lower planes are OR-ed in, so no intermediate plane
 * buffers are allocated.
 *
 * <p>Bad input is refused with a {@link DicomException} naming the codec and byte offset: a fragment shorter than
 * the header, a segment count other than samples × bytes per sample, offsets that are not increasing or lie
 * outside the fragment, and a segment that decodes to fewer or more than rows × columns bytes (a run that would
 * overrun the plane stops the decoding at once, so hostile runs cannot make it loop or write out of bounds).
 */
public final class RleDecoder implements FrameDecoder {

    private static final String CODEC = "RLE Lossless";
    /** PS3.5 G.5: the header is sixteen 32-bit words. */
    private static final int HEADER_BYTES = 64;
    private static final int MAX_SEGMENTS = 15;

    /** Creates a decoder; it holds no state and may be shared between threads. */
    public RleDecoder() {
    }

    @Override
    public void decode(ByteBuffer frame, FrameInfo info, SampleBuffer out) throws DicomException {
        int spp = info.samplesPerPixel();
        int bytesPerSample = switch (info.bitsAllocated()) {
            case 8 -> 1;
            case 16 -> 2;
            case 32 -> 4;
            default -> throw new DicomException(CODEC + ": Bits Allocated " + info.bitsAllocated()
                    + " is not 8, 16 or 32");
        };
        if (spp != 1 && spp != 3) {
            throw new DicomException(CODEC + ": Samples per Pixel " + spp + " is not 1 or 3");
        }
        if (info.rows() <= 0 || info.columns() <= 0) {
            throw new DicomException(CODEC + ": rows " + info.rows() + " x columns " + info.columns()
                    + " is not a positive frame size");
        }
        checkBuffer(info, out);
        long planeLong = (long) info.rows() * info.columns();

        int length = frame.remaining();
        byte[] data;
        int base;
        if (frame.hasArray()) {
            data = frame.array();
            base = frame.arrayOffset() + frame.position();
        } else {
            data = new byte[length];
            frame.duplicate().get(data);
            base = 0;
        }
        if (length < HEADER_BYTES) {
            throw new DicomException(CODEC + ": offset 0: fragment of " + length + " bytes is shorter than the "
                    + HEADER_BYTES + "-byte RLE header (PS3.5 G.5)");
        }
        int expected = spp * bytesPerSample;
        long count = readUint32(data, base);
        if (count != expected) {
            throw new DicomException(CODEC + ": offset 0: segment count " + count + ", expected " + expected
                    + " (" + spp + " samples x " + bytesPerSample + " bytes per sample, PS3.5 G.2)");
        }
        int[] offsets = new int[expected + 1];
        for (int i = 0; i < expected; i++) {
            long off = readUint32(data, base + 4 + 4 * i);
            long previousEnd = i == 0 ? HEADER_BYTES : offsets[i - 1] + 1L;
            if (off < previousEnd || off >= length) {
                throw new DicomException(CODEC + ": offset " + (4 + 4 * i) + ": segment " + (i + 1) + " offset "
                        + off + " is " + (off >= length ? "past the end of the " + length + "-byte fragment"
                        : i == 0 ? "inside the 64-byte header" : "not after segment " + i + "'s offset "
                        + offsets[i - 1]));
            }
            offsets[i] = (int) off;
        }
        offsets[expected] = length;
        if (planeLong > Integer.MAX_VALUE) {
            throw new DicomException(CODEC + ": a plane of " + planeLong + " bytes is too large");
        }
        int plane = (int) planeLong;

        for (int seg = 0; seg < expected; seg++) {
            int sample = seg / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - seg % bytesPerSample);
            int start = base + offsets[seg];
            int end = base + offsets[seg + 1];
            int at = out.offset() + sample;
            long result = switch (out.kind()) {
                case BYTES -> unpackBytes(data, start, end, out.bytes(), at, spp, plane);
                case SHORTS -> unpackShorts(data, start, end, out.shorts(), at, spp, plane, shift,
                        seg % bytesPerSample == 0);
                case INTS -> unpackInts(data, start, end, out.ints(), at, spp, plane, shift,
                        seg % bytesPerSample == 0);
            };
            checkSegment(result, seg, expected, offsets[seg], base, plane);
        }
    }

    private static void checkBuffer(FrameInfo info, SampleBuffer out) {
        out.requireFits(info);
    }

    /**
     * Turns the outcome of an unpack loop into an exception when the segment did not fill its plane exactly.
     * Outcome: the number of bytes written when the input ran out; or {@code -1 - inputIndex} when a run would
     * have written past the plane (inputIndex is the run's header byte).
     */
    private static void checkSegment(long result, int seg, int count, int segOffset, int base, int plane)
            throws DicomException {
        if (result == plane) {
            return;
        }
        if (result < 0) {
            long at = -1 - result - base;
            throw new DicomException(CODEC + ": offset " + at + ": segment " + (seg + 1) + " of " + count
                    + " decodes to more than rows x columns = " + plane + " bytes");
        }
        throw new DicomException(CODEC + ": offset " + segOffset + ": segment " + (seg + 1) + " of " + count
                + " decodes to " + result + " bytes, expected rows x columns = " + plane);
    }

    // The three unpack loops differ only in how a byte lands in the array; they are kept separate so the JIT sees
    // one concrete store per loop (no per-byte dispatch). PackBits (PS3.5 G.3.1): header n in 0..127 copies the
    // next n+1 bytes, n in -127..-1 repeats the next byte 1-n times, -128 is a no-op. PS3.5 G.3.1 also lets a
    // segment end in one zero pad byte, and once the plane is full any trailing no-ops or that pad are ignored.

    private static long unpackBytes(byte[] in, int p, int end, byte[] out, int o, int stride, int plane) {
        int written = 0;
        while (p < end) {
            int n = in[p];
            if (written == plane) {
                return trailingOnly(in, p, end) ? written : -1L - p;
            }
            if (n >= 0) {
                int len = n + 1;
                if (written + len > plane) {
                    return -1L - p;
                }
                int avail = Math.min(len, end - p - 1);
                for (int k = 0; k < avail; k++) {
                    out[o] = in[p + 1 + k];
                    o += stride;
                }
                written += avail;
                p += 1 + len;
            } else if (n != -128) {
                int len = 1 - n;
                if (p + 1 >= end) {
                    return written;
                }
                if (written + len > plane) {
                    return -1L - p;
                }
                byte v = in[p + 1];
                for (int k = 0; k < len; k++) {
                    out[o] = v;
                    o += stride;
                }
                written += len;
                p += 2;
            } else {
                p++;
            }
        }
        return written;
    }

    private static long unpackShorts(byte[] in, int p, int end, short[] out, int o, int stride, int plane,
                                     int shift, boolean first) {
        int written = 0;
        while (p < end) {
            int n = in[p];
            if (written == plane) {
                return trailingOnly(in, p, end) ? written : -1L - p;
            }
            if (n >= 0) {
                int len = n + 1;
                if (written + len > plane) {
                    return -1L - p;
                }
                int avail = Math.min(len, end - p - 1);
                if (first) {
                    for (int k = 0; k < avail; k++) {
                        out[o] = (short) ((in[p + 1 + k] & 0xFF) << shift);
                        o += stride;
                    }
                } else {
                    for (int k = 0; k < avail; k++) {
                        out[o] = (short) (out[o] | (in[p + 1 + k] & 0xFF) << shift);
                        o += stride;
                    }
                }
                written += avail;
                p += 1 + len;
            } else if (n != -128) {
                int len = 1 - n;
                if (p + 1 >= end) {
                    return written;
                }
                if (written + len > plane) {
                    return -1L - p;
                }
                int v = (in[p + 1] & 0xFF) << shift;
                if (first) {
                    for (int k = 0; k < len; k++) {
                        out[o] = (short) v;
                        o += stride;
                    }
                } else {
                    for (int k = 0; k < len; k++) {
                        out[o] = (short) (out[o] | v);
                        o += stride;
                    }
                }
                written += len;
                p += 2;
            } else {
                p++;
            }
        }
        return written;
    }

    private static long unpackInts(byte[] in, int p, int end, int[] out, int o, int stride, int plane,
                                   int shift, boolean first) {
        int written = 0;
        while (p < end) {
            int n = in[p];
            if (written == plane) {
                return trailingOnly(in, p, end) ? written : -1L - p;
            }
            if (n >= 0) {
                int len = n + 1;
                if (written + len > plane) {
                    return -1L - p;
                }
                int avail = Math.min(len, end - p - 1);
                if (first) {
                    for (int k = 0; k < avail; k++) {
                        out[o] = (in[p + 1 + k] & 0xFF) << shift;
                        o += stride;
                    }
                } else {
                    for (int k = 0; k < avail; k++) {
                        out[o] |= (in[p + 1 + k] & 0xFF) << shift;
                        o += stride;
                    }
                }
                written += avail;
                p += 1 + len;
            } else if (n != -128) {
                int len = 1 - n;
                if (p + 1 >= end) {
                    return written;
                }
                if (written + len > plane) {
                    return -1L - p;
                }
                int v = (in[p + 1] & 0xFF) << shift;
                if (first) {
                    for (int k = 0; k < len; k++) {
                        out[o] = v;
                        o += stride;
                    }
                } else {
                    for (int k = 0; k < len; k++) {
                        out[o] |= v;
                        o += stride;
                    }
                }
                written += len;
                p += 2;
            } else {
                p++;
            }
        }
        return written;
    }

    /**
     * @return whether the bytes from {@code p} are only what may follow a full plane: no-op headers (-128) and at
     *         most one zero pad byte at the very end (PS3.5 G.3.1 pads segments to an even length)
     */
    private static boolean trailingOnly(byte[] in, int p, int end) {
        while (p < end && in[p] == -128) {
            p++;
        }
        return p == end || (p == end - 1 && in[p] == 0);
    }

    private static long readUint32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
