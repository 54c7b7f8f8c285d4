package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Our graphs compute what the PyTorch reference modules compute: weights and BatchNorm statistics written by
 * {@code make_torch_fixtures.py} (small variants of torch_models.py's ResNet and DenseNet, eval mode, and the 3-D
 * ResNet without normalisation) are loaded by
 * torchvision module name, and the logits for the same input agree. This checks paddings, strides, pooling rules,
 * concatenation order and the residual wiring, which parameter counts alone cannot.
 */
class TorchEquivalenceTest {

    @BeforeAll
    static void floatDefault() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void smallResNetGivesTorchLogits() throws IOException {
        ResNet spec = ResNet.builder().blocks(1, 1).baseWidth(4).inChannels(2).classes(3).inputSize(28, 36)
                .head(Head.LOGITS).build();
        assertTorchLogits(spec.initialisedGraph(1), "resnet_small_torch.txt", false);
    }

    @Test
    void smallDenseNetGivesTorchLogits() throws IOException {
        DenseNet spec = DenseNet.builder().growthRate(4).blockLayers(2, 2).initFeatures(8).bnSize(2).inChannels(2)
                .classes(3).inputSize(28, 36).head(Head.LOGITS).build();
        assertTorchLogits(spec.initialisedGraph(1), "densenet_small_torch.txt", false);
    }

    @Test
    void smallResNetInNhwcGivesTorchLogits() throws IOException {
        ResNet spec = ResNet.builder().blocks(1, 1).baseWidth(4).inChannels(2).classes(3).inputSize(28, 36)
                .head(Head.LOGITS).channelsLast(true).build();
        assertTorchLogits(spec.initialisedGraph(1), "resnet_small_torch.txt", true);
    }

    @Test
    void small3dResNetWithoutNormalizationGivesTorchLogits() throws IOException {
        ResNet spec = ResNet.builder().dimensions(3).blocks(1, 1).baseWidth(2).classes(2)
                .normalization(Normalization.none()).inputSize(12, 16, 16).head(Head.LOGITS).build();
        assertTorchLogits(spec.initialisedGraph(1), "resnet3d_small_torch.txt", false);
    }

    private static void assertTorchLogits(ComputationGraph net, String fixture, boolean nhwc) throws IOException {
        Map<String, INDArray> torch = read(fixture);
        int loaded = 0;
        for (Map.Entry<String, INDArray> e : torch.entrySet()) {
            if (e.getKey().startsWith("@")) {
                continue;
            }
            int dot = e.getKey().lastIndexOf('.');
            String module = e.getKey().substring(0, dot);
            String tensor = e.getKey().substring(dot + 1);
            GraphVertex v = net.getVertex(module);
            assertNotNull(v, "no vertex for torch module " + module);
            Layer conf = v.getLayer().conf().getLayer();
            INDArray value = e.getValue();
            String key;
            if (conf instanceof BatchNormalization) {
                key = switch (tensor) {
                    case "weight" -> "gamma";
                    case "bias" -> "beta";
                    case "running_mean" -> "mean";
                    case "running_var" -> "var";
                    default -> throw new AssertionError(e.getKey());
                };
            } else if (conf instanceof ConvolutionLayer) {
                key = tensor.equals("weight") ? "W" : "b"; // weights [out, in, (kd,) kh, kw] in both
            } else if (conf instanceof FeedForwardLayer) {
                key = tensor.equals("weight") ? "W" : "b";
                value = tensor.equals("weight") ? value.transpose().dup() : value;
            } else {
                throw new AssertionError("unexpected layer for " + e.getKey() + ": " + conf);
            }
            INDArray target = net.getParam(module + "_" + key);
            if (value.rank() == 1) { // BatchNorm vectors and biases: DL4J's vector shape, same values
                value = value.reshape(target.shape());
            }
            assertArrayEquals(target.shape(), value.shape(), e.getKey());
            target.assign(value);
            loaded++;
        }
        assertEquals(net.paramTable().size(), loaded, "every DL4J parameter comes from the torch state_dict");
        INDArray x = torch.get("@input");
        INDArray out = net.outputSingle(false, nhwc ? x.permute(0, 2, 3, 1).dup() : x);
        assertArrayEquals(torch.get("@logits").data().asFloat(), out.data().asFloat(), 2e-4f);
    }

    private static Map<String, INDArray> read(String fixture) throws IOException {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        try (InputStream in = TorchEquivalenceTest.class.getResourceAsStream(fixture)) {
            assertNotNull(in, fixture);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] parts = line.split("\\|", -1);
                String[] dims = parts[1].split(",");
                long[] shape = new long[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = Long.parseLong(dims[i]);
                }
                String[] values = parts[2].trim().split(" ");
                float[] v = new float[values.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Float.parseFloat(values[i]);
                }
                tensors.put(parts[0], Nd4j.create(v, shape, 'c'));
            }
        }
        return tensors;
    }
}
