package org.medimg4j.dicom.pixel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.medimg4j.dicom.Attribute;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.dictionary.DataDictionary;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * A Palette Color Lookup Table (PS3.3 C.7.6.3.1.5-6, C.7.9): maps the stored values of a PALETTE COLOR image
 * (indices) to red, green and blue, for display. Read from the Red/Green/Blue Palette Color Lookup Table
 * Descriptors (0028,1101-1103) and either the table data (0028,1201-1203) or the segmented table data
 * (0028,1221-1223, discrete, linear and indirect segments, see {@link SegmentedLut}) — in an image, or in a Color
 * Palette object such as the standard's well-known palettes (PS3.6 Annex B). Immutable and thread-safe.
 *
 * <p>Descriptor: number of entries (0 means 65536), first mapped value (read as signed when Pixel Representation
 * is 1, whatever VR it was written with), bits per entry (8 or 16). A value below the first mapped value takes the
 * first entry, one past the table the last (C.7.6.3.1.5). Entry width: for table data, what its length says — one
 * byte per entry, or one 16-bit word (some writers put 8-bit values in 16-bit words while the descriptor says 8, and
 * the words are then the values, as pydicom reads them); for segmented data, the descriptor's bits. 8-bit entries
 * are taken from the OW value's bytes in little-endian word order. RGB output is 8-bit when every channel's
 * entries are 8-bit, else 16-bit. The Alpha table, the Supplemental and Enhanced palette modules are not applied.
 */
public final class PaletteColorLut {

    /** One colour's table. */
    private record Channel(int firstMapped, int[] values, int bits) {
        int lookup(long v) {
            long i = v - firstMapped;
            return values[i < 0 ? 0 : i >= values.length ? values.length - 1 : (int) i];
        }
    }

    private final Channel red;
    private final Channel green;
    private final Channel blue;
    private final int outputBits;

    private PaletteColorLut(Channel red, Channel green, Channel blue) {
        this.red = red;
        this.green = green;
        this.blue = blue;
        this.outputBits = red.bits() == 8 && green.bits() == 8 && blue.bits() == 8 ? 8 : 16;
    }

    /**
     * Reads the palette of a data set (an image with Photometric Interpretation PALETTE COLOR, or a Color Palette).
     *
     * @param dataSet the data set holding the Palette Color Lookup Table module
     * @return the palette
     * @throws DicomException naming the file and tag when a descriptor or its data is absent or malformed
     */
    public static PaletteColorLut of(Attributes dataSet) throws DicomException {
        Objects.requireNonNull(dataSet, "dataSet");
        boolean signed = dataSet.getInt(Tag.PixelRepresentation, 0) == 1;
        return new PaletteColorLut(
                channel(dataSet, Tag.RedPaletteColorLookupTableDescriptor, Tag.RedPaletteColorLookupTableData,
                        Tag.SegmentedRedPaletteColorLookupTableData, signed),
                channel(dataSet, Tag.GreenPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableData,
                        Tag.SegmentedGreenPaletteColorLookupTableData, signed),
                channel(dataSet, Tag.BluePaletteColorLookupTableDescriptor, Tag.BluePaletteColorLookupTableData,
                        Tag.SegmentedBluePaletteColorLookupTableData, signed));
    }

    private static Channel channel(Attributes ds, int descriptorTag, int dataTag, int segmentedTag, boolean signed)
            throws DicomException {
        Attribute d = ds.require(descriptorTag);
        byte[] db = d.toByteArray();
        if (db.length < 6) {
            throw bad(ds, d, "has " + db.length + " bytes, expected three 16-bit values");
        }
        ByteBuffer dbuf = ByteBuffer.wrap(db).order(d.byteOrder());
        int entries = dbuf.getShort(0) & 0xFFFF;
        if (entries == 0) {
            entries = 65536;
        }
        int first = signed ? dbuf.getShort(2) : dbuf.getShort(2) & 0xFFFF;
        int bits = dbuf.getShort(4) & 0xFFFF;
        if (bits != 8 && bits != 16) {
            throw bad(ds, d, "bits per entry " + bits + ", expected 8 or 16");
        }
        Attribute data = ds.get(dataTag).orElse(null);
        if (data != null && !data.isEmpty()) {
            byte[] b = data.toByteArray();
            boolean bytes = b.length == entries || (b.length == entries + 1 && entries % 2 == 1);
            if (!bytes && b.length != 2 * entries) {
                throw bad(ds, data, b.length + " bytes for " + entries + " entries (expected " + entries + " or "
                        + 2 * entries + ")");
            }
            return new Channel(first, bytes ? unsignedBytes(b, data.byteOrder(), entries)
                    : unsignedWords(b, data.byteOrder(), entries), bytes ? 8 : 16);
        }
        Attribute segmented = ds.get(segmentedTag).orElse(null);
        if (segmented == null || segmented.isEmpty()) {
            throw new DicomException(ds.sourceName() + ": " + describe(dataTag) + " and " + describe(segmentedTag)
                    + " are both absent or empty: the palette has no data");
        }
        byte[] b = segmented.toByteArray();
        int[] items = bits == 8 ? unsignedBytes(b, segmented.byteOrder(), b.length)
                : unsignedWords(b, segmented.byteOrder(), b.length / 2);
        try {
            return new Channel(first, SegmentedLut.expand(items, bits / 8, entries, describe(segmentedTag)), bits);
        } catch (IllegalArgumentException e) {
            throw new DicomException(ds.sourceName() + ": offset " + segmented.offset() + ", " + e.getMessage(), e);
        }
    }

    /** 8-bit entries of an OW value, in little-endian word order (swapped back in pairs when stored big endian). */
    private static int[] unsignedBytes(byte[] b, ByteOrder order, int n) {
        int[] out = new int[n];
        boolean swap = order == ByteOrder.BIG_ENDIAN;
        for (int i = 0; i < n; i++) {
            int j = swap ? i ^ 1 : i;
            out[i] = j < b.length ? b[j] & 0xFF : 0;
        }
        return out;
    }

    private static int[] unsignedWords(byte[] b, ByteOrder order, int n) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(order);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = buf.getShort(2 * i) & 0xFFFF;
        }
        return out;
    }

    /** @return the number of entries of the red table (the three usually agree) */
    public int entries() {
        return red.values().length;
    }

    /** @return the stored value mapped to the red table's first entry */
    public int firstMappedValue() {
        return red.firstMapped();
    }

    /** @return 8 when all three tables hold 8-bit entries (RGB output in bytes), else 16 */
    public int outputBits() {
        return outputBits;
    }

    /** @return the red value for a stored value (clamped to the table) */
    public int red(long storedValue) {
        return red.lookup(storedValue);
    }

    /** @return the green value for a stored value (clamped to the table) */
    public int green(long storedValue) {
        return green.lookup(storedValue);
    }

    /** @return the blue value for a stored value (clamped to the table) */
    public int blue(long storedValue) {
        return blue.lookup(storedValue);
    }

    /**
     * @param indices the format of the index frame
     * @return the format of its RGB frame: 3 samples per pixel of {@link #outputBits()}, unsigned, interleaved
     */
    public FrameInfo outputInfo(FrameInfo indices) {
        return new FrameInfo(indices.rows(), indices.columns(), 3, outputBits, outputBits, false, 0, "RGB");
    }

    /**
     * Maps a frame of stored values to RGB into a new buffer.
     *
     * @param info    the index frame's format (one sample per pixel; signed or not)
     * @param indices the stored values, as {@link DicomImage#decodeFrame(int)} gives them
     * @return R,G,B per pixel, bytes when {@link #outputBits()} is 8, else shorts
     */
    public SampleBuffer apply(FrameInfo info, SampleBuffer indices) {
        SampleBuffer out = SampleBuffer.allocate(outputInfo(info));
        apply(info, indices, out);
        return out;
    }

    /**
     * Maps a frame of stored values to RGB.
     *
     * @param info    the index frame's format (one sample per pixel)
     * @param indices the stored values
     * @param rgb     where R,G,B go: BYTES when {@link #outputBits()} is 8, else SHORTS; 3 × pixels from its offset
     * @throws IllegalArgumentException naming the parameter when {@code info} has more than one sample per pixel
     *                                  or {@code rgb} is of the wrong kind or too small
     */
    public void apply(FrameInfo info, SampleBuffer indices, SampleBuffer rgb) {
        if (info.samplesPerPixel() != 1) {
            throw new IllegalArgumentException("info: a palette maps one sample per pixel, not "
                    + info.samplesPerPixel());
        }
        int n = info.rows() * info.columns();
        SampleBuffer.Kind want = outputBits == 8 ? SampleBuffer.Kind.BYTES : SampleBuffer.Kind.SHORTS;
        if (rgb.kind() != want || rgb.capacity() < 3L * n) {
            throw new IllegalArgumentException("rgb: needs a " + want + " buffer of " + 3L * n + " samples, got "
                    + rgb.kind() + " of " + rgb.capacity());
        }
        if (indices.capacity() < n) {
            throw new IllegalArgumentException("indices: holds " + indices.capacity() + " samples, the frame has " + n);
        }
        boolean signed = info.signed();
        int in = indices.offset();
        int o = rgb.offset();
        byte[] b8 = want == SampleBuffer.Kind.BYTES ? rgb.bytes() : null;
        short[] s16 = b8 == null ? rgb.shorts() : null;
        // One loop per index width, so the array type is decided once per frame, not per pixel.
        switch (indices.kind()) {
            case BYTES -> {
                byte[] a = indices.bytes();
                for (int p = 0; p < n; p++) {
                    put(b8, s16, o + 3 * p, signed ? a[in + p] : a[in + p] & 0xFF);
                }
            }
            case SHORTS -> {
                short[] a = indices.shorts();
                for (int p = 0; p < n; p++) {
                    put(b8, s16, o + 3 * p, signed ? a[in + p] : a[in + p] & 0xFFFF);
                }
            }
            case INTS -> {
                int[] a = indices.ints();
                for (int p = 0; p < n; p++) {
                    put(b8, s16, o + 3 * p, signed ? a[in + p] : a[in + p] & 0xFFFFFFFFL);
                }
            }
        }
    }

    private void put(byte[] b8, short[] s16, int d, long v) {
        if (b8 != null) {
            b8[d] = (byte) red.lookup(v);
            b8[d + 1] = (byte) green.lookup(v);
            b8[d + 2] = (byte) blue.lookup(v);
        } else {
            s16[d] = (short) red.lookup(v);
            s16[d + 1] = (short) green.lookup(v);
            s16[d + 2] = (short) blue.lookup(v);
        }
    }

    private static DicomException bad(Attributes ds, Attribute a, String what) {
        return new DicomException(ds.sourceName() + ": offset " + a.offset() + ", " + describe(a.tag()) + ": "
                + what);
    }

    private static String describe(int tag) {
        return DataDictionary.format(tag) + " " + DataDictionary.standard().keyword(tag);
    }

    @Override
    public String toString() {
        return "PaletteColorLut[" + entries() + " entries from " + firstMappedValue() + ", " + outputBits
                + "-bit RGB]";
    }
}
