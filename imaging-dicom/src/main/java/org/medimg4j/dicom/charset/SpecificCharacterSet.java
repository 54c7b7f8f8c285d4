package org.medimg4j.dicom.charset;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * PLACEHOLDER (dicom-parser branch): the minimal Specific Character Set (0008,0005) the parser compiles and tests
 * against. The character-set engineer's full implementation (single-byte ISO_IR sets, GB18030/GBK, ISO 2022 code
 * extensions) replaces this file at merge; only its public signatures are relied on.
 *
 * <p>Here: no value or ISO_IR 100 decode as ISO-8859-1, ISO_IR 192 as UTF-8, anything else as ISO-8859-1.
 */
public final class SpecificCharacterSet {

    /** The default repertoire (ISO-IR 6), read leniently as ISO-8859-1 so that no byte is lost. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(StandardCharsets.ISO_8859_1);

    private final Charset charset;

    private SpecificCharacterSet(Charset charset) {
        this.charset = charset;
    }

    /**
     * @param definedTerms the values of Specific Character Set (0008,0005), e.g. "ISO_IR 192"
     * @return the character set they name
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        if (definedTerms.length > 0 && definedTerms[0] != null && "ISO_IR 192".equals(definedTerms[0].trim())) {
            return new SpecificCharacterSet(StandardCharsets.UTF_8);
        }
        return DEFAULT;
    }

    /**
     * @param bytes      the value bytes
     * @param offset     first byte
     * @param length     number of bytes
     * @param personName whether the value is a PN (code extensions reset at component delimiters)
     * @return the decoded text
     */
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        return new String(bytes, offset, length, charset);
    }
}
