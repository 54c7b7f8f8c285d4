package org.medimg4j.dicom.listing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import org.medimg4j.dicom.Attribute;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.PixelData;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.DataDictionary;

/**
 * A readable listing of a DICOM file in the layout of DCMTK's {@code dcmdump}: the File Meta Information first, then
 * the data set, one line per element
 *
 * <pre>
 * (0010,1002) SQ (Sequence with explicit length #=2)      #  72, 1 OtherPatientIDsSequence
 *   (fffe,e000) na (Item with explicit length #=2)          #  28, 1 Item
 *     (0010,0020) LO [ABCD1234]                               #   8, 1 PatientID
 *   (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem
 * (fffe,e0dd) na (SequenceDelimitationItem for re-encod.) #   0, 0 SequenceDelimitationItem
 * (7fe0,0010) OW 00af\00b4\00a6\008f\008b\0098\00a7\00bb\00d4\00ec\00e5\00d5\00cb... # 32768, 1 PixelData
 * </pre>
 *
 * that is: tag (lower-case hex, as dcmdump), VR, value, then after '#' the value length in bytes as declared
 * ("u/l" for undefined length), the number of values (VM) and the keyword. Text is shown in brackets, decoded with
 * the Specific Character Set, values separated by backslashes, control characters escaped ({@code \n}); binary
 * numbers and tags bare; OB and UN as hex bytes, OW as hex words (in the value's byte order, so a big endian file
 * shows the same words as a little endian one). Values longer than {@link Builder#maxValueWidth(int)} characters
 * (70, dcmdump's line budget) are cut to whole values and end in "...". Sequences and items are indented two
 * spaces per level and closed by delimiter lines (marked "for re-encoding" where the file had explicit lengths, as
 * dcmdump does); encapsulated Pixel Data is listed as its Basic Offset Table item and its fragments.
 *
 * <p>Differences from dcmdump: UIDs are shown as [uid], not as "=Name"; private attributes have no private
 * dictionary, so they are named "PrivateCreator" or "Unknown Tag &amp; Data"; floating-point values are shown as the
 * shortest decimal that reads back as the same value; a public attribute written as UN is shown with its dictionary
 * VR (the VR {@link Attribute#vr()} reports). Reading Pixel Data: native, only the bytes shown; encapsulated, each
 * fragment is read to show its first bytes.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DicomDump {

    /** dcmdump's value width, in characters. */
    public static final int DEFAULT_MAX_VALUE_WIDTH = 70;

    /** Width of the value column: shorter values are padded so that the '#' columns line up. */
    private static final int VALUE_COLUMN = 40;

    private final ValueText values;
    private final boolean fileMeta;

    private DicomDump(Builder b) {
        this.values = new ValueText(b.maxValueWidth);
        this.fileMeta = b.fileMeta;
    }

    /** @return a dump with the defaults: values cut at 70 characters, File Meta Information included */
    public static DicomDump standard() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link DicomDump}; validates as it goes. */
    public static final class Builder {
        private int maxValueWidth = DEFAULT_MAX_VALUE_WIDTH;
        private boolean fileMeta = true;

        private Builder() {
        }

        /**
         * @param chars values whose text is longer are cut (with "..."); {@link Integer#MAX_VALUE} shows all
         * @return this builder
         * @throws IllegalArgumentException naming {@code chars} when below 4 (room for one character and "...")
         */
        public Builder maxValueWidth(int chars) {
            if (chars < 4) {
                throw new IllegalArgumentException("chars (max value width) must be >= 4, was " + chars);
            }
            this.maxValueWidth = chars;
            return this;
        }

        /**
         * @param include whether the File Meta Information group is listed before the data set
         * @return this builder
         */
        public Builder fileMetaInformation(boolean include) {
            this.fileMeta = include;
            return this;
        }

        /** @return the dump */
        public DicomDump build() {
            return new DicomDump(this);
        }
    }

    /**
     * @param file the file
     * @return its listing, lines ending in '\n'
     * @throws IOException when Pixel Data cannot be read
     */
    public String toString(DicomFile file) throws IOException {
        StringBuilder sb = new StringBuilder();
        write(file, sb);
        return sb.toString();
    }

    /**
     * Writes the listing of a file: "# Dicom-File-Format", the File Meta Information (if the file has one and the
     * dump includes it), then "# Dicom-Data-Set" with the transfer syntax and the data set.
     *
     * @param file the file
     * @param out  where the lines go
     * @throws IOException when writing fails or Pixel Data cannot be read
     */
    public void write(DicomFile file, Appendable out) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(out, "out");
        if (file.hasFileMetaInformation()) {
            out.append("\n# Dicom-File-Format\n");
            if (fileMeta) {
                out.append("\n# Dicom-Meta-Information-Header\n# Used TransferSyntax: Little Endian Explicit\n");
                write(file.fileMetaInformation(), out);
            }
        }
        out.append("\n# Dicom-Data-Set\n# Used TransferSyntax: ").append(file.transferSyntax().description())
                .append(file.isTransferSyntaxDetected() ? " (detected)" : "").append('\n');
        write(file.dataSet(), out);
    }

    /**
     * Writes the lines of a set of attributes (a data set, a meta group or an item), at the outermost level.
     *
     * @param attributes the attributes
     * @param out        where the lines go
     * @throws IOException when writing fails or Pixel Data cannot be read
     */
    public void write(Attributes attributes, Appendable out) throws IOException {
        writeItem(Objects.requireNonNull(attributes, "attributes"), 0, Objects.requireNonNull(out, "out"));
    }

    private void writeItem(Attributes item, int level, Appendable out) throws IOException {
        for (Attribute a : item) {
            if (a.isSequence()) {
                writeSequence(a, level, out);
            } else if (a.isBulkData() && a.pixelData().orElseThrow().isEncapsulated()) {
                writePixelSequence(a, a.pixelData().orElseThrow(), level, out);
            } else {
                writeElement(a, level, out);
            }
        }
    }

    private void writeSequence(Attribute a, int level, Appendable out) throws IOException {
        List<Attributes> items = a.items();
        String how = a.hasUndefinedLength() ? "undefined" : "explicit";
        line(out, level, tag(a.tag()) + " SQ", "(Sequence with " + how + " length #=" + items.size() + ")",
                length(a.valueLength()), 1, keyword(a.tag()));
        for (Attributes item : items) {
            boolean undefined = item.length() < 0;
            line(out, level + 1, "(fffe,e000) na", "(Item with " + (undefined ? "undefined" : "explicit")
                    + " length #=" + item.size() + ")", length(item.length()), 1, "Item");
            writeItem(item, level + 2, out);
            line(out, level + 1, "(fffe,e00d) na", undefined ? "(ItemDelimitationItem)"
                    : "(ItemDelimitationItem for re-encoding)", "0", 0, "ItemDelimitationItem");
        }
        line(out, level, "(fffe,e0dd) na", a.hasUndefinedLength() ? "(SequenceDelimitationItem)"
                : "(SequenceDelimitationItem for re-encod.)", "0", 0, "SequenceDelimitationItem");
    }

    private void writePixelSequence(Attribute a, PixelData p, int level, Appendable out) throws IOException {
        line(out, level, tag(a.tag()) + " " + a.vr(), "(PixelSequence #=" + (p.fragmentCount() + 1) + ")", "u/l", 1,
                keyword(a.tag()));
        long[] bot = p.basicOffsetTable();
        ByteBuffer table = ByteBuffer.allocate(4 * bot.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long offset : bot) {
            table.putInt((int) offset);
        }
        table.flip();
        line(out, level + 1, "(fffe,e000) pi", bot.length == 0 ? ValueText.NO_VALUE
                : values.binary(table, VR.OB, table.remaining()), Integer.toString(4 * bot.length), 1, "Item");
        for (int i = 0; i < p.fragmentCount(); i++) {
            PixelData.Fragment f = p.fragment(i);
            ByteBuffer b = p.readFragment(i);
            line(out, level + 1, "(fffe,e000) pi", f.length() == 0 ? ValueText.NO_VALUE
                    : values.binary(b, VR.OB, f.length()), Long.toString(f.length()), 1, "Item");
        }
        line(out, level, "(fffe,e0dd) na", "(SequenceDelimitationItem)", "0", 0, "SequenceDelimitationItem");
    }

    private void writeElement(Attribute a, int level, Appendable out) throws IOException {
        VR vr = a.vr();
        String value;
        int vm;
        if (a.isBulkData()) {
            PixelData p = a.pixelData().orElseThrow();
            int n = (int) Math.min(p.length(), values.bytesShown(vr));
            value = n == 0 ? ValueText.NO_VALUE : values.binary(p.read(0, n), vr, p.length());
            vm = 1;
        } else if (a.isEmpty()) {
            value = ValueText.NO_VALUE;
            // OB, OW, OF... have VM 1 by definition (PS3.6), even when empty, as dcmdump shows
            vm = vr.kind() == VR.Kind.BYTES ? 1 : 0;
        } else if (vr.isText()) {
            List<String> s = a.strings();
            value = values.text(s);
            vm = s.size();
        } else {
            ByteBuffer b = a.bytes();
            value = values.binary(b, vr, b.remaining());
            vm = vr.kind() == VR.Kind.BYTES ? 1 : b.remaining() / vr.bytesPerValue();
        }
        line(out, level, tag(a.tag()) + " " + vr, value, length(a.valueLength()), vm, keyword(a.tag()));
    }

    private static void line(Appendable out, int level, String tagAndVr, String value, String length, int vm,
                             String keyword) throws IOException {
        StringBuilder sb = new StringBuilder(120);
        sb.append("  ".repeat(level)).append(tagAndVr).append(' ').append(value);
        for (int pad = VALUE_COLUMN - value.length(); pad > 0; pad--) {
            sb.append(' ');
        }
        sb.append(" # ");
        for (int pad = 3 - length.length(); pad > 0; pad--) {
            sb.append(' ');
        }
        // dcmdump's "# %3s,%2d": "#   4, 1", "# 242,15"
        sb.append(length).append(',').append(vm < 10 ? " " : "").append(vm).append(' ').append(keyword).append('\n');
        out.append(sb);
    }

    private static String tag(int tag) {
        return "(" + ValueText.hex(tag >>> 16, 4) + "," + ValueText.hex(tag & 0xFFFF, 4) + ")";
    }

    private static String length(long declared) {
        return declared < 0 ? "u/l" : Long.toString(declared);
    }

    private static String keyword(int tag) {
        String k = DataDictionary.standard().keyword(tag);
        return k.isEmpty() ? "Unknown Tag & Data" : k;
    }
}
