package org.medimg4j.dicom.charset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.medimg4j.dicom.dictionary.DataDictionary;

/**
 * A deliberately small Part 10 reader for the charset tests, until the real parser exists: explicit or implicit
 * VR little endian, sequences and items of defined or undefined length, and the Specific Character Set in scope
 * for each element: a sequence item without its own (0008,0005) inherits its parent's, one with its own uses it
 * (PS3.3 C.12.1.1.2). It collects the raw bytes of every string value whose VR (0008,0005) governs.
 */
final class CorpusTextValues {

    /** The VRs whose values the Specific Character Set applies to (PS3.5 6.1.2.3). */
    static final Set<String> CHARSET_VRS = Set.of("SH", "LO", "ST", "LT", "UT", "UC", "PN");
    private static final Set<String> LONG_HEADER_VRS =
            Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    private static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    /**
     * One string value.
     *
     * @param path    where it is: {@code "00100010"}, or {@code "00321064/0/00100010"} inside item 0 of a sequence
     * @param vr      its VR
     * @param bytes   the value field as stored
     * @param charset the Specific Character Set in scope
     */
    record TextValue(String path, String vr, byte[] bytes, SpecificCharacterSet charset) {
        String decode() {
            return charset.decode(bytes, 0, bytes.length, "PN".equals(vr));
        }
    }

    private final byte[] b;
    private final boolean explicit;
    private final List<TextValue> out = new ArrayList<>();

    private CorpusTextValues(byte[] b, boolean explicit) {
        this.b = b;
        this.explicit = explicit;
    }

    static List<TextValue> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < 132 || !"DICM".equals(new String(b, 128, 4, StandardCharsets.US_ASCII))) {
            throw new IOException(file + ": no DICM prefix");
        }
        int pos = 132;
        String syntax = null;
        while (pos + 8 <= b.length && u16(b, pos) == 0x0002) {
            int tag = tag(b, pos);
            boolean longHeader = LONG_HEADER_VRS.contains(vr(b, pos + 4));
            long len = longHeader ? u32(b, pos + 8) : u16(b, pos + 6);
            int value = pos + (longHeader ? 12 : 8);
            if (tag == 0x00020010) {
                syntax = new String(b, value, (int) len, StandardCharsets.US_ASCII).replace("\0", "").strip();
            }
            pos = value + (int) len;
        }
        boolean explicit;
        if ("1.2.840.10008.1.2.1".equals(syntax)) {
            explicit = true;
        } else if ("1.2.840.10008.1.2".equals(syntax)) {
            explicit = false;
        } else {
            throw new IOException(file + ": transfer syntax " + syntax + " is not little endian uncompressed");
        }
        CorpusTextValues r = new CorpusTextValues(b, explicit);
        r.dataSet(pos, b.length, SpecificCharacterSet.DEFAULT, "");
        return r.out;
    }

    /** Reads elements from {@code pos} to {@code end} or to an item delimiter; returns the position after. */
    private int dataSet(int pos, int end, SpecificCharacterSet inherited, String prefix) throws IOException {
        SpecificCharacterSet cs = inherited;
        while (pos < end) {
            int tag = tag(b, pos);
            if (tag == ITEM_END) {
                return pos + 8;
            }
            String vr;
            long len;
            int value;
            if (explicit) {
                vr = vr(b, pos + 4);
                boolean longHeader = LONG_HEADER_VRS.contains(vr);
                len = longHeader ? u32(b, pos + 8) : u16(b, pos + 6);
                value = pos + (longHeader ? 12 : 8);
            } else {
                vr = DataDictionary.standard().implicitVr(tag);
                len = u32(b, pos + 4);
                value = pos + 8;
            }
            String path = prefix + String.format(Locale.ROOT, "%08X", tag);
            if ("SQ".equals(vr) || len == UNDEFINED) {
                pos = sequence(value, len, cs, path + "/");
                continue;
            }
            if (value + len > end) {
                throw new IOException("value of " + path + " runs past its end at " + value);
            }
            byte[] bytes = Arrays.copyOfRange(b, value, value + (int) len);
            if (tag == SPECIFIC_CHARACTER_SET) {
                cs = SpecificCharacterSet.of(new String(bytes, StandardCharsets.US_ASCII).split("\\\\", -1));
            } else if (CHARSET_VRS.contains(vr)) {
                out.add(new TextValue(path, vr, bytes, cs));
            }
            pos = value + (int) len;
        }
        return pos;
    }

    private int sequence(int pos, long len, SpecificCharacterSet cs, String prefix) throws IOException {
        int end = len == UNDEFINED ? b.length : pos + (int) len;
        int index = 0;
        while (pos < end) {
            int tag = tag(b, pos);
            long itemLen = u32(b, pos + 4);
            pos += 8;
            if (tag == SEQUENCE_END) {
                return pos;
            }
            if (tag != ITEM) {
                throw new IOException("expected an item at " + (pos - 8) + " in " + prefix);
            }
            int itemEnd = itemLen == UNDEFINED ? b.length : pos + (int) itemLen;
            pos = dataSet(pos, itemEnd, cs, prefix + index++ + "/");
        }
        return pos;
    }

    private static int tag(byte[] b, int pos) {
        return (u16(b, pos) << 16) | u16(b, pos + 2);
    }

    private static String vr(byte[] b, int pos) {
        return new String(b, pos, 2, StandardCharsets.US_ASCII);
    }

    private static int u16(byte[] b, int pos) {
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int pos) {
        return (u16(b, pos) | (long) u16(b, pos + 2) << 16);
    }
}
