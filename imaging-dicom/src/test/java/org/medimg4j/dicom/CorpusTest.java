package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every file of the conformance corpus parses, and its data set matches the corpus's DICOM JSON oracle. */
class CorpusTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A DICOM JSON data set (PS3.18 F.2): tag (ggggeeee) to attribute object. */
    private static final TypeReference<Map<String, Object>> ORACLE = new TypeReference<>() { };

    @Test
    void everyCorpusFileMatchesItsJsonOracle() throws Exception {
        Path root = Corpus.root();
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (Path file : Corpus.allFiles()) {
            String rel = root.resolve("files").relativize(file).toString();
            DicomFile f = DicomFile.read(file);
            Path json = root.resolve("json").resolve(rel + ".json");
            assertTrue(Files.exists(json), "no oracle for " + rel);
            Map<String, Object> oracle = MAPPER.readValue(json.toFile(), ORACLE);
            new JsonOracleComparator(problems).compare(rel, f.dataSet(), oracle, true);
            compared++;
        }
        assertEquals(154, compared, "files compared");
        assertEquals(List.of(), problems, problems.size() + " differences:\n" + String.join("\n", problems));
    }
}
