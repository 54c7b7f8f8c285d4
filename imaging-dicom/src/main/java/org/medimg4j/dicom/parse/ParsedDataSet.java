package org.medimg4j.dicom.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A data set as parsed (the top level, the file meta group, or one item of a sequence): its elements in the order
 * they appear, and how it was encoded. Mutable while the parser fills it; the public API wraps it in an immutable
 * {@code Attributes}.
 */
public final class ParsedDataSet {

    private final List<ParsedElement> elements = new ArrayList<>();
    private final long offset;
    private final long length;
    private final boolean explicitVr;
    private final boolean bigEndian;

    /**
     * @param offset     position of the item tag (FFFE,E000), or of the first element for a top-level data set
     * @param length     the item's declared length, -1 for undefined length or a top-level data set
     * @param explicitVr whether its elements have explicit VRs
     * @param bigEndian  whether its binary values are big endian
     */
    public ParsedDataSet(long offset, long length, boolean explicitVr, boolean bigEndian) {
        this.offset = offset;
        this.length = length;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
    }

    void add(ParsedElement e) {
        elements.add(e);
    }

    /** @return the elements in file order */
    public List<ParsedElement> elements() {
        return elements;
    }

    /** @return position of the item tag, or of the first element of a top-level data set */
    public long offset() {
        return offset;
    }

    /** @return the declared item length, -1 when undefined (or top level) */
    public long length() {
        return length;
    }

    /** @return whether elements have explicit VRs */
    public boolean explicitVr() {
        return explicitVr;
    }

    /** @return whether binary values are big endian */
    public boolean bigEndian() {
        return bigEndian;
    }
}
