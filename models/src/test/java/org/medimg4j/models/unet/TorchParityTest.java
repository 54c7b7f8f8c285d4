package org.medimg4j.models.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The U-Net computes what torch_models.py's UNet computes, given the same weights: a tiny network (filters 2, 4)
 * exported from PyTorch 1.13 in eval mode with random batch-norm statistics (fixtures written by running
 * torch_models.UNet on this machine; see the fixture's first line). This pins the concatenation order (skip first),
 * the transposed convolution, the padding and the batch-norm inference formula, not just the shapes. It also
 * documents how torch weights map onto DL4J parameters (note the 3-D transposed convolution's layout).
 */
class TorchParityTest {

    private static Map<String, INDArray> fixture(String name) throws IOException {
        Map<String, INDArray> m = new LinkedHashMap<>();
        var in = TorchParityTest.class.getResourceAsStream(name);
        assertNotNull(in, name);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] head = line.substring(0, line.indexOf(" : ")).split(" ");
                long[] shape = Arrays.stream(head[1].split(",")).mapToLong(Long::parseLong).toArray();
                double[] v = Arrays.stream(line.substring(line.indexOf(" : ") + 3).trim().split(" "))
                        .mapToDouble(Double::parseDouble).toArray();
                m.put(head[0], Nd4j.createFromArray(v).castTo(DataType.FLOAT).reshape(shape));
            }
        }
        return m;
    }

    private static void set(ComputationGraph net, String layer, String key, INDArray value) {
        INDArray p = net.getLayer(layer).getParam(key);
        assertEquals(p.length(), value.length(), layer + "_" + key + " " + Arrays.toString(p.shape()) + " vs "
                + Arrays.toString(value.shape()));
        p.assign(value.reshape(p.shape()));
    }

    private static void batchNorm(ComputationGraph net, String layer, Map<String, INDArray> t, String prefix,
            boolean dl4jLogStd) {
        set(net, layer, "gamma", t.get(prefix + ".weight"));
        set(net, layer, "beta", t.get(prefix + ".bias"));
        set(net, layer, "mean", t.get(prefix + ".running_mean"));
        INDArray var = t.get(prefix + ".running_var");
        if (dl4jLogStd) {
            // DL4J's 2-D BatchNormalization stores log10(sqrt(var + eps)) instead of the variance
            set(net, layer, "log10stdev", Transforms.log(Transforms.sqrt(var.add(1e-5)), 10));
        } else {
            set(net, layer, "var", var);
        }
    }

    private static void load(ComputationGraph net, Map<String, INDArray> t, boolean is2d) {
        for (int i = 0; i < 2; i++) {
            set(net, "enc" + i + "_conv1", "W", t.get("encoders." + i + ".0.weight"));
            batchNorm(net, "enc" + i + "_norm1", t, "encoders." + i + ".1", is2d);
            set(net, "enc" + i + "_conv2", "W", t.get("encoders." + i + ".3.weight"));
            batchNorm(net, "enc" + i + "_norm2", t, "encoders." + i + ".4", is2d);
        }
        // torch ConvTranspose weights are [in, out, k...]; DL4J's Deconvolution2D has the same layout, but its
        // Deconvolution3D keeps [kD, kH, kW, out, in]
        INDArray up = t.get("ups.0.weight");
        long[] dl4j = net.getLayer("up0").getParam("W").shape();
        assertArrayEquals(is2d ? new long[] {4, 2, 2, 2} : new long[] {2, 2, 2, 2, 4}, dl4j);
        set(net, "up0", "W", is2d ? up : up.permute(2, 3, 4, 1, 0).dup('c'));
        set(net, "up0", "b", t.get("ups.0.bias"));
        set(net, "dec0_conv1", "W", t.get("decoders.0.0.weight"));
        batchNorm(net, "dec0_norm1", t, "decoders.0.1", is2d);
        set(net, "dec0_conv2", "W", t.get("decoders.0.3.weight"));
        batchNorm(net, "dec0_norm2", t, "decoders.0.4", is2d);
        set(net, UNet.HEAD, "W", t.get("head.weight"));
        set(net, UNet.HEAD, "b", t.get("head.bias"));
    }

    private static void check(int dims, String file) throws IOException {
        Map<String, INDArray> t = fixture(file);
        ComputationGraph net = UNet.builder().dimensions(dims).filters(2, 4)
                .outputActivation(OutputActivation.LOGITS).build().newNetwork();
        load(net, t, dims == 2);
        INDArray y = net.outputSingle(false, t.get("input"));
        INDArray expected = t.get("output");
        assertArrayEquals(expected.shape(), y.shape());
        double maxDiff = Transforms.abs(y.sub(expected)).maxNumber().doubleValue();
        // outputs are ~0.3; 1e-5 leaves room for float rounding and DL4J's log10(std) storage of 2-D BN
        assertTrue(maxDiff < 1e-5, dims + "-D max |DL4J - torch| = " + maxDiff);
    }

    @Test
    void unet2dMatchesTorchWithTheSameWeights() throws IOException {
        check(2, "torch_unet2d_tiny.txt");
    }

    @Test
    void unet3dMatchesTorchWithTheSameWeights() throws IOException {
        check(3, "torch_unet3d_tiny.txt");
    }
}
