package org.medimg4j.dicom.writer;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.DataDictionary;
import org.medimg4j.dicom.dictionary.DictionaryEntry;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Builds a {@link DataSet} with typed setters. A setter without a VR takes the VR from the data dictionary
 * ({@link DataDictionary}); where the dictionary lists several (e.g. "US/SS" for Smallest Image Pixel Value) or
 * has none (private tags), pass the VR. Setting a tag twice keeps the last value.
 *
 * <p>What the builder refuses, naming the tag: File Meta Information (group 0002, written by {@link Part10Writer}),
 * group length elements (gggg,0000) — retired outside group 0002 (PS3.5 7.2) — and Specific Character Set
 * (0008,0005), which {@link #build()} sets itself: to {@code ISO_IR 192} (UTF-8) when some text is not ASCII,
 * else it is left out (the default repertoire). Value errors are refused by {@link DicomElement}'s factories.
 *
 * <p>Not thread-safe; the data set it builds is immutable.
 */
public final class DataSetBuilder {

    private final TreeMap<Integer, DicomElement> elements = new TreeMap<>(Integer::compareUnsigned);

    DataSetBuilder() {
    }

    /**
     * @param tag    the tag; its VR from the dictionary must be a text VR
     * @param values the values (none for an empty Type 2 element)
     * @return this builder
     */
    public DataSetBuilder string(int tag, String... values) {
        return string(tag, dictionaryVr(tag), values);
    }

    /**
     * @param tag    the tag
     * @param vr     a text VR
     * @param values the values (none for an empty Type 2 element)
     * @return this builder
     */
    public DataSetBuilder string(int tag, VR vr, String... values) {
        return add(DicomElement.text(tag, vr, values));
    }

    /**
     * @param tag    the tag; its dictionary VR must be one of US, SS, UL, SL, SV, UV, IS
     * @param values the values
     * @return this builder
     */
    public DataSetBuilder ints(int tag, int... values) {
        return ints(tag, dictionaryVr(tag), values);
    }

    /**
     * @param tag    the tag
     * @param vr     US, SS, UL, SL, SV, UV, IS or DS
     * @param values the values
     * @return this builder
     */
    public DataSetBuilder ints(int tag, VR vr, int... values) {
        return add(DicomElement.longs(tag, vr, Arrays.stream(values).asLongStream().toArray()));
    }

    /**
     * @param tag    the tag
     * @param vr     US, SS, UL, SL, SV, UV, IS or DS
     * @param values the values (UL up to 2³²−1)
     * @return this builder
     */
    public DataSetBuilder longs(int tag, VR vr, long... values) {
        return add(DicomElement.longs(tag, vr, values));
    }

    /**
     * @param tag    the tag; its dictionary VR must be DS, FD or FL
     * @param values finite values (DS values formatted to at most 16 characters, see {@link DecimalString})
     * @return this builder
     */
    public DataSetBuilder doubles(int tag, double... values) {
        return doubles(tag, dictionaryVr(tag), values);
    }

    /**
     * @param tag    the tag
     * @param vr     DS, FD or FL
     * @param values finite values
     * @return this builder
     */
    public DataSetBuilder doubles(int tag, VR vr, double... values) {
        return add(DicomElement.doubles(tag, vr, values));
    }

    /**
     * @param tag   the tag; its dictionary VR must be SQ
     * @param items the items, in order (none for an empty Type 2 sequence)
     * @return this builder
     */
    public DataSetBuilder sequence(int tag, DataSet... items) {
        return sequence(tag, List.of(items));
    }

    /**
     * @param tag   the tag; its dictionary VR must be SQ
     * @param items the items, in order
     * @return this builder
     */
    public DataSetBuilder sequence(int tag, List<DataSet> items) {
        VR vr = dictionaryVr(tag);
        if (vr != VR.SQ) {
            throw new IllegalArgumentException(DicomElement.name(tag) + " is " + vr + " in the dictionary, not SQ");
        }
        return add(DicomElement.sequence(tag, items));
    }

    /**
     * @param tag   the tag
     * @param vr    OB, OW, OL, OF, OD, OV or UN (multi-byte words already little endian)
     * @param value the bytes, copied
     * @return this builder
     */
    public DataSetBuilder bytes(int tag, VR vr, byte[] value) {
        return add(DicomElement.bytes(tag, vr, value));
    }

    /**
     * @param tag the tag; its dictionary VR decides the element's
     * @return this builder, with the element present and empty (a Type 2 attribute whose value is unknown)
     */
    public DataSetBuilder empty(int tag) {
        return add(DicomElement.empty(tag, dictionaryVr(tag)));
    }

    /**
     * Native Pixel Data (7FE0,0010) as OW: 16-bit samples, row by row, written little endian (PS3.5 8.1.1, A.2).
     *
     * @param samples Rows × Columns × frames samples, signed or unsigned as Pixel Representation says
     * @return this builder
     */
    public DataSetBuilder pixels(short[] samples) {
        return add(DicomElement.words(Tag.PixelData, samples));
    }

    /**
     * @param element any element the factories of {@link DicomElement} made
     * @return this builder
     */
    public DataSetBuilder element(DicomElement element) {
        return add(element);
    }

    /**
     * @param tag the tag to drop
     * @return this builder, without that element
     */
    public DataSetBuilder remove(int tag) {
        elements.remove(tag);
        return this;
    }

    /** @return whether an element with {@code tag} is set */
    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /**
     * @return the data set, with Specific Character Set (0008,0005) {@code ISO_IR 192} when some text, at any
     *         depth, is not ASCII
     */
    public DataSet build() {
        boolean unicode = false;
        for (DicomElement e : elements.values()) {
            unicode |= e.hasNonAsciiText();
        }
        if (unicode) {
            elements.put(Tag.SpecificCharacterSet, DicomElement.text(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192"));
        } else {
            elements.remove(Tag.SpecificCharacterSet);
        }
        return new DataSet(elements.values().toArray(new DicomElement[0]));
    }

    /** Adds without the checks of {@link #add}, for {@link DataSet#toBuilder()}. */
    void put(DicomElement e) {
        elements.put(e.tag(), e);
    }

    private DataSetBuilder add(DicomElement e) {
        int tag = e.tag();
        if ((tag >>> 16) == 0x0002) {
            throw new IllegalArgumentException(DicomElement.name(tag) + ": File Meta Information (group 0002) is"
                    + " written by Part10Writer, not set in the data set");
        }
        if ((tag & 0xFFFF) == 0) {
            throw new IllegalArgumentException(DicomElement.name(tag) + ": group length elements are retired outside"
                    + " group 0002 (PS3.5 7.2) and are not written");
        }
        if (tag == Tag.SpecificCharacterSet) {
            throw new IllegalArgumentException(DicomElement.name(tag) + " is set by build(): ISO_IR 192 when some"
                    + " text is not ASCII, else absent");
        }
        if ((tag >>> 16) == 0xFFFE) {
            throw new IllegalArgumentException(DicomElement.name(tag) + ": item and delimitation tags are not"
                    + " elements");
        }
        elements.put(tag, e);
        return this;
    }

    private static VR dictionaryVr(int tag) {
        DictionaryEntry entry = DataDictionary.standard().lookup(tag).orElseThrow(() -> new IllegalArgumentException(
                DicomElement.name(tag) + " is not in the data dictionary; pass its VR"));
        VR vr = VR.fromName(entry.vr());
        if (vr == null) {
            throw new IllegalArgumentException(DicomElement.name(tag) + " has VR " + entry.vr()
                    + " in the data dictionary; pass the VR to use");
        }
        return vr;
    }
}
