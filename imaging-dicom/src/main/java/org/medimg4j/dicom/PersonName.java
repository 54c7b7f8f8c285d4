package org.medimg4j.dicom;

import java.util.Objects;

/**
 * A Person Name (PN) value (PS3.5 6.2.1): up to three component groups separated by '=' (alphabetic, ideographic,
 * phonetic), each of up to five components separated by '^' (family name, given name, middle name, prefix,
 * suffix). Absent groups and components are empty strings, never null.
 *
 * @param alphabetic  the single-byte (alphabetic) representation
 * @param ideographic the ideographic representation (e.g. kanji, hanja), empty if absent
 * @param phonetic    the phonetic representation (e.g. hiragana, hangul), empty if absent
 */
public record PersonName(Group alphabetic, Group ideographic, Group phonetic) {

    /** A person name with no components. */
    public static final PersonName EMPTY = new PersonName(Group.EMPTY, Group.EMPTY, Group.EMPTY);

    /**
     * @throws NullPointerException naming the group that is null
     */
    public PersonName {
        Objects.requireNonNull(alphabetic, "alphabetic");
        Objects.requireNonNull(ideographic, "ideographic");
        Objects.requireNonNull(phonetic, "phonetic");
    }

    /**
     * One component group.
     *
     * @param familyName the family name complex
     * @param givenName  the given name complex
     * @param middleName the middle name
     * @param prefix     the name prefix (e.g. "Dr.")
     * @param suffix     the name suffix (e.g. "Jr.")
     */
    public record Group(String familyName, String givenName, String middleName, String prefix, String suffix) {

        /** A group with no components. */
        public static final Group EMPTY = new Group("", "", "", "", "");

        /**
         * @throws NullPointerException naming the component that is null
         */
        public Group {
            Objects.requireNonNull(familyName, "familyName");
            Objects.requireNonNull(givenName, "givenName");
            Objects.requireNonNull(middleName, "middleName");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(suffix, "suffix");
        }

        /**
         * @param text a group as written, e.g. "Yamada^Tarou"
         * @return its components as written (more than five: the rest stays in the suffix)
         */
        public static Group parse(String text) {
            if (text.isEmpty()) {
                return EMPTY;
            }
            String[] c = text.split("\\^", 5);
            return new Group(part(c, 0), part(c, 1), part(c, 2), part(c, 3), part(c, 4));
        }

        private static String part(String[] c, int i) {
            return i < c.length ? c[i] : "";
        }

        /** @return whether every component is empty */
        public boolean isEmpty() {
            return familyName.isEmpty() && givenName.isEmpty() && middleName.isEmpty() && prefix.isEmpty()
                    && suffix.isEmpty();
        }

        /** @return the group as DICOM writes it, trailing empty components dropped, e.g. "Yamada^Tarou" */
        @Override
        public String toString() {
            String[] c = {familyName, givenName, middleName, prefix, suffix};
            int n = 5;
            while (n > 0 && c[n - 1].isEmpty()) {
                n--;
            }
            return String.join("^", java.util.Arrays.copyOf(c, n));
        }
    }

    /**
     * @param value a PN value as decoded text, e.g. "Yamada^Tarou=山田^太郎=やまだ^たろう"
     * @return the parsed name; groups beyond the third are ignored
     */
    public static PersonName parse(String value) {
        String[] g = value.split("=", -1);
        return new PersonName(Group.parse(g[0]), g.length > 1 ? Group.parse(g[1]) : Group.EMPTY,
                g.length > 2 ? Group.parse(g[2]) : Group.EMPTY);
    }

    /** @return whether every group is empty */
    public boolean isEmpty() {
        return alphabetic.isEmpty() && ideographic.isEmpty() && phonetic.isEmpty();
    }

    /** @return the name as DICOM writes it, trailing empty groups dropped, e.g. "Wang^XiaoDong=王^小东" */
    @Override
    public String toString() {
        String a = alphabetic.toString();
        String i = ideographic.toString();
        String p = phonetic.toString();
        if (!p.isEmpty()) {
            return a + "=" + i + "=" + p;
        }
        if (!i.isEmpty()) {
            return a + "=" + i;
        }
        return a;
    }
}
