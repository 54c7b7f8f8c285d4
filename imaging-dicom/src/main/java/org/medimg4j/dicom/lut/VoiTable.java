package org.medimg4j.dicom.lut;

import java.util.Objects;

/**
 * One item of the VOI LUT Sequence (0028,3010): a table from modality values to output values (PS3.3 C.11.2.1.1)
 * and its LUT Explanation (0028,3003). {@link VoiLut#of(LookupTable, double, double)} scales the table's output,
 * 0 to 2^bits − 1, onto a caller's range.
 *
 * @param table       the table (LUT Descriptor and LUT Data)
 * @param explanation LUT Explanation, "" when absent
 */
public record VoiTable(LookupTable table, String explanation) {

    /** @throws NullPointerException when the table is null */
    public VoiTable {
        Objects.requireNonNull(table, "table");
        explanation = explanation == null ? "" : explanation;
    }
}
