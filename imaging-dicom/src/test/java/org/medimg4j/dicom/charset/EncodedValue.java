package org.medimg4j.dicom.charset;

import java.io.ByteArrayOutputStream;

/** Test input written the way the standard's annexes write it: ASCII text with escapes and hex bytes mixed. */
final class EncodedValue {
    static final int ESC = 0x1B;

    private EncodedValue() {
    }

    /**
     * Concatenates parts: a {@code String} contributes its characters as bytes 00-7F (must be ASCII), an
     * {@code Integer} one byte, an {@code int[]} several.
     */
    static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String) {
                for (char c : ((String) p).toCharArray()) {
                    if (c > 0x7F) {
                        throw new IllegalArgumentException("non-ASCII test text: " + p);
                    }
                    out.write(c);
                }
            } else if (p instanceof Integer) {
                out.write((Integer) p);
            } else if (p instanceof int[]) {
                for (int b : (int[]) p) {
                    out.write(b);
                }
            } else {
                throw new IllegalArgumentException("unsupported part " + p);
            }
        }
        return out.toByteArray();
    }

    static int[] hex(int... bytes) {
        return bytes;
    }

    static String decode(SpecificCharacterSet cs, byte[] value, boolean personName) {
        return cs.decode(value, 0, value.length, personName);
    }
}
