package org.medimg4j.dicom.writer;

import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * A coded concept for a Code Sequence item (PS3.3 8.8, Code Sequence Macro): code value, coding scheme and the
 * meaning shown to people, e.g. ("51185008", "SCT", "Chest").
 *
 * @param value   Code Value (SH), at most 16 characters
 * @param scheme  Coding Scheme Designator (SH), e.g. "SCT" (SNOMED CT), "DCM"
 * @param meaning Code Meaning (LO)
 */
public record CodedConcept(String value, String scheme, String meaning) {

    /** SNOMED CT "Chest" (51185008), CID 4009 DX Anatomy Imaged; the projection writers' default anatomy. */
    public static final CodedConcept CHEST = new CodedConcept("51185008", "SCT", "Chest");

    /** Checks each field against its VR, naming the field at fault. */
    public CodedConcept {
        check("value", Tag.CodeValue, VR.SH, value);
        check("scheme", Tag.CodingSchemeDesignator, VR.SH, scheme);
        check("meaning", Tag.CodeMeaning, VR.LO, meaning);
    }

    /** @return the Code Sequence item for this concept */
    public DataSet toItem() {
        return DataSet.builder().string(Tag.CodeValue, value).string(Tag.CodingSchemeDesignator, scheme)
                .string(Tag.CodeMeaning, meaning).build();
    }

    private static void check(String field, int tag, VR vr, String v) {
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty (Type 1 in the Code Sequence Macro)");
        }
        try {
            DicomElement.text(tag, vr, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }
}
