package org.medimg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.nifti.NiftiReader;
import org.medimg4j.core.volume.LabelVolume;
import picocli.CommandLine;

class MedimgCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = MedimgCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpListsTheDemo() {
        Run r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("demo"), r.out());
        Run d = run("demo", "--help");
        assertEquals(0, d.status());
        assertTrue(d.out().contains("--seed"), d.out());
    }

    @Test
    void versionNamesTheProject() {
        Run r = run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("medimg4j "), r.out());
    }

    @Test
    void demoReportsGeometryVolumesAndDiceAndWritesNifti(@TempDir Path dir) throws Exception {
        Run r = run("demo", "--seed", "3", "--spacing", "2.0", "--output", dir.toString());
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
        Run r = run("demo", "--spacing", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--spacing"), r.err());
    }
}
