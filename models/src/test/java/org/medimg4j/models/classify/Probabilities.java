package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks a classifier's [batch, classes] output holds one finite probability distribution per row. */
final class Probabilities {

    private Probabilities() {
    }

    static void assertRowsAreDistributions(INDArray p) {
        assertEquals(2, p.rank());
        float[] v = p.dup().data().asFloat();
        int classes = (int) p.size(1);
        for (int r = 0; r < p.size(0); r++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float q = v[r * classes + c];
                assertTrue(Float.isFinite(q) && q >= 0 && q <= 1, "row " + r + " class " + c + ": " + q);
                sum += q;
            }
            assertEquals(1.0, sum, 1e-5, "row " + r + " sums to 1");
        }
    }
}
