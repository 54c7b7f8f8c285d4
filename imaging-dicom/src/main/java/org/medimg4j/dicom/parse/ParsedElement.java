package org.medimg4j.dicom.parse;

import java.util.List;
import org.medimg4j.dicom.VR;

/**
 * One data element as parsed: its header (tag, VRs, position, declared length) and its value, which is one of:
 * bytes as stored ({@link Kind#VALUE}), items ({@link Kind#SEQUENCE}), a range of the source left unread
 * ({@link Kind#BULK}, native Pixel Data), or the fragment table of encapsulated Pixel Data
 * ({@link Kind#ENCAPSULATED}).
 *
 * @param tag          the tag, group in the high 16 bits
 * @param vr           the VR to report: as stored, except that a public attribute stored as UN gets its dictionary
 *                     VR, and an implicit VR element the dictionary's (UN when unknown)
 * @param storedVr     the VR in the stream; in implicit VR data sets the same as {@code vr}
 * @param explicitVr   whether the header carried the VR
 * @param bigEndian    byte order of the value
 * @param offset       position of the element's tag
 * @param headerLength bytes from the tag to the value: 8 or 12
 * @param length       declared value length, -1 when undefined
 * @param kind         what the value is
 * @param value        the bytes as stored, for {@link Kind#VALUE}; else null
 * @param items        the items, for {@link Kind#SEQUENCE}; else null
 * @param fragments    the fragment table, for {@link Kind#ENCAPSULATED}; else null
 */
public record ParsedElement(int tag, VR vr, VR storedVr, boolean explicitVr, boolean bigEndian, long offset,
                            int headerLength, long length, Kind kind, byte[] value, List<ParsedDataSet> items,
                            Fragments fragments) {

    /** What an element's value is. */
    public enum Kind {
        /** Bytes held in memory. */
        VALUE,
        /** A sequence of items. */
        SEQUENCE,
        /** A native value left in the source (Pixel Data): position {@link #valueOffset()}, {@link #length()}. */
        BULK,
        /** Encapsulated Pixel Data: items read by their lengths, their bytes left in the source. */
        ENCAPSULATED
    }

    /** @return position of the value's first byte */
    public long valueOffset() {
        return offset + headerLength;
    }

    /**
     * The items of encapsulated Pixel Data (PS3.5 A.4): the Basic Offset Table's entries, then each fragment's
     * item position and value length. A fragment's bytes start 8 bytes after its item position.
     *
     * @param basicOffsetTable the Basic Offset Table's entries (empty when the table is empty)
     * @param itemOffsets      position of each fragment's item tag
     * @param lengths          each fragment's length in bytes
     */
    public record Fragments(long[] basicOffsetTable, long[] itemOffsets, long[] lengths) {
    }
}
