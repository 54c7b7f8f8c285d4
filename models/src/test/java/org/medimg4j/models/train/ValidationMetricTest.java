package org.medimg4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The built-in metrics on a network that passes its input through, so its output is what we feed. */
class ValidationMetricTest {

    private static ComputationGraph identity() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in")
                .addLayer("id", new ActivationLayer.Builder().activation(Activation.IDENTITY).build(), "in")
                .setOutputs("id").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static InMemoryBatches batch(INDArray out, INDArray labels) {
        return new InMemoryBatches(List.of(new org.nd4j.linalg.dataset.MultiDataSet(out, labels)));
    }

    @Test
    void diceCountsArgMaxVoxelsOverAllBatches() {
        // 1 image, 2 classes, 1×4 pixels: predicted class 1 at pixels 0,1; truth class 1 at pixels 1,2.
        INDArray pred = Nd4j.create(new float[] {0.2f, 0.3f, 0.9f, 0.8f, 0.8f, 0.7f, 0.1f, 0.2f}, new long[] {1, 2, 1, 4});
        INDArray truth = Nd4j.create(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, new long[] {1, 2, 1, 4});
        double dice = ValidationMetric.dice(1).evaluate(identity(), batch(pred, truth));
        assertEquals(2.0 * 1 / (2 * 1 + 1 + 1), dice, 1e-12);
        assertEquals(0.5, ValidationMetric.dice(0).evaluate(identity(), batch(pred, truth)), 1e-12);
    }

    @Test
    void aucRanksThePositiveColumn() {
        INDArray scores = Nd4j.create(new float[] {0.9f, 0.1f, 0.6f, 0.4f, 0.3f, 0.7f, 0.2f, 0.8f}, new long[] {4, 2});
        INDArray labels = Nd4j.create(new float[] {1, 0, 0, 1, 1, 0, 0, 1}, new long[] {4, 2});
        // positives' scores 0.4 and 0.8, negatives' 0.1 and 0.7: 3 of 4 pairs ordered
        assertEquals(0.75, ValidationMetric.auc(1).evaluate(identity(), batch(scores, labels)), 1e-12);
    }

    @Test
    void aucNamesAClassTheOutputLacks() {
        INDArray scores = Nd4j.create(new float[] {0.9f, 0.1f}, new long[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValidationMetric.auc(2).evaluate(identity(), batch(scores, scores)));
        assertTrue(e.getMessage().contains("positiveClass 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ValidationMetric.dice(-1));
    }
}
