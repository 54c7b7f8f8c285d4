package org.medimg4j.dicom.codec;

import org.medimg4j.dicom.DicomException;

/**
 * Finds the codestream in a DICOM JPEG 2000 frame. PS3.5 A.4.4 asks for a bare codestream, but some encoders (GDCM's
 * {@code GDCMJ2K_TextGBR.dcm}) wrap it in a JP2 file (ISO/IEC 15444-1 Annex I): then the codestream is the content of
 * the first Contiguous Codestream box ({@code jp2c}) and every other box — colour specification, ICC profile,
 * palette — is ignored, because in DICOM the Photometric Interpretation, not the file format, says what the
 * components are.
 */
final class J2kFileFormat {

    /** A byte range {@code [start, end)} of the frame's array. */
    record Span(int start, int end) {
    }

    private static final int JP2_SIGNATURE_BOX_LENGTH = 12;
    private static final int TYPE_SIGNATURE = 0x6A502020; // 'jP  '
    private static final int TYPE_CODESTREAM = 0x6A703263; // 'jp2c'

    private J2kFileFormat() {
    }

    /**
     * @param a     the frame's bytes
     * @param start first byte of the frame
     * @param end   one past the last byte
     * @return where the codestream lies (from its SOC marker), unchanged for a bare codestream
     * @throws DicomException if the bytes are neither a codestream nor a JP2 file holding one
     */
    static Span locate(byte[] a, int start, int end) throws DicomException {
        int n = end - start;
        if (n >= 2 && (a[start] & 0xFF) == 0xFF && (a[start + 1] & 0xFF) == 0x4F) {
            return new Span(start, end);
        }
        if (n < JP2_SIGNATURE_BOX_LENGTH || J2kCodestream.u32(a, start) != JP2_SIGNATURE_BOX_LENGTH
                || J2kCodestream.u32(a, start + 4) != TYPE_SIGNATURE) {
            throw new DicomException("JPEG 2000: offset 0: the frame starts with neither a codestream's SOC marker"
                    + " (FF 4F) nor a JP2 signature box (" + n + " bytes)");
        }
        int p = start;
        while (end - p >= 8) {
            long length = J2kCodestream.u32(a, p) & 0xFFFFFFFFL;
            int type = J2kCodestream.u32(a, p + 4);
            int header = 8;
            if (length == 1) {
                if (end - p < 16) {
                    break;
                }
                length = (long) J2kCodestream.u32(a, p + 8) << 32 | (J2kCodestream.u32(a, p + 12) & 0xFFFFFFFFL);
                header = 16;
            } else if (length == 0) {
                length = end - p; // the last box runs to the end of the file (I.4)
            }
            if (length < header || length > end - p) {
                throw new DicomException("JPEG 2000: offset " + (p - start) + ": JP2 box '" + boxType(type)
                        + "' declares " + length + " bytes but " + (end - p) + " remain");
            }
            if (type == TYPE_CODESTREAM) {
                return new Span(p + header, (int) (p + length));
            }
            p += (int) length;
        }
        throw new DicomException("JPEG 2000: offset " + (p - start) + ": JP2 file without a contiguous codestream"
                + " box (jp2c)");
    }

    private static String boxType(int type) {
        StringBuilder s = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = type >>> shift & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return s.toString();
    }
}
