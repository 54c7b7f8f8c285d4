package org.medimg4j.dicom.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.TransferSyntax;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.DataDictionary;

/**
 * Reads what comes before the data set and decides how the data set is encoded: a Part 10 file (128-byte
 * preamble, "DICM", File Meta Information group in explicit VR little endian; PS3.10 7.1) or a bare data set whose
 * encoding is detected from its first bytes. Then parses the data set, inflating it first for Deflated Explicit VR
 * Little Endian.
 *
 * <p>Tolerated, with a warning: no preamble before "DICM"; a meta group written in implicit VR; a group length
 * (0002,0000) that disagrees with where the group ends (the elements decide: the group ends at the first element
 * outside group 0002); a meta group without a transfer syntax (detected from the data set); a data set whose
 * encoding contradicts the declared transfer syntax (explicit declared, implicit written, as in pydicom's
 * SC_rgb_jpeg.dcm; detected from the first element).
 */
public final class FileParser {

    private static final int TRANSFER_SYNTAX_UID = 0x00020010;
    private static final int GROUP_LENGTH = 0x00020000;

    private FileParser() {
    }

    /**
     * Everything a parse produces.
     *
     * @param meta                   the file meta group; null when the source has none
     * @param dataSet                the data set
     * @param transferSyntax         declared by the meta group, or detected
     * @param transferSyntaxDetected whether it was detected rather than declared
     * @param explicitVr             how the data set's top level is actually encoded
     * @param bigEndian              byte order of the data set
     * @param dataSource             where the data set's bytes (and pixel data) are: the input, or its inflated
     *                               data set
     * @param stoppedBeforePixelData whether the parse stopped at Pixel Data
     * @param warnings               tolerated deviations from the standard
     */
    public record Result(ParsedDataSet meta, ParsedDataSet dataSet, TransferSyntax transferSyntax,
                         boolean transferSyntaxDetected, boolean explicitVr, boolean bigEndian, ByteSource dataSource,
                         boolean stoppedBeforePixelData, List<String> warnings) {
    }

    /**
     * @param source              the bytes
     * @param stopBeforePixelData whether to stop before top-level Pixel Data
     * @param maxDepth            deepest sequence nesting accepted
     * @return what was read
     * @throws DicomException naming the file, offset and tag when the input is not DICOM or is malformed
     * @throws IOException    when reading fails
     */
    public static Result parse(ByteSource source, boolean stopBeforePixelData, int maxDepth) throws IOException {
        String name = source.name();
        List<String> warnings = new ArrayList<>();
        ByteReader in = new ByteReader(source, 0);
        if (!in.ensure(1)) {
            throw new DicomException(name + ": empty (0 bytes), not a DICOM file");
        }
        ParsedDataSet meta = null;
        boolean dicm = in.ensure(132) && isDicm(in, 128);
        if (!dicm && in.ensure(4) && isDicm(in, 0)) {
            warnings.add("offset 0: \"DICM\" without the 128-byte preamble");
            dicm = true;
            in.seek(4);
        } else if (dicm) {
            in.seek(132);
        }
        if (dicm || startsWithMetaGroup(in)) {
            if (!dicm) {
                warnings.add("offset 0: file meta group without preamble and \"DICM\"");
            }
            meta = parseMeta(in, name, maxDepth, warnings);
        }
        TransferSyntax ts = null;
        boolean detected = false;
        if (meta != null) {
            String uid = metaString(meta, TRANSFER_SYNTAX_UID);
            if (uid == null || uid.isEmpty()) {
                warnings.add("the file meta group has no Transfer Syntax UID (0002,0010); detected from the data set");
            } else {
                ts = TransferSyntax.require(uid, name);
            }
        }
        long start = in.position();
        if (meta != null && !in.ensure(1)) {
            throw new DicomException(name + ": offset " + start + ": the file ends after the File Meta Information "
                    + "group: no data set");
        }
        ByteSource dataSource = source;
        ByteReader dataIn = in;
        InflatedStream inflated = null;
        if (ts != null && ts.isDeflated()) {
            boolean zlib = in.ensure(2) && InflatedStream.isZlibHeader(in.peek(0), in.peek(1));
            if (zlib) {
                warnings.add("offset " + start + ": the deflated data set has a zlib header (PS3.5 A.5 wants raw "
                        + "deflate); accepted");
            }
            inflated = new InflatedStream(new SourceInputStream(source, start), zlib, name);
            dataSource = new StreamSource(inflated, start, name + " (inflated data set)");
            dataIn = new ByteReader(dataSource, start);
        }
        try {
            boolean explicitVr;
            boolean bigEndian;
            if (ts == null) {
                int enc = detectBare(dataIn, name, meta == null);
                explicitVr = (enc & 1) != 0;
                bigEndian = (enc & 2) != 0;
                ts = explicitVr ? (bigEndian ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN
                        : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN) : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
                detected = true;
            } else {
                bigEndian = ts.isBigEndian();
                explicitVr = checkDeclaredVr(dataIn, ts, warnings);
            }
            DataSetParser parser = new DataSetParser(dataIn, maxDepth, warnings);
            ParsedDataSet dataSet = parser.parse(explicitVr, bigEndian,
                    stopBeforePixelData ? DataSetParser.Stop.BEFORE_PIXEL_DATA : DataSetParser.Stop.NONE);
            return new Result(meta, dataSet, ts, detected, explicitVr, bigEndian, dataSource,
                    parser.stoppedBeforePixelData(), List.copyOf(warnings));
        } finally {
            if (inflated != null) {
                inflated.close();
                ((StreamSource) dataSource).stopReading();
            }
        }
    }

    private static boolean isDicm(ByteReader in, int at) {
        return in.peek(at) == 'D' && in.peek(at + 1) == 'I' && in.peek(at + 2) == 'C' && in.peek(at + 3) == 'M';
    }

    private static boolean startsWithMetaGroup(ByteReader in) throws IOException {
        return in.ensure(8) && in.peek(0) == 0x02 && in.peek(1) == 0x00;
    }

    private static ParsedDataSet parseMeta(ByteReader in, String name, int maxDepth, List<String> warnings)
            throws IOException {
        long start = in.position();
        if (!in.ensure(8)) {
            throw new DicomException(name + ": offset " + start + ": the file ends after \"DICM\", where the File "
                    + "Meta Information group (0002,xxxx) should be");
        }
        int group = in.peek(0) | in.peek(1) << 8;
        if (group != 0x0002) {
            throw new DicomException(name + ": offset " + start + ": expected the File Meta Information group "
                    + "(0002,xxxx) after \"DICM\", found " + TagNames.describe(group << 16 | in.peek(2)
                    | in.peek(3) << 8));
        }
        // PS3.10 7.1: always explicit VR little endian. Some old writers used implicit VR; tolerate that.
        boolean explicit = VR.fromBytes(in.peek(4), in.peek(5)) != null;
        if (!explicit) {
            warnings.add("offset " + start + ": the file meta group is in implicit VR (PS3.10 wants explicit VR)");
        }
        ParsedDataSet meta = new DataSetParser(in, maxDepth, warnings).parse(explicit, false,
                DataSetParser.Stop.AFTER_META_GROUP);
        long end = in.position();
        for (ParsedElement e : meta.elements()) {
            if (e.tag() == GROUP_LENGTH && e.value() != null && e.value().length == 4) {
                byte[] v = e.value();
                long declared = (v[0] & 0xFFL) | (v[1] & 0xFFL) << 8 | (v[2] & 0xFFL) << 16 | (v[3] & 0xFFL) << 24;
                long declaredEnd = e.valueOffset() + 4 + declared;
                long size = in.source().size();
                if (declaredEnd != end) {
                    if (size >= 0 && declaredEnd > size && end == size) {
                        throw new DicomException(name + ": offset " + end + ", (0002,0000) "
                                + "FileMetaInformationGroupLength: the group length " + declared + " runs past the "
                                + "end of the file (truncated file meta group)");
                    }
                    warnings.add("offset " + e.offset() + ": File Meta Information Group Length says the group ends"
                            + " at " + declaredEnd + ", its elements end at " + end + "; the elements decide");
                }
            }
        }
        return meta;
    }

    private static String metaString(ParsedDataSet meta, int tag) {
        for (ParsedElement e : meta.elements()) {
            if (e.tag() == tag && e.value() != null) {
                String s = new String(e.value(), StandardCharsets.US_ASCII);
                int end = s.length();
                while (end > 0 && (s.charAt(end - 1) == 0 || s.charAt(end - 1) == ' ')) {
                    end--;
                }
                return s.substring(0, end).trim();
            }
        }
        return null;
    }

    /**
     * The declared syntax says explicit or implicit VR; the first element says what was written. They disagree in
     * real files (a meta group claiming explicit VR over an implicit VR data set); believe the data.
     */
    private static boolean checkDeclaredVr(ByteReader in, TransferSyntax ts, List<String> warnings)
            throws IOException {
        if (!in.ensure(8)) {
            return ts.isExplicitVr();
        }
        long pos = in.position();
        VR vr = VR.fromBytes(in.peek(4), in.peek(5));
        if (ts.isExplicitVr() && vr == null) {
            warnings.add("offset " + pos + ": the transfer syntax " + ts.uid() + " says explicit VR, but the data "
                    + "set is in implicit VR; read as implicit VR");
            return false;
        }
        if (!ts.isExplicitVr() && vr != null && looksExplicit(in, vr)) {
            warnings.add("offset " + pos + ": the transfer syntax " + ts.uid() + " says implicit VR, but the data "
                    + "set is in explicit VR; read as explicit VR");
            return true;
        }
        return ts.isExplicitVr();
    }

    /** @return whether the first element, whose bytes 4-5 spell {@code vr}, is better read as explicit VR LE */
    private static boolean looksExplicit(ByteReader in, VR vr) throws IOException {
        int tag = (in.peek(0) | in.peek(1) << 8) << 16 | in.peek(2) | in.peek(3) << 8;
        String dictVr = DataDictionary.standard().lookup(tag).map(e -> e.vr()).orElse("");
        if (dictVr.contains(vr.name())) {
            return true;
        }
        long implicitLength = in.peek(4) | in.peek(5) << 8 | in.peek(6) << 16 | (long) in.peek(7) << 24;
        return implicitLength != DataSetParser.UNDEFINED && in.available(8 + implicitLength) < 8 + implicitLength;
    }

    /**
     * Detects the encoding of a data set from its first element: byte order from where the group's non-zero byte
     * is (groups are small numbers such as 0008), explicit VR from whether bytes 4-5 spell a VR.
     *
     * @return bit 0: explicit VR; bit 1: big endian
     */
    private static int detectBare(ByteReader in, String name, boolean noMeta) throws IOException {
        long pos = in.position();
        if (!in.ensure(8)) {
            if (!in.ensure(1)) {
                return 1; // an empty data set after a meta group without transfer syntax: nothing to decide
            }
            throw new DicomException(name + ": offset " + pos + ": too short for a data element; "
                    + (noMeta ? "not a DICOM file (no \"DICM\" at offset 128)" : "truncated"));
        }
        boolean bigEndian = in.peek(0) == 0 && in.peek(1) != 0;
        int group = bigEndian ? in.peek(0) << 8 | in.peek(1) : in.peek(1) << 8 | in.peek(0);
        VR vr = VR.fromBytes(in.peek(4), in.peek(5));
        boolean explicit = vr != null && (bigEndian || looksExplicit(in, vr));
        // A data set's first group is a real one: not the command group 0000 (zeros are not DICOM), nor items.
        boolean plausibleGroup = group >= 0x0001 && group <= 0xFFFC;
        if (!explicit || !plausibleGroup) {
            long length = in.peek(4) | in.peek(5) << 8 | in.peek(6) << 16 | (long) in.peek(7) << 24;
            if (bigEndian || !plausibleGroup
                    || (length != DataSetParser.UNDEFINED && in.available(8 + length) < 8 + length)) {
                throw new DicomException(name + ": offset " + pos + ": not a DICOM file: "
                        + (noMeta ? "no \"DICM\" at offset 128, and " : "") + "the first bytes are not a data element"
                        + String.format(" (%02X %02X %02X %02X %02X %02X %02X %02X)", in.peek(0), in.peek(1),
                        in.peek(2), in.peek(3), in.peek(4), in.peek(5), in.peek(6), in.peek(7)));
            }
        }
        return (explicit ? 1 : 0) | (bigEndian ? 2 : 0);
    }
}
