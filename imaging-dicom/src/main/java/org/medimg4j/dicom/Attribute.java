package org.medimg4j.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medimg4j.dicom.charset.SpecificCharacterSet;
import org.medimg4j.dicom.dictionary.DataDictionary;
import org.medimg4j.dicom.parse.ParsedElement;

/**
 * One data element as read: its header (tag, VR, where it was, its declared length), its value bytes as stored,
 * and the value decoded (text in the data set's Specific Character Set, numbers, person names, items). Immutable.
 * Enough to write a dump or DICOM JSON from: {@link #vr()} is the VR to report (a public attribute stored as UN
 * gets its dictionary VR, {@link #isStoredAsUn()} says so), {@link #bytes()} the bytes as stored.
 *
 * <p>Typed accessors throw a {@link DicomException} naming the file, tag and value when the value does not parse;
 * {@link Attributes}' getters wrap them in Optionals.
 */
public final class Attribute {

    private final ParsedElement element;
    private final List<Attributes> items;
    private final PixelData pixelData;
    private final SpecificCharacterSet charset;
    private final String sourceName;

    Attribute(ParsedElement element, List<Attributes> items, PixelData pixelData, SpecificCharacterSet charset,
              String sourceName) {
        this.element = element;
        this.items = items;
        this.pixelData = pixelData;
        this.charset = charset;
        this.sourceName = sourceName;
    }

    /** @return the tag, group in the high 16 bits */
    public int tag() {
        return element.tag();
    }

    /** @return the dictionary keyword, e.g. "PatientName"; "" for private and unknown tags */
    public String keyword() {
        return DataDictionary.standard().keyword(element.tag());
    }

    /** @return the VR to report (see the class comment) */
    public VR vr() {
        return element.vr();
    }

    /** @return the VR as written in the stream; in implicit VR data sets the dictionary's (UN when unknown) */
    public VR storedVr() {
        return element.storedVr();
    }

    /** @return whether a public attribute was written with VR UN and is reported with its dictionary VR */
    public boolean isStoredAsUn() {
        return element.explicitVr() && element.storedVr() == VR.UN && element.vr() != VR.UN;
    }

    /** @return whether the element's header carried its VR (explicit VR); false: the VR comes from the dictionary */
    public boolean hasExplicitVr() {
        return element.explicitVr();
    }

    /** @return whether the tag is private (odd group) */
    public boolean isPrivate() {
        return (element.tag() >>> 16 & 1) == 1;
    }

    /** @return position of the element's tag in the source (see {@link PixelData} for deflated data sets) */
    public long offset() {
        return element.offset();
    }

    /** @return position of the value's first byte */
    public long valueOffset() {
        return element.valueOffset();
    }

    /** @return the declared value length in bytes; -1 for undefined length (sequences, encapsulated pixel data) */
    public long valueLength() {
        return element.length();
    }

    /** @return whether the value had undefined length (closed by a delimiter) */
    public boolean hasUndefinedLength() {
        return element.length() < 0;
    }

    /** @return the byte order of binary values */
    public ByteOrder byteOrder() {
        return element.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** @return whether this is a sequence (its value is {@link #items()}) */
    public boolean isSequence() {
        return element.kind() == ParsedElement.Kind.SEQUENCE;
    }

    /** @return the items of a sequence; empty for other attributes */
    public List<Attributes> items() {
        return items;
    }

    /** @return whether the value was left in the source (Pixel Data): read it through {@link #pixelData()} */
    public boolean isBulkData() {
        return pixelData != null;
    }

    /** @return the Pixel Data access, for a bulk data element */
    public Optional<PixelData> pixelData() {
        return Optional.ofNullable(pixelData);
    }

    /** @return whether the value is empty: zero length, or a sequence without items */
    public boolean isEmpty() {
        if (isSequence()) {
            return items.isEmpty();
        }
        return element.length() == 0;
    }

    /**
     * @return the value bytes as stored, read-only, in {@link #byteOrder()}
     * @throws IllegalStateException for sequences and bulk data, whose bytes are not held
     */
    public ByteBuffer bytes() {
        byte[] v = element.value();
        if (v == null) {
            throw new IllegalStateException(describe() + (isSequence() ? " is a sequence" : " is bulk data: use "
                    + "pixelData()"));
        }
        return ByteBuffer.wrap(v).asReadOnlyBuffer().order(byteOrder());
    }

    /** @return a copy of the value bytes as stored; empty for sequences and bulk data */
    public byte[] toByteArray() {
        byte[] v = element.value();
        return v == null ? new byte[0] : v.clone();
    }

    /** @return the number of values (VM): text values, binary values, or items */
    public int valueCount() {
        if (isSequence()) {
            return items.size();
        }
        byte[] v = element.value();
        if (v == null) {
            return 1;
        }
        VR vr = element.vr();
        if (vr.isText()) {
            return strings().size();
        }
        if (vr.kind() == VR.Kind.BYTES) {
            return v.length == 0 ? 0 : 1;
        }
        return v.length / vr.bytesPerValue();
    }

    /** @return the whole value decoded as text, before splitting into values (padding kept) */
    private String text() {
        byte[] v = element.value();
        if (v == null || v.length == 0) {
            return "";
        }
        VR vr = element.vr();
        SpecificCharacterSet cs = vr.usesSpecificCharacterSet() || vr == VR.UN ? charset
                : SpecificCharacterSet.DEFAULT;
        return cs.decode(v, 0, v.length, vr == VR.PN);
    }

    /**
     * The values as text: for text VRs (and UN, read as text in the data set's character set) the decoded values,
     * split at backslashes except for LT, ST, UT and UR, with trailing spaces and NULs removed (and leading spaces
     * for AE, CS, DA, DS, DT, IS, TM, where PS3.5 makes them insignificant); for binary numbers their decimal form;
     * for AT "(gggg,eeee)". Empty for OB, OW and other byte streams, sequences and bulk data.
     *
     * @return the values in order
     */
    public List<String> strings() {
        VR vr = element.vr();
        byte[] v = element.value();
        if (v == null || v.length == 0) {
            return List.of();
        }
        if (vr.isText() || vr == VR.UN) {
            String t = text();
            boolean lead = vr == VR.AE || vr == VR.CS || vr == VR.DA || vr == VR.DS || vr == VR.DT || vr == VR.IS
                    || vr == VR.TM;
            if (!vr.isMultiValuedText() && vr != VR.UN) {
                return List.of(trim(t, false));
            }
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= t.length(); i++) {
                if (i == t.length() || t.charAt(i) == '\\') {
                    out.add(trim(t.substring(start, i), lead));
                    start = i + 1;
                }
            }
            return out;
        }
        if (vr.kind() == VR.Kind.NUMBER || vr == VR.AT) {
            BinaryValues b = new BinaryValues(bytes(), vr);
            List<String> out = new ArrayList<>(b.count());
            for (int i = 0; i < b.count(); i++) {
                out.add(b.text(i));
            }
            return out;
        }
        return List.of();
    }

    private static String trim(String s, boolean leading) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
            end--;
        }
        int start = 0;
        while (leading && start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }

    /** @return the values of a PN attribute as person names (other text VRs are parsed the same way) */
    public List<PersonName> personNames() {
        List<String> s = strings();
        List<PersonName> out = new ArrayList<>(s.size());
        for (String v : s) {
            out.add(PersonName.parse(v));
        }
        return out;
    }

    /**
     * @return the values as 32-bit ints: binary integers (US SS SL UL SV UV), IS, integral DS or FL/FD, and other
     *         text read as integers
     * @throws DicomException naming the tag when a value is not an integer or does not fit in an int
     */
    public int[] ints() throws DicomException {
        long[] l = longs();
        int[] out = new int[l.length];
        try {
            for (int i = 0; i < l.length; i++) {
                out[i] = ValueParser.toInt(l[i], element.vr());
            }
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        return out;
    }

    /**
     * @return the values as 64-bit longs (UV values above 2^63 - 1 are refused)
     * @throws DicomException naming the tag when a value is not an integer
     */
    public long[] longs() throws DicomException {
        VR vr = element.vr();
        try {
            if (vr.kind() == VR.Kind.NUMBER) {
                BinaryValues b = new BinaryValues(bytes(), vr);
                long[] out = new long[b.count()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.integer(i);
                }
                return out;
            }
            if (vr.isText() || vr == VR.UN) {
                List<String> s = strings();
                long[] out = new long[s.size()];
                for (int i = 0; i < out.length; i++) {
                    if (vr == VR.DS) {
                        double d = ValueParser.parseDecimal(s.get(i), vr);
                        if (d != Math.rint(d) || Math.abs(d) > 9.0e18) {
                            throw new IllegalArgumentException("DS value \"" + s.get(i) + "\" is not an integer");
                        }
                        out[i] = (long) d;
                    } else {
                        out[i] = ValueParser.parseInteger(s.get(i), vr);
                    }
                }
                return out;
            }
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        throw malformed("a " + vr + " value has no integer reading");
    }

    /**
     * @return the values as doubles: DS, IS, FL, FD, binary integers, OF and OD, and other text read as decimals
     * @throws DicomException naming the tag when a value is not a number
     */
    public double[] doubles() throws DicomException {
        VR vr = element.vr();
        try {
            if (vr.kind() == VR.Kind.NUMBER || vr == VR.OF || vr == VR.OD) {
                BinaryValues b = new BinaryValues(bytes(), vr == VR.OF ? VR.FL : vr == VR.OD ? VR.FD : vr);
                double[] out = new double[b.count()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.real(i);
                }
                return out;
            }
            if (vr.isText() || vr == VR.UN) {
                List<String> s = strings();
                double[] out = new double[s.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = ValueParser.parseDecimal(s.get(i), vr);
                }
                return out;
            }
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        throw malformed("a " + vr + " value has no numeric reading");
    }

    /**
     * @return the values of an AT attribute as tags (group in the high 16 bits)
     * @throws DicomException naming the tag when the attribute is not AT or its length is not a multiple of 4
     */
    public int[] tags() throws DicomException {
        if (element.vr() != VR.AT || element.value() == null) {
            throw malformed("a " + element.vr() + " value holds no tags");
        }
        BinaryValues b = new BinaryValues(bytes(), VR.AT);
        int[] out = new int[b.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) b.integer(i);
        }
        return out;
    }

    /**
     * For callers that interpret a value and find it wrong (a LUT shorter than its descriptor says, say).
     *
     * @param what what is wrong, e.g. "has 2 values, expected 3"
     * @return a DicomException naming the file, offset and tag, saying {@code what}
     */
    public DicomException malformed(String what) {
        return new DicomException(sourceName + ": offset " + element.offset() + ", " + describe() + ": " + what);
    }

    /** @return "(gggg,eeee) Keyword" */
    String describe() {
        return DicomFile.describe(element.tag());
    }

    /** @return e.g. "(0010,0010) PN PatientName [Doe^John]" (values shortened) */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(describe()).insert(11, " " + vr());
        if (isSequence()) {
            return sb.append(" (").append(items.size()).append(" items)").toString();
        }
        if (isBulkData()) {
            return sb.append(' ').append(pixelData).toString();
        }
        String v = String.join("\\", strings());
        if (v.isEmpty() && element.value() != null && element.value().length > 0) {
            v = element.value().length + " bytes";
        }
        return sb.append(" [").append(v.length() > 64 ? v.substring(0, 64) + "..." : v).append(']').toString();
    }
}
