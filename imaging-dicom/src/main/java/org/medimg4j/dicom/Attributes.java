package org.medimg4j.dicom;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.medimg4j.dicom.charset.SpecificCharacterSet;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * An immutable set of DICOM attributes in tag order: a data set, the file meta group, or one item of a sequence.
 *
 * <p>Getters come in three kinds. {@code getX(tag)} returns an empty Optional (or an empty array / list for the
 * plural ones) when the attribute is absent, has no value, or its value is malformed, e.g. an IS of "1A".
 * {@code getX(tag, default)} returns the default in those cases. {@code requireX(tag)} throws a
 * {@link DicomException} that names the file, the tag as "(gggg,eeee) Keyword" and which of those it is, e.g.
 * {@code "ct.dcm: offset 812, (0028,0008) NumberOfFrames: IS value "1A" is not an integer"}.
 *
 * <p>Text is decoded with the Specific Character Set (0008,0005) in force: the item's own, else its enclosing data
 * set's ({@link #characterSet()}).
 */
public final class Attributes implements Iterable<Attribute> {

    private static final Attributes EMPTY = new Attributes(new Attribute[0], SpecificCharacterSet.DEFAULT, "", -1,
            -1);

    private final Attribute[] attributes;
    private final List<Attribute> list;
    private final int[] keys;
    private final SpecificCharacterSet charset;
    private final String sourceName;
    private final long offset;
    private final long length;

    /**
     * @param attributes in tag order, no tag twice (see {@link AttributesAssembler})
     */
    Attributes(Attribute[] attributes, SpecificCharacterSet charset, String sourceName, long offset, long length) {
        this.attributes = attributes;
        this.list = List.of(attributes);
        // Tags sort as unsigned numbers; flipping the sign bit makes int order agree, for binarySearch.
        this.keys = new int[attributes.length];
        for (int i = 0; i < attributes.length; i++) {
            keys[i] = attributes[i].tag() ^ Integer.MIN_VALUE;
        }
        this.charset = charset;
        this.sourceName = sourceName;
        this.offset = offset;
        this.length = length;
    }

    /** @return an empty attribute set */
    public static Attributes empty() {
        return EMPTY;
    }

    /** @return the number of attributes */
    public int size() {
        return attributes.length;
    }

    /** @return whether there are no attributes */
    public boolean isEmpty() {
        return attributes.length == 0;
    }

    /** @return the attributes in tag order (unmodifiable) */
    public List<Attribute> asList() {
        return list;
    }

    @Override
    public Iterator<Attribute> iterator() {
        return list.iterator();
    }

    /** @return the character set that decodes this set's text */
    public SpecificCharacterSet characterSet() {
        return charset;
    }

    /** @return the file or stream name used in messages */
    public String sourceName() {
        return sourceName;
    }

    /** @return position of this item's tag (FFFE,E000), or of the first element of a top-level data set */
    public long offset() {
        return offset;
    }

    /** @return this item's declared length in bytes; -1 for undefined length, and for a top-level data set */
    public long length() {
        return length;
    }

    private Attribute find(int tag) {
        int i = Arrays.binarySearch(keys, tag ^ Integer.MIN_VALUE);
        return i < 0 ? null : attributes[i];
    }

    /** @return whether the attribute is present (possibly with an empty value) */
    public boolean contains(int tag) {
        return find(tag) != null;
    }

    /** @return the attribute, if present */
    public Optional<Attribute> get(int tag) {
        return Optional.ofNullable(find(tag));
    }

    /** @return the attribute's VR, if present */
    public Optional<VR> vr(int tag) {
        return get(tag).map(Attribute::vr);
    }

    // ---- private attributes (PS3.5 7.8.1) ----

    /**
     * @param creator       the private creator string, e.g. "GEMS_IDEN_01" (compared without surrounding spaces)
     * @param group         an odd group, e.g. 0x0009
     * @param elementOffset the element within the creator's block, 0x00-0xFF (the low byte of the element)
     * @return the tag that attribute has in this data set: (group, block &lt;&lt; 8 | elementOffset), where block is
     *         the element of the private creator (group, 00xx) whose value is {@code creator}; empty when no block
     *         has that creator
     */
    public OptionalInt privateTag(String creator, int group, int elementOffset) {
        if ((group & 1) == 0 || elementOffset < 0 || elementOffset > 0xFF) {
            return OptionalInt.empty();
        }
        String want = creator.strip();
        for (int block = 0x10; block <= 0xFF; block++) {
            if (getString(group << 16 | block).map(String::strip).filter(want::equals).isPresent()) {
                return OptionalInt.of(group << 16 | block << 8 | elementOffset);
            }
        }
        return OptionalInt.empty();
    }

    /** @return the private attribute {@code elementOffset} of {@code creator}'s block in {@code group}, if present */
    public Optional<Attribute> getPrivate(String creator, int group, int elementOffset) {
        OptionalInt t = privateTag(creator, group, elementOffset);
        return t.isPresent() ? get(t.getAsInt()) : Optional.empty();
    }

    /** @return the private creator that reserved the block of private tag {@code tag}, if it is present */
    public Optional<String> privateCreator(int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        if ((group & 1) == 0 || element < 0x1000) {
            return Optional.empty();
        }
        return getString(group << 16 | element >>> 8);
    }

    // ---- text ----

    /** @return the first value as text, trailing padding removed (see {@link Attribute#strings()}) */
    public Optional<String> getString(int tag) {
        Attribute a = find(tag);
        List<String> s = a == null ? List.of() : a.strings();
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    /** @return the first value as text, or {@code defaultValue} when absent or empty */
    public String getString(int tag, String defaultValue) {
        return getString(tag).orElse(defaultValue);
    }

    /** @return all values as text; empty when absent or empty */
    public List<String> getStrings(int tag) {
        Attribute a = find(tag);
        return a == null ? List.of() : a.strings();
    }

    /** @return the first value of a UI attribute (NUL padding removed), if present and made of digits and dots */
    public Optional<String> getUid(int tag) {
        return getString(tag).filter(Attributes::isUid);
    }

    private static boolean isUid(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** @return the first value as a person name */
    public Optional<PersonName> getPersonName(int tag) {
        return getString(tag).map(PersonName::parse);
    }

    /** @return all values as person names */
    public List<PersonName> getPersonNames(int tag) {
        Attribute a = find(tag);
        return a == null ? List.of() : a.personNames();
    }

    // ---- numbers ----

    /** @return the first value as an int (see {@link Attribute#ints()}) */
    public OptionalInt getInt(int tag) {
        int[] v = getInts(tag);
        return v.length == 0 ? OptionalInt.empty() : OptionalInt.of(v[0]);
    }

    /** @return the first value as an int, or {@code defaultValue} when absent, empty or malformed */
    public int getInt(int tag, int defaultValue) {
        return getInt(tag).orElse(defaultValue);
    }

    /** @return all values as ints; empty when absent, empty, or any value is malformed */
    public int[] getInts(int tag) {
        return values(tag, Attribute::ints, new int[0]);
    }

    /** @return the first value as a long (see {@link Attribute#longs()}) */
    public OptionalLong getLong(int tag) {
        long[] v = getLongs(tag);
        return v.length == 0 ? OptionalLong.empty() : OptionalLong.of(v[0]);
    }

    /** @return all values as longs; empty when absent, empty, or any value is malformed */
    public long[] getLongs(int tag) {
        return values(tag, Attribute::longs, new long[0]);
    }

    /** @return the first value as a double (see {@link Attribute#doubles()}) */
    public OptionalDouble getDouble(int tag) {
        double[] v = getDoubles(tag);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    /** @return the first value as a double, or {@code defaultValue} when absent, empty or malformed */
    public double getDouble(int tag, double defaultValue) {
        return getDouble(tag).orElse(defaultValue);
    }

    /** @return all values as doubles; empty when absent, empty, or any value is malformed */
    public double[] getDoubles(int tag) {
        return values(tag, Attribute::doubles, new double[0]);
    }

    /** A typed reading of an attribute's values that may find them malformed. */
    private interface Reading<T> {
        T of(Attribute a) throws DicomException;
    }

    private <T> T values(int tag, Reading<T> reading, T none) {
        Attribute a = find(tag);
        try {
            return a == null || a.isBulkData() || a.isSequence() ? none : reading.of(a);
        } catch (DicomException e) {
            return none;
        }
    }

    // ---- dates and times ----

    /** @return the first value of a DA attribute as a date */
    public Optional<LocalDate> getDate(int tag) {
        return getString(tag).flatMap(s -> quietly(() -> ValueParser.parseDate(s)));
    }

    /** @return the first value of a TM attribute as a time (fractions of a second kept) */
    public Optional<LocalTime> getTime(int tag) {
        return getString(tag).flatMap(s -> quietly(() -> ValueParser.parseTime(s)));
    }

    /** @return the first value of a DT attribute as a local date-time (any UTC offset in it is ignored) */
    public Optional<LocalDateTime> getDateTime(int tag) {
        return getString(tag).flatMap(s -> quietly(() -> ValueParser.parseDateTime(s).local()));
    }

    /**
     * @return the first value of a DT attribute with its UTC offset: the value's own, else Timezone Offset From UTC
     *         (0008,0201) of this data set; empty when neither gives one
     */
    public Optional<OffsetDateTime> getOffsetDateTime(int tag) {
        return getString(tag).flatMap(s -> quietly(() -> {
            ValueParser.DateTimeValue v = ValueParser.parseDateTime(s);
            ZoneOffset z = v.offset() != null ? v.offset() : getString(Tag.TimezoneOffsetFromUTC)
                    .map(o -> ValueParser.parseDateTime("2000" + o).offset()).orElse(null);
            return z == null ? null : v.local().atOffset(z);
        }));
    }

    /**
     * @param dateTag a DA attribute, e.g. {@code Tag.StudyDate}
     * @param timeTag a TM attribute, e.g. {@code Tag.StudyTime}
     * @return the date at the time (midnight when the time is absent or malformed); empty without a valid date
     */
    public Optional<LocalDateTime> getDateTime(int dateTag, int timeTag) {
        return getDate(dateTag).map(d -> d.atTime(getTime(timeTag).orElse(LocalTime.MIDNIGHT)));
    }

    // ---- sequences and bytes ----

    /** @return the items of a sequence; empty when absent, empty, or not a sequence */
    public List<Attributes> getSequence(int tag) {
        Attribute a = find(tag);
        return a == null ? List.of() : a.items();
    }

    /** @return the value bytes as stored (a copy); empty when absent, a sequence, or bulk data */
    public Optional<byte[]> getBytes(int tag) {
        Attribute a = find(tag);
        return a == null || a.isSequence() || a.isBulkData() ? Optional.empty() : Optional.of(a.toByteArray());
    }

    // ---- require ----

    /**
     * @return the attribute
     * @throws DicomException naming the file and tag when it is absent
     */
    public Attribute require(int tag) throws DicomException {
        Attribute a = find(tag);
        if (a == null) {
            throw new DicomException(sourceName + ": " + DicomFile.describe(tag) + " is absent");
        }
        return a;
    }

    private <T> T first(Attribute a, List<T> values) throws DicomException {
        if (values.isEmpty()) {
            throw a.malformed("has no value");
        }
        return values.get(0);
    }

    /** @return the first value as text
     *  @throws DicomException naming the file and tag when absent or empty */
    public String requireString(int tag) throws DicomException {
        Attribute a = require(tag);
        return first(a, a.strings());
    }

    /** @return all values as text, at least one
     *  @throws DicomException naming the file and tag when absent or empty */
    public List<String> requireStrings(int tag) throws DicomException {
        Attribute a = require(tag);
        first(a, a.strings());
        return a.strings();
    }

    /** @return the first value as a UID
     *  @throws DicomException naming the file and tag when absent, empty or not a UID */
    public String requireUid(int tag) throws DicomException {
        Attribute a = require(tag);
        String s = first(a, a.strings());
        if (!isUid(s)) {
            throw a.malformed("\"" + s + "\" is not a UID (digits and dots, at most 64)");
        }
        return s;
    }

    /** @return the first value as a person name
     *  @throws DicomException naming the file and tag when absent or empty */
    public PersonName requirePersonName(int tag) throws DicomException {
        Attribute a = require(tag);
        return first(a, a.personNames());
    }

    /** @return the first value as an int
     *  @throws DicomException naming the file and tag when absent, empty or malformed */
    public int requireInt(int tag) throws DicomException {
        return requireInts(tag)[0];
    }

    /** @return all values as ints, at least one
     *  @throws DicomException naming the file and tag when absent, empty or malformed */
    public int[] requireInts(int tag) throws DicomException {
        Attribute a = requireValue(tag);
        int[] v = a.ints();
        if (v.length == 0) {
            throw a.malformed("has no value");
        }
        return v;
    }

    /** @return the first value as a long
     *  @throws DicomException naming the file and tag when absent, empty or malformed */
    public long requireLong(int tag) throws DicomException {
        Attribute a = requireValue(tag);
        long[] v = a.longs();
        if (v.length == 0) {
            throw a.malformed("has no value");
        }
        return v[0];
    }

    /** @return the first value as a double
     *  @throws DicomException naming the file and tag when absent, empty or malformed */
    public double requireDouble(int tag) throws DicomException {
        return requireDoubles(tag)[0];
    }

    /** @return all values as doubles, at least one
     *  @throws DicomException naming the file and tag when absent, empty or malformed */
    public double[] requireDoubles(int tag) throws DicomException {
        Attribute a = requireValue(tag);
        double[] v = a.doubles();
        if (v.length == 0) {
            throw a.malformed("has no value");
        }
        return v;
    }

    /** @return the first value as a date
     *  @throws DicomException naming the file and tag when absent, empty or not a date */
    public LocalDate requireDate(int tag) throws DicomException {
        return requireParsed(tag, ValueParser::parseDate);
    }

    /** @return the first value as a time
     *  @throws DicomException naming the file and tag when absent, empty or not a time */
    public LocalTime requireTime(int tag) throws DicomException {
        return requireParsed(tag, ValueParser::parseTime);
    }

    /** @return the first value as a local date-time
     *  @throws DicomException naming the file and tag when absent, empty or malformed */
    public LocalDateTime requireDateTime(int tag) throws DicomException {
        return requireParsed(tag, s -> ValueParser.parseDateTime(s).local());
    }

    /** @return the items, at least one
     *  @throws DicomException naming the file and tag when absent, not a sequence, or without items */
    public List<Attributes> requireSequence(int tag) throws DicomException {
        Attribute a = require(tag);
        if (!a.isSequence()) {
            throw a.malformed("is " + a.vr() + ", not a sequence");
        }
        first(a, a.items());
        return a.items();
    }

    /** @return the value bytes (a copy)
     *  @throws DicomException naming the file and tag when absent, a sequence or bulk data */
    public byte[] requireBytes(int tag) throws DicomException {
        Attribute a = require(tag);
        if (a.isSequence() || a.isBulkData()) {
            throw a.malformed(a.isSequence() ? "is a sequence, not bytes"
                    : "is bulk data: read it through DicomFile.pixelData()");
        }
        return a.toByteArray();
    }

    private <T> T requireParsed(int tag, Function<String, T> parse) throws DicomException {
        Attribute a = require(tag);
        String s = first(a, a.strings());
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            throw a.malformed(e.getMessage());
        }
    }

    private Attribute requireValue(int tag) throws DicomException {
        Attribute a = require(tag);
        if (a.isSequence() || a.isBulkData()) {
            throw a.malformed(a.isSequence() ? "is a sequence, not a value" : "is bulk data, not a value");
        }
        return a;
    }

    /** Runs a parse whose IllegalArgumentException means "malformed": then empty. */
    private static <T> Optional<T> quietly(Supplier<T> p) {
        try {
            return Optional.ofNullable(p.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Attributes[" + attributes.length + " attributes from " + sourceName + "]";
    }
}
