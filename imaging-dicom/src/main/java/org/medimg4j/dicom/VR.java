package org.medimg4j.dicom;

/**
 * A DICOM value representation (PS3.5 section 6.2): every VR of the current standard, with what a parser and a
 * writer need to know about its encoding.
 *
 * <p>Explicit VR headers come in two forms (PS3.5 7.1.2): 2-byte VR, 2-byte length for most VRs, and 2-byte VR, 2
 * reserved bytes, 4-byte length for OB OD OF OL OV OW SQ UC UN UR UT SV UV ({@link #hasLongLength()}). Values
 * have even length; a short value is padded with {@link #paddingByte()} (PS3.5 6.2: space for text, NUL for UI
 * and binary).
 */
public enum VR {
    /** Application Entity: text, 16 bytes max, leading and trailing spaces insignificant. */
    AE(Kind.TEXT, 0, false),
    /** Age String: "nnnD", "nnnW", "nnnM" or "nnnY". */
    AS(Kind.TEXT, 0, false),
    /** Attribute Tag: a (group, element) pair of 16-bit unsigned integers, 4 bytes per value. */
    AT(Kind.TAG, 4, false),
    /** Code String: upper-case text, 16 bytes max. */
    CS(Kind.TEXT, 0, false),
    /** Date: "YYYYMMDD". */
    DA(Kind.TEXT, 0, false),
    /** Decimal String: a decimal number as text, 16 bytes max. */
    DS(Kind.TEXT, 0, false),
    /** Date Time: "YYYYMMDDHHMMSS.FFFFFF&amp;ZZXX" with trailing components optional. */
    DT(Kind.TEXT, 0, false),
    /** Floating Point Single: IEEE 754 binary32, 4 bytes per value. */
    FL(Kind.NUMBER, 4, false),
    /** Floating Point Double: IEEE 754 binary64, 8 bytes per value. */
    FD(Kind.NUMBER, 8, false),
    /** Integer String: a signed 32-bit integer as text, 12 bytes max. */
    IS(Kind.TEXT, 0, false),
    /** Long String: text in the Specific Character Set, 64 characters max. */
    LO(Kind.TEXT, 0, false),
    /** Long Text: one value (backslash allowed), 10240 characters max. */
    LT(Kind.TEXT, 0, false),
    /** Other Byte: a byte stream whose order does not depend on the transfer syntax. */
    OB(Kind.BYTES, 1, true),
    /** Other Double: binary64 values. */
    OD(Kind.BYTES, 8, true),
    /** Other Float: binary32 values. */
    OF(Kind.BYTES, 4, true),
    /** Other Long: 32-bit words. */
    OL(Kind.BYTES, 4, true),
    /** Other 64-bit Very Long: 64-bit words. */
    OV(Kind.BYTES, 8, true),
    /** Other Word: 16-bit words, swapped in big endian transfer syntaxes. */
    OW(Kind.BYTES, 2, true),
    /** Person Name: five components per group, up to three groups (alphabetic, ideographic, phonetic). */
    PN(Kind.TEXT, 0, false),
    /** Short String: text in the Specific Character Set, 16 characters max. */
    SH(Kind.TEXT, 0, false),
    /** Signed Long: 32-bit two's complement, 4 bytes per value. */
    SL(Kind.NUMBER, 4, false),
    /** Sequence of Items. */
    SQ(Kind.SEQUENCE, 0, true),
    /** Signed Short: 16-bit two's complement, 2 bytes per value. */
    SS(Kind.NUMBER, 2, false),
    /** Short Text: one value (backslash allowed), 1024 characters max. */
    ST(Kind.TEXT, 0, false),
    /** Signed 64-bit Very Long: 8 bytes per value. */
    SV(Kind.NUMBER, 8, true),
    /** Time: "HHMMSS.FFFFFF" with trailing components optional. */
    TM(Kind.TEXT, 0, false),
    /** Unlimited Characters: text in the Specific Character Set, multi-valued, no length limit. */
    UC(Kind.TEXT, 0, true),
    /** Unique Identifier: dotted digits, 64 bytes max, padded with NUL. */
    UI(Kind.TEXT, 0, false),
    /** Unsigned Long: 32-bit unsigned, 4 bytes per value. */
    UL(Kind.NUMBER, 4, false),
    /** Unknown: bytes whose VR the writer did not know (PS3.5 6.2.2). */
    UN(Kind.BYTES, 1, true),
    /** Universal Resource Identifier (RFC 3986): one value, trailing spaces insignificant. */
    UR(Kind.TEXT, 0, true),
    /** Unsigned Short: 16-bit unsigned, 2 bytes per value. */
    US(Kind.NUMBER, 2, false),
    /** Unlimited Text: one value (backslash allowed), text in the Specific Character Set. */
    UT(Kind.TEXT, 0, true),
    /** Unsigned 64-bit Very Long: 8 bytes per value. */
    UV(Kind.NUMBER, 8, true);

    /** What a VR's value is made of. */
    public enum Kind {
        /** Characters (padded with space, or NUL for UI); see {@link VR#isText()}. */
        TEXT,
        /** Binary numbers of fixed size in the transfer syntax's byte order (FL FD SL SS SV UL US UV). */
        NUMBER,
        /** A binary attribute tag pair (AT). */
        TAG,
        /** A byte or word stream (OB OD OF OL OV OW UN). */
        BYTES,
        /** A sequence of items (SQ). */
        SEQUENCE
    }

    private static final VR[] BY_CODE = new VR[26 * 26];

    static {
        for (VR vr : values()) {
            String n = vr.name();
            BY_CODE[(n.charAt(0) - 'A') * 26 + (n.charAt(1) - 'A')] = vr;
        }
    }

    private final Kind kind;
    private final int bytesPerValue;
    private final boolean longLength;

    VR(Kind kind, int bytesPerValue, boolean longLength) {
        this.kind = kind;
        this.bytesPerValue = bytesPerValue;
        this.longLength = longLength;
    }

    /** @return what the value is made of */
    public Kind kind() {
        return kind;
    }

    /**
     * @return whether an explicit VR header of this VR has 2 reserved bytes and a 4-byte length (OB OD OF OL OV OW
     *         SQ UC UN UR UT SV UV; PS3.5 7.1.2), rather than a 2-byte length
     */
    public boolean hasLongLength() {
        return longLength;
    }

    /** @return the length in bytes of an explicit VR element header: 12 for the long form, else 8 */
    public int explicitHeaderLength() {
        return longLength ? 12 : 8;
    }

    /** @return whether the value is characters (AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT) */
    public boolean isText() {
        return kind == Kind.TEXT;
    }

    /** @return whether the value is binary (numbers, tags or byte/word streams) */
    public boolean isBinary() {
        return kind == Kind.NUMBER || kind == Kind.TAG || kind == Kind.BYTES;
    }

    /**
     * @return the size in bytes of one value for binary VRs (2 for US and OW, 4 for AT, FL, OF..., 8 for FD, OD,
     *         SV...; 1 for OB and UN); 0 for text VRs and SQ
     */
    public int bytesPerValue() {
        return bytesPerValue;
    }

    /**
     * @return the unit whose bytes a big endian transfer syntax reverses: {@link #bytesPerValue()} for binary
     *         VRs, except AT, whose two 16-bit halves are swapped separately (2); 1 (nothing to swap) otherwise
     */
    public int byteSwapUnit() {
        if (this == AT) {
            return 2;
        }
        return bytesPerValue == 0 ? 1 : bytesPerValue;
    }

    /** @return the byte that pads a value to even length: space (0x20) for text other than UI, else NUL */
    public byte paddingByte() {
        return (kind == Kind.TEXT && this != UI) ? (byte) ' ' : 0;
    }

    /**
     * @return whether a backslash separates values (true for text VRs other than LT, ST, UT and UR, whose single
     *         value may contain backslashes; PS3.5 6.1.3)
     */
    public boolean isMultiValuedText() {
        return kind == Kind.TEXT && this != LT && this != ST && this != UT && this != UR;
    }

    /**
     * @return whether the value's characters come from the Specific Character Set (0008,0005) rather than the
     *         default repertoire (SH LO UC ST LT UT PN; PS3.5 6.1.2.3)
     */
    public boolean usesSpecificCharacterSet() {
        return this == SH || this == LO || this == UC || this == ST || this == LT || this == UT || this == PN;
    }

    /** @return the two ASCII characters of the VR as a big-endian 16-bit code, e.g. 0x4F42 for OB */
    public int code() {
        return (name().charAt(0) << 8) | name().charAt(1);
    }

    /**
     * @param b0 the first byte of an explicit VR (e.g. 'O')
     * @param b1 the second byte (e.g. 'B')
     * @return the VR those two bytes spell, or null when they spell none
     */
    public static VR fromBytes(int b0, int b1) {
        int c0 = (b0 & 0xFF) - 'A';
        int c1 = (b1 & 0xFF) - 'A';
        if (c0 < 0 || c0 >= 26 || c1 < 0 || c1 >= 26) {
            return null;
        }
        return BY_CODE[c0 * 26 + c1];
    }

    /**
     * @param name two upper-case letters, e.g. "PN"
     * @return the VR, or null when {@code name} names none
     */
    public static VR fromName(String name) {
        if (name == null || name.length() != 2) {
            return null;
        }
        return fromBytes(name.charAt(0), name.charAt(1));
    }
}
