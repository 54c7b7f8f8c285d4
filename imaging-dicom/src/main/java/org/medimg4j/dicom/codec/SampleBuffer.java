package org.medimg4j.dicom.codec;

import java.util.Objects;

/**
 * Where a decoder writes one frame's samples: a caller-supplied primitive array of the width Bits Allocated calls
 * for ({@code byte[]} for 8, {@code short[]} for 16, {@code int[]} for 32), from an offset, samples interleaved per
 * pixel (R,G,B,R,G,B… for colour), rows top to bottom. Decoders switch on {@link #kind()} once per frame, never
 * per sample. Values are written as the codec produces them (unsigned bit patterns for signed data are fine: the
 * pixel layer masks to Bits Stored and sign-extends afterwards).
 */
public final class SampleBuffer {

    /** The array type behind a buffer. */
    public enum Kind {
        /** byte[]: Bits Allocated 8 */
        BYTES,
        /** short[]: Bits Allocated 16 */
        SHORTS,
        /** int[]: Bits Allocated 32 */
        INTS
    }

    private final Kind kind;
    private final byte[] bytes;
    private final short[] shorts;
    private final int[] ints;
    private final int offset;

    private SampleBuffer(Kind kind, byte[] bytes, short[] shorts, int[] ints, int offset) {
        this.kind = kind;
        this.bytes = bytes;
        this.shorts = shorts;
        this.ints = ints;
        this.offset = offset;
        int length = bytes != null ? bytes.length : shorts != null ? shorts.length : ints.length;
        if (offset < 0 || offset > length) {
            throw new IllegalArgumentException("offset " + offset + " outside an array of " + length);
        }
    }

    /** @return a buffer writing into {@code array} from {@code offset} (8-bit samples) */
    public static SampleBuffer of(byte[] array, int offset) {
        return new SampleBuffer(Kind.BYTES, Objects.requireNonNull(array, "array"), null, null, offset);
    }

    /** @return a buffer writing into {@code array} from {@code offset} (16-bit samples) */
    public static SampleBuffer of(short[] array, int offset) {
        return new SampleBuffer(Kind.SHORTS, null, Objects.requireNonNull(array, "array"), null, offset);
    }

    /** @return a buffer writing into {@code array} from {@code offset} (32-bit samples) */
    public static SampleBuffer of(int[] array, int offset) {
        return new SampleBuffer(Kind.INTS, null, null, Objects.requireNonNull(array, "array"), offset);
    }

    /** @return a new zeroed buffer for one frame of {@code info}, of the width its Bits Allocated calls for */
    public static SampleBuffer allocate(FrameInfo info) {
        long n = info.samples();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a frame of " + info.rows() + " x " + info.columns() + " x "
                    + info.samplesPerPixel() + " samples does not fit one Java array");
        }
        return switch (info.bitsAllocated()) {
            case 1, 8 -> of(new byte[(int) n], 0);
            case 16 -> of(new short[(int) n], 0);
            case 32 -> of(new int[(int) n], 0);
            default -> throw new IllegalArgumentException("Bits Allocated " + info.bitsAllocated()
                    + " is not 1, 8, 16 or 32");
        };
    }

    public Kind kind() {
        return kind;
    }

    /**
     * @param bitsAllocated Bits Allocated (0028,0100)
     * @return the buffer kind that width needs, or null when a decoder cannot output it (not 8, 16 or 32)
     */
    public static Kind kindFor(int bitsAllocated) {
        return switch (bitsAllocated) {
            case 8 -> Kind.BYTES;
            case 16 -> Kind.SHORTS;
            case 32 -> Kind.INTS;
            default -> null;
        };
    }

    /**
     * Checks that this buffer can take one frame of {@code info}: a caller's mistake, not bad data, hence an
     * unchecked exception.
     *
     * @throws IllegalArgumentException if the array type does not match Bits Allocated or the frame does not fit
     */
    public void requireFits(FrameInfo info) {
        Kind want = kindFor(info.bitsAllocated());
        if (want != null && kind != want) {
            throw new IllegalArgumentException("out is a " + kind + " buffer; Bits Allocated " + info.bitsAllocated()
                    + " needs " + want);
        }
        if (capacity() < info.samples()) {
            throw new IllegalArgumentException("out holds " + capacity() + " samples from its offset, the frame has "
                    + info.samples());
        }
    }

    /** @return the index of the frame's first sample in the array */
    public int offset() {
        return offset;
    }

    /** @return the samples' capacity from {@link #offset()} */
    public int capacity() {
        return (bytes != null ? bytes.length : shorts != null ? shorts.length : ints.length) - offset;
    }

    /** @return the byte array @throws IllegalStateException if this is not a BYTES buffer */
    public byte[] bytes() {
        if (bytes == null) {
            throw new IllegalStateException("sample buffer is " + kind + ", not BYTES");
        }
        return bytes;
    }

    /** @return the short array @throws IllegalStateException if this is not a SHORTS buffer */
    public short[] shorts() {
        if (shorts == null) {
            throw new IllegalStateException("sample buffer is " + kind + ", not SHORTS");
        }
        return shorts;
    }

    /** @return the int array @throws IllegalStateException if this is not an INTS buffer */
    public int[] ints() {
        if (ints == null) {
            throw new IllegalStateException("sample buffer is " + kind + ", not INTS");
        }
        return ints;
    }

    /** @return sample {@code i} (from the offset) as an int, unsigned for BYTES and SHORTS; for tests, not loops */
    public int get(int i) {
        return switch (kind) {
            case BYTES -> bytes[offset + i] & 0xFF;
            case SHORTS -> shorts[offset + i] & 0xFFFF;
            case INTS -> ints[offset + i];
        };
    }
}
