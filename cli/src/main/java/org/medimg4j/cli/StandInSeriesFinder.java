package org.medimg4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.ReadOptions;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.series.InstanceHeader;
import org.medimg4j.dicom.series.StackCandidate;

/**
 * STAND-IN, to be replaced at merge by the library's {@code DicomScanner} + {@code SeriesGrouper} (written in
 * parallel): reads every regular file under a directory metadata-only, one thread, skipping what is not DICOM or
 * has no image, and groups by Study and Series Instance UID, splitting off localizers (Image Type LOCALIZER) and
 * images of another orientation or size, each its own candidate. Nothing else uses it; keep it that way so that
 * it can be deleted in one piece.
 */
final class StandInSeriesFinder {

    private StandInSeriesFinder() {
    }

    /**
     * @param dir the directory to search, recursively
     * @return the candidates, sorted by series UID then label
     * @throws IOException naming the directory when it does not exist, is empty, or holds no DICOM image
     */
    static List<StackCandidate> find(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": empty directory, no DICOM files to load");
        }
        // study + series -> split label -> files
        Map<String, Map<String, List<InstanceHeader>>> groups = new TreeMap<>();
        for (Path p : files) {
            Attributes a;
            try {
                a = DicomFile.read(p, ReadOptions.metadataOnly()).dataSet();
            } catch (IOException notDicom) {
                continue;
            }
            if (!a.contains(Tag.Rows) || !a.contains(Tag.SeriesInstanceUID)) {
                continue;
            }
            InstanceHeader h = new InstanceHeader(p, a);
            groups.computeIfAbsent(h.studyInstanceUid() + "\n" + h.seriesInstanceUid(), k -> new TreeMap<>())
                    .computeIfAbsent(label(a), k -> new ArrayList<>()).add(h);
        }
        if (groups.isEmpty()) {
            throw new IOException(dir + ": no DICOM images among " + files.size() + " file(s)");
        }
        List<StackCandidate> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<InstanceHeader>>> series : groups.entrySet()) {
            String[] key = series.getKey().split("\n", -1);
            boolean split = series.getValue().size() > 1;
            for (Map.Entry<String, List<InstanceHeader>> e : series.getValue().entrySet()) {
                out.add(new StackCandidate(key[0], key[1], split ? e.getKey() : "", e.getValue()));
            }
        }
        out.sort(Comparator.comparing(StackCandidate::seriesInstanceUid).thenComparing(StackCandidate::label));
        return out;
    }

    private static String label(Attributes a) {
        List<String> parts = new ArrayList<>();
        if (a.getStrings(Tag.ImageType).stream().anyMatch(s -> s.trim().equalsIgnoreCase("LOCALIZER"))) {
            parts.add("localizer");
        }
        double[] iop = a.getDoubles(Tag.ImageOrientationPatient);
        if (iop.length == 6) {
            StringBuilder sb = new StringBuilder("orientation");
            for (double v : iop) {
                sb.append(' ').append(String.format(Locale.ROOT, "%.3f", v + 0.0));
            }
            parts.add(sb.toString());
        }
        parts.add(a.getInt(Tag.Rows, 0) + "x" + a.getInt(Tag.Columns, 0));
        return String.join(", ", parts);
    }
}
