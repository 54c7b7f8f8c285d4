package org.medimg4j.models.unet;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.Upsampling3D;
import org.deeplearning4j.nn.weights.WeightInit;
import org.medimg4j.models.layer.BatchNorm3D;
import org.medimg4j.models.layer.ChannelConcat;
import org.medimg4j.models.layer.InstanceNorm;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Writes a {@link UNet} out as a DL4J graph, vertex by vertex, in the order and with the layer settings of
 * {@code torch_models.py}'s {@code UNet}: encoder blocks {@code enc<i>}, max-pools {@code pool<i>}, up-samplings
 * {@code up<i>}, concatenations {@code cat<i>} (skip first, then the up-sampled map), decoder blocks
 * {@code dec<i>}, the 1×1 head {@code head} and, when there is one, the loss layer {@code output}.
 */
final class UNetGraph {

    private final UNet u;
    private final ComputationGraphConfiguration.GraphBuilder g;
    private final boolean is3d;
    private final boolean norm;
    private final boolean last;
    private final Convolution3D.DataFormat f3;
    private final CNN2DFormat f2;

    private UNetGraph(UNet u) {
        this.u = u;
        this.is3d = u.dimensions() == 3;
        this.norm = u.normalization() != Normalization.NONE;
        this.last = u.channelsLast();
        this.f3 = last ? Convolution3D.DataFormat.NDHWC : Convolution3D.DataFormat.NCDHW;
        this.f2 = last ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;
        this.g = new NeuralNetConfiguration.Builder()
                .seed(u.seed())
                .updater(u.updater())
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder();
    }

    static ComputationGraphConfiguration build(UNet u) {
        return new UNetGraph(u).write();
    }

    private ComputationGraphConfiguration write() {
        int[] f = u.filters();
        int levels = f.length;
        g.addInputs(UNet.INPUT);
        // A nominal size: the layers' nIn only depends on channels; any size divisible by the divisor runs.
        long s = u.divisor();
        g.setInputTypes(is3d ? InputType.convolutional3D(f3, s, s, s, u.inChannels())
                : InputType.convolutional(s, s, u.inChannels(), f2));
        String x = UNet.INPUT;
        int cin = u.inChannels();
        String[] skips = new String[levels];
        for (int i = 0; i < levels; i++) {
            x = block("enc" + i, x, cin, f[i]);
            skips[i] = x;
            cin = f[i];
            if (i < levels - 1) {
                x = layer("pool" + i, pool(), x);
            }
        }
        for (int i = levels - 2; i >= 0; i--) {
            String up = upsample("up" + i, x, f[i]);
            // DL4J M2.1's MergeVertex cannot backprop rank-5 input: ChannelConcat in 3-D and for channels-last
            g.addVertex("cat" + i, is3d || last ? new ChannelConcat(last) : new MergeVertex(), skips[i], up);
            x = block("dec" + i, "cat" + i, 2 * f[i], f[i]);
        }
        x = layer(UNet.HEAD, conv(1, u.numClasses(), true, Activation.IDENTITY), x);
        ILossFunction loss = u.loss();
        if (loss == null && u.outputActivation() == OutputActivation.SOFTMAX) {
            loss = new LossMCXENT();
        } else if (loss == null && u.outputActivation() == OutputActivation.SIGMOID) {
            loss = new LossBinaryXENT();
        }
        if (loss != null) {
            Activation act = switch (u.outputActivation()) {
                case LOGITS -> Activation.IDENTITY;
                case SOFTMAX -> Activation.SOFTMAX;
                case SIGMOID -> Activation.SIGMOID;
            };
            Layer out = is3d
                    ? new Cnn3DLossLayer.Builder(f3).lossFunction(loss).activation(act).build()
                    : new CnnLossLayer.Builder(loss).format(f2).activation(act).build();
            x = layer(UNet.OUTPUT, out, x);
        }
        g.setOutputs(x);
        return g.build();
    }

    /** [conv → norm → ReLU] × 2, optionally with a residual shortcut added before the last ReLU; then dropout. */
    private String block(String name, String in, int cin, int cout) {
        // Without normalisation the ReLU can be fused into the convolution, unless a residual sum comes first.
        boolean fuseRelu = !norm;
        String a = layer(name + "_conv1", conv(3, cout, !norm, fuseRelu ? Activation.RELU : Activation.IDENTITY), in);
        if (norm) {
            a = layer(name + "_relu1", relu(), layer(name + "_norm1", normLayer(), a));
        }
        boolean fuseLast = !norm && !u.residual();
        String b = layer(name + "_conv2", conv(3, cout, !norm, fuseLast ? Activation.RELU : Activation.IDENTITY), a);
        if (norm) {
            b = layer(name + "_norm2", normLayer(), b);
        }
        if (u.residual()) {
            String shortcut = in;
            if (cin != cout) {
                shortcut = layer(name + "_proj", conv(1, cout, !norm, Activation.IDENTITY), in);
                if (norm) {
                    shortcut = layer(name + "_projnorm", normLayer(), shortcut);
                }
            }
            g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), b, shortcut);
            b = name + "_add";
        }
        if (!fuseLast) {
            b = layer(name + "_relu2", relu(), b);
        }
        if (u.dropout() > 0) {
            // DL4J's dropout argument is the probability of RETAINING an activation
            b = layer(name + "_drop", new DropoutLayer.Builder(1.0 - u.dropout()).build(), b);
        }
        return b;
    }

    private String upsample(String name, String in, int cout) {
        if (u.upsampling() == DecoderUpsampling.TRANSPOSED_CONV) {
            Layer up = is3d
                    ? new Deconvolution3D.Builder().kernelSize(2, 2, 2).stride(2, 2, 2).nOut(cout).hasBias(true)
                            .convolutionMode(ConvolutionMode.Truncate).dataFormat(f3)
                            .activation(Activation.IDENTITY).build()
                    : new Deconvolution2D.Builder().kernelSize(2, 2).stride(2, 2).nOut(cout).hasBias(true)
                            .convolutionMode(ConvolutionMode.Truncate).dataFormat(f2)
                            .activation(Activation.IDENTITY).build();
            return layer(name, up, in);
        }
        Layer resize = is3d ? new Upsampling3D.Builder(f3, 2).build()
                : new Upsampling2D.Builder(2).dataFormat(f2).build();
        String r = layer(name + "_resize", resize, in);
        return layer(name, conv(3, cout, true, Activation.IDENTITY), r);
    }

    private Layer conv(int k, int nOut, boolean bias, Activation act) {
        if (is3d) {
            return new Convolution3D.Builder().kernelSize(k, k, k).nOut(nOut).hasBias(bias).activation(act)
                    .convolutionMode(ConvolutionMode.Same).dataFormat(f3).build();
        }
        return new ConvolutionLayer.Builder(k, k).nOut(nOut).hasBias(bias).activation(act)
                .convolutionMode(ConvolutionMode.Same).dataFormat(f2).build();
    }

    private Layer normLayer() {
        if (u.normalization() == Normalization.INSTANCE) {
            return new InstanceNorm.Builder().eps(1e-5).channelsLast(last).build();
        }
        // eps 1e-5, momentum 0.1 (DL4J's decay 0.9 is 1 − momentum): torch's BatchNorm defaults
        return is3d ? new BatchNorm3D.Builder().momentum(0.1).eps(1e-5).channelsLast(last).build()
                : new BatchNormalization.Builder().decay(0.9).eps(1e-5).dataFormat(f2).build();
    }

    private Layer pool() {
        return is3d
                ? new Subsampling3DLayer.Builder(Subsampling3DLayer.PoolingType.MAX, new int[] {2, 2, 2}, new int[] {2, 2, 2})
                        .convolutionMode(ConvolutionMode.Truncate).dataFormat(f3).build()
                : new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX, new int[] {2, 2}, new int[] {2, 2})
                        .convolutionMode(ConvolutionMode.Truncate).dataFormat(f2).build();
    }

    private static Layer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    private String layer(String name, Layer layer, String in) {
        g.addLayer(name, layer, in);
        return name;
    }
}
