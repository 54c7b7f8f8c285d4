package org.medimg4j.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Test fixture: writes DICOM bytes element by element, in explicit or implicit VR and either byte order, and wraps
 * a data set as a Part 10 file, so that every parser path (and every writer or listing test) can be fed exactly the
 * input it needs (including wrong input). Public for the tests of the other packages.
 */
public final class DicomBytes {

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

    private DicomBytes(boolean explicit, boolean bigEndian) {
        this.explicit = explicit;
        this.bigEndian = bigEndian;
    }

    /** @return a writer for the encoding of {@code transferSyntax}: implicit VR LE, explicit VR BE, else explicit LE */
    public static DicomBytes of(String transferSyntax) {
        return new DicomBytes(!transferSyntax.equals(IMPLICIT_LE), transferSyntax.equals(EXPLICIT_BE));
    }

    /** @return a writer in Explicit VR Little Endian */
    public static DicomBytes explicitLe() {
        return new DicomBytes(true, false);
    }

    /** @return a writer in Explicit VR Big Endian */
    public static DicomBytes explicitBe() {
        return new DicomBytes(true, true);
    }

    /** @return a writer in Implicit VR Little Endian */
    public static DicomBytes implicitLe() {
        return new DicomBytes(false, false);
    }

    /** @return a writer in the same encoding, for item contents */
    public DicomBytes sameEncoding() {
        return new DicomBytes(explicit, bigEndian);
    }

    /** An unsigned 16-bit value in this writer's byte order. */
    public DicomBytes u16(int v) {
        if (bigEndian) {
            out.write(v >>> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >>> 8);
        }
        return this;
    }

    /** An unsigned 32-bit value in this writer's byte order. */
    public DicomBytes u32(long v) {
        if (bigEndian) {
            u16((int) (v >>> 16));
            u16((int) v);
        } else {
            u16((int) v);
            u16((int) (v >>> 16));
        }
        return this;
    }

    /** Raw bytes, as given. */
    public DicomBytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A tag: group, then element, in this writer's byte order. */
    public DicomBytes tag(int tag) {
        return u16(tag >>> 16).u16(tag & 0xFFFF);
    }

    /** An element header with {@code length} (UNDEFINED allowed), then nothing. */
    public DicomBytes header(int tag, VR vr, long length) {
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
    public DicomBytes element(int tag, VR vr, byte[] value) {
        return header(tag, vr, value.length).raw(value);
    }

    /** A text element in ISO-8859-1, padded to even length with the VR's padding byte. */
    public DicomBytes text(int tag, VR vr, String s) {
        return padded(tag, vr, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A text element in UTF-8, padded to even length with the VR's padding byte. */
    public DicomBytes utf8(int tag, VR vr, String s) {
        return text(tag, vr, s, StandardCharsets.UTF_8);
    }

    /** A text element in {@code charset}, padded to even length with the VR's padding byte. */
    public DicomBytes text(int tag, VR vr, String s, Charset charset) {
        return padded(tag, vr, s.getBytes(charset));
    }

    /** A binary element whose value is the buffer's content (see {@link #buffer(int)}). */
    public DicomBytes binary(int tag, VR vr, ByteBuffer value) {
        return element(tag, vr, value.array());
    }

    /** Encapsulated Pixel Data (OB, undefined length): an empty Basic Offset Table, then the fragments. */
    public DicomBytes encapsulated(byte[]... fragments) {
        header(0x7FE00010, VR.OB, UNDEFINED).tag(0xFFFEE000).u32(0);
        for (byte[] f : fragments) {
            tag(0xFFFEE000).u32(f.length).raw(f);
        }
        return tag(0xFFFEE0DD).u32(0);
    }

    private DicomBytes padded(int tag, VR vr, byte[] b) {
        byte[] v = b;
        if (b.length % 2 == 1) {
            v = java.util.Arrays.copyOf(b, b.length + 1);
            v[b.length] = vr.paddingByte();
        }
        return element(tag, vr, v);
    }

    /** @return a buffer of {@code n} bytes in this writer's byte order */
    public ByteBuffer buffer(int n) {
        return ByteBuffer.allocate(n).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /** A US element of these values. */
    public DicomBytes us(int tag, int... v) {
        ByteBuffer b = buffer(2 * v.length);
        for (int x : v) {
            b.putShort((short) x);
        }
        return element(tag, VR.US, b.array());
    }

    /** An SS element of these values. */
    public DicomBytes ss(int tag, int... v) {
        ByteBuffer b = buffer(2 * v.length);
        for (int x : v) {
            b.putShort((short) x);
        }
        return element(tag, VR.SS, b.array());
    }

    /** A 32-bit integer element (UL, SL, OL) of these values. */
    public DicomBytes ints32(int tag, VR vr, long... v) {
        ByteBuffer b = buffer(4 * v.length);
        for (long x : v) {
            b.putInt((int) x);
        }
        return element(tag, vr, b.array());
    }

    /** A 64-bit integer element (UV, SV, OV) of these values. */
    public DicomBytes longs64(int tag, VR vr, long... v) {
        ByteBuffer b = buffer(8 * v.length);
        for (long x : v) {
            b.putLong(x);
        }
        return element(tag, vr, b.array());
    }

    /** An FL element of these values. */
    public DicomBytes fl(int tag, float... v) {
        ByteBuffer b = buffer(4 * v.length);
        for (float x : v) {
            b.putFloat(x);
        }
        return element(tag, VR.FL, b.array());
    }

    /** An FD element of these values. */
    public DicomBytes fd(int tag, double... v) {
        ByteBuffer b = buffer(8 * v.length);
        for (double x : v) {
            b.putDouble(x);
        }
        return element(tag, VR.FD, b.array());
    }

    /** An AT element of these tags. */
    public DicomBytes at(int tag, int... tags) {
        ByteBuffer b = buffer(4 * tags.length);
        for (int t : tags) {
            b.putShort((short) (t >>> 16)).putShort((short) t);
        }
        return element(tag, VR.AT, b.array());
    }

    /** An item of defined length holding {@code content}. */
    public DicomBytes item(DicomBytes content) {
        byte[] c = content.bytes();
        return tag(0xFFFEE000).u32(c.length).raw(c);
    }

    /** An item of undefined length holding {@code content}, closed by an item delimiter. */
    public DicomBytes itemUndefined(DicomBytes content) {
        return tag(0xFFFEE000).u32(UNDEFINED).raw(content.bytes()).tag(0xFFFEE00D).u32(0);
    }

    /** A defined-length sequence whose value is {@code items} (already written items). */
    public DicomBytes sequence(int tag, VR vr, DicomBytes items) {
        byte[] c = items.bytes();
        return header(tag, vr, c.length).raw(c);
    }

    /** An undefined-length sequence holding {@code items}, closed by a sequence delimiter. */
    public DicomBytes sequenceUndefined(int tag, VR vr, DicomBytes items) {
        return header(tag, vr, UNDEFINED).raw(items.bytes()).tag(0xFFFEE0DD).u32(0);
    }

    /** @return the bytes written */
    public byte[] bytes() {
        return out.toByteArray();
    }

    /** @return the number of bytes written */
    public int size() {
        return out.size();
    }

    /** @return a Part 10 file: preamble, DICM, meta group with group length, then {@code dataSet} as given */
    public static byte[] part10(String transferSyntax, byte[] dataSet) {
        DicomBytes meta = explicitLe()
                .element(0x00020001, VR.OB, new byte[] {0, 1})
                .text(0x00020002, VR.UI, "1.2.840.10008.5.1.4.1.1.7")
                .text(0x00020003, VR.UI, "1.2.3.4")
                .text(0x00020010, VR.UI, transferSyntax);
        byte[] m = meta.bytes();
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[128]);
        f.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        f.writeBytes(explicitLe().ints32(0x00020000, VR.UL, m.length).bytes());
        f.writeBytes(m);
        f.writeBytes(dataSet);
        return f.toByteArray();
    }

    /**
     * @param transferSyntax the UID to declare
     * @return a Part 10 file: preamble, "DICM", a meta group, then this data set
     */
    public byte[] part10(String transferSyntax) {
        return part10(transferSyntax, bytes());
    }

    /** @return this data set read as a Part 10 file in {@code transferSyntax} */
    public DicomFile read(String transferSyntax) throws java.io.IOException {
        return read(part10(transferSyntax));
    }

    /** @return {@code data} compressed as raw deflate (RFC 1951), or with a zlib header when {@code zlib} */
    public static byte[] deflate(byte[] data, boolean zlib) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, !zlib);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            o.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return o.toByteArray();
    }

    /** @return {@code bytes} read as a DICOM file named "test.dcm" */
    public static DicomFile read(byte[] bytes) throws java.io.IOException {
        return DicomFile.read(ByteBuffer.wrap(bytes), "test.dcm");
    }

    /** @return {@code bytes} read as a DICOM file named "test.dcm", with {@code options} */
    public static DicomFile read(byte[] bytes, ReadOptions options) throws java.io.IOException {
        return DicomFile.read(ByteBuffer.wrap(bytes), "test.dcm", options);
    }
}
