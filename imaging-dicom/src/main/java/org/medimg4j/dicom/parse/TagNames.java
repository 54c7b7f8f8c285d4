package org.medimg4j.dicom.parse;

import org.medimg4j.dicom.dictionary.DataDictionary;

/** How messages name a tag: "(0010,0010) PatientName", or just "(0009,1001)" when the dictionary lacks it. */
public final class TagNames {

    private TagNames() {
    }

    /** @return the tag as "(gggg,eeee) Keyword" */
    public static String describe(int tag) {
        String keyword = DataDictionary.standard().keyword(tag);
        String t = DataDictionary.format(tag);
        return keyword.isEmpty() ? t : t + " " + keyword;
    }
}
