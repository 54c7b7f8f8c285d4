package org.medimg4j.dicom.dictionary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The DICOM data dictionary: tag → VR, VM, keyword, and keyword → tag, for every attribute of the standard
 * (PS3.6, plus the command group of PS3.7). Loaded once from {@code dictionary.tsv}, a resource generated from
 * DCMTK's dictionary by {@code imaging-dicom/tools/generate_dictionary.py}. Thread-safe.
 *
 * <p>Rules beyond the table: group length tags (gggg,0000) are UL (PS3.5 7.2); in a private (odd) group,
 * (gggg,0010-00FF) are private creators, LO (PS3.5 7.8.1); other private tags are not in the dictionary.
 */
public final class DataDictionary {

    private static final String RESOURCE = "dictionary.tsv";

    private final Map<Integer, DictionaryEntry> exact;
    private final List<DictionaryEntry> repeating;
    private final Map<String, DictionaryEntry> byKeyword;

    private DataDictionary(Map<Integer, DictionaryEntry> exact, List<DictionaryEntry> repeating,
                           Map<String, DictionaryEntry> byKeyword) {
        this.exact = exact;
        this.repeating = repeating;
        this.byKeyword = byKeyword;
    }

    private static final class Holder {
        static final DataDictionary INSTANCE = load();
    }

    /** @return the standard dictionary */
    public static DataDictionary standard() {
        return Holder.INSTANCE;
    }

    /**
     * @param tag a tag, group in the high 16 bits
     * @return its entry; empty for private tags other than private creators and for tags the standard lacks
     */
    public Optional<DictionaryEntry> lookup(int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        if ((group & 1) == 1) {
            if (element >= 0x0010 && element <= 0x00FF) {
                return Optional.of(new DictionaryEntry(tag, 0xFFFFFFFF, "LO", "1", "PrivateCreator", false));
            }
            if (element == 0) {
                return Optional.of(new DictionaryEntry(tag, 0xFFFFFFFF, "UL", "1", "PrivateGroupLength", false));
            }
            return Optional.empty();
        }
        DictionaryEntry e = exact.get(tag);
        if (e != null) {
            return Optional.of(e);
        }
        for (DictionaryEntry r : repeating) {
            if (r.matches(tag)) {
                return Optional.of(r);
            }
        }
        if (element == 0) {
            return Optional.of(new DictionaryEntry(tag, 0xFFFF0000 | 0xFFFF, "UL", "1", "GroupLength", false));
        }
        return Optional.empty();
    }

    /** @return the VR to assume for {@code tag} in an implicit VR data set: the dictionary's first VR, else "UN" */
    public String implicitVr(int tag) {
        return lookup(tag).map(DictionaryEntry::defaultVr).orElse("UN");
    }

    /** @return the keyword of {@code tag}, or "" when the dictionary has none */
    public String keyword(int tag) {
        return lookup(tag).map(DictionaryEntry::keyword).orElse("");
    }

    /** @return the tag of {@code keyword} (case-sensitive, as PS3.6 writes it), if the standard has one */
    public OptionalInt tagOf(String keyword) {
        DictionaryEntry e = byKeyword.get(keyword);
        return e == null ? OptionalInt.empty() : OptionalInt.of(e.tag());
    }

    /** @return the entry of {@code keyword} */
    public Optional<DictionaryEntry> entry(String keyword) {
        return Optional.ofNullable(byKeyword.get(keyword));
    }

    /** @return entries in the dictionary (single tags and repeating ones) */
    public int size() {
        return exact.size() + repeating.size();
    }

    /** @return "(gggg,eeee)" */
    public static String format(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    private static DataDictionary load() {
        Map<Integer, DictionaryEntry> exact = new HashMap<>(8192);
        List<DictionaryEntry> repeating = new ArrayList<>();
        Map<String, DictionaryEntry> byKeyword = new HashMap<>(8192);
        try (InputStream in = DataDictionary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the DICOM dictionary resource " + RESOURCE + " is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split("\t", -1);
                DictionaryEntry e = new DictionaryEntry((int) Long.parseLong(f[0], 16), (int) Long.parseLong(f[1], 16),
                        f[2], f[3], f[4], "R".equals(f[5]));
                if (e.mask() == 0xFFFFFFFF) {
                    exact.put(e.tag(), e);
                } else {
                    repeating.add(e);
                }
                byKeyword.putIfAbsent(e.keyword(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the DICOM dictionary resource " + RESOURCE, e);
        }
        return new DataDictionary(Map.copyOf(exact), List.copyOf(repeating), Map.copyOf(byKeyword));
    }
}
