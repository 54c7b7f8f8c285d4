package org.medimg4j.dicom.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.DicomFile;

/**
 * Our dump against DCMTK's {@code dcmdump} on corpus files chosen to cover explicit VR little and big endian,
 * deflate, encapsulated Pixel Data with empty and filled Basic Offset Tables and an Extended Offset Table, nested
 * sequences of explicit and undefined length, a UN sequence (CP-246), AT, multi-valued and truncated numbers, OB
 * and OW. Line by line: the same elements at the same depth, with the same VR, value, length and VM. Expected
 * differences, by design: dcmdump names known UIDs ("=CTImageStorage") where we print the UID, and formats floats
 * with its own precision (compared as numbers). Skipped when dcmdump is not installed (Debian package dcmtk).
 * Without dcmdump: every corpus file dumps, listing every top-level attribute in order.
 */
class DicomDumpDcmdumpTest {

    private static final List<String> FILES = List.of(
            "pydicom/CT_small.dcm", "pydicom/MR_small_bigendian.dcm", "pydicom/ExplVR_BigEnd.dcm",
            "pydicom/JPEG2000.dcm", "pydicom/rtplan.dcm", "pydicom/rtdose_1frame.dcm", "pydicom/rtstruct.dcm",
            "pydicom/UN_sequence.dcm", "pydicom/waveform_ecg.dcm", "pydicom/image_dfl.dcm",
            "dcmtk/CT_small_deflated.dcm", "dcmtk/ct_3frame_big_endian.dcm",
            "synthetic/ct_3frame_jpegls_eot.dcm", "synthetic/ct_3frame_jpegll_3frag_bot.dcm",
            "synthetic/palette_segmented_spring.dcm");

    /** indent, tag, VR, value, length, VM: dcmdump's "(gggg,eeee) VR value  # len,vm Keyword". */
    private static final Pattern LINE = Pattern.compile(
            "^( *)\\(([0-9a-f]{4},[0-9a-f]{4})\\) (\\S\\S) (.*?) *# *(\\d+|u/l), *(\\d+) .*$");

    private static final Set<String> FLOATS = Set.of("FL", "FD", "OF", "OD");

    private record Line(int depth, String tag, String vr, String value, String length, String vm) {
    }

    @Test
    void dumpAgreesWithDcmdumpOnTagVrValueLengthAndVm() throws Exception {
        Path dcmdump = findOnPath("dcmdump");
        Assumptions.assumeTrue(dcmdump != null, "dcmdump not installed (Debian package dcmtk); .ci/run installs it");
        Path corpus = Corpus.root();
        List<String> differences = new ArrayList<>();
        for (String name : FILES) {
            Path file = corpus.resolve("files").resolve(name);
            List<Line> theirs = parse(run(dcmdump, file));
            List<Line> ours;
            try (DicomFile f = DicomFile.read(file)) {
                ours = parse(DicomDump.standard().toString(f));
            }
            assertTrue(theirs.size() > 10, name + ": dcmdump listed " + theirs.size() + " lines");
            compare(name, ours, theirs, differences);
        }
        assertEquals(List.of(), differences, differences.size() + " differences:\n" + String.join("\n", differences));
    }

    @Test
    void everyCorpusFileDumpsEveryTopLevelAttributeInOrder() throws Exception {
        Path files = Corpus.root().resolve("files");
        List<Path> all;
        try (java.util.stream.Stream<Path> s = Files.walk(files)) {
            all = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        assertEquals(154, all.size(), "corpus files");
        for (Path file : all) {
            try (DicomFile f = DicomFile.read(file)) {
                List<String> tags = parse(DicomDump.standard().toString(f)).stream()
                        .filter(l -> l.depth() == 0 && !l.tag().startsWith("0002,") && !l.tag().startsWith("fffe,"))
                        .map(Line::tag).toList();
                List<String> want = f.dataSet().asList().stream()
                        .map(a -> String.format(java.util.Locale.ROOT, "%04x,%04x", a.tag() >>> 16, a.tag() & 0xFFFF))
                        .toList();
                assertEquals(want, tags, files.relativize(file).toString());
            }
        }
    }

    private static void compare(String name, List<Line> ours, List<Line> theirs, List<String> differences) {
        if (ours.size() != theirs.size()) {
            differences.add(name + ": " + ours.size() + " lines, dcmdump " + theirs.size());
        }
        for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
            Line a = ours.get(i);
            Line b = theirs.get(i);
            if (a.depth() != b.depth() || !a.tag().equals(b.tag())) {
                differences.add(name + " line " + i + ": " + a + " vs dcmdump " + b);
                return; // out of step: the rest would only repeat it
            }
            if (!a.vr().equals(b.vr()) || !a.length().equals(b.length()) || !a.vm().equals(b.vm())
                    || !sameValue(a.vr(), a.value(), b.value())) {
                differences.add(name + " " + a + " vs dcmdump " + b);
            }
        }
    }

    private static boolean sameValue(String vr, String ours, String theirs) {
        if (ours.equals(theirs)) {
            return true;
        }
        if (vr.equals("UI") && theirs.startsWith("=")) {
            return true; // dcmdump names well-known UIDs
        }
        if (FLOATS.contains(vr)) {
            String[] a = ours.replace("...", "").split("\\\\");
            String[] b = theirs.replace("...", "").split("\\\\");
            // Both lists may be cut at different places: compare the values both show in full.
            int n = Math.min(a.length, b.length) - (ours.endsWith("...") || theirs.endsWith("...") ? 1 : 0);
            for (int i = 0; i < n; i++) {
                double x = Double.parseDouble(a[i]);
                double y = Double.parseDouble(b[i]);
                if (vr.equals("FL") || vr.equals("OF") ? (float) x != (float) y : x != y) {
                    return false;
                }
            }
            return n > 0;
        }
        return false;
    }

    private static List<Line> parse(String dump) {
        List<Line> out = new ArrayList<>();
        for (String l : dump.split("\n", -1)) {
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                out.add(new Line(m.group(1).length() / 2, m.group(2), m.group(3), m.group(4), m.group(5),
                        m.group(6)));
            }
        }
        return out;
    }

    private static String run(Path exe, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(exe.toString(), file.toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dcmdump did not finish");
        assertEquals(0, p.exitValue(), "dcmdump " + file);
        // The chosen files are ASCII; Latin-1 maps any stray byte to one character so lines stay aligned.
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static Path findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
