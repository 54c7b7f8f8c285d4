package org.medimg4j.dicom.charset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the corpus's DICOM JSON oracles (PS3.18 F.2) into maps, lists, strings, doubles, booleans and null. A
 * strict little recursive-descent reader, enough for well-formed JSON; the module has no JSON library and the
 * charset tests should not add one.
 */
final class JsonOracle {
    private final String s;
    private int i;

    private JsonOracle(String s) {
        this.s = s;
    }

    /** @return the top-level object of {@code file} */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        JsonOracle p = new JsonOracle(Files.readString(file, StandardCharsets.UTF_8));
        Object v = p.value();
        p.space();
        if (p.i != p.s.length() || !(v instanceof Map)) {
            throw new IOException(file + ": not one JSON object (stopped at " + p.i + ")");
        }
        return (Map<String, Object>) v;
    }

    private Object value() throws IOException {
        space();
        if (i >= s.length()) {
            throw new IOException("JSON ends early");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        space();
        if (peek() == '}') {
            i++;
            return m;
        }
        while (true) {
            space();
            String key = string();
            space();
            expect(':');
            m.put(key, value());
            space();
            if (peek() == ',') {
                i++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> array() throws IOException {
        List<Object> l = new ArrayList<>();
        i++;
        space();
        if (peek() == ']') {
            i++;
            return l;
        }
        while (true) {
            l.add(value());
            space();
            if (peek() == ',') {
                i++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    private String string() throws IOException {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw new IOException("unterminated JSON string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                    break;
                default: sb.append(e);
            }
        }
    }

    private Object number() throws IOException {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (start == i) {
            throw new IOException("unexpected '" + s.charAt(i) + "' at " + i);
        }
        return Double.parseDouble(s.substring(start, i));
    }

    private Object literal(String word, Object v) throws IOException {
        if (!s.startsWith(word, i)) {
            throw new IOException("expected " + word + " at " + i);
        }
        i += word.length();
        return v;
    }

    private void expect(char c) throws IOException {
        if (peek() != c) {
            throw new IOException("expected '" + c + "' at " + i);
        }
        i++;
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }
}
