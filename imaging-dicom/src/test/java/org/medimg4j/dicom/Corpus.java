package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture, the one place the module's tests find the shared conformance corpus: the system property
 * {@code medimg4j.corpus} when set (authoritative: a wrong path then counts as absent), else the first
 * {@code shared/dicom-corpus} or {@code ../shared/dicom-corpus} found walking up from the working directory (so it
 * works from the module, the project root, or a worktree nested deeper). A folder counts as the corpus when it
 * holds {@code files/} and {@code manifest.tsv}. Absent: the test is skipped with a message, or fails under
 * {@code -Dmedimg4j.corpus.required=true}.
 */
public final class Corpus {

    private static final String PROPERTY = System.getProperty("medimg4j.corpus");
    private static final Path ROOT = locate();

    private Corpus() {
    }

    private static Path locate() {
        if (PROPERTY != null && !PROPERTY.isBlank()) {
            Path p = Path.of(PROPERTY).toAbsolutePath().normalize();
            return isCorpus(p) ? p : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/dicom-corpus"), dir.resolve("../shared/dicom-corpus"))) {
                if (isCorpus(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        return null;
    }

    private static boolean isCorpus(Path p) {
        return Files.isDirectory(p.resolve("files")) && Files.isRegularFile(p.resolve("manifest.tsv"));
    }

    /** @return the corpus root; skips the test (or fails it, when the corpus is required) when absent */
    public static Path root() {
        if (ROOT == null) {
            String msg = "DICOM corpus not found" + (PROPERTY == null ? "" : " at -Dmedimg4j.corpus=" + PROPERTY)
                    + " (set -Dmedimg4j.corpus=PATH to shared/dicom-corpus)";
            if (Boolean.getBoolean("medimg4j.corpus.required")) {
                fail(msg + "; it is required (-Dmedimg4j.corpus.required=true)");
            }
            Assumptions.abort(msg);
        }
        return ROOT;
    }

    /** @return a file under the corpus, e.g. "files/pydicom/CT_small.dcm" */
    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** @return every .dcm file under {@code files/}, sorted */
    public static List<Path> allFiles() throws IOException {
        try (Stream<Path> s = Files.walk(root().resolve("files"))) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
        }
    }
}
