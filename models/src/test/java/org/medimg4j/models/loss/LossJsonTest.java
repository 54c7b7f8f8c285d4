package org.medimg4j.models.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** Every loss survives a ComputationGraphConfiguration JSON round trip with its configuration intact. */
class LossJsonTest {

    static Stream<ProbabilityLoss> losses() {
        List<ProbabilityLoss> all = new ArrayList<>(LossFixtures.oneHotLosses());
        all.addAll(LossFixtures.binaryLosses());
        all.add(new WeightedBinaryCrossEntropyLoss(null, new double[] {2, 2, 2}));
        all.add(new DiceCrossEntropyLoss());
        all.add(new SoftDiceLoss(true, 0.25, 64));
        all.add(new DiceCrossEntropyLoss(true, 1.0, 64, new double[] {1, 5, 5}, 1.0, 0.5));
        return all.stream();
    }

    private static ComputationGraphConfiguration graph(ILossFunction loss) {
        return new NeuralNetConfiguration.Builder().seed(1).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.IDENTITY).build(),
                        "in")
                .addLayer("out", new CnnLossLayer.Builder(loss).activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out").build();
    }

    private static ILossFunction lossOf(ComputationGraphConfiguration conf) {
        LayerVertex vertex = (LayerVertex) conf.getVertices().get("out");
        return ((CnnLossLayer) vertex.getLayerConf().getLayer()).getLossFn();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void lossRoundTripsThroughGraphJson(ProbabilityLoss loss) {
        ComputationGraphConfiguration conf = graph(loss);
        String json = conf.toJson();
        assertTrue(json.contains(loss.getClass().getName()), json);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        ILossFunction restored = lossOf(back);
        assertNotSame(loss, restored);
        assertEquals(loss, restored);
        assertEquals(loss.toString(), restored.toString());
        assertEquals(conf, back);
        assertEquals(json, back.toJson());
    }

    @Test
    void restoredDiceCrossEntropyComputesTheSameScore() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        DiceCrossEntropyLoss loss = new DiceCrossEntropyLoss(true, 0.5, new double[] {1, 2, 3}, 0.4, 0.6);
        ILossFunction restored = lossOf(ComputationGraphConfiguration.fromJson(graph(loss).toJson()));
        INDArray z = LossFixtures.preOutput(new java.util.Random(1), 5, 3);
        INDArray y = LossFixtures.oneHot(new java.util.Random(2), 5, 3);
        assertEquals(loss.computeScore(y, z, Activation.SOFTMAX.getActivationFunction(), null, false),
                restored.computeScore(y, z, Activation.SOFTMAX.getActivationFunction(), null, false), 1e-12);
    }
}
