package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/** The softmax heads train, and the normalisation slot takes any layer (how a 3-D batch norm will be plugged in). */
class TrainingAndPluggingTest {

    @BeforeAll
    static void floatDefault() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** 8 noisy 16×16 patches, the odd ones with a bright 4×4 square in the centre; one-hot labels. */
    private static DataSet blobs() {
        Nd4j.getRandom().setSeed(17);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 16, 16).muli(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 2);
        for (int i = 0; i < 8; i++) {
            int c = i % 2;
            y.putScalar(i, c, 1f);
            if (c == 1) {
                x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.interval(6, 10),
                        NDArrayIndex.interval(6, 10)).addi(2f);
            }
        }
        return new DataSet(x, y);
    }

    private static void assertLossFalls(ComputationGraph net) {
        DataSet d = blobs();
        double first = net.score(d, false);
        for (int i = 0; i < 10; i++) {
            net.fit(d);
        }
        double last = net.score(d, false);
        assertTrue(Double.isFinite(last) && last < 0.8 * first, "loss " + first + " -> " + last);
    }

    @Test
    void patchClassifierLossFallsOnTinyProblem() {
        assertLossFalls(PatchClassifier.builder().filters(4, 8).updater(new Adam(0.02)).inputSize(16, 16).build()
                .initialisedGraph(21));
    }

    @Test
    void resNetLossFallsOnTinyProblem() {
        assertLossFalls(ResNet.builder().blocks(1).baseWidth(4).updater(new Adam(0.02)).inputSize(16, 16).build()
                .initialisedGraph(23));
    }

    @Test
    void pluggedNormalizationFollowsEveryConvolutionOf3dResNet() {
        // stands in for a 3-D batch norm: a named layer in each normalisation slot, convolutions without bias
        Normalization marker = new Normalization() {
            @Override
            public Optional<Layer> layer(int channels, int dimensions) {
                return Optional.of(new ActivationLayer.Builder().activation(Activation.IDENTITY).build());
            }

            @Override
            public boolean supports(int dimensions) {
                return true;
            }

            @Override
            public boolean convolutionBias() {
                return false;
            }

            @Override
            public String label() {
                return "marker";
            }
        };
        ComputationGraphConfiguration conf = ResNet.builder().dimensions(3).blocks(1, 1).baseWidth(2)
                .normalization(marker).inputSize(8, 8, 8).build().configuration(1);
        int convs = 0;
        for (var e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof Convolution3D c) {
                convs++;
                assertFalse(c.hasBias(), e.getKey());
                String name = e.getKey();
                String norm = name.endsWith("downsample.0") ? name.substring(0, name.length() - 1) + "1"
                        : name.replace("conv", "bn");
                assertEquals(e.getKey(), conf.getVertexInputs().get(norm).get(0), "normalisation after " + e.getKey());
            }
        }
        assertEquals(1 + 2 + 3, convs, "stem, block 1 (2 convs), block 2 (2 convs + downsample)");
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        assertEquals(2, net.outputSingle(Nd4j.rand(DataType.FLOAT, 1, 1, 8, 8, 8)).size(1));
    }
}
