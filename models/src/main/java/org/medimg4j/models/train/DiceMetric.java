package org.medimg4j.models.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.medimg4j.core.metric.BinaryConfusion;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** {@link ValidationMetric#dice(int)}: Dice of one class from arg-max predictions, summed over all voxels. */
final class DiceMetric implements ValidationMetric {

    private final int label;

    DiceMetric(int label) {
        if (label < 0) {
            throw new IllegalArgumentException("ValidationMetric.dice: label must be >= 0, got " + label);
        }
        this.label = label;
    }

    @Override
    public String name() {
        return "dice[" + label + "]";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double evaluate(ComputationGraph network, MultiDataSetIterator validation) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long total = 0;
        while (validation.hasNext()) {
            MultiDataSet batch = validation.next();
            INDArray out = network.output(false, batch.getFeatures())[0];
            INDArray truth = batch.getLabels(0);
            if (out.rank() < 3 || label >= out.size(1)) {
                throw new IllegalArgumentException("ValidationMetric.dice: label " + label
                        + " is not a channel of the network output of shape " + java.util.Arrays.toString(out.shape())
                        + " (expected [batch, classes, spatial...])");
            }
            // Arg-max over the channel axis, compared with the class: 1 where the voxel is predicted/labelled so.
            INDArray predicted = out.argMax(1).eq(label).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            INDArray actual = truth.argMax(1).eq(label).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            long both = (long) predicted.mul(actual).sumNumber().doubleValue();
            long p = (long) predicted.sumNumber().doubleValue();
            long a = (long) actual.sumNumber().doubleValue();
            tp += both;
            fp += p - both;
            fn += a - both;
            total += predicted.length();
        }
        return new BinaryConfusion(tp, fp, fn, total - tp - fp - fn).dice();
    }

    @Override
    public String toString() {
        return name();
    }
}
