package org.medimg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.nifti.NiftiReader;
import org.medimg4j.core.volume.LabelVolume;

class MedimgCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void helpListsTheDemo() {
        CliRun r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("demo"), r.out());
        CliRun d = run("demo", "--help");
        assertEquals(0, d.status());
        assertTrue(d.out().contains("--seed"), d.out());
    }

    @Test
    void versionNamesTheProject() {
        CliRun r = run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("medimg4j "), r.out());
    }

    @Test
    void demoReportsGeometryVolumesAndDiceAndWritesNifti(@TempDir Path dir) throws Exception {
        CliRun r = run("demo", "--seed", "3", "--spacing", "2.0", "--output", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("spacing 2.00 x 2.00 x 2.00 mm"), r.out());
        Matcher dice = Pattern.compile("Dice (\\d\\.\\d{3})").matcher(r.out());
        assertTrue(dice.find(), r.out());
        double d = Double.parseDouble(dice.group(1));
        assertTrue(d > 0.2 && d < 1.0, "a threshold finds part of the lesions, not all and not nothing: " + d);
        assertTrue(r.out().contains("mL"));
        LabelVolume truth = NiftiReader.readLabels(dir.resolve("truth.nii.gz"));
        assertTrue(truth.count(1) > 0);
        assertTrue(Files.size(dir.resolve("predicted.nii.gz")) > 0);
    }

    @Test
    void badSpacingIsAClearError() {
        CliRun r = run("demo", "--spacing", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--spacing"), r.err());
    }
}
