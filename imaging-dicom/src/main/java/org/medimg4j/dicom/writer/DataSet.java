package org.medimg4j.dicom.writer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An immutable data set to write: elements in ascending tag order (as PS3.5 7.1 requires), no tag twice. Made by
 * {@link DataSetBuilder}; also the type of a sequence's items. Written by {@link Part10Writer}.
 */
public final class DataSet {

    private static final DataSet EMPTY = new DataSet(new DicomElement[0]);

    private final DicomElement[] elements;
    private final List<DicomElement> list;
    private final long encodedLength;
    private final boolean unicode;

    /** @param elements sorted by unsigned tag, no duplicates (checked by the builder) */
    DataSet(DicomElement[] elements) {
        this.elements = elements;
        this.list = List.of(elements);
        long n = 0;
        boolean u = false;
        for (DicomElement e : elements) {
            n += e.encodedLength();
            u |= e.hasNonAsciiText();
        }
        if (n > 0xFFFFFFFEL - ExplicitLeEncoder.ITEM_HEADER_LENGTH) {
            throw new IllegalArgumentException("data set of " + n + " bytes is longer than a defined-length item"
                    + " or a 2^32-byte file allows");
        }
        this.encodedLength = n;
        this.unicode = u;
    }

    /** @return an empty data set (e.g. an item with nothing in it) */
    public static DataSet empty() {
        return EMPTY;
    }

    /** @return a new, empty builder */
    public static DataSetBuilder builder() {
        return new DataSetBuilder();
    }

    /** @return a builder holding this data set's elements, to add or replace some */
    public DataSetBuilder toBuilder() {
        DataSetBuilder b = new DataSetBuilder();
        for (DicomElement e : elements) {
            b.put(e);
        }
        return b;
    }

    /** @return the elements in ascending tag order (unmodifiable) */
    public List<DicomElement> elements() {
        return list;
    }

    /** @return the number of elements at this level */
    public int size() {
        return elements.length;
    }

    /** @return the element with {@code tag}, if present */
    public Optional<DicomElement> get(int tag) {
        int lo = 0;
        int hi = elements.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(elements[mid].tag(), tag);
            if (c == 0) {
                return Optional.of(elements[mid]);
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** @return whether an element with {@code tag} is present */
    public boolean contains(int tag) {
        return get(tag).isPresent();
    }

    /** @return the encoded length in explicit VR little endian, bytes, sequences with defined lengths */
    public long encodedLength() {
        return encodedLength;
    }

    /** @return whether any element, at any depth, holds non-ASCII text (encoded as UTF-8) */
    boolean hasNonAsciiText() {
        return unicode;
    }

    @Override
    public String toString() {
        return "DataSet" + Arrays.toString(elements);
    }
}
