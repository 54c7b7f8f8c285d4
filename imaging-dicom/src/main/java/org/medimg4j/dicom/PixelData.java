package org.medimg4j.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.medimg4j.dicom.parse.ByteSource;
import org.medimg4j.dicom.parse.ParsedElement;

/**
 * A Pixel Data element ((7FE0,0010), or Float / Double Float Pixel Data) whose bytes were left in the source: where
 * they are, and reads of any part of them on demand, so that one frame of a large multi-frame object can be read
 * without loading or decoding the others.
 *
 * <p>Native data ({@link #isEncapsulated()} false) is one value of {@link #length()} bytes at {@link #offset()},
 * in {@link #byteOrder()} (for big endian OW, each 16-bit word is swapped; OB bytes are never swapped). Encapsulated
 * data (PS3.5 A.4) is a Basic Offset Table item then fragments: {@link #basicOffsetTable()}, {@link #fragments()},
 * and the Extended Offset Table (7FE0,0001) / Lengths (7FE0,0002) when the data set has them. Offsets in those
 * tables count from the first byte of the first fragment's item tag; {@link #fragmentAt(long)} maps them to
 * fragments. Which fragments make which frame is the pixel layer's decision.
 *
 * <p>Positions are bytes from the start of the file; for a deflated data set, positions in the inflated stream,
 * which continue from where the deflated stream starts. Reads are thread-safe. For a file read by path, the file
 * is opened on the first read and kept open until {@link DicomFile#close()}.
 */
public final class PixelData {

    /**
     * One fragment of encapsulated Pixel Data.
     *
     * @param itemOffset position of its item tag (FFFE,E000)
     * @param offset     position of its first byte ({@code itemOffset + 8})
     * @param length     its length in bytes
     */
    public record Fragment(long itemOffset, long offset, long length) {
    }

    private final ParsedElement element;
    private final ByteSource source;
    private final String sourceName;
    private final long[] extendedOffsets;
    private final long[] extendedLengths;

    PixelData(ParsedElement element, ByteSource source, String sourceName, long[] extendedOffsets,
              long[] extendedLengths) {
        this.element = element;
        this.source = source;
        this.sourceName = sourceName;
        this.extendedOffsets = extendedOffsets;
        this.extendedLengths = extendedLengths;
    }

    /** @return the tag, e.g. 0x7FE00010 */
    public int tag() {
        return element.tag();
    }

    /** @return the VR: OB or OW for native data (OW in implicit VR), OB for encapsulated data, OF or OD for float */
    public VR vr() {
        return element.vr();
    }

    /** @return the byte order of native multi-byte values */
    public ByteOrder byteOrder() {
        return element.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** @return whether the data is encapsulated (fragments), not native */
    public boolean isEncapsulated() {
        return element.kind() == ParsedElement.Kind.ENCAPSULATED;
    }

    /** @return position of the element's tag */
    public long elementOffset() {
        return element.offset();
    }

    /** @return position of the value's first byte (for encapsulated data: of the Basic Offset Table item's tag) */
    public long offset() {
        return element.valueOffset();
    }

    /** @return the value length in bytes for native data; -1 (undefined length) for encapsulated data */
    public long length() {
        return element.length();
    }

    /** @return the entries of the Basic Offset Table; empty when the table is empty (or native data) */
    public long[] basicOffsetTable() {
        return isEncapsulated() ? element.fragments().basicOffsetTable().clone() : new long[0];
    }

    /** @return the Extended Offset Table (7FE0,0001), one offset per frame, if the data set has one */
    public Optional<long[]> extendedOffsetTable() {
        return Optional.ofNullable(extendedOffsets).map(long[]::clone);
    }

    /** @return the Extended Offset Table Lengths (7FE0,0002), one length per frame, if the data set has them */
    public Optional<long[]> extendedOffsetTableLengths() {
        return Optional.ofNullable(extendedLengths).map(long[]::clone);
    }

    /** @return the number of fragments (0 for native data) */
    public int fragmentCount() {
        return isEncapsulated() ? element.fragments().lengths().length : 0;
    }

    /** @return the fragments in order (empty for native data) */
    public List<Fragment> fragments() {
        int n = fragmentCount();
        return new AbstractList<>() {
            @Override
            public Fragment get(int i) {
                return fragment(i);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    /**
     * @param index 0 to {@link #fragmentCount()} - 1
     * @return the fragment
     * @throws IndexOutOfBoundsException naming the index when out of range
     */
    public Fragment fragment(int index) {
        checkFragment(index);
        long item = element.fragments().itemOffsets()[index];
        return new Fragment(item, item + 8, element.fragments().lengths()[index]);
    }

    /**
     * @param relativeOffset an offset from a Basic or Extended Offset Table: bytes from the first fragment's item tag
     * @return the index of the fragment whose item starts there, if one does
     */
    public OptionalInt fragmentAt(long relativeOffset) {
        int n = fragmentCount();
        if (n == 0) {
            return OptionalInt.empty();
        }
        long[] items = element.fragments().itemOffsets();
        long target = items[0] + relativeOffset;
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (items[mid] < target) {
                lo = mid + 1;
            } else if (items[mid] > target) {
                hi = mid - 1;
            } else {
                return OptionalInt.of(mid);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Reads a whole fragment.
     *
     * @param index the fragment
     * @return a new buffer holding its bytes, position 0
     * @throws DicomException when the source no longer holds them (the file shrank)
     * @throws IOException    when reading fails
     */
    public ByteBuffer readFragment(int index) throws IOException {
        Fragment f = fragment(index);
        ByteBuffer b = ByteBuffer.allocate(checkedSize(f.length(), "fragment " + index));
        fill(f.offset(), b);
        return b.flip();
    }

    /**
     * Reads part of one fragment straight into a caller's buffer: {@code dst.remaining()} bytes from
     * {@code offsetInFragment}, advancing {@code dst}'s position. For looking at a fragment's first or last bytes
     * (where a frame starts or ends) without loading the fragment.
     *
     * @param index            the fragment
     * @param offsetInFragment first byte, from the start of the fragment's data
     * @param dst              where the bytes go
     * @throws IllegalArgumentException naming offsetInFragment when the range is not inside the fragment
     * @throws IOException              when reading fails
     */
    public void readFragment(int index, long offsetInFragment, ByteBuffer dst) throws IOException {
        Fragment f = fragment(index);
        if (offsetInFragment < 0 || offsetInFragment + dst.remaining() > f.length()) {
            throw new IllegalArgumentException("offsetInFragment " + offsetInFragment + " + " + dst.remaining()
                    + " bytes is outside fragment " + index + " of " + f.length() + " bytes");
        }
        fill(f.offset() + offsetInFragment, dst);
    }

    /**
     * Reads consecutive fragments into one buffer (the fragments of one frame, for codecs that want one stream).
     *
     * @param from first fragment
     * @param to   one past the last fragment
     * @return a new buffer with the fragments' bytes concatenated, position 0
     * @throws IOException when reading fails
     */
    public ByteBuffer readFragments(int from, int to) throws IOException {
        if (from < 0 || to > fragmentCount() || from > to) {
            throw new IndexOutOfBoundsException("fragments " + from + " to " + to + " of " + fragmentCount());
        }
        long total = 0;
        for (int i = from; i < to; i++) {
            total += element.fragments().lengths()[i];
        }
        ByteBuffer b = ByteBuffer.allocate(checkedSize(total, "fragments " + from + " to " + to));
        for (int i = from; i < to; i++) {
            Fragment f = fragment(i);
            b.limit(b.position() + (int) f.length());
            fill(f.offset(), b);
        }
        return b.flip();
    }

    /**
     * Reads the whole native value.
     *
     * @return a new buffer in {@link #byteOrder()}, position 0
     * @throws IOException when reading fails, or the value is over 2 GiB (read it in ranges)
     */
    public ByteBuffer read() throws IOException {
        requireNative();
        return read(0, checkedSize(length(), "the Pixel Data value"));
    }

    /**
     * Reads part of the native value (e.g. one frame).
     *
     * @param offsetInValue first byte, from the start of the value
     * @param length        number of bytes
     * @return a new buffer in {@link #byteOrder()}, position 0
     * @throws IOException when reading fails
     */
    public ByteBuffer read(long offsetInValue, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(byteOrder());
        read(offsetInValue, b);
        return b.flip();
    }

    /**
     * Reads part of the native value straight into a caller's buffer (heap or direct): {@code dst.remaining()}
     * bytes from {@code offsetInValue}, advancing {@code dst}'s position.
     *
     * @param offsetInValue first byte, from the start of the value
     * @param dst           where the bytes go
     * @throws IllegalArgumentException naming offsetInValue when the range is not inside the value
     * @throws IOException              when reading fails
     */
    public void read(long offsetInValue, ByteBuffer dst) throws IOException {
        requireNative();
        if (offsetInValue < 0 || offsetInValue + dst.remaining() > length()) {
            throw new IllegalArgumentException("offsetInValue " + offsetInValue + " + " + dst.remaining()
                    + " bytes is outside the Pixel Data value of " + length() + " bytes");
        }
        fill(offset() + offsetInValue, dst);
    }

    private void fill(long position, ByteBuffer dst) throws IOException {
        long p = position;
        while (dst.hasRemaining()) {
            int n = source.read(p, dst);
            if (n <= 0) {
                throw new DicomException(sourceName + ": offset " + p + ", " + DicomFile.describe(tag())
                        + ": the data ends before the pixel bytes do (the file changed or was truncated)");
            }
            p += n;
        }
    }

    private void requireNative() {
        if (isEncapsulated()) {
            throw new IllegalStateException(DicomFile.describe(tag()) + " is encapsulated: read it by fragments");
        }
    }

    private void checkFragment(int index) {
        if (index < 0 || index >= fragmentCount()) {
            throw new IndexOutOfBoundsException("fragment index " + index + " of " + fragmentCount());
        }
    }

    private int checkedSize(long n, String what) throws DicomException {
        if (n > Integer.MAX_VALUE - 16) {
            throw new DicomException(sourceName + ": " + what + " is " + n + " bytes, too large for one buffer; read"
                    + " it in ranges");
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return DicomFile.describe(tag()) + (isEncapsulated() ? " encapsulated, " + fragmentCount() + " fragments"
                : " native, " + length() + " bytes") + " at offset " + offset();
    }
}
