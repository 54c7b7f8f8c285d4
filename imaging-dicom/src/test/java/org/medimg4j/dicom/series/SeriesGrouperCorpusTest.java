package org.medimg4j.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medimg4j.dicom.Corpus;

/**
 * Scans and groups every case of the corpus' {@code series/} folder: each stack of {@code expected.json} must be one
 * candidate with exactly its files, and the only other candidates allowed are the images the case lists under
 * {@code separate} (the localizer), each alone.
 */
class SeriesGrouperCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(Corpus.root().resolve("series"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.toList()).stream();
        }
    }

    /** "seriesUID/label=files" for one candidate. */
    private static String describe(StackCandidate c) {
        return c.seriesInstanceUid() + "/" + c.label() + "=" + c.instances().size();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyExpectedStackIsExactlyOneCandidate(String name) throws IOException {
        Path dir = Corpus.root().resolve("series").resolve(name);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        ScanResult scan = DicomScanner.builder().threads(2).build().scan(dir);
        assertEquals(List.of(new SkippedFile(dir.resolve("expected.json"), SkippedFile.Reason.NOT_DICOM, "")),
                scan.skipped().stream().map(s -> new SkippedFile(s.path(), s.reason(), ""))
                        .collect(Collectors.toList()));
        List<StackCandidate> candidates = SeriesGrouper.defaults().group(scan.instances());

        List<String> want = new ArrayList<>();
        int files = 0;
        for (JsonNode stack : expected.get("stacks")) {
            want.add(stack.get("seriesInstanceUID").asText() + "/=" + stack.get("files").asInt());
            files += stack.get("files").asInt();
        }
        for (JsonNode separate : expected.path("separate")) {
            want.add(separate.get("seriesInstanceUID").asText() + "/localizer=1");
            files++;
        }
        assertEquals(files, scan.instances().size(), "every DICOM file of the case is scanned");
        assertEquals(want.stream().sorted().collect(Collectors.toList()),
                candidates.stream().map(SeriesGrouperCorpusTest::describe).sorted().collect(Collectors.toList()));
        for (JsonNode separate : expected.path("separate")) {
            StackCandidate alone = candidates.stream().filter(c -> c.label().equals("localizer")).findFirst()
                    .orElseThrow();
            assertEquals(dir.resolve(separate.get("file").asText()), alone.instances().get(0).path());
        }
    }

    @Test
    void mixedFolderGivesSeriesAItsLocalizerAndSeriesBInThatOrder() throws IOException {
        Path dir = Corpus.root().resolve("series/ct_mixed_localizer_two_series");
        List<StackCandidate> c = SeriesGrouper.defaults().group(DicomScanner.defaults().scan(dir).instances());
        assertEquals(List.of("=20", "localizer=1", "=10"), c.stream().map(x -> x.label() + "=" + x.instances().size())
                .collect(Collectors.toList()));
        assertEquals(c.get(0).seriesInstanceUid(), c.get(1).seriesInstanceUid());
        assertFalse(c.get(0).instances().stream().anyMatch(h -> h.path().getFileName().toString()
                .contains("localizer")), "the localizer is never in series A's stack");
        assertEquals("CT", c.get(2).modality());
    }
}
