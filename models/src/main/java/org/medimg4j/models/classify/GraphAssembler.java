package org.medimg4j.models.classify;

import java.util.Arrays;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Adds the layers the classifiers are made of to a DL4J graph, in 2-D (NCHW) or 3-D (NCDHW), each call returning
 * the name of the vertex it added so that a builder reads like the PyTorch module it mirrors.
 *
 * <p>All convolutions and poolings use {@link ConvolutionMode#Truncate} with explicit padding, so that every output
 * size is {@code floor((in + 2·pad − kernel) / stride) + 1}, PyTorch's rule.
 */
final class GraphAssembler {

    /** Name of the graph's single input. */
    static final String INPUT = "input";

    private final GraphBuilder graph;
    private final int dims;
    private final Normalization normalization;
    private IWeightInit convolutionInit = new WeightInitRelu();

    private GraphAssembler(GraphBuilder graph, int dims, Normalization normalization) {
        this.graph = graph;
        this.dims = dims;
        this.normalization = normalization;
    }

    /**
     * Sets the initialisation of the convolutions added from now on; the default is He normal with fan-in
     * (torchvision's {@code kaiming_normal_} default, which DenseNet uses).
     */
    GraphAssembler convolutionInit(IWeightInit init) {
        this.convolutionInit = init;
        return this;
    }

    /**
     * Starts a graph with one input named {@link #INPUT}.
     *
     * @param seed      DL4J's seed for the weight initialisation
     * @param updater   the optimiser the configuration carries
     * @param dims      2 or 3
     * @param normalization what {@link #norm} adds, and whether {@link #conv} gives convolutions a bias
     * @param channels  input channels
     * @param inputSize spatial input size, (H, W) or (D, H, W)
     * @param channelsLast NHWC instead of NCHW activations (2-D only); every 2-D layer takes its format from the
     *                     input type DL4J propagates, so this one switch suffices (see the builders' tests)
     */
    static GraphAssembler start(long seed, IUpdater updater, int dims, Normalization normalization, int channels,
            int[] inputSize, boolean channelsLast) {
        GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed).updater(updater)
                .dataType(DataType.FLOAT).weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder().addInputs(INPUT);
        g.setInputTypes(inputType(channels, inputSize, channelsLast));
        return new GraphAssembler(g, dims, normalization);
    }

    /** The DL4J input type for a classifier input, (H, W) or (D, H, W) with {@code channels} channels. */
    static InputType inputType(int channels, int[] inputSize, boolean channelsLast) {
        return inputSize.length == 2
                ? InputType.convolutional(inputSize[0], inputSize[1], channels,
                        channelsLast ? CNN2DFormat.NHWC : CNN2DFormat.NCHW)
                : InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, inputSize[0], inputSize[1],
                        inputSize[2], channels);
    }

    /**
     * A cubic/square convolution whose bias follows the normalisation's rule ({@link Normalization#convolutionBias()}).
     */
    String conv(String name, String input, int nOut, int kernel, int stride, int padding) {
        return conv(name, input, nOut, kernel, stride, padding, normalization.convolutionBias());
    }

    /** A cubic/square convolution with an explicit bias flag. */
    String conv(String name, String input, int nOut, int kernel, int stride, int padding, boolean bias) {
        Layer layer = dims == 2
                ? new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
                        .nOut(nOut).hasBias(bias).activation(Activation.IDENTITY).weightInit(convolutionInit)
                        .convolutionMode(ConvolutionMode.Truncate).build()
                : new Convolution3D.Builder().kernelSize(kernel, kernel, kernel).stride(stride, stride, stride)
                        .padding(padding, padding, padding).nOut(nOut).hasBias(bias).activation(Activation.IDENTITY)
                        .weightInit(convolutionInit).dataFormat(Convolution3D.DataFormat.NCDHW)
                        .convolutionMode(ConvolutionMode.Truncate).build();
        graph.addLayer(name, layer, input);
        return name;
    }

    /** The configured normalisation of {@code channels} maps, or {@code input} itself if there is none. */
    String norm(String name, String input, int channels) {
        Optional<Layer> layer = normalization.layer(channels, dims);
        if (layer.isEmpty()) {
            return input;
        }
        graph.addLayer(name, layer.get(), input);
        return name;
    }

    /** ReLU as its own layer. */
    String relu(String name, String input) {
        graph.addLayer(name, new ActivationLayer.Builder().activation(Activation.RELU).build(), input);
        return name;
    }

    /** Max pooling over a cube/square window. */
    String maxPool(String name, String input, int kernel, int stride, int padding) {
        return pool(name, input, PoolingType.MAX, kernel, stride, padding);
    }

    /** Average pooling over a cube/square window, without padding. */
    String avgPool(String name, String input, int kernel, int stride) {
        return pool(name, input, PoolingType.AVG, kernel, stride, 0);
    }

    private String pool(String name, String input, PoolingType type, int kernel, int stride, int padding) {
        Layer layer = dims == 2
                ? new SubsamplingLayer.Builder(type).kernelSize(kernel, kernel).stride(stride, stride)
                        .padding(padding, padding).convolutionMode(ConvolutionMode.Truncate).build()
                : new Subsampling3DLayer.Builder(type).kernelSize(kernel, kernel, kernel)
                        .stride(stride, stride, stride).padding(padding, padding, padding)
                        .dataFormat(Convolution3D.DataFormat.NCDHW).convolutionMode(ConvolutionMode.Truncate)
                        .build();
        graph.addLayer(name, layer, input);
        return name;
    }

    /** Element-wise sum of two equally shaped activations (the residual connection). */
    String add(String name, String a, String b) {
        graph.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
        return name;
    }

    /** Concatenation along the channel axis, in the order given. */
    String concat(String name, String... inputs) {
        graph.addVertex(name, new MergeVertex(), inputs);
        return name;
    }

    /** Global average pooling over all spatial axes, giving one value per channel. */
    String globalAvgPool(String name, String input) {
        graph.addLayer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(true).build(), input);
        return name;
    }

    /** Dropout keeping each activation with probability {@code 1 − rate}. */
    String dropout(String name, String input, double rate) {
        graph.addLayer(name, new DropoutLayer.Builder(1.0 - rate).build(), input);
        return name;
    }

    /**
     * The fully connected classifier with bias, as the graph's output.
     *
     * @return the finished configuration
     */
    ComputationGraphConfiguration finish(String name, String input, int classes, Head head) {
        Layer layer = head == Head.SOFTMAX
                ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build()
                : new DenseLayer.Builder().nOut(classes).activation(Activation.IDENTITY).hasBias(true)
                        .weightInit(WeightInit.XAVIER).build();
        graph.addLayer(name, layer, input);
        graph.setOutputs(name);
        // A logits head is a plain dense layer, which DL4J's output-layer check would flag.
        graph.validateOutputLayerConfig(head == Head.SOFTMAX);
        return graph.build();
    }

    @Override
    public String toString() {
        return "GraphAssembler[" + dims + "-D, " + normalization.label() + "]";
    }

    /** A copy of a size array, for records and accessors that must not share it. */
    static int[] copy(int[] a) {
        return Arrays.copyOf(a, a.length);
    }
}
