package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every file of the conformance corpus parses, and its data set matches the corpus's DICOM JSON oracle. */
class CorpusTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyCorpusFileMatchesItsJsonOracle() throws Exception {
        Path root = Corpus.root();
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (Path file : Corpus.allFiles()) {
            String rel = root.resolve("files").relativize(file).toString();
            DicomFile f = DicomFile.read(file);
            Path json = root.resolve("json").resolve(rel + ".json");
            assertTrue(Files.exists(json), "no oracle for " + rel);
            Map<String, Object> oracle = (Map<String, Object>) MiniJson.parse(Files.readString(json));
            new JsonOracleComparator(problems).compare(rel, f.dataSet(), oracle, true);
            compared++;
        }
        assertEquals(154, compared, "files compared");
        assertEquals(List.of(), problems, problems.size() + " differences:\n" + String.join("\n", problems));
    }
}
