package org.medimg4j.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.medimg4j.dicom.charset.SpecificCharacterSet;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.parse.ByteSource;
import org.medimg4j.dicom.parse.ParsedDataSet;
import org.medimg4j.dicom.parse.ParsedElement;

/**
 * Turns the parser's {@link ParsedDataSet} tree into immutable {@link Attributes}: the Specific Character Set in
 * force in each item (its own (0008,0005), else the enclosing one's; PS3.5 6.1.2.2), items built with it, Pixel
 * Data wrapped for lazy reads together with the data set's Extended Offset Table, and attributes in tag order.
 */
final class AttributesAssembler {

    private AttributesAssembler() {
    }

    /**
     * Wraps a parsed data set: resolves its character set, builds its items, sorts by tag (a tag repeated in a
     * malformed file keeps its first occurrence, with a warning).
     */
    static Attributes assemble(ParsedDataSet ds, SpecificCharacterSet inherited, String sourceName, ByteSource source,
                         List<String> warnings) {
        List<ParsedElement> elements = ds.elements();
        SpecificCharacterSet cs = inherited;
        for (ParsedElement e : elements) {
            if (e.tag() == Tag.SpecificCharacterSet && e.value() != null) {
                cs = characterSet(e, warnings);
            }
        }
        ParsedElement eotOffsets = null;
        ParsedElement eotLengths = null;
        for (ParsedElement e : elements) {
            if (e.tag() == Tag.ExtendedOffsetTable) {
                eotOffsets = e;
            } else if (e.tag() == Tag.ExtendedOffsetTableLengths) {
                eotLengths = e;
            }
        }
        List<Attribute> out = new ArrayList<>(elements.size());
        for (ParsedElement e : elements) {
            List<Attributes> items = List.of();
            PixelData pixels = null;
            if (e.kind() == ParsedElement.Kind.SEQUENCE) {
                List<Attributes> built = new ArrayList<>(e.items().size());
                for (ParsedDataSet item : e.items()) {
                    built.add(assemble(item, cs, sourceName, source, warnings));
                }
                items = List.copyOf(built);
            } else if (e.kind() == ParsedElement.Kind.BULK || e.kind() == ParsedElement.Kind.ENCAPSULATED) {
                pixels = new PixelData(e, source, sourceName, longs(eotOffsets), longs(eotLengths));
            }
            out.add(new Attribute(e, items, pixels, cs, sourceName));
        }
        Attribute[] sorted = out.toArray(new Attribute[0]);
        boolean ordered = true;
        for (int i = 1; i < sorted.length && ordered; i++) {
            ordered = Integer.compareUnsigned(sorted[i - 1].tag(), sorted[i].tag()) < 0;
        }
        if (!ordered) {
            // Stable: of repeated tags the first occurrence comes first and is kept.
            Arrays.sort(sorted, (a, b) -> Integer.compareUnsigned(a.tag(), b.tag()));
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (n > 0 && sorted[n - 1].tag() == sorted[i].tag()) {
                    warnings.add("offset " + sorted[i].offset() + ": " + sorted[i].describe()
                            + " repeated; the first occurrence is kept");
                } else {
                    sorted[n++] = sorted[i];
                }
            }
            sorted = Arrays.copyOf(sorted, n);
        }
        return new Attributes(sorted, cs, sourceName, ds.offset(), ds.length());
    }

    private static SpecificCharacterSet characterSet(ParsedElement e, List<String> warnings) {
        String text = new String(e.value(), StandardCharsets.ISO_8859_1);
        String[] terms = text.split("\\\\", -1);
        for (int i = 0; i < terms.length; i++) {
            terms[i] = terms[i].strip().replace("\0", "");
        }
        if (terms.length == 1 && terms[0].isEmpty()) {
            return SpecificCharacterSet.DEFAULT;
        }
        try {
            return SpecificCharacterSet.of(terms);
        } catch (RuntimeException ex) {
            // An unknown or contradictory defined term must not make the whole file unreadable: its text is then
            // decoded with the default repertoire, and the warning says so.
            warnings.add("offset " + e.offset() + ": Specific Character Set \"" + String.join("\\", terms)
                    + "\" not usable (" + ex.getMessage() + "); text read with the default repertoire");
            return SpecificCharacterSet.DEFAULT;
        }
    }

    private static long[] longs(ParsedElement e) {
        if (e == null || e.value() == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(e.value())
                .order(e.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[e.value().length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong(8 * i);
        }
        return out;
    }

}
