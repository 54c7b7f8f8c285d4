package org.medimg4j.models.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling3D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.medimg4j.models.layer.ChannelConcat;

/**
 * Layers, output shapes, parameters and FLOPs of a DL4J {@link ComputationGraph} for one input shape, worked out
 * from the configuration alone (no forward pass, nothing allocated).
 *
 * <p>Parameters are DL4J's {@code numParams()} per layer, so batch-normalisation layers count their running mean and
 * variance (PyTorch does not: it keeps them as buffers). FLOPs follow {@code torch_models.py}'s
 * {@code count_flops}: 2 × the multiply-adds of convolutions, transposed convolutions and dense layers, for the
 * whole batch; bias additions, normalisation, activations, pooling, up-sampling, concatenation and residual
 * additions count 0. See {@link LayerFlops} for each layer type's formula.
 *
 * <p>Joins are checked: a merge or element-wise vertex whose inputs differ in spatial size means the input shape
 * does not suit the network, reported as an {@link InputShapeException}.
 */
public final class NetworkSummary {

    /**
     * One vertex of the graph.
     *
     * @param name        the vertex name
     * @param type        the layer or vertex class, with kernel and stride for convolutions and pooling
     * @param outputShape the vertex's output shape including the batch dimension, in the layer's data format
     * @param parameters  DL4J's parameter count of the layer (0 for vertices without parameters)
     * @param flops       FLOPs of one forward pass of the whole batch, by the convention above
     */
    public record Row(String name, String type, long[] outputShape, long parameters, long flops) {
        /** Copies the shape so that the row stays immutable. */
        public Row {
            outputShape = outputShape.clone();
        }

        /** @return the output shape, a copy */
        @Override
        public long[] outputShape() {
            return outputShape.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && name.equals(r.name) && type.equals(r.type)
                    && Arrays.equals(outputShape, r.outputShape) && parameters == r.parameters && flops == r.flops;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(outputShape);
        }

        @Override
        public String toString() {
            return name + " " + type + " " + Arrays.toString(outputShape) + " params=" + parameters + " flops=" + flops;
        }
    }

    private final long[] inputShape;
    private final List<Row> rows;
    private final long totalParameters;
    private final long totalFlops;

    private NetworkSummary(long[] inputShape, List<Row> rows) {
        this.inputShape = inputShape.clone();
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
        this.totalParameters = rows.stream().mapToLong(Row::parameters).sum();
        this.totalFlops = rows.stream().mapToLong(Row::flops).sum();
    }

    /**
     * Summarises a network for one input shape.
     *
     * @param net        the network (initialised or not)
     * @param inputShape the shape of its single input, including the batch: [N, C, H, W] (NCHW), [N, C, D, H, W]
     *                   (NCDHW) or [N, F] (feed-forward), in elements
     * @return the summary
     * @throws InputShapeException if the shape does not fit the network
     */
    public static NetworkSummary of(ComputationGraph net, long... inputShape) {
        return of(net.getConfiguration(), inputShape);
    }

    /**
     * Summarises a network configuration for one input shape; the configuration is not changed.
     *
     * @param conf       the configuration of a graph with one input
     * @param inputShape as in {@link #of(ComputationGraph, long...)}
     * @return the summary
     * @throws InputShapeException if the shape does not fit the network
     */
    public static NetworkSummary of(ComputationGraphConfiguration conf, long... inputShape) {
        return of(conf, false, inputShape);
    }

    /**
     * Summarises a channels-last network (NHWC / NDHWC) for one input shape.
     *
     * @param conf       the configuration of a graph with one input
     * @param inputShape [N, H, W, C], [N, D, H, W, C] or [N, F], in elements
     * @return the summary
     * @throws InputShapeException if the shape does not fit the network
     */
    public static NetworkSummary ofChannelsLast(ComputationGraphConfiguration conf, long... inputShape) {
        return of(conf, true, inputShape);
    }

    private static NetworkSummary of(ComputationGraphConfiguration conf, boolean channelsLast, long... inputShape) {
        if (conf.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("conf must have exactly one input, has " + conf.getNetworkInputs());
        }
        InputType in = inputType(inputShape, channelsLast);
        long batch = inputShape[0];
        Map<String, InputType> types;
        try {
            // a clone, because DL4J's shape inference may set nIn and preprocessors on the configuration it walks
            types = conf.clone().getLayerActivationTypes(false, false, in);
        } catch (RuntimeException e) {
            throw new InputShapeException("input shape " + Arrays.toString(inputShape)
                    + " cannot pass through the network: " + e.getMessage());
        }
        String input = conf.getNetworkInputs().get(0);
        Map<String, InputType> outTypes = new LinkedHashMap<>(types);
        outTypes.put(input, in);
        List<Row> rows = new ArrayList<>();
        for (String name : topologicalOrder(conf)) {
            if (name.equals(input)) {
                continue;
            }
            GraphVertex v = conf.getVertices().get(name);
            List<String> inputs = conf.getVertexInputs().get(name);
            InputType out = outTypes.get(name);
            if (v instanceof LayerVertex lv) {
                out = withDeclaredFormat(lv.getLayerConf().getLayer(), out);
                outTypes.put(name, out);
            }
            long[] outShape = withBatch(batch, out);
            checkPositive(name, outShape, inputShape);
            if (v instanceof MergeVertex || v instanceof ChannelConcat || v instanceof ElementWiseVertex) {
                checkJoin(name, inputs, outTypes, batch, inputShape, !(v instanceof ElementWiseVertex));
            }
            if (v instanceof LayerVertex lv) {
                Layer layer = lv.getLayerConf().getLayer();
                InputType layerIn = outTypes.get(inputs.get(0));
                if (lv.getPreProcessor() != null) {
                    layerIn = lv.getPreProcessor().getOutputType(layerIn);
                }
                long params = layer.initializer().numParams(layer);
                long flops = LayerFlops.of(layer, withBatch(batch, layerIn), outShape);
                rows.add(new Row(name, LayerFlops.describe(layer), outShape, params, flops));
            } else {
                rows.add(new Row(name, v.getClass().getSimpleName(), outShape, 0, 0));
            }
        }
        return new NetworkSummary(inputShape, rows);
    }

    /**
     * DL4J 1.0.0-M2.1's {@code Subsampling3DLayer.getOutputType} reports NDHWC for an NCDHW layer (the arrays
     * themselves are NCDHW): trust the layer's declared data format for 3-D layers.
     */
    private static InputType withDeclaredFormat(Layer layer, InputType t) {
        if (!(t instanceof InputType.InputTypeConvolutional3D c)) {
            return t;
        }
        Convolution3D.DataFormat declared = null;
        if (layer instanceof Subsampling3DLayer s) {
            declared = s.getDataFormat();
        } else if (layer instanceof Upsampling3D u) {
            declared = u.getDataFormat();
        } else if (layer instanceof Convolution3D cv) {
            declared = cv.getDataFormat();
        } else if (layer instanceof Deconvolution3D d) {
            declared = d.getDataFormat();
        }
        if (declared == null || declared == c.getDataFormat()) {
            return t;
        }
        return InputType.convolutional3D(declared, c.getDepth(), c.getHeight(), c.getWidth(), c.getChannels());
    }

    private static InputType inputType(long[] s, boolean last) {
        if (s == null || s.length < 2) {
            throw new InputShapeException("inputShape must be [N, F], [N, C, H, W] or [N, C, D, H, W], got "
                    + Arrays.toString(s));
        }
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 1) {
                throw new InputShapeException("inputShape dimension " + i + " must be >= 1, got " + s[i] + " in "
                        + Arrays.toString(s));
            }
        }
        return switch (s.length) {
            case 2 -> InputType.feedForward(s[1]);
            case 4 -> last ? InputType.convolutional(s[1], s[2], s[3], org.deeplearning4j.nn.conf.CNN2DFormat.NHWC)
                    : InputType.convolutional(s[2], s[3], s[1]);
            case 5 -> last ? InputType.convolutional3D(Convolution3D.DataFormat.NDHWC, s[1], s[2], s[3], s[4])
                    : InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, s[2], s[3], s[4], s[1]);
            default -> throw new InputShapeException("inputShape must be [N, F], [N, C, H, W] or [N, C, D, H, W], "
                    + "got " + Arrays.toString(s));
        };
    }

    private static long[] withBatch(long batch, InputType t) {
        long[] s = t.getShape(false);
        long[] out = new long[s.length + 1];
        out[0] = batch;
        System.arraycopy(s, 0, out, 1, s.length);
        return out;
    }

    private static void checkPositive(String name, long[] shape, long[] inputShape) {
        for (long d : shape) {
            if (d < 1) {
                throw new InputShapeException("input shape " + Arrays.toString(inputShape) + " shrinks to "
                        + Arrays.toString(shape) + " at vertex " + name + ": too small for the network");
            }
        }
    }

    /** All inputs of a join must agree in every dimension but the joined one (channels for a merge). */
    private static void checkJoin(String name, List<String> inputs, Map<String, InputType> types, long batch,
            long[] inputShape, boolean merge) {
        long[] first = withBatch(batch, types.get(inputs.get(0)));
        for (int i = 1; i < inputs.size(); i++) {
            long[] other = withBatch(batch, types.get(inputs.get(i)));
            boolean ok = other.length == first.length;
            for (int d = 0; ok && d < first.length; d++) {
                ok = first[d] == other[d] || (merge && d == channelAxis(types.get(inputs.get(0))));
            }
            if (!ok) {
                throw new InputShapeException("input shape " + Arrays.toString(inputShape) + " does not fit: vertex "
                        + name + " joins " + inputs.get(0) + " " + Arrays.toString(first) + " with " + inputs.get(i)
                        + " " + Arrays.toString(other) + " (a spatial size was not divisible by the down-sampling)");
            }
        }
    }

    private static int channelAxis(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return c.getFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NCHW ? 1 : 3;
        }
        if (t instanceof InputType.InputTypeConvolutional3D c) {
            return c.getDataFormat() == Convolution3D.DataFormat.NCDHW ? 1 : 4;
        }
        return 1;
    }

    /** Kahn's order over the configuration's vertices, ties broken by the order they were added. */
    private static List<String> topologicalOrder(ComputationGraphConfiguration conf) {
        List<String> names = new ArrayList<>(conf.getNetworkInputs());
        names.addAll(conf.getVertices().keySet());
        Map<String, Integer> pending = new LinkedHashMap<>();
        for (String n : names) {
            List<String> ins = conf.getVertexInputs().get(n);
            pending.put(n, ins == null ? 0 : ins.size());
        }
        List<String> order = new ArrayList<>();
        boolean progress = true;
        while (order.size() < names.size() && progress) {
            progress = false;
            for (String n : names) {
                if (pending.get(n) == 0 && !order.contains(n)) {
                    order.add(n);
                    progress = true;
                    for (String m : names) {
                        List<String> ins = conf.getVertexInputs().get(m);
                        if (ins != null) {
                            for (String i : ins) {
                                if (i.equals(n)) {
                                    pending.put(m, pending.get(m) - 1);
                                }
                            }
                        }
                    }
                }
            }
        }
        return order;
    }

    /** @return the input shape summarised, a copy */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** @return one row per vertex (network input excluded), in topological order */
    public List<Row> rows() {
        return rows;
    }

    /**
     * @param name a vertex name
     * @return that vertex's row
     * @throws IllegalArgumentException if there is no such vertex
     */
    public Row row(String name) {
        for (Row r : rows) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("name: no vertex '" + name + "' in the network");
    }

    /** @return DL4J's parameter count of the whole network (batch-norm running statistics included) */
    public long totalParameters() {
        return totalParameters;
    }

    /** @return FLOPs of one forward pass of the whole batch, by {@code count_flops}' convention */
    public long totalFlops() {
        return totalFlops;
    }

    /** @return the output shape of the last vertex in topological order */
    public long[] outputShape() {
        return rows.get(rows.size() - 1).outputShape();
    }

    /** @return a table: one line per vertex, then the totals */
    @Override
    public String toString() {
        int w = "name".length();
        int t = "type".length();
        for (Row r : rows) {
            w = Math.max(w, r.name().length());
            t = Math.max(t, r.type().length());
        }
        String fmt = "%-" + w + "s  %-" + t + "s  %-22s  %,12d  %,16d%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-" + t + "s  %-22s  %12s  %16s%n", "name", "type",
                "output shape", "parameters", "FLOPs"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, fmt, r.name(), r.type(), Arrays.toString(r.outputShape()),
                    r.parameters(), r.flops()));
        }
        sb.append(String.format(Locale.ROOT, "input %s: %,d parameters (DL4J count, BN running statistics "
                + "included), %.3f GFLOPs (2 x multiply-adds of conv/deconv/dense)%n", Arrays.toString(inputShape),
                totalParameters, totalFlops / 1e9));
        return sb.toString();
    }
}
