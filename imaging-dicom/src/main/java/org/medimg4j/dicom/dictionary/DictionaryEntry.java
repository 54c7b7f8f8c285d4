package org.medimg4j.dicom.dictionary;

/**
 * One attribute of the DICOM data dictionary (PS3.6 section 6).
 *
 * @param tag     the tag, group in the high 16 bits; for a repeating group the first one, e.g. 0x60003000
 * @param mask    which bits of a tag must equal {@code tag} for this entry to apply (0xFFFFFFFF for a single tag;
 *                0xFF00FFFF for (60xx,3000))
 * @param vr      the value representation(s) PS3.6 lists, e.g. "PN", "US/SS", "OB/OW"; "NONE" for item and
 *                delimitation tags
 * @param vm      the value multiplicity, e.g. "1", "1-n", "2-2n"
 * @param keyword the keyword, e.g. "PatientName"
 * @param retired whether the standard has retired the attribute
 */
public record DictionaryEntry(int tag, int mask, String vr, String vm, String keyword, boolean retired) {

    /**
     * @return the VR to assume in an implicit VR data set when nothing else decides: OW for "OB/OW" (PS3.5 A.1:
     *         implicit VR pixel and overlay data are OW), else the first VR PS3.6 lists (US for "US/SS", whose
     *         choice by Pixel Representation is the reader's)
     */
    public String defaultVr() {
        if ("OB/OW".equals(vr)) {
            return "OW";
        }
        int slash = vr.indexOf('/');
        return slash < 0 ? vr : vr.substring(0, slash);
    }

    /** @return whether this entry covers {@code t} */
    public boolean matches(int t) {
        return (t & mask) == tag;
    }
}
