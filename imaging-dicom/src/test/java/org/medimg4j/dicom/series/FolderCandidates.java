package org.medimg4j.dicom.series;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.ReadOptions;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Test fixture standing in for the scanner and grouper (written elsewhere): reads every regular file of a folder
 * metadata-only, skips what is not DICOM, and groups by Series Instance UID, splitting off localizers and images
 * of another orientation or size, as the corpus' reference loader does.
 */
final class FolderCandidates {

    private FolderCandidates() {
    }

    static List<StackCandidate> of(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, List<InstanceHeader>> groups = new LinkedHashMap<>();
        for (Path p : files) {
            Attributes a;
            try {
                a = DicomFile.read(p, ReadOptions.metadataOnly()).dataSet();
            } catch (DicomException e) {
                continue;
            }
            if (!a.contains(Tag.Rows)) {
                continue;
            }
            InstanceHeader h = new InstanceHeader(p, a);
            groups.computeIfAbsent(h.seriesInstanceUid() + "|" + label(a), k -> new ArrayList<>()).add(h);
        }
        List<StackCandidate> out = new ArrayList<>();
        for (Map.Entry<String, List<InstanceHeader>> e : groups.entrySet()) {
            InstanceHeader first = e.getValue().get(0);
            String label = e.getKey().substring(e.getKey().indexOf('|') + 1);
            out.add(new StackCandidate(first.studyInstanceUid(), first.seriesInstanceUid(), label, e.getValue()));
        }
        return out;
    }

    private static String label(Attributes a) {
        boolean localizer = a.getStrings(Tag.ImageType).stream()
                .anyMatch(s -> s.trim().toUpperCase(Locale.ROOT).equals("LOCALIZER"));
        double[] iop = a.getDoubles(Tag.ImageOrientationPatient);
        StringBuilder sb = new StringBuilder(localizer ? "localizer" : "");
        if (iop.length == 6) {
            sb.append(sb.length() == 0 ? "" : " ").append("orientation");
            for (double v : iop) {
                sb.append(' ').append(String.format(Locale.ROOT, "%.4f", v));
            }
        }
        return sb.toString();
    }
}
