package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The configurations survive DL4J's JSON and model-file round trips, which model bundles rely on. */
class ConfigurationJsonTest {

    @BeforeAll
    static void floatDefault() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** Topology and parameter count survive the round trip; returns the configuration read back. */
    private static ComputationGraphConfiguration assertRoundTrip(ComputationGraphConfiguration conf) {
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf.getVertices().keySet(), back.getVertices().keySet());
        assertEquals(conf.getVertexInputs(), back.getVertexInputs());
        assertEquals(ParamCount.of(conf), ParamCount.of(back));
        return back;
    }

    private static List<Boolean> useLogStd(ComputationGraphConfiguration conf) {
        List<Boolean> flags = new ArrayList<>();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BatchNormalization bn) {
                flags.add(bn.isUseLogStd());
            }
        }
        return flags;
    }

    @Test
    void initialisedNetworkConfigurationKeepsRunningVarianceThroughJson() {
        ComputationGraphConfiguration conf = PatchClassifier.builder().filters(2, 4).inputSize(16, 16).build()
                .initialisedGraph(1).getConfiguration();
        List<Boolean> flags = useLogStd(assertRoundTrip(conf));
        assertEquals(4, flags.size());
        assertFalse(flags.contains(true), "running variance stays a variance (torch's meaning): " + flags);
    }

    /**
     * DL4J 1.0.0-M2.1 quirk: the JSON of a configuration no network has been initialised from records no parameter
     * names, and reading it back turns BatchNormalization's useLogStd to DL4J's default, true (it stores log10 of
     * the standard deviation instead of the variance). Still a working network, but parameter names change
     * ("log10stdev" for "var"). Save initialised networks (ModelSerializer), or rebuild from our builders. When this
     * test fails, DL4J fixed it.
     */
    @Test
    void dl4jFreshConfigurationJsonStillTurnsUseLogStdOn() {
        ComputationGraphConfiguration fresh = PatchClassifier.builder().filters(2, 4).inputSize(16, 16).build()
                .configuration(1);
        assertFalse(useLogStd(fresh).contains(true));
        assertFalse(useLogStd(assertRoundTrip(fresh)).contains(false));
    }

    @Test
    void referenceNetworksRoundTripThroughJson() {
        assertRoundTrip(ResNet.reference18().configuration(3));
        assertRoundTrip(DenseNet.reference121().configuration(3));
    }

    @Test
    void variantsRoundTripThroughJson() {
        assertRoundTrip(ResNet.reference18().toBuilder().head(Head.LOGITS).channelsLast(true).build()
                .configuration(4));
        assertRoundTrip(ResNet.builder().dimensions(3).normalization(Normalization.none()).inputSize(32, 32, 32)
                .build().configuration(5));
        assertRoundTrip(PatchClassifier.builder().dropout(0.25).inputSize(32, 32).build().configuration(6));
    }

    @Test
    void savedAndRestoredNetworkGivesTheSameOutputsTwice(@TempDir Path dir) throws IOException {
        ComputationGraph net = ResNet.builder().blocks(1, 1).baseWidth(4).inputSize(16, 16).build()
                .initialisedGraph(3);
        // statistics far from their initial 0 / 1, so that reading them with another meaning would show
        net.getParam("bn1_mean").assign(0.5);
        net.getParam("bn1_var").assign(4.0);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 16, 16);
        float[] expected = net.outputSingle(x).data().asFloat();
        ComputationGraph current = net;
        for (int round = 0; round < 2; round++) {
            File f = Files.createTempFile(dir, "net", ".zip").toFile();
            ModelSerializer.writeModel(current, f, false);
            current = ModelSerializer.restoreComputationGraph(f, false);
            assertArrayEquals(expected, current.outputSingle(x).data().asFloat(), 1e-6f, "round " + round);
        }
    }

    @Test
    void logitsHeadHasTheSameParametersAsSoftmaxHead() {
        assertEquals(ParamCount.of(ResNet.reference18().configuration(1)),
                ParamCount.of(ResNet.reference18().toBuilder().head(Head.LOGITS).build().configuration(1)));
        assertEquals(ParamCount.of(DenseNet.reference121().configuration(1)),
                ParamCount.of(DenseNet.reference121().toBuilder().head(Head.LOGITS).build().configuration(1)));
    }
}
