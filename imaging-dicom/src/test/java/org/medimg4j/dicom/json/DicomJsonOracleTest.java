package org.medimg4j.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.DicomFile;

/**
 * Every corpus file that has a {@code json/} oracle: our JSON, parsed back, equals the oracle semantically (see
 * {@link JsonModelComparison}). Where our JSON deliberately differs, the difference is listed in {@link #KNOWN}
 * with its reason; the test fails on any other difference, and on a listed one that no longer occurs.
 */
class DicomJsonOracleTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A difference from the oracle that we keep on purpose. */
    private record Known(String file, String path, String reason) {
        boolean covers(String difference) {
            return difference.startsWith(file + " " + path + ":");
        }
    }

    /**
     * Empty private attributes of the implicit VR file: the README's rule (private attributes of implicit VR data
     * sets are UN, their VR being unknowable without a private dictionary) gives UN. pydicom applies that rule only
     * to elements with a value and gives empty ones the VR of its own GE private dictionary, which no reader without
     * that dictionary can know; for the same attributes with values the oracle says UN, as we do.
     */
    private static final String EMPTY_PRIVATE_IMPLICIT = "empty private attribute in an implicit VR data set: UN per"
            + " the README rule; the oracle took pydicom's private dictionary VR for empty values only";

    private static final List<Known> KNOWN = List.of(
            new Known("dcmtk/CT_small_implicit.dcm", "00091030", EMPTY_PRIVATE_IMPLICIT),
            new Known("dcmtk/CT_small_implicit.dcm", "00091031", EMPTY_PRIVATE_IMPLICIT),
            new Known("dcmtk/CT_small_implicit.dcm", "0021104A", EMPTY_PRIVATE_IMPLICIT),
            new Known("dcmtk/CT_small_implicit.dcm", "0025101A", EMPTY_PRIVATE_IMPLICIT),
            new Known("dcmtk/CT_small_implicit.dcm", "00271030", EMPTY_PRIVATE_IMPLICIT),
            new Known("dcmtk/CT_small_implicit.dcm", "00291008", EMPTY_PRIVATE_IMPLICIT),
            new Known("dcmtk/CT_small_implicit.dcm", "00291009", EMPTY_PRIVATE_IMPLICIT));

    @Test
    void everyOracleMatchesOurJson() throws Exception {
        Path corpus = Corpus.root();
        Path files = corpus.resolve("files");
        List<Path> dicom;
        try (Stream<Path> s = Files.walk(files)) {
            dicom = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Path file : dicom) {
            String rel = files.relativize(file).toString();
            Path oracle = corpus.resolve("json").resolve(rel + ".json");
            if (!Files.exists(oracle)) {
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DicomFile f = DicomFile.read(file)) {
                DicomJsonWriter.standard().write(f, out);
            }
            JsonModelComparison c = new JsonModelComparison();
            c.compareItems("", MAPPER.readTree(out.toByteArray()), MAPPER.readTree(oracle.toFile()));
            for (String d : c.differences()) {
                differences.add(rel + " " + d);
            }
            compared++;
        }
        assertEquals(154, compared, "files with an oracle");
        List<String> unexplained = new ArrayList<>();
        Set<Known> used = new HashSet<>();
        for (String d : differences) {
            Optional<Known> k = KNOWN.stream().filter(x -> x.covers(d)).findFirst();
            if (k.isPresent()) {
                used.add(k.get());
            } else {
                unexplained.add(d);
            }
        }
        assertEquals(List.of(), unexplained, unexplained.size() + " differences:\n" + String.join("\n", unexplained));
        List<Known> stale = KNOWN.stream().filter(k -> !used.contains(k)).toList();
        assertEquals(List.of(), stale, "listed differences that no longer occur");
    }
}
