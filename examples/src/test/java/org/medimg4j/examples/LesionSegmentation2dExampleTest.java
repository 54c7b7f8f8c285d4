package org.medimg4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.models.bundle.ModelBundle;
import org.medimg4j.models.train.Trainer;

/** Runs the 2-D example's tiny version: every stage runs and writes its files; the figures are finite. */
class LesionSegmentation2dExampleTest {

    @Test
    void quickRunWritesTrainingFilesAndBundleAndFiniteFigures(@TempDir Path dir) throws Exception {
        LesionSegmentation2dExample.Figures f = LesionSegmentation2dExample.run(dir, true);

        assertTrue(Files.isRegularFile(dir.resolve("training").resolve(Trainer.METRICS_CSV)));
        assertTrue(Files.isRegularFile(dir.resolve("training").resolve(Trainer.CURVE_PNG)));
        assertEquals(dir.resolve(LesionSegmentation2dExample.BUNDLE_FILE), f.bundle());
        assertEquals(3, ModelBundle.load(f.bundle()).descriptor().input().preprocessing().size());
        assertTrue(f.testCases() >= 1, "test cases " + f.testCases());
        assertTrue(f.pooledDice() >= 0 && f.pooledDice() <= 1, "pooled Dice " + f.pooledDice());
        assertTrue(f.meanDice() >= 0 && f.meanDice() <= 1, "mean Dice " + f.meanDice());
        assertTrue(Double.isFinite(f.bestValDice()), "validation Dice " + f.bestValDice());
        assertTrue(f.totalSeconds() > 0);
    }
}
