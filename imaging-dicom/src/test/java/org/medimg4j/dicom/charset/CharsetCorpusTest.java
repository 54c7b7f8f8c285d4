package org.medimg4j.dicom.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.charset.CorpusTextValues.TextValue;

/**
 * Every {@code chr*.dcm} of the conformance corpus: each person-name and text value decodes to the Unicode of the
 * file's DICOM JSON oracle ({@code json/<same path>.json}, written by pydicom), and the patient names match those
 * pydicom's charset_files/FileInfo.txt and PS3.5 Annexes H-K give. The corpus is found by {@link Corpus#root()}.
 */
class CharsetCorpusTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A DICOM JSON data set (PS3.18 F.2): tag (ggggeeee) to attribute object. */
    private static final TypeReference<Map<String, Object>> ORACLE = new TypeReference<>() { };

    /** Patient's Name (0010,0010) of each file, trailing '=' and padding removed. */
    private static final Map<String, String> PATIENT_NAMES = Map.ofEntries(
            Map.entry("chrArab.dcm", "قباني^لنزار"),
            Map.entry("chrFren.dcm", "Buc^Jérôme"),
            Map.entry("chrFrenMulti.dcm", "Buc^Jérôme"),
            Map.entry("chrGerm.dcm", "Äneas^Rüdiger"),
            Map.entry("chrGreek.dcm", "Διονυσιος"),
            Map.entry("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
            Map.entry("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
            Map.entry("chrHbrw.dcm", "שרון^דבורה"),
            Map.entry("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동"),
            Map.entry("chrJapMulti.dcm", "やまだ^たろう"),
            Map.entry("chrJapMultiExplicitIR6.dcm", "やまだ^たろう"),
            Map.entry("chrKoreanMulti.dcm", "김희중"),
            Map.entry("chrRuss.dcm", "Люкceмбypг"),
            Map.entry("chrX1.dcm", "Wang^XiaoDong=王^小東"),
            Map.entry("chrX2.dcm", "Wang^XiaoDong=王^小东"));

    /** The Japanese name inside the sequence item of chrSQEncoding*.dcm. */
    private static final String SQ_ITEM_NAME = "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう";

    @TestFactory
    Stream<DynamicTest> everyCharsetFileDecodesAsItsJsonOracle() throws IOException {
        Path corpus = Corpus.root();
        Path files = corpus.resolve("files");
        List<Path> chr;
        try (Stream<Path> walk = Files.walk(files)) {
            chr = walk.filter(p -> p.getFileName().toString().matches("chr.*\\.dcm")).sorted()
                    .collect(Collectors.toList());
        }
        // pydicom ships 17 chr*.dcm files; fewer means the corpus moved, not that there is less to prove.
        assertTrue(chr.size() >= 17, "found only " + chr.size() + " chr*.dcm files under " + files);
        return chr.stream().map(f -> DynamicTest.dynamicTest(files.relativize(f).toString(),
                () -> checkFile(f, corpus.resolve("json").resolve(files.relativize(f) + ".json"))));
    }

    private static void checkFile(Path dcm, Path json) throws IOException {
        List<TextValue> values = CorpusTextValues.read(dcm);
        Map<String, Map<String, Object>> oracle = new TreeMap<>();
        oracleTextValues(MAPPER.readValue(json.toFile(), ORACLE), "", oracle);

        Map<String, TextValue> ours = new TreeMap<>();
        for (TextValue v : values) {
            ours.put(v.path(), v);
        }
        assertEquals(oracle.keySet(), ours.keySet(), dcm + ": the text values read and the oracle's differ");
        for (TextValue v : values) {
            Map<String, Object> expected = oracle.get(v.path());
            assertEquals(expected.get("vr"), v.vr(), dcm + " " + v.path());
            String decoded = v.decode();
            assertFalse(decoded.indexOf('\uFFFD') >= 0, dcm + " " + v.path() + ": replacement character in " + decoded);
            assertEquals(expected.get("Value"), asJsonValue(v.vr(), decoded), dcm + " " + v.path());
        }

        String name = dcm.getFileName().toString();
        if (PATIENT_NAMES.containsKey(name)) {
            assertEquals(PATIENT_NAMES.get(name), patientName(ours.get("00100010")), dcm + " Patient's Name");
        }
        if (name.startsWith("chrSQEncoding")) {
            assertEquals(SQ_ITEM_NAME, patientName(ours.get("00321064/0/00100010")), dcm + " item's Patient's Name");
            assertEquals("Doctor^Who^^MD", patientName(ours.get("00321032")), dcm + " Requesting Physician");
        }
    }

    private static String patientName(TextValue v) {
        assertTrue(v != null, "no Patient's Name");
        return v.decode().replaceAll("[= ]+$", "");
    }

    /**
     * Collects the oracle entries of every string attribute (0008,0005) governs, keyed like
     * {@link TextValue#path()}, descending into sequence items.
     */
    @SuppressWarnings("unchecked")
    private static void oracleTextValues(Map<String, Object> dataSet, String prefix,
                                         Map<String, Map<String, Object>> out) {
        for (Map.Entry<String, Object> e : dataSet.entrySet()) {
            Map<String, Object> attr = (Map<String, Object>) e.getValue();
            String vr = (String) attr.get("vr");
            String path = prefix + e.getKey();
            if ("SQ".equals(vr)) {
                List<Object> items = (List<Object>) attr.getOrDefault("Value", List.of());
                for (int i = 0; i < items.size(); i++) {
                    oracleTextValues((Map<String, Object>) items.get(i), path + "/" + i + "/", out);
                }
            } else if (CorpusTextValues.CHARSET_VRS.contains(vr)) {
                out.put(path, attr);
            }
        }
    }

    /**
     * Our decoded value in the form of the oracle's "Value" (PS3.18 F.2): null when empty; the values split at
     * '\' with their padding spaces removed (ST, LT, UT are single-valued and keep leading spaces); person names
     * as objects of their non-empty component groups.
     */
    private static Object asJsonValue(String vr, String decoded) {
        boolean singleValued = vr.equals("ST") || vr.equals("LT") || vr.equals("UT");
        String trimmed = decoded.replaceAll("[ \u0000]+$", "");
        if (trimmed.isEmpty()) {
            return null;
        }
        List<String> parts = singleValued ? List.of(trimmed) : Arrays.asList(trimmed.split("\\\\", -1));
        List<Object> values = new ArrayList<>();
        for (String p : parts) {
            String v = singleValued ? p : p.strip();
            if (!vr.equals("PN")) {
                values.add(v);
                continue;
            }
            String[] groups = v.split("=", -1);
            String[] keys = {"Alphabetic", "Ideographic", "Phonetic"};
            Map<String, Object> pn = new TreeMap<>();
            for (int g = 0; g < groups.length && g < keys.length; g++) {
                if (!groups[g].isEmpty()) {
                    pn.put(keys[g], groups[g]);
                }
            }
            values.add(pn);
        }
        return values;
    }
}
