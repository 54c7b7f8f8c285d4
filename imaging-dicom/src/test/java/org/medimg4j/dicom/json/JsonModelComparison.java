package org.medimg4j.dicom.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Semantic comparison of two DICOM JSON Model objects (PS3.18 F.2), as the corpus README asks: the same tags at
 * every level, the same VR, numbers as numbers (a DS "-1024" equals -1024.0; FL equal after rounding to float32;
 * SV/UV written as strings compared by value), person names component by component in each group, InlineBinary by
 * its decoded bytes, BulkDataURI by presence, sequences item by item. An empty value is the same whether written
 * as {@code null} (F.2.5) or {@code ""} (as pydicom writes an empty first value of (0008,0005)); text is compared
 * without the padding spaces PS3.5 6.2 calls insignificant.
 */
final class JsonModelComparison {

    private static final Set<String> NUMERIC = Set.of("DS", "IS", "FL", "FD", "SL", "SS", "UL", "US", "SV", "UV");

    private final List<String> differences = new ArrayList<>();

    /** @return the differences found so far, each "path: what" with the path as tags joined by '/' */
    List<String> differences() {
        return differences;
    }

    /** Compares two data set (or item) objects. */
    void compareItems(String path, JsonNode ours, JsonNode oracle) {
        Set<String> keys = new TreeSet<>();
        ours.fieldNames().forEachRemaining(keys::add);
        oracle.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            String p = path.isEmpty() ? key : path + "/" + key;
            JsonNode a = ours.get(key);
            JsonNode b = oracle.get(key);
            if (a == null) {
                differences.add(p + ": only in the oracle (" + b.path("vr").asText() + ")");
            } else if (b == null) {
                differences.add(p + ": only in ours (" + a.path("vr").asText() + ")");
            } else {
                compareAttribute(p, a, b);
            }
        }
    }

    private void compareAttribute(String p, JsonNode a, JsonNode b) {
        String vr = a.path("vr").asText();
        if (!vr.equals(b.path("vr").asText())) {
            differences.add(p + ": VR " + vr + ", oracle " + b.path("vr").asText());
            return;
        }
        if (a.has("BulkDataURI") || b.has("BulkDataURI")) {
            if (a.has("BulkDataURI") != b.has("BulkDataURI")) {
                differences.add(p + ": BulkDataURI only in " + (a.has("BulkDataURI") ? "ours" : "the oracle"));
            }
            return;
        }
        if (a.has("InlineBinary") || b.has("InlineBinary")) {
            byte[] x = Base64.getDecoder().decode(a.path("InlineBinary").asText(""));
            byte[] y = Base64.getDecoder().decode(b.path("InlineBinary").asText(""));
            if (!Arrays.equals(x, y)) {
                differences.add(p + ": InlineBinary " + x.length + " bytes, oracle " + y.length + " bytes, differ");
            }
            return;
        }
        List<JsonNode> va = values(a);
        List<JsonNode> vb = values(b);
        if (vr.equals("SQ")) {
            if (va.size() != vb.size()) {
                differences.add(p + ": " + va.size() + " items, oracle " + vb.size());
                return;
            }
            for (int i = 0; i < va.size(); i++) {
                compareItems(p + "[" + i + "]", va.get(i), vb.get(i));
            }
            return;
        }
        if (va.size() != vb.size()) {
            differences.add(p + " " + vr + ": " + va + ", oracle " + vb);
            return;
        }
        for (int i = 0; i < va.size(); i++) {
            JsonNode x = va.get(i);
            JsonNode y = vb.get(i);
            boolean same;
            if (isEmpty(x) || isEmpty(y)) {
                same = isEmpty(x) && isEmpty(y);
            } else if (NUMERIC.contains(vr)) {
                same = sameNumber(vr, x, y);
            } else if (vr.equals("PN")) {
                same = samePersonName(x, y);
            } else {
                same = x.isTextual() && y.isTextual()
                        && significant(vr, x.asText()).equals(significant(vr, y.asText()));
            }
            if (!same) {
                differences.add(p + " " + vr + " value " + i + ": " + x + ", oracle " + y);
            }
        }
    }

    /**
     * @return the value without the spaces PS3.5 6.2 calls insignificant: trailing spaces of every text VR, and
     *         leading ones too for AE, AS, CS, DA, DT, TM, UI (pydicom strips only the end of the whole multi-valued
     *         string, so "DERIVED \\PRIMARY" keeps a space that is padding)
     */
    private static String significant(String vr, String v) {
        boolean leading = Set.of("AE", "AS", "CS", "DA", "DT", "TM", "UI").contains(vr);
        return leading ? v.strip() : v.stripTrailing();
    }

    private static List<JsonNode> values(JsonNode attribute) {
        List<JsonNode> out = new ArrayList<>();
        attribute.path("Value").forEach(out::add);
        return out;
    }

    private static boolean isEmpty(JsonNode v) {
        if (v == null || v.isNull() || v.isTextual() && v.asText().isEmpty()) {
            return true;
        }
        if (v.isObject()) {
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                if (!it.next().asText().isEmpty()) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean sameNumber(String vr, JsonNode x, JsonNode y) {
        if (x.isTextual() || y.isTextual()) {
            // SV/UV beyond 2^53 are strings (F.2.3.1); a malformed DS/IS is kept as text: compare the values.
            try {
                return new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText())) == 0;
            } catch (NumberFormatException e) {
                return x.asText().equals(y.asText());
            }
        }
        if (!x.isNumber() || !y.isNumber()) {
            return false;
        }
        if (vr.equals("FL")) {
            return (float) x.doubleValue() == (float) y.doubleValue();
        }
        if (x.isIntegralNumber() && y.isIntegralNumber()) {
            return x.bigIntegerValue().equals(y.bigIntegerValue());
        }
        return x.doubleValue() == y.doubleValue();
    }

    private static boolean samePersonName(JsonNode x, JsonNode y) {
        for (String group : new String[] {"Alphabetic", "Ideographic", "Phonetic"}) {
            if (!components(x.path(group).asText("")).equals(components(y.path(group).asText("")))) {
                return false;
            }
        }
        return true;
    }

    /** @return the five components of a name group ("" for absent ones) */
    static List<String> components(String group) {
        String[] c = group.split("\\^", -1);
        List<String> out = new ArrayList<>(List.of("", "", "", "", ""));
        for (int i = 0; i < c.length; i++) {
            if (i < 5) {
                out.set(i, c[i]);
            } else {
                // More than five components is malformed; keep the rest in the last one, as written.
                out.set(4, out.get(4) + "^" + c[i]);
            }
        }
        return out;
    }
}
