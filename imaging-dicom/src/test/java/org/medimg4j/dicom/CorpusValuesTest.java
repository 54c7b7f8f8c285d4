package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Selected corpus values, as the JSON oracles and DCMTK's dcmdump show them, and a structural cross-check against
 * dcmdump (tags, nesting and value lengths) where dcmdump is installed.
 */
class CorpusValuesTest {

    @Test
    void ctSmallValues() throws Exception {
        DicomFile f = DicomFile.read(Corpus.file("files/pydicom/CT_small.dcm"));
        Attributes a = f.dataSet();
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        assertEquals("CompressedSamples", a.requirePersonName(Tag.PatientName).alphabetic().familyName());
        assertEquals("CT1", a.requirePersonName(Tag.PatientName).alphabetic().givenName());
        assertEquals(128, a.requireInt(Tag.Rows));
        assertArrayEquals(new double[] {-158.135803, -179.035797, -75.699997},
                a.requireDoubles(Tag.ImagePositionPatient));
        assertEquals("GEMS_IDEN_01", a.requireString(0x00090010));
        assertEquals("HiSpeed CT/i", a.getPrivate("GEMS_IDEN_01", 0x0009, 0x04).orElseThrow().strings().get(0));
        assertEquals(862399669, a.getPrivate("GEMS_IDEN_01", 0x0009, 0x27).orElseThrow().ints()[0]);
        List<Attributes> other = a.requireSequence(Tag.OtherPatientIDsSequence);
        assertEquals(List.of("ABCD1234", "1234ABCD"), other.stream().map(i -> i.getString(Tag.PatientID).orElseThrow())
                .toList());
        assertEquals(-2000, a.requireInt(Tag.PixelPaddingValue), "SS");
        assertEquals("1.2.840.10008.1.2.1", f.fileMetaInformation().requireUid(Tag.TransferSyntaxUID));
        assertEquals(32768, f.pixelData().orElseThrow().length());
    }

    @Test
    void sameValuesWhateverTheEncoding() throws Exception {
        for (String file : new String[] {"dcmtk/CT_small_implicit.dcm", "dcmtk/CT_small_big_endian.dcm",
                "dcmtk/CT_small_deflated.dcm", "dcmtk/CT_small_bare_explicit.dcm", "dcmtk/CT_small_rle.dcm"}) {
            Attributes a = DicomFile.read(Corpus.file("files/" + file)).dataSet();
            assertEquals(128, a.requireInt(Tag.Rows), file);
            assertEquals(-2000, a.requireInt(Tag.PixelPaddingValue), file);
            assertEquals(-75.699997, a.requireDoubles(Tag.ImagePositionPatient)[2], file);
            assertEquals("1234ABCD", a.requireSequence(Tag.OtherPatientIDsSequence).get(1)
                    .requireString(Tag.PatientID), file);
        }
    }

    @Test
    void rtPlanNestedSequenceValue() throws Exception {
        Attributes a = DicomFile.read(Corpus.file("files/pydicom/rtplan.dcm")).dataSet();
        Attributes beamRef = a.requireSequence(Tag.FractionGroupSequence).get(0)
                .requireSequence(Tag.ReferencedBeamSequence).get(0);
        assertEquals(116.0036697, beamRef.requireDouble(Tag.BeamMeterset), 1e-9);
        Attributes beam = a.requireSequence(Tag.BeamSequence).get(0);
        assertEquals("Field 1", beam.requireString(Tag.BeamName));
        List<Attributes> devices = beam.requireSequence(Tag.BeamLimitingDeviceSequence);
        assertEquals(List.of("X", "Y"), devices.stream().map(d -> d.getString(Tag.RTBeamLimitingDeviceType)
                .orElseThrow()).toList());
        assertEquals(2, beam.requireSequence(Tag.ControlPointSequence).size());
    }

    @Test
    void unStoredPublicAttributesAndCp246Sequences() throws Exception {
        Attributes dose = DicomFile.read(Corpus.file("files/pydicom/rtdose_rle_1frame.dcm")).dataSet();
        assertTrue(dose.get(Tag.PixelSpacing).orElseThrow().isStoredAsUn());
        assertArrayEquals(new double[] {10.0, 10.0}, dose.requireDoubles(Tag.PixelSpacing));
        assertEquals("1.2.840.10008.5.1.4.1.1.481.5", dose.requireSequence(Tag.ReferencedRTPlanSequence).get(0)
                .requireUid(Tag.ReferencedSOPClassUID));
        Attributes un = DicomFile.read(Corpus.file("files/pydicom/UN_sequence.dcm")).dataSet();
        assertEquals("1.2.840.113619.2.327.3.185221411.476.1398588726.278.80", un.requireSequence(0x4453100C).get(0)
                .requireSequence(Tag.ReferencedSeriesSequence).get(0).requireSequence(Tag.ReferencedSOPSequence).get(0)
                .requireUid(Tag.ReferencedSOPInstanceUID));
    }

    @Test
    void utf8AndLatin1CharacterSets() throws Exception {
        Attributes fren = DicomFile.read(Corpus.file("files/pydicom/charset/chrFren.dcm")).dataSet();
        assertEquals("Buc^Jérôme", fren.requireString(Tag.PatientName));
        Attributes x1 = DicomFile.read(Corpus.file("files/pydicom/charset/chrX1.dcm")).dataSet();
        assertEquals("ISO_IR 192", x1.requireString(Tag.SpecificCharacterSet));
        assertEquals("Wang^XiaoDong=王^小東", x1.requirePersonName(Tag.PatientName).toString());
        assertEquals("小東", x1.requirePersonName(Tag.PatientName).ideographic().givenName());
    }

    // ---- structural cross-check with DCMTK's dcmdump ----

    private static final Pattern LINE = Pattern.compile(
            "^( *)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\w\\w) .*# *(u/l|\\d+),", Pattern.DOTALL);
    private static final Pattern START = Pattern.compile("^ *\\([0-9a-f]{4},[0-9a-f]{4}\\) ");

    private static List<String> fromDcmdump(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dcmdump", "-q", "+L", file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> rows = new ArrayList<>();
        boolean dataSet = false;
        // A text value with line breaks continues on the next lines; join them to its element's line.
        List<String> records = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.ISO_8859_1).split("\n")) {
            if (line.startsWith("# Dicom-Data-Set")) {
                records.add(line);
            } else if (START.matcher(line).find() || records.isEmpty()) {
                records.add(line);
            } else {
                records.set(records.size() - 1, records.get(records.size() - 1) + "\n" + line);
            }
        }
        for (String line : records) {
            if (line.startsWith("# Dicom-Data-Set")) {
                dataSet = true;
            }
            Matcher m = LINE.matcher(line);
            if (!dataSet || !m.find() || m.group(2).equals("fffe")) {
                continue;
            }
            rows.add(m.group(1).length() / 4 + " " + (m.group(2) + m.group(3)).toUpperCase(Locale.ROOT) + " "
                    + (m.group(5).equals("u/l") ? "-1" : m.group(5)));
        }
        return rows;
    }

    private static void flatten(Attributes a, int depth, List<String> rows) {
        for (Attribute e : a) {
            rows.add(depth + " " + String.format(Locale.ROOT, "%08X", e.tag()) + " " + e.valueLength());
            for (Attributes item : e.items()) {
                flatten(item, depth + 1, rows);
            }
        }
    }

    private static boolean hasDcmdump() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "dcmdump"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void tagsNestingAndLengthsAgreeWithDcmdump() throws Exception {
        assumeTrue(hasDcmdump(), "dcmdump (DCMTK) is not installed");
        for (String file : new String[] {"pydicom/CT_small.dcm", "pydicom/rtplan.dcm", "pydicom/MR_small_bigendian.dcm",
                "pydicom/UN_sequence.dcm", "dcmtk/CT_small_implicit.dcm", "pydicom/test-SR.dcm",
                "synthetic/ct_3frame_jpegls_eot.dcm", "pydicom/JPEG2000-embedded-sequence-delimiter.dcm"}) {
            Path path = Corpus.file("files/" + file);
            List<String> ours = new ArrayList<>();
            flatten(DicomFile.read(path).dataSet(), 0, ours);
            List<String> theirs = fromDcmdump(path);
            assertFalse(theirs.isEmpty(), file);
            assertEquals(theirs, ours, file);
        }
    }
}
