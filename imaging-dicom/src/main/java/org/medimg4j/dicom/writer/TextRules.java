package org.medimg4j.dicom.writer;

import java.util.regex.Pattern;
import org.medimg4j.dicom.VR;

/**
 * The character, format and length rules of the text VRs (PS3.5 table 6.2-1), checked before a value is
 * written, so that a file never carries a value a validator rejects.
 */
final class TextRules {

    private static final Pattern DA = Pattern.compile("\\d{8}");
    private static final Pattern TM = Pattern.compile("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?");
    private static final Pattern DT = Pattern.compile(
            "\\d{4}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?)?)?)?([+-]\\d{4})?");
    private static final Pattern AS = Pattern.compile("\\d{3}[DWMY]");
    private static final Pattern DS = Pattern.compile(" *[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)? *");
    private static final Pattern IS = Pattern.compile(" *[+-]?\\d+ *");
    private static final Pattern CS = Pattern.compile("[A-Z0-9 _]*");

    private TextRules() {
    }

    /**
     * @param tag   the element's tag, for messages
     * @param vr    a text VR
     * @param value one value
     * @param index its index, for messages
     * @return whether the value holds characters outside ASCII (allowed only where the Specific Character Set
     *         applies, and then encoded as UTF-8)
     * @throws IllegalArgumentException naming the tag when the value breaks a rule of its VR
     */
    static boolean check(int tag, VR vr, String value, int index) {
        boolean unicode = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && vr.isMultiValuedText()) {
                throw bad(tag, vr, value, index, "holds a backslash, which separates values in " + vr);
            }
            if (c >= 0x80) {
                if (!vr.usesSpecificCharacterSet()) {
                    throw bad(tag, vr, value, index, "holds the non-ASCII character U+"
                            + String.format("%04X", (int) c) + "; " + vr + " allows only the default repertoire");
                }
                unicode = true;
            } else if (c < 0x20 || c == 0x7F) {
                boolean formatting = (vr == VR.LT || vr == VR.ST || vr == VR.UT)
                        && (c == '\r' || c == '\n' || c == '\f' || c == '\t');
                if (!formatting) {
                    throw bad(tag, vr, value, index, "holds the control character 0x"
                            + Integer.toHexString(c) + " (PS3.5 6.1.3)");
                }
            }
        }
        int max = maxLength(vr);
        if (vr == VR.PN) {
            for (String group : value.split("=", -1)) {
                if (group.length() > max) {
                    throw bad(tag, vr, value, index, "has a component group of " + group.length()
                            + " characters, more than " + max);
                }
            }
        } else if (max > 0 && value.length() > max) {
            throw bad(tag, vr, value, index, "has " + value.length() + " characters, more than " + max);
        }
        Pattern p = switch (vr) {
            case DA -> DA;
            case TM -> TM;
            case DT -> DT;
            case AS -> AS;
            case DS -> DS;
            case IS -> IS;
            case CS -> CS;
            default -> null;
        };
        if (p != null && !value.isEmpty() && !p.matcher(value).matches()) {
            throw bad(tag, vr, value, index, "is not a valid " + vr + " value" + (vr == VR.CS
                    ? " (upper-case letters, digits, space and underscore only)" : ""));
        }
        if (vr == VR.IS && !value.isBlank()) {
            long v = Long.parseLong(value.strip().replace("+", ""));
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw bad(tag, vr, value, index, "is outside the IS range [-2^31, 2^31-1]");
            }
        }
        if (vr == VR.UI && !value.isEmpty()) {
            UidGenerator.requireValid(value, DicomElement.name(tag) + " value " + index);
        }
        return unicode;
    }

    /** @return the longest value of {@code vr} in characters (per component group for PN); 0 for no limit */
    static int maxLength(VR vr) {
        return switch (vr) {
            case AE, CS, DS, SH -> 16;
            case AS -> 4;
            case DA -> 8;
            case DT -> 26;
            case IS -> 12;
            case LO, PN, UI -> 64;
            case ST -> 1024;
            case LT -> 10240;
            case TM -> 16;
            default -> 0;
        };
    }

    private static IllegalArgumentException bad(int tag, VR vr, String value, int index, String why) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return new IllegalArgumentException(DicomElement.name(tag) + ": " + vr + " value " + index + " \"" + shown
                + "\" " + why);
    }
}
