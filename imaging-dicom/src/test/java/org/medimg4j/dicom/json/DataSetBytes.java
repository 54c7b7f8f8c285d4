package org.medimg4j.dicom.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.VR;

/**
 * Test fixture: writes the bytes of a small data set element by element (explicit or implicit VR, either byte
 * order), and wraps it as a Part 10 file, so that a test states exactly the input it needs.
 */
public final class DataSetBytes {

    /** An undefined length (0xFFFFFFFF). */
    public static final long UNDEFINED = 0xFFFFFFFFL;

    /** Explicit VR Little Endian. */
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    /** Implicit VR Little Endian. */
    public static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    /** Explicit VR Big Endian. */
    public static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    /** JPEG Baseline, for encapsulated Pixel Data. */
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicit;
    private final boolean bigEndian;

    private DataSetBytes(boolean explicit, boolean bigEndian) {
        this.explicit = explicit;
        this.bigEndian = bigEndian;
    }

    /** @return a writer for the encoding of {@code transferSyntax} (one of the constants) */
    public static DataSetBytes of(String transferSyntax) {
        return new DataSetBytes(!transferSyntax.equals(IMPLICIT_LE), transferSyntax.equals(EXPLICIT_BE));
    }

    /** @return an empty writer in the same encoding (for item contents) */
    public DataSetBytes same() {
        return new DataSetBytes(explicit, bigEndian);
    }

    private DataSetBytes u16(int v) {
        if (bigEndian) {
            out.write(v >>> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >>> 8);
        }
        return this;
    }

    private DataSetBytes u32(long v) {
        return bigEndian ? u16((int) (v >>> 16)).u16((int) v) : u16((int) v).u16((int) (v >>> 16));
    }

    private DataSetBytes tag(int tag) {
        return u16(tag >>> 16).u16(tag & 0xFFFF);
    }

    /** An element header; in implicit VR the VR is not written. */
    public DataSetBytes header(int tag, VR vr, long length) {
        tag(tag);
        if (explicit) {
            out.write(vr.name().charAt(0));
            out.write(vr.name().charAt(1));
            if (vr.hasLongLength()) {
                u16(0).u32(length);
            } else {
                u16((int) length);
            }
        } else {
            u32(length);
        }
        return this;
    }

    /** An element with these value bytes, as given (odd lengths allowed). */
    public DataSetBytes element(int tag, VR vr, byte[] value) {
        header(tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    /** Raw bytes. */
    public DataSetBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A text element in ISO-8859-1, padded to even length. */
    public DataSetBytes text(int tag, VR vr, String s) {
        return text(tag, vr, s, StandardCharsets.ISO_8859_1);
    }

    /** A text element in {@code charset}, padded to even length with the VR's padding byte. */
    public DataSetBytes text(int tag, VR vr, String s, Charset charset) {
        byte[] b = s.getBytes(charset);
        if (b.length % 2 == 1) {
            b = Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = vr.paddingByte();
        }
        return element(tag, vr, b);
    }

    /** @return a buffer of {@code n} bytes in this writer's byte order */
    public ByteBuffer buffer(int n) {
        return ByteBuffer.allocate(n).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /** A binary element whose value is the buffer's content. */
    public DataSetBytes binary(int tag, VR vr, ByteBuffer value) {
        return element(tag, vr, value.array());
    }

    /** A defined-length item. */
    public DataSetBytes item(DataSetBytes content) {
        byte[] c = content.bytes();
        tag(0xFFFEE000).u32(c.length);
        out.writeBytes(c);
        return this;
    }

    /** An undefined-length item, closed by an item delimiter. */
    public DataSetBytes itemUndefined(DataSetBytes content) {
        tag(0xFFFEE000).u32(UNDEFINED);
        out.writeBytes(content.bytes());
        return tag(0xFFFEE00D).u32(0);
    }

    /** A defined-length sequence of already written items. */
    public DataSetBytes sequence(int tag, VR vr, DataSetBytes items) {
        byte[] c = items.bytes();
        header(tag, vr, c.length);
        out.writeBytes(c);
        return this;
    }

    /** An undefined-length sequence, closed by a sequence delimiter. */
    public DataSetBytes sequenceUndefined(int tag, VR vr, DataSetBytes items) {
        header(tag, vr, UNDEFINED);
        out.writeBytes(items.bytes());
        return tag(0xFFFEE0DD).u32(0);
    }

    /** Encapsulated Pixel Data (OB, undefined length): an empty Basic Offset Table, then the fragments. */
    public DataSetBytes encapsulated(byte[]... fragments) {
        header(0x7FE00010, VR.OB, UNDEFINED);
        tag(0xFFFEE000).u32(0);
        for (byte[] f : fragments) {
            tag(0xFFFEE000).u32(f.length);
            out.writeBytes(f);
        }
        return tag(0xFFFEE0DD).u32(0);
    }

    /** @return the bytes written */
    public byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * @param transferSyntax the UID to declare
     * @return a Part 10 file: preamble, "DICM", a meta group, then this data set
     */
    public byte[] part10(String transferSyntax) {
        DataSetBytes meta = new DataSetBytes(true, false)
                .element(0x00020001, VR.OB, new byte[] {0, 1})
                .text(0x00020002, VR.UI, "1.2.840.10008.5.1.4.1.1.7")
                .text(0x00020003, VR.UI, "1.2.3.4")
                .text(0x00020010, VR.UI, transferSyntax);
        byte[] m = meta.bytes();
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[128]);
        f.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        f.writeBytes(new DataSetBytes(true, false)
                .binary(0x00020000, VR.UL, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(m.length))
                .bytes());
        f.writeBytes(m);
        f.writeBytes(bytes());
        return f.toByteArray();
    }

    /** @return this data set read as a Part 10 file in {@code transferSyntax} */
    public DicomFile read(String transferSyntax) throws IOException {
        return DicomFile.read(ByteBuffer.wrap(part10(transferSyntax)), "test.dcm");
    }
}
