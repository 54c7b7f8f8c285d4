package org.medimg4j.dicom.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture: runs Chris Rorden's {@code dcm2niix} (Debian package {@code dcm2niix}), an independent DICOM → NIfTI
 * converter, as an oracle for series geometry. Found on the PATH (or at {@code /usr/bin/dcm2niix}); the system
 * property {@code medimg4j.test.dcm2niix} names another executable. When it is missing the test is skipped, unless
 * CI is "true" (environment variable or system property), where it fails: {@code .ci/run} installs it.
 */
final class Dcm2niix {

    private static final long TIMEOUT_S = 60;

    private Dcm2niix() {
    }

    /** @return the executable; skips the test (or fails it under CI=true) when there is none */
    static Path require() {
        Path tool = locate();
        if (tool != null) {
            return tool;
        }
        String property = System.getProperty("medimg4j.test.dcm2niix");
        String where = property == null || property.isBlank() ? "not on the PATH, not at /usr/bin/dcm2niix"
                : "-Dmedimg4j.test.dcm2niix=" + property + " is not an executable";
        String msg = "dcm2niix is not installed (" + where + "); install Debian's `dcm2niix` package (or set"
                + " -Dmedimg4j.test.dcm2niix=PATH) to run the cross-check";
        if ("true".equalsIgnoreCase(System.getenv("CI")) || "true".equalsIgnoreCase(System.getProperty("CI"))) {
            fail(msg + "; it is required under CI=true");
        }
        Assumptions.abort(msg);
        return null;
    }

    private static Path locate() {
        String property = System.getProperty("medimg4j.test.dcm2niix");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property);
            return Files.isExecutable(p) ? p : null;
        }
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "dcm2niix"));
                }
            }
        }
        candidates.add(Path.of("/usr/bin/dcm2niix"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Converts every series under {@code input} to uncompressed NIfTI in {@code output}: {@code -g i} (ignore a
     * user's ~/.dcm2nii.ini, so that the options below are the whole story; it must come first, as it resets the
     * options before it), {@code -z n} (no gzip), {@code -b n} (no BIDS sidecar), {@code -f %s_%d} (series number
     * and description; dcm2niix adds suffixes such as {@code _i00001}, {@code _Eq_1}, {@code _Tilt_1} when one
     * series gives several files). dcm2niix never writes into {@code input}.
     *
     * @return the .nii files written, sorted by name; fails the test when dcm2niix fails or times out
     */
    static List<Path> convert(Path input, Path output) throws IOException {
        Files.createDirectories(output);
        List<String> command = List.of(require().toString(), "-g", "i", "-z", "n", "-b", "n", "-f", "%s_%d",
                "-o", output.toString(), input.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("dcm2niix did not finish within " + TIMEOUT_S + " s on " + input);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while dcm2niix ran on " + input);
        }
        assertEquals(0, p.exitValue(), () -> "dcm2niix failed on " + input + ":\n" + log);
        try (Stream<Path> s = Files.list(output)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".nii")).sorted().toList();
        }
    }

    /**
     * @return a copy of the regular files of {@code source} (not recursive) but its expected.json in
     *         {@code target}, created: dcm2niix and the scanner then see the series alone, and nothing is ever
     *         written into the corpus
     */
    static Path copyFolder(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> s = Files.list(source)) {
            for (Path f : s.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("expected.json")).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
