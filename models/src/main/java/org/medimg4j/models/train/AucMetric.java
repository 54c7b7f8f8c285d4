package org.medimg4j.models.train;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.medimg4j.core.metric.RocCurve;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** {@link ValidationMetric#auc(int)}: ROC AUC of one class column over every validation example. */
final class AucMetric implements ValidationMetric {

    private final int positiveClass;

    AucMetric(int positiveClass) {
        if (positiveClass < 0) {
            throw new IllegalArgumentException("ValidationMetric.auc: positiveClass must be >= 0, got "
                    + positiveClass);
        }
        this.positiveClass = positiveClass;
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double evaluate(ComputationGraph network, MultiDataSetIterator validation) {
        double[] scores = new double[64];
        boolean[] truth = new boolean[64];
        int n = 0;
        while (validation.hasNext()) {
            MultiDataSet batch = validation.next();
            INDArray out = network.output(false, batch.getFeatures())[0];
            if (out.rank() != 2 || positiveClass >= out.size(1)) {
                throw new IllegalArgumentException("ValidationMetric.auc: positiveClass " + positiveClass
                        + " is not a column of the network output of shape " + Arrays.toString(out.shape())
                        + " (expected [batch, classes])");
            }
            double[] s = out.getColumn(positiveClass).toDoubleVector();
            long[] cls = batch.getLabels(0).argMax(1).toLongVector();
            if (n + s.length > scores.length) {
                int cap = Math.max(scores.length * 2, n + s.length);
                scores = Arrays.copyOf(scores, cap);
                truth = Arrays.copyOf(truth, cap);
            }
            for (int i = 0; i < s.length; i++) {
                scores[n + i] = s[i];
                truth[n + i] = cls[i] == positiveClass;
            }
            n += s.length;
        }
        return RocCurve.of(Arrays.copyOf(scores, n), Arrays.copyOf(truth, n)).auc();
    }

    @Override
    public String toString() {
        return name() + "[class " + positiveClass + "]";
    }
}
