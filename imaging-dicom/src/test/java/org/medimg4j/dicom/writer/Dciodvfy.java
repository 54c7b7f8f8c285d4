package org.medimg4j.dicom.writer;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture: runs Debian dicom3tools' {@code dciodvfy} on a file. When the tool is missing the test is skipped,
 * unless CI is "true" (environment variable or system property), where it fails: CI installs dicom3tools.
 */
final class Dciodvfy {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/dciodvfy"), Path.of("/usr/local/bin/dciodvfy"));

    private Dciodvfy() {
    }

    /** @return the tool; skips the test (or fails it under CI=true) when it is not installed */
    static Path require() {
        for (Path p : CANDIDATES) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String msg = "dciodvfy (Debian package dicom3tools) is not installed at " + CANDIDATES;
        if ("true".equalsIgnoreCase(System.getenv("CI")) || "true".equalsIgnoreCase(System.getProperty("CI"))) {
            fail(msg + "; it is required under CI=true");
        }
        Assumptions.abort(msg);
        return null;
    }

    /** @return dciodvfy's output lines (stdout and stderr) for {@code file} */
    static List<String> run(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(require().toString(), file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("dciodvfy did not finish within 60 s on " + file);
        }
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }
}
