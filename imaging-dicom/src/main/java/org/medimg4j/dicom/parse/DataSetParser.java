package org.medimg4j.dicom.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.DataDictionary;
import org.medimg4j.dicom.dictionary.DictionaryEntry;

/**
 * Parses a data set (PS3.5 section 7) into {@link ParsedDataSet}s, without recursion: sequences and items are
 * levels of an explicit chain, so nesting depth costs heap, not stack, and is bounded by a limit the caller sets.
 *
 * <p>Every declared length is checked against what is left before anything is allocated or skipped: the end of
 * the enclosing defined-length item or sequence, else the end of the file (or what a stream actually delivers).
 * Encapsulated Pixel Data is walked item by item by the items' lengths, so bytes such as FE FF DD E0 inside a
 * fragment are never mistaken for a delimiter, and its fragments are recorded, not read.
 */
public final class DataSetParser {

    /** The length value that means "undefined length" (PS3.5 7.1). */
    public static final long UNDEFINED = 0xFFFFFFFFL;
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITATION = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    static final int PIXEL_DATA = 0x7FE00010;
    private static final int PIXEL_REPRESENTATION = 0x00280103;
    private static final int MAX_WARNINGS = 100;

    /** Where a top-level parse stops before the end of the data. */
    public enum Stop {
        /** Read to the end. */
        NONE,
        /** Stop before (7FE0,0008), (7FE0,0009) or (7FE0,0010) at the top level. */
        BEFORE_PIXEL_DATA,
        /** Stop before the first top-level element outside group 0002 (the end of the file meta group). */
        AFTER_META_GROUP
    }

    private final ByteReader in;
    private final String name;
    private final int maxDepth;
    private final List<String> warnings;
    private final DataDictionary dictionary = DataDictionary.standard();
    private boolean stoppedBeforePixelData;

    /**
     * @param in       where to read, positioned at the data set's first element
     * @param maxDepth the deepest nesting of sequences accepted (1 = sequences whose items hold no sequence)
     * @param warnings where tolerated deviations from the standard are reported (at most 100 are kept)
     */
    public DataSetParser(ByteReader in, int maxDepth, List<String> warnings) {
        this.in = in;
        this.name = in.source().name();
        this.maxDepth = maxDepth;
        this.warnings = warnings;
    }

    /** @return whether the last parse stopped at Pixel Data (which was then not read) */
    public boolean stoppedBeforePixelData() {
        return stoppedBeforePixelData;
    }

    /** A data set being read: the top level or an item. */
    private static final class ItemLevel {
        final ParsedDataSet dataSet;
        final SequenceLevel parent;
        final long end;
        final long limit;
        final boolean explicitVr;
        final boolean bigEndian;
        final int depth;
        int pixelRepresentation;

        ItemLevel(ParsedDataSet dataSet, SequenceLevel parent, long end, long limit, int depth, int pixelRep) {
            this.dataSet = dataSet;
            this.parent = parent;
            this.end = end;
            this.limit = limit;
            this.explicitVr = dataSet.explicitVr();
            this.bigEndian = dataSet.bigEndian();
            this.depth = depth;
            this.pixelRepresentation = pixelRep;
        }
    }

    /** A sequence being read. */
    private static final class SequenceLevel {
        final ItemLevel parent;
        final int tag;
        final VR storedVr;
        final boolean explicitVr;
        final long offset;
        final int headerLength;
        final long length;
        final long end;
        final long limit;
        final boolean itemsExplicitVr;
        final boolean itemsBigEndian;
        final int depth;
        final List<ParsedDataSet> items = new ArrayList<>();

        SequenceLevel(ItemLevel parent, int tag, VR storedVr, long offset, int headerLength, long length,
                      boolean itemsExplicitVr, boolean itemsBigEndian) {
            this.parent = parent;
            this.tag = tag;
            this.storedVr = storedVr;
            this.explicitVr = parent.explicitVr;
            this.offset = offset;
            this.headerLength = headerLength;
            this.length = length;
            this.end = length < 0 ? -1 : offset + headerLength + length;
            this.limit = length < 0 ? parent.limit : end;
            this.itemsExplicitVr = itemsExplicitVr;
            this.itemsBigEndian = itemsBigEndian;
            this.depth = parent.depth + 1;
        }
    }

    /**
     * Parses a top-level data set from the reader's position to the end of the data (or to {@code stop}).
     *
     * @param explicitVr whether elements carry explicit VRs
     * @param bigEndian  whether binary values are big endian
     * @param stop       where to stop early
     * @return the data set
     * @throws DicomException naming the file, the offset and the tag when the data is malformed
     * @throws IOException    when reading fails
     */
    public ParsedDataSet parse(boolean explicitVr, boolean bigEndian, Stop stop) throws IOException {
        stoppedBeforePixelData = false;
        long size = in.source().size();
        ParsedDataSet top = new ParsedDataSet(in.position(), -1, explicitVr, bigEndian);
        ItemLevel root = new ItemLevel(top, null, -1, size < 0 ? Long.MAX_VALUE : size, 0, -1);
        Object level = root;
        while (level != null) {
            level = level instanceof ItemLevel item ? stepItem(item, root, stop) : stepSequence((SequenceLevel) level);
        }
        return top;
    }

    /** Reads one element of an item (or the top level); returns the level to go on with, null when done. */
    private Object stepItem(ItemLevel it, ItemLevel root, Stop stop) throws IOException {
        long pos = in.position();
        if (it.end >= 0 && pos >= it.end) {
            return finishItem(it);
        }
        boolean top = it == root;
        if (top) {
            if (!in.ensure(1)) {
                return null;
            }
            if (!in.ensure(8)) {
                return endOfTopLevel(pos);
            }
            if (stop == Stop.AFTER_META_GROUP && (in.peek(0) | in.peek(1) << 8) != 0x0002) {
                return null;
            }
        } else if (!in.ensure(8)) {
            throw fail(pos, it.parent.tag, "the data ends inside an item of this sequence (no item or sequence "
                    + "delimiter before the end)");
        }
        int tag = in.tag(it.bigEndian);
        if (tag == ITEM_DELIMITATION || tag == SEQUENCE_DELIMITATION) {
            in.u32(it.bigEndian);
            if (!top && it.end < 0) {
                if (tag == ITEM_DELIMITATION) {
                    return finishItem(it);
                }
                if (it.parent.end < 0) {
                    warn(pos, "sequence delimiter closes an item that had no item delimiter");
                    finishItem(it);
                    return finishSequence(it.parent);
                }
            }
            if (top) {
                warn(pos, "stray " + TagNames.describe(tag) + " at the top level, ignored");
                return it;
            }
            throw fail(pos, tag, "delimiter inside a defined-length item");
        }
        if (tag == ITEM) {
            throw fail(pos, tag, "an item where a data element was expected");
        }
        if (top && stop == Stop.BEFORE_PIXEL_DATA && isPixelDataTag(tag)) {
            in.seek(pos);
            stoppedBeforePixelData = true;
            return null;
        }
        return readElement(it, tag, pos);
    }

    private Object endOfTopLevel(long pos) throws IOException {
        int left = 0;
        boolean zeros = true;
        while (in.ensure(left + 1)) {
            zeros &= in.peek(left) == 0;
            left++;
        }
        if (!zeros) {
            throw fail(pos, -1, "the data ends inside an element header (" + left + " bytes left)");
        }
        warn(pos, left + " trailing zero bytes ignored");
        in.skip(left);
        return null;
    }

    private Object readElement(ItemLevel it, int tag, long pos) throws IOException {
        VR stored;
        int headerLength;
        long length;
        if (it.explicitVr) {
            int b0 = in.u8();
            int b1 = in.u8();
            stored = VR.fromBytes(b0, b1);
            if (stored == null) {
                throw fail(pos, tag, String.format("unknown VR bytes %02X %02X", b0, b1));
            }
            if (stored.hasLongLength()) {
                if (!in.ensure(6)) {
                    throw fail(pos, tag, "the data ends inside the element header");
                }
                in.u16(it.bigEndian);
                length = in.u32(it.bigEndian);
                headerLength = 12;
            } else {
                length = in.u16(it.bigEndian);
                headerLength = 8;
            }
        } else {
            length = in.u32(it.bigEndian);
            headerLength = 8;
            stored = null;
        }
        // The dictionary only matters for implicit VR and for UN; explicit VR elements skip the lookup.
        VR dictionaryVr = stored == null || stored == VR.UN ? dictionaryVr(tag, it.pixelRepresentation) : null;
        VR vr;
        if (stored == null) {
            stored = dictionaryVr == null ? VR.UN : dictionaryVr;
            vr = stored;
        } else if (stored == VR.UN && dictionaryVr != null && dictionaryVr != VR.UN) {
            // Public attributes, and private creators (always LO, PS3.5 7.8.1), stored as UN are reported with
            // the VR the standard gives them; the dictionary knows no other private attribute.
            vr = dictionaryVr;
        } else {
            vr = stored;
        }
        if (length == UNDEFINED) {
            return readUndefinedLength(it, tag, pos, stored, headerLength);
        }
        long valuePos = pos + headerLength;
        checkLength(it.limit, valuePos, length, pos, tag, "value");
        if (stored == VR.SQ || vr == VR.SQ) {
            // A public sequence stored as UN holds implicit VR little endian items (PS3.5 6.2.2); only parse it
            // as such when it starts like one.
            boolean asUn = stored != VR.SQ;
            boolean startsWithItem = length >= 8 && in.ensure(4) && in.peek(0) == 0xFE && in.peek(1) == 0xFF
                    && in.peek(2) == 0x00 && in.peek(3) == 0xE0;
            if (!asUn || length == 0 || startsWithItem) {
                SequenceLevel s = new SequenceLevel(it, tag, stored, pos, headerLength, length,
                        !asUn && it.explicitVr, !asUn && it.bigEndian);
                return enterSequence(s);
            }
            vr = VR.UN;
        }
        if (isPixelDataTag(tag)) {
            it.dataSet.add(new ParsedElement(tag, vr, stored, it.explicitVr, it.bigEndian, pos, headerLength, length,
                    ParsedElement.Kind.BULK, null, null, null));
            in.skip(length);
            return it;
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw fail(pos, tag, "a value of " + length + " bytes is too large to hold in memory");
        }
        byte[] value = in.bytes((int) length);
        if (tag == PIXEL_REPRESENTATION && value.length >= 2) {
            it.pixelRepresentation = it.bigEndian ? (value[0] & 0xFF) << 8 | (value[1] & 0xFF)
                    : (value[1] & 0xFF) << 8 | (value[0] & 0xFF);
        }
        it.dataSet.add(new ParsedElement(tag, vr, stored, it.explicitVr, it.bigEndian, pos, headerLength, length,
                ParsedElement.Kind.VALUE, value, null, null));
        return it;
    }

    private Object readUndefinedLength(ItemLevel it, int tag, long pos, VR stored, int headerLength)
            throws IOException {
        if (tag == PIXEL_DATA) {
            it.dataSet.add(new EncapsulatedScanner(this, in).scan(tag, pos, stored, headerLength, it.limit,
                    it.explicitVr, it.bigEndian));
            return it;
        }
        if (stored == VR.SQ || stored == VR.UN || !it.explicitVr) {
            // An undefined-length UN is a sequence of implicit VR little endian items (CP-246, PS3.5 6.2.2);
            // in an implicit VR data set undefined length only exists for sequences.
            boolean cp246 = it.explicitVr && stored == VR.UN;
            SequenceLevel s = new SequenceLevel(it, tag, stored, pos, headerLength, -1,
                    !cp246 && it.explicitVr, !cp246 && it.bigEndian);
            return enterSequence(s);
        }
        throw fail(pos, tag, "undefined length is not allowed for VR " + stored);
    }

    private Object enterSequence(SequenceLevel s) throws DicomException {
        if (s.depth > maxDepth) {
            throw fail(s.offset, s.tag, "sequences nested deeper than " + maxDepth
                    + " levels (the limit set by ReadOptions.maxSequenceDepth)");
        }
        return s;
    }

    /** Reads one item header of a sequence; returns the level to go on with. */
    private Object stepSequence(SequenceLevel s) throws IOException {
        long pos = in.position();
        if (s.end >= 0 && pos >= s.end) {
            return finishSequence(s);
        }
        if (!in.ensure(8)) {
            throw fail(pos, s.tag, s.end < 0 ? "the data ends inside this sequence (no sequence delimiter)"
                    : "the data ends inside this sequence");
        }
        int tag = in.tag(s.itemsBigEndian);
        long length = in.u32(s.itemsBigEndian);
        if (tag == ITEM) {
            long itemEnd = -1;
            if (length != UNDEFINED) {
                checkLength(s.limit, pos + 8, length, pos, s.tag, "item");
                itemEnd = pos + 8 + length;
            }
            ParsedDataSet item = new ParsedDataSet(pos, length == UNDEFINED ? -1 : length, s.itemsExplicitVr,
                    s.itemsBigEndian);
            return new ItemLevel(item, s, itemEnd, itemEnd >= 0 ? itemEnd : s.limit, s.depth,
                    s.parent.pixelRepresentation);
        }
        if (tag == SEQUENCE_DELIMITATION) {
            if (s.end >= 0) {
                throw fail(pos, s.tag, "sequence delimiter inside a defined-length sequence");
            }
            return finishSequence(s);
        }
        if (tag == ITEM_DELIMITATION) {
            warn(pos, "stray item delimiter between the items of " + TagNames.describe(s.tag) + ", ignored");
            return s;
        }
        throw fail(pos, s.tag, "expected an item (FFFE,E000) in this sequence, found " + TagNames.describe(tag));
    }

    private Object finishItem(ItemLevel it) {
        it.parent.items.add(it.dataSet);
        return it.parent;
    }

    private Object finishSequence(SequenceLevel s) {
        s.parent.dataSet.add(new ParsedElement(s.tag, VR.SQ, s.storedVr, s.explicitVr, s.parent.bigEndian, s.offset,
                s.headerLength, s.length, ParsedElement.Kind.SEQUENCE, null, List.copyOf(s.items), null));
        return s.parent;
    }

    /**
     * Checks that {@code length} bytes at {@code valuePos} lie within {@code limit} and exist in the source, before
     * anything is allocated or skipped.
     */
    void checkLength(long limit, long valuePos, long length, long pos, int tag, String what)
            throws IOException {
        if (length > limit - valuePos) {
            boolean fileEnd = limit == Long.MAX_VALUE || limit == in.source().size();
            throw fail(pos, tag, what + " length " + length + " runs past the end of "
                    + (fileEnd ? "the data" : "the enclosing item or sequence (ending at offset " + limit + ")")
                    + " (" + Math.max(0, limit - valuePos) + " bytes left)");
        }
        // The reader stands at valuePos: every caller has just read the header.
        long available = in.available(length);
        if (available < length) {
            throw fail(pos, tag, what + " length " + length + " runs past the end of the data ("
                    + Math.max(0, available) + " bytes left)");
        }
    }

    /** @return the VR the dictionary gives {@code tag}, ambiguities resolved (PS3.5 A.1), or null when unknown */
    private VR dictionaryVr(int tag, int pixelRepresentation) {
        DictionaryEntry e = dictionary.lookup(tag).orElse(null);
        if (e == null) {
            return null;
        }
        String v = e.vr();
        switch (v) {
            case "US/SS":
                // Pixel-valued attributes follow Pixel Representation (PS3.5 A.1 c, PS3.3 C.7.6.3.1).
                return pixelRepresentation == 1 ? VR.SS : VR.US;
            case "OB/OW":
            case "US/SS/OW":
                // Implicit VR pixel, overlay and LUT data are OW (PS3.5 A.1 c).
                return VR.OW;
            case "NONE":
                return null;
            default:
                VR vr = VR.fromName(e.defaultVr());
                return vr == null ? null : vr;
        }
    }

    /** @return whether {@code tag} is (7FE0,0010) Pixel Data, (7FE0,0008) Float or (7FE0,0009) Double Float */
    public static boolean isPixelDataTag(int tag) {
        return tag == PIXEL_DATA || tag == 0x7FE00008 || tag == 0x7FE00009;
    }

    void warn(long pos, String message) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add("offset " + pos + ": " + message);
        }
    }

    DicomException fail(long pos, int tag, String message) {
        return new DicomException(name + ": offset " + pos + (tag == -1 ? "" : ", " + TagNames.describe(tag))
                + ": " + message);
    }
}
