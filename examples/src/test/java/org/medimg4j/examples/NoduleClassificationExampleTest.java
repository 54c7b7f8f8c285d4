package org.medimg4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.models.bundle.BundleDescriptor;
import org.medimg4j.models.bundle.ModelBundle;
import org.medimg4j.models.bundle.Task;

/**
 * Runs the example's {@code --quick} path (a few dozen small images, two epochs): the pipeline must write its
 * files and finite metrics. Whether the goal (AUC ≥ 0.95) is reached is shown by the full run's printed output,
 * not here.
 */
class NoduleClassificationExampleTest {

    @TempDir
    Path out;

    @Test
    void quickRunWritesBundleCsvAndChartsWithFiniteMetrics() throws IOException {
        NoduleClassificationExample.Outcome o = NoduleClassificationExample.run(out,
                NoduleClassificationExample.RunSize.quick(), 7);

        for (Path f : List.of(o.bundle(), o.rocPng(), o.metricsCsv(), o.trainingCurve())) {
            assertTrue(Files.size(f) > 0, "missing or empty: " + f);
        }
        assertPng(o.rocPng());
        assertPng(o.trainingCurve());
        List<String> csv = Files.readAllLines(o.metricsCsv());
        assertTrue(csv.size() >= 2, "metrics.csv has a header and at least one epoch: " + csv);

        for (double m : new double[] {o.testAuc(), o.accuracy(), o.sensitivity(), o.specificity()}) {
            assertTrue(m >= 0 && m <= 1, "metric outside 0..1: " + m);
        }
        assertTrue(Double.isFinite(o.f1()) || o.confusion().count(1, 1) == 0, "F1 " + o.f1());
        assertTrue(o.confusion().total() >= 4, "quick run tests some held-out patients: " + o.confusion().total());
        assertEquals(0.0, o.maxBundleDifference(), 1e-6, "reloaded bundle gives the same probabilities");

        BundleDescriptor d = ModelBundle.readDescriptor(o.bundle());
        assertEquals(Task.CLASSIFICATION, d.task());
        assertEquals(List.of("no nodule", "nodule"), d.output().labels());
        assertEquals(3, d.input().preprocessing().size());
    }

    @Test
    void rejectsASecondPositionalArgument() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NoduleClassificationExample.main(new String[] {"a", "b"}));
        assertTrue(e.getMessage().contains("unexpected argument b"), e.getMessage());
    }

    private static void assertPng(Path f) throws IOException {
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(f), 4);
        assertEquals((byte) 0x89, head[0], "PNG signature of " + f);
        assertEquals('P', head[1]);
        assertEquals('N', head[2]);
        assertEquals('G', head[3]);
    }
}
