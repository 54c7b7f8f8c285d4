package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the shared conformance corpus: the system property {@code medimg4j.corpus} if set, else the first
 * {@code shared/dicom-corpus} found walking up from the working directory (so it works from the module, the
 * project root, or a worktree nested deeper). Absent: tests skip with a message, or fail when
 * {@code -Dmedimg4j.corpus.required=true}.
 */
final class Corpus {

    private static final Path ROOT = locate();

    private Corpus() {
    }

    private static Path locate() {
        String property = System.getProperty("medimg4j.corpus");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property).toAbsolutePath().normalize();
            return Files.isDirectory(p.resolve("files")) ? p : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/dicom-corpus"), dir.resolve("../shared/dicom-corpus"))) {
                if (Files.isDirectory(candidate.resolve("files"))) {
                    return candidate.normalize();
                }
            }
        }
        return null;
    }

    /** @return the corpus root; skips the test (or fails it, when the corpus is required) when absent */
    static Path root() {
        if (ROOT == null) {
            String msg = "DICOM corpus not found (set -Dmedimg4j.corpus=PATH to shared/dicom-corpus)";
            if (Boolean.getBoolean("medimg4j.corpus.required")) {
                fail(msg);
            }
            assumeTrue(false, msg);
        }
        return ROOT;
    }

    /** @return a file under the corpus, e.g. "files/pydicom/CT_small.dcm" */
    static Path file(String relative) {
        return root().resolve(relative);
    }

    /** @return every .dcm file under {@code files/}, sorted */
    static List<Path> allFiles() throws IOException {
        try (Stream<Path> s = Files.walk(root().resolve("files"))) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
        }
    }
}
