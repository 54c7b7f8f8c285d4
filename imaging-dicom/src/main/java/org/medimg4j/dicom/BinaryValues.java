package org.medimg4j.dicom;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The values of a binary-number attribute (US SS UL SL UV SV FL FD, and AT) read from its bytes in the data set's
 * byte order. A value length that is not a multiple of the value size (seen in real files) leaves the trailing
 * bytes out rather than failing.
 */
final class BinaryValues {

    private final ByteBuffer bytes;
    private final VR vr;
    private final int count;

    BinaryValues(ByteBuffer bytes, VR vr) {
        this.bytes = bytes;
        this.vr = vr;
        this.count = bytes.remaining() / vr.bytesPerValue();
    }

    int count() {
        return count;
    }

    /**
     * @return value {@code i} as an integer (UL and US unsigned; AT as group in the high 16 bits)
     * @throws IllegalArgumentException for a UV above 2^63 - 1 or a non-integral FL/FD
     */
    long integer(int i) {
        int p = i * vr.bytesPerValue();
        switch (vr) {
            case US:
                return bytes.getShort(p) & 0xFFFF;
            case SS:
                return bytes.getShort(p);
            case UL:
                return bytes.getInt(p) & 0xFFFFFFFFL;
            case SL:
                return bytes.getInt(p);
            case SV:
                return bytes.getLong(p);
            case UV: {
                long v = bytes.getLong(p);
                if (v < 0) {
                    throw new IllegalArgumentException("UV value " + Long.toUnsignedString(v)
                            + " does not fit in a signed 64-bit long");
                }
                return v;
            }
            case AT:
                return (bytes.getShort(p) & 0xFFFFL) << 16 | bytes.getShort(p + 2) & 0xFFFF;
            case FL:
            case FD: {
                double d = real(i);
                if (d != Math.rint(d) || Math.abs(d) > 9.0e18) {
                    throw new IllegalArgumentException(vr + " value " + d + " is not an integer");
                }
                return (long) d;
            }
            default:
                throw new IllegalArgumentException("a " + vr + " value has no integer reading");
        }
    }

    /** @return value {@code i} as a double (UV above 2^63 read as unsigned) */
    double real(int i) {
        int p = i * vr.bytesPerValue();
        switch (vr) {
            case FL:
                return bytes.getFloat(p);
            case FD:
                return bytes.getDouble(p);
            case UV: {
                long v = bytes.getLong(p);
                return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            default:
                return integer(i);
        }
    }

    /** @return value {@code i} as text: decimal, FL at float precision, AT as "(gggg,eeee)" */
    String text(int i) {
        int p = i * vr.bytesPerValue();
        switch (vr) {
            case FL:
                return Float.toString(bytes.getFloat(p));
            case FD:
                return Double.toString(bytes.getDouble(p));
            case UV:
                return Long.toUnsignedString(bytes.getLong(p));
            case AT: {
                long t = integer(i);
                return String.format(Locale.ROOT, "(%04X,%04X)", t >>> 16, t & 0xFFFF);
            }
            default:
                return Long.toString(integer(i));
        }
    }
}
