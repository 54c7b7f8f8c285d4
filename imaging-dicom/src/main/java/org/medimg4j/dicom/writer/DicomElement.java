package org.medimg4j.dicom.writer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.parse.TagNames;

/**
 * One data element to write: a tag, its VR, and its value already encoded for explicit VR little endian (PS3.5
 * 7.1.2), or, for a sequence (SQ), its items. Immutable; the factories validate the value against its VR and
 * name the tag when they refuse it.
 *
 * <p>Encoding rules applied here (PS3.5 6.2): multiple text values are joined with a backslash; a value of odd
 * length is padded to even length with a space, or with NUL for UI; binary numbers are little endian; text in VRs
 * that use the Specific Character Set (SH LO UC ST LT UT PN) is encoded in UTF-8, and such an element with a
 * non-ASCII character makes {@link DataSetBuilder#build()} declare {@code ISO_IR 192}; every other text VR must be
 * printable ASCII. Lengths: at most 65534 bytes for a VR with a 16-bit length, 2³²−2 for the others.
 */
public final class DicomElement {

    private static final byte[] EMPTY = new byte[0];

    private final int tag;
    private final VR vr;
    private final byte[] value;
    private final List<DataSet> items;
    private final boolean unicode;

    private DicomElement(int tag, VR vr, byte[] value, List<DataSet> items, boolean unicode) {
        this.tag = tag;
        this.vr = vr;
        this.value = value;
        this.items = items;
        this.unicode = unicode;
    }

    // ---- factories ----

    /**
     * @param tag    the tag, group in the high 16 bits
     * @param vr     a text VR (AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT)
     * @param values the values; none for an empty (Type 2) element; exactly one for LT, ST, UT and UR
     * @return the element
     * @throws IllegalArgumentException naming the tag when a value breaks its VR's rules (characters, format,
     *                                  length, a backslash inside a value, more than one value for LT ST UT UR)
     */
    public static DicomElement text(int tag, VR vr, String... values) {
        Objects.requireNonNull(vr, "vr");
        if (!vr.isText()) {
            throw new IllegalArgumentException(name(tag) + ": VR " + vr + " is not a text VR; use the binary factories");
        }
        if (!vr.isMultiValuedText() && values.length > 1) {
            throw new IllegalArgumentException(name(tag) + ": VR " + vr + " holds one value, got " + values.length);
        }
        StringBuilder joined = new StringBuilder();
        boolean unicode = false;
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v == null) {
                throw new IllegalArgumentException(name(tag) + ": value " + i + " is null");
            }
            unicode |= TextRules.check(tag, vr, v, i);
            if (i > 0) {
                joined.append('\\');
            }
            joined.append(v);
        }
        byte[] bytes = joined.toString().getBytes(unicode ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
        return new DicomElement(tag, vr, pad(tag, vr, bytes), List.of(), unicode);
    }

    /**
     * @param tag    the tag
     * @param vr     US, SS, UL, SL, SV, UV (binary) or IS, DS (text)
     * @param values the values, each within the VR's range (US 0..65535, SS −32768..32767, UL 0..2³²−1, SL and IS
     *               −2³¹..2³¹−1, UV ≥ 0)
     * @return the element
     * @throws IllegalArgumentException naming the tag and the value's index when a value is out of range
     */
    public static DicomElement longs(int tag, VR vr, long... values) {
        Objects.requireNonNull(vr, "vr");
        switch (vr) {
            case IS, DS -> {
                String[] s = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    if (values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException(name(tag) + ": value " + i + " = " + values[i]
                                + " is outside the " + vr + " range [-2^31, 2^31-1]");
                    }
                    s[i] = Long.toString(values[i]);
                }
                return text(tag, vr, s);
            }
            case US, SS, UL, SL, SV, UV -> {
                long min = switch (vr) {
                    case SS -> Short.MIN_VALUE;
                    case SL -> Integer.MIN_VALUE;
                    case SV -> Long.MIN_VALUE;
                    default -> 0;
                };
                long max = switch (vr) {
                    case US -> 0xFFFF;
                    case SS -> Short.MAX_VALUE;
                    case UL -> 0xFFFFFFFFL;
                    case SL -> Integer.MAX_VALUE;
                    default -> Long.MAX_VALUE;
                };
                ByteBuffer b = buffer(tag, vr, (long) values.length * vr.bytesPerValue());
                for (int i = 0; i < values.length; i++) {
                    long v = values[i];
                    if (v < min || v > max) {
                        throw new IllegalArgumentException(name(tag) + ": value " + i + " = " + v + " is outside the "
                                + vr + " range [" + min + ", " + max + "]");
                    }
                    switch (vr.bytesPerValue()) {
                        case 2 -> b.putShort((short) v);
                        case 4 -> b.putInt((int) v);
                        default -> b.putLong(v);
                    }
                }
                return new DicomElement(tag, vr, b.array(), List.of(), false);
            }
            default -> throw new IllegalArgumentException(name(tag) + ": VR " + vr
                    + " does not hold integers; use US, SS, UL, SL, SV, UV, IS or DS");
        }
    }

    /**
     * @param tag    the tag
     * @param vr     DS (formatted by {@link DecimalString#format(double)}), FD or FL
     * @param values finite values (an FL value is rounded to the nearest float)
     * @return the element
     * @throws IllegalArgumentException naming the tag and the value's index when a value is NaN or infinite
     */
    public static DicomElement doubles(int tag, VR vr, double... values) {
        Objects.requireNonNull(vr, "vr");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name(tag) + ": value " + i + " must be finite, got " + values[i]);
            }
        }
        switch (vr) {
            case DS -> {
                return text(tag, VR.DS, DecimalString.formatAll(values));
            }
            case FD, FL -> {
                ByteBuffer b = buffer(tag, vr, (long) values.length * vr.bytesPerValue());
                for (double v : values) {
                    if (vr == VR.FD) {
                        b.putDouble(v);
                    } else {
                        b.putFloat((float) v);
                    }
                }
                return new DicomElement(tag, vr, b.array(), List.of(), false);
            }
            default -> throw new IllegalArgumentException(name(tag) + ": VR " + vr
                    + " does not hold real numbers; use DS, FD or FL");
        }
    }

    /**
     * @param tag   the tag
     * @param vr    OB or UN (bytes), or OW OL OF OD OV with {@code value} already little endian
     * @param value the bytes, copied; an odd count is padded with one NUL
     * @return the element
     * @throws IllegalArgumentException naming the tag when the VR is not a byte-stream VR or the byte count is not
     *                                  a multiple of the VR's word size
     */
    public static DicomElement bytes(int tag, VR vr, byte[] value) {
        Objects.requireNonNull(vr, "vr");
        if (vr.kind() != VR.Kind.BYTES) {
            throw new IllegalArgumentException(name(tag) + ": VR " + vr + " is not a byte-stream VR (OB OD OF OL OV OW UN)");
        }
        if (value.length % vr.bytesPerValue() != 0) {
            throw new IllegalArgumentException(name(tag) + ": " + value.length + " bytes are not a whole number of "
                    + vr + " words of " + vr.bytesPerValue() + " bytes");
        }
        return new DicomElement(tag, vr, pad(tag, vr, value.clone()), List.of(), false);
    }

    /**
     * @param tag    the tag, e.g. (7FE0,0010) Pixel Data
     * @param values 16-bit words (signed or unsigned alike), written little endian as OW
     * @return the element
     */
    public static DicomElement words(int tag, short[] values) {
        ByteBuffer b = buffer(tag, VR.OW, (long) values.length * 2);
        b.asShortBuffer().put(values);
        return new DicomElement(tag, VR.OW, b.array(), List.of(), false);
    }

    /**
     * @param tag           the tag
     * @param attributeTags the tags that are the values (AT)
     * @return the element
     */
    public static DicomElement tags(int tag, int... attributeTags) {
        ByteBuffer b = buffer(tag, VR.AT, (long) attributeTags.length * 4);
        for (int t : attributeTags) {
            b.putShort((short) (t >>> 16)).putShort((short) t);
        }
        return new DicomElement(tag, VR.AT, b.array(), List.of(), false);
    }

    /**
     * A sequence, written with defined lengths (see {@link Part10Writer}).
     *
     * @param tag   the tag
     * @param items the items, in order; none for an empty (Type 2) sequence
     * @return the element
     */
    public static DicomElement sequence(int tag, List<DataSet> items) {
        List<DataSet> copy = List.copyOf(items);
        boolean unicode = false;
        for (DataSet item : copy) {
            unicode |= item.hasNonAsciiText();
        }
        return new DicomElement(tag, VR.SQ, EMPTY, copy, unicode);
    }

    /**
     * @param tag the tag
     * @param vr  any VR
     * @return the element with no value (zero length; an empty sequence for SQ): a Type 2 attribute that is unknown
     */
    public static DicomElement empty(int tag, VR vr) {
        Objects.requireNonNull(vr, "vr");
        return new DicomElement(tag, vr, EMPTY, List.of(), false);
    }

    // ---- accessors ----

    /** @return the tag, group in the high 16 bits */
    public int tag() {
        return tag;
    }

    /** @return the value representation */
    public VR vr() {
        return vr;
    }

    /** @return the items of a sequence, in order; empty for other VRs */
    public List<DataSet> items() {
        return items;
    }

    /** @return the encoded value (padded, little endian) as a new array; empty for a sequence */
    public byte[] value() {
        return value.clone();
    }

    /** @return the value's length in bytes, even; for a sequence, its items' encoded length */
    public long valueLength() {
        if (vr != VR.SQ) {
            return value.length;
        }
        long n = 0;
        for (DataSet item : items) {
            n += ExplicitLeEncoder.ITEM_HEADER_LENGTH + item.encodedLength();
        }
        return n;
    }

    /** @return the element's encoded length in explicit VR little endian: header plus value, bytes */
    public long encodedLength() {
        return vr.explicitHeaderLength() + valueLength();
    }

    /** @return the value bytes themselves (not copied), for the encoder */
    byte[] rawValue() {
        return value;
    }

    /** @return whether the value, or an item's, holds text with characters outside ASCII (encoded as UTF-8) */
    boolean hasNonAsciiText() {
        return unicode;
    }

    @Override
    public String toString() {
        return name(tag) + " " + vr + (vr == VR.SQ ? " " + items.size() + " item(s)" : " " + value.length + " bytes");
    }

    // ---- helpers ----

    static String name(int tag) {
        return TagNames.describe(tag);
    }

    private static ByteBuffer buffer(int tag, VR vr, long length) {
        checkLength(tag, vr, length);
        return ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] pad(int tag, VR vr, byte[] bytes) {
        byte[] out = bytes;
        if ((bytes.length & 1) == 1) {
            out = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            out[bytes.length] = vr.paddingByte();
        }
        checkLength(tag, vr, out.length);
        return out;
    }

    private static void checkLength(int tag, VR vr, long length) {
        long max = vr.hasLongLength() ? 0xFFFFFFFEL : 0xFFFEL;
        if (length > max || length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(name(tag) + ": value of " + length + " bytes is longer than VR " + vr
                    + " allows in explicit VR (" + Math.min(max, Integer.MAX_VALUE - 16) + " bytes)");
        }
    }
}
