package org.medimg4j.dicom.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.medimg4j.dicom.Attribute;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.PixelData;
import org.medimg4j.dicom.VR;

/**
 * Writes a data set as the DICOM JSON Model (PS3.18 F.2): one JSON object whose keys are the tags as eight
 * upper-case hex digits, in tag order, each holding {@code "vr"} and the value as {@code "Value"},
 * {@code "InlineBinary"} or {@code "BulkDataURI"}.
 *
 * <p>Conventions (those of the conformance corpus' {@code json/} oracles, which follow F.2 where it decides):
 * <ul>
 *   <li>The File Meta Information (group 0002), group lengths (gggg,0000) and Data Set Trailing Padding (FFFC,FFFC)
 *       are left out, at every nesting level: they describe an encoding, not the data set.</li>
 *   <li>VR: {@link Attribute#vr()}, i.e. the explicit VR as written, except that a public attribute written as UN
 *       gets its dictionary VR; in implicit VR data sets the dictionary VR, and UN for private attributes other than
 *       private creators (no private dictionary is assumed). An undefined-length UN is a sequence (CP-246).</li>
 *   <li>OB OD OF OL OV OW UN: a value longer than {@link Builder#bulkDataThreshold(int)} bytes (1024 by default),
 *       and encapsulated Pixel Data whatever its size, is {@code {"vr": .., "BulkDataURI": ""}} (F.2.6; the URI is
 *       empty because this writer serves no bulk data); a shorter one is {@code InlineBinary}, the base64 of the
 *       bytes as stored in the file (for a big endian file, in its byte order); an empty one has only {@code vr}.</li>
 *   <li>Strings are decoded with the Specific Character Set in force (ISO 2022 escapes and per-item character sets
 *       included), trailing padding removed; (0008,0005) itself is written as in the file.</li>
 *   <li>PN: objects with {@code Alphabetic}, {@code Ideographic}, {@code Phonetic}, each present when not empty
 *       (F.2.2).</li>
 *   <li>DS IS FL FD SL SS UL US SV UV are JSON numbers (F.2.3). DS is written as its text when that is a JSON
 *       number, else normalised ({@code "+.5"} becomes {@code 0.5}), so no digit is lost. FL is written at float
 *       precision (the shortest decimal that reads back as the same float32). SV and UV whose magnitude exceeds
 *       2^53 - 1 are JSON strings of their decimal value (F.2.3.1), because a JSON number beyond that is not exact
 *       in most readers. A DS or IS that is not a number at all is kept as a JSON string, rather than dropped.
 *       Non-finite FL/FD values are written as the strings "NaN", "Infinity", "-Infinity".</li>
 *   <li>AT: strings of eight upper-case hex digits, group first (F.2.3).</li>
 *   <li>Empty values (F.2.5): an attribute with no value has no {@code Value}; an empty value among several is
 *       {@code null}; a sequence without items has no {@code Value}, an empty item is {@code {}}.</li>
 * </ul>
 *
 * <p>Why Jackson's streaming {@link JsonGenerator} rather than hand-written output: JSON string escaping (control
 * characters, quotes, backslashes), UTF-8 output and number tokens are exactly what a
 * hand-written writer gets subtly wrong, and jackson-core is one small dependency-free jar already managed by the
 * build's Jackson BOM. The streaming API writes straight to the output, so a large data set is never held as a tree.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DicomJsonWriter {

    /** The default bulk data threshold, in bytes (values longer than this are left out as BulkDataURI). */
    public static final int DEFAULT_BULK_DATA_THRESHOLD = 1024;

    /** Largest magnitude a JSON number keeps exactly in an IEEE double, 2^53 - 1 (F.2.3.1 for SV and UV). */
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final int bulkDataThreshold;
    private final boolean prettyPrint;

    private DicomJsonWriter(Builder b) {
        this.bulkDataThreshold = b.bulkDataThreshold;
        this.prettyPrint = b.prettyPrint;
    }

    /** @return a writer with the defaults: threshold 1024 bytes, pretty-printed */
    public static DicomJsonWriter standard() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link DicomJsonWriter}; validates as it goes. */
    public static final class Builder {
        private int bulkDataThreshold = DEFAULT_BULK_DATA_THRESHOLD;
        private boolean prettyPrint = true;

        private Builder() {
        }

        /**
         * @param bytes binary values (OB OD OF OL OV OW UN) longer than this many bytes are written as BulkDataURI
         * @return this builder
         * @throws IllegalArgumentException naming {@code bytes} when negative
         */
        public Builder bulkDataThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes (bulk data threshold) must be >= 0, was " + bytes);
            }
            this.bulkDataThreshold = bytes;
            return this;
        }

        /**
         * @param pretty true: one attribute per line, indented; false: compact, one line
         * @return this builder
         */
        public Builder prettyPrint(boolean pretty) {
            this.prettyPrint = pretty;
            return this;
        }

        /** @return the writer */
        public DicomJsonWriter build() {
            return new DicomJsonWriter(this);
        }
    }

    /** @return the bulk data threshold in bytes */
    public int bulkDataThreshold() {
        return bulkDataThreshold;
    }

    /**
     * Writes the data set of {@code file} (not its File Meta Information) as UTF-8 JSON. The stream is flushed,
     * not closed.
     *
     * @param file the file; its Pixel Data is read when shorter than the threshold (to inline it)
     * @param out  where the JSON goes
     * @throws IOException when writing fails or the Pixel Data cannot be read
     */
    public void write(DicomFile file, OutputStream out) throws IOException {
        write(Objects.requireNonNull(file, "file").dataSet(), out);
    }

    /**
     * Writes {@code dataSet} as UTF-8 JSON. The stream is flushed, not closed.
     *
     * @param dataSet the attributes (a data set or an item)
     * @param out     where the JSON goes
     * @throws IOException when writing fails or bulk data cannot be read
     */
    public void write(Attributes dataSet, OutputStream out) throws IOException {
        Objects.requireNonNull(dataSet, "dataSet");
        try (JsonGenerator g = FACTORY.createGenerator(Objects.requireNonNull(out, "out"), JsonEncoding.UTF8)) {
            write(dataSet, g);
        }
    }

    /**
     * Writes {@code dataSet} as JSON text. The writer is flushed, not closed.
     *
     * @param dataSet the attributes
     * @param out     where the JSON goes
     * @throws IOException when writing fails or bulk data cannot be read
     */
    public void write(Attributes dataSet, Writer out) throws IOException {
        Objects.requireNonNull(dataSet, "dataSet");
        try (JsonGenerator g = FACTORY.createGenerator(Objects.requireNonNull(out, "out"))) {
            write(dataSet, g);
        }
    }

    /**
     * @param dataSet the attributes
     * @return the JSON text
     * @throws IOException when bulk data cannot be read
     */
    public String toJson(Attributes dataSet) throws IOException {
        StringWriter w = new StringWriter();
        write(dataSet, w);
        return w.toString();
    }

    private void write(Attributes dataSet, JsonGenerator g) throws IOException {
        // Closing the generator must not close the caller's stream; it still flushes what was written.
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (prettyPrint) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            g.setPrettyPrinter(pp);
        }
        writeItem(dataSet, g);
        if (prettyPrint) {
            g.writeRaw('\n');
        }
    }

    private void writeItem(Attributes item, JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (Attribute a : item) {
            if (isLeftOut(a.tag())) {
                continue;
            }
            g.writeFieldName(hex8(a.tag()));
            writeAttribute(a, g);
        }
        g.writeEndObject();
    }

    /** @return {@code v} as eight upper-case hex digits, the form F.2 gives tags */
    static String hex8(int v) {
        char[] c = new char[8];
        for (int i = 7, x = v; i >= 0; i--, x >>>= 4) {
            c[i] = HEX[x & 0xF];
        }
        return new String(c);
    }

    /** @return whether the tag describes the encoding rather than the data set (see the class comment) */
    static boolean isLeftOut(int tag) {
        return tag >>> 16 == 0x0002 || (tag & 0xFFFF) == 0 || tag == 0xFFFCFFFC;
    }

    private void writeAttribute(Attribute a, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (a.isSequence()) {
            g.writeStringField("vr", VR.SQ.name());
            if (!a.items().isEmpty()) {
                g.writeArrayFieldStart("Value");
                for (Attributes item : a.items()) {
                    writeItem(item, g);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            return;
        }
        VR vr = a.vr();
        g.writeStringField("vr", vr.name());
        if (a.isBulkData()) {
            writeBulk(a, g);
        } else if (vr.kind() == VR.Kind.BYTES) {
            // Look at the length first: a value over the threshold is never copied.
            ByteBuffer b = a.bytes();
            if (b.remaining() > bulkDataThreshold) {
                g.writeStringField("BulkDataURI", "");
            } else {
                byte[] v = new byte[b.remaining()];
                b.get(v);
                writeBinary(v.length, v, g);
            }
        } else if (vr.kind() == VR.Kind.NUMBER) {
            writeBinaryNumbers(a.bytes(), vr, g);
        } else if (vr == VR.AT) {
            writeTags(a.bytes(), g);
        } else {
            writeText(a, vr, g);
        }
        g.writeEndObject();
    }

    private void writeBulk(Attribute a, JsonGenerator g) throws IOException {
        PixelData p = a.pixelData().orElseThrow();
        if (p.isEncapsulated() || p.length() > bulkDataThreshold) {
            g.writeStringField("BulkDataURI", "");
            return;
        }
        ByteBuffer b = p.read();
        byte[] v = new byte[b.remaining()];
        b.get(v);
        writeBinary(v.length, v, g);
    }

    private void writeBinary(long length, byte[] v, JsonGenerator g) throws IOException {
        if (length > bulkDataThreshold) {
            g.writeStringField("BulkDataURI", "");
        } else if (length > 0) {
            g.writeFieldName("InlineBinary");
            g.writeBinary(v);
        }
    }

    private static void writeBinaryNumbers(ByteBuffer b, VR vr, JsonGenerator g) throws IOException {
        int n = b.remaining() / vr.bytesPerValue();
        if (n == 0) {
            return;
        }
        g.writeArrayFieldStart("Value");
        for (int i = 0; i < n; i++) {
            int p = i * vr.bytesPerValue();
            switch (vr) {
                case US -> g.writeNumber(b.getShort(p) & 0xFFFF);
                case SS -> g.writeNumber(b.getShort(p));
                case UL -> g.writeNumber(b.getInt(p) & 0xFFFFFFFFL);
                case SL -> g.writeNumber(b.getInt(p));
                case FL -> g.writeNumber(b.getFloat(p));
                case FD -> g.writeNumber(b.getDouble(p));
                case SV -> {
                    long v = b.getLong(p);
                    if (v >= -MAX_SAFE_INTEGER && v <= MAX_SAFE_INTEGER) {
                        g.writeNumber(v);
                    } else {
                        g.writeString(Long.toString(v));
                    }
                }
                case UV -> {
                    long v = b.getLong(p);
                    if (v >= 0 && v <= MAX_SAFE_INTEGER) {
                        g.writeNumber(v);
                    } else {
                        g.writeString(Long.toUnsignedString(v));
                    }
                }
                default -> throw new IllegalStateException("not a binary number VR: " + vr);
            }
        }
        g.writeEndArray();
    }

    private static void writeTags(ByteBuffer b, JsonGenerator g) throws IOException {
        int n = b.remaining() / 4;
        if (n == 0) {
            return;
        }
        g.writeArrayFieldStart("Value");
        for (int i = 0; i < n; i++) {
            // Group and element are two 16-bit values, each in the data set's byte order (PS3.5 6.2).
            int group = b.getShort(4 * i) & 0xFFFF;
            int element = b.getShort(4 * i + 2) & 0xFFFF;
            g.writeString(hex8(group << 16 | element));
        }
        g.writeEndArray();
    }

    private static void writeText(Attribute a, VR vr, JsonGenerator g) throws IOException {
        List<String> values = a.strings();
        if (values.isEmpty() || values.size() == 1 && values.get(0).isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("Value");
        for (String v : values) {
            if (v.isEmpty()) {
                g.writeNull();
            } else if (vr == VR.PN) {
                writePersonName(v, g);
            } else if (vr == VR.DS) {
                JsonNumbers.writeDecimal(v, g);
            } else if (vr == VR.IS) {
                JsonNumbers.writeInteger(v, g);
            } else {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }

    private static void writePersonName(String value, JsonGenerator g) throws IOException {
        String[] groups = value.split("=", -1);
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        boolean any = false;
        for (int i = 0; i < Math.min(3, groups.length); i++) {
            any |= !groups[i].isEmpty();
        }
        if (!any) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (int i = 0; i < Math.min(3, groups.length); i++) {
            if (!groups[i].isEmpty()) {
                g.writeStringField(names[i], groups[i]);
            }
        }
        g.writeEndObject();
    }
}
