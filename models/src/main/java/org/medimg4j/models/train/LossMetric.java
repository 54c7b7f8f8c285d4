package org.medimg4j.models.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** {@link ValidationMetric#loss()}: the example-weighted mean of the network's score over validation batches. */
final class LossMetric implements ValidationMetric {

    @Override
    public String name() {
        return "val_loss";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public double evaluate(ComputationGraph network, MultiDataSetIterator validation) {
        double sum = 0;
        long examples = 0;
        while (validation.hasNext()) {
            MultiDataSet batch = validation.next();
            long n = batch.getFeatures(0).size(0);
            // score(…, false): inference mode (no dropout); DL4J's score is the batch mean plus regularisation.
            sum += network.score(batch, false) * n;
            examples += n;
        }
        return examples == 0 ? Double.NaN : sum / examples;
    }

    @Override
    public String toString() {
        return name();
    }
}
