package org.medimg4j.models.classify;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.medimg4j.models.backend.OneDnn;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A densely connected network (Huang et al. 2017) as torchvision builds DenseNet-121, in 2-D (NCHW).
 *
 * <p>Stem: 7×7 convolution, stride 2, padding 3, no bias → BatchNorm → ReLU → 3×3 max-pool, stride 2, padding 1.
 * Dense block {@code b} has {@code blockLayers[b]} dense layers; each sees the concatenation, in order, of the block
 * input and all earlier layers' outputs, and computes BN → ReLU → 1×1 conv ({@code bnSize·growthRate} maps) → BN →
 * ReLU → 3×3 conv, padding 1 ({@code growthRate} maps), no biases. Between blocks a transition BN → ReLU → 1×1 conv
 * (channels × compression, rounded down) → 2×2 average pool, stride 2. Then BN → ReLU → global average pool → fully
 * connected layer with bias. Vertex names follow torchvision's modules ("features.denseblock1.denselayer1.conv1",
 * "classifier").
 *
 * <p>Concatenation is kept as a running concatenation (one merge per dense layer of the previous merge and the new
 * layer's maps), which gives each layer exactly torchvision's input, channels in the same order.
 *
 * <p>Spatial sizes are pixels (height, width), each at least {@link #totalStride()} (32 for four blocks). Instances
 * are immutable; use {@link #builder()}.
 */
public final class DenseNet implements ClassifierArchitecture {

    private static final String NAME = "DenseNet";

    private final int[] blockLayers;
    private final int growthRate;
    private final int bnSize;
    private final int initFeatures;
    private final double compression;
    private final int inChannels;
    private final int classes;
    private final int[] inputSize;
    private final Head head;
    private final IUpdater updater;
    private final boolean channelsLast;

    private DenseNet(Builder b) {
        this.blockLayers = GraphAssembler.copy(b.blockLayers);
        this.growthRate = b.growthRate;
        this.bnSize = b.bnSize;
        this.initFeatures = b.initFeatures;
        this.compression = b.compression;
        this.inChannels = b.inChannels;
        this.classes = b.classes;
        this.inputSize = GraphAssembler.copy(b.inputSize);
        this.head = b.head;
        this.updater = b.updater.clone();
        this.channelsLast = b.channelsLast;
    }

    /** @return a builder for DenseNet-121 with 1 input channel and 2 classes; the input size must be set */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The benchmark configuration: torchvision's DenseNet-121 (growth 32, blocks (6, 12, 24, 16), bn_size 4, 64
     * initial features, compression 0.5) with a 1-channel stem and 2 classes, 224×224 input, softmax head. DL4J
     * counts 7,033,282 parameters: PyTorch's 6,949,634 plus 83,648 BatchNorm running statistics.
     *
     * @return the reference DenseNet-121
     */
    public static DenseNet reference121() {
        return builder().inputSize(224, 224).build();
    }

    /** @return a builder holding this network's settings, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.blockLayers = GraphAssembler.copy(blockLayers);
        b.growthRate = growthRate;
        b.bnSize = bnSize;
        b.initFeatures = initFeatures;
        b.compression = compression;
        b.inChannels = inChannels;
        b.classes = classes;
        b.inputSize = GraphAssembler.copy(inputSize);
        b.head = head;
        b.updater = updater.clone();
        b.channelsLast = channelsLast;
        return b;
    }

    /**
     * The DL4J configuration of this network.
     *
     * @param seed seed of the weight initialisation (He-normal convolutions, Xavier classifier)
     * @return a new configuration; input "input", output {@link #outputName()}
     */
    @Override
    public ComputationGraphConfiguration configuration(long seed) {
        GraphAssembler g = GraphAssembler.start(seed, updater.clone(), 2, Normalization.batch(), inChannels,
                inputSize, channelsLast);
        String x = g.conv("features.conv0", GraphAssembler.INPUT, initFeatures, 7, 2, 3);
        x = g.norm("features.norm0", x, initFeatures);
        x = g.relu("features.relu0", x);
        x = g.maxPool("features.pool0", x, 3, 2, 1);
        int n = initFeatures;
        for (int b = 0; b < blockLayers.length; b++) {
            String block = "features.denseblock" + (b + 1);
            for (int l = 0; l < blockLayers[b]; l++) {
                String layer = block + ".denselayer" + (l + 1);
                String y = g.norm(layer + ".norm1", x, n + l * growthRate);
                y = g.relu(layer + ".relu1", y);
                y = g.conv(layer + ".conv1", y, bnSize * growthRate, 1, 1, 0, false);
                y = g.norm(layer + ".norm2", y, bnSize * growthRate);
                y = g.relu(layer + ".relu2", y);
                y = g.conv(layer + ".conv2", y, growthRate, 3, 1, 1, false);
                x = g.concat(layer + ".cat", x, y);
            }
            n += blockLayers[b] * growthRate;
            if (b < blockLayers.length - 1) {
                String t = "features.transition" + (b + 1);
                int out = transitionChannels(n);
                x = g.norm(t + ".norm", x, n);
                x = g.relu(t + ".relu", x);
                x = g.conv(t + ".conv", x, out, 1, 1, 0, false);
                x = g.avgPool(t + ".pool", x, 2, 2);
                n = out;
            }
        }
        x = g.norm("features.norm5", x, n);
        x = g.relu("features.relu5", x);
        x = g.globalAvgPool("avgpool", x);
        return g.finish(outputName(), x, classes, head);
    }

    private int transitionChannels(int n) {
        return (int) Math.floor(n * compression);
    }

    /**
     * A new network with this configuration, initialised.
     *
     * @param seed seed of the weight initialisation
     * @return the initialised graph
     */
    @Override
    public ComputationGraph initialisedGraph(long seed) {
        OneDnn.enable();   // DL4J picks a layer's oneDNN helper when the layer is created
        ComputationGraph net = new ComputationGraph(configuration(seed));
        net.init();
        return net;
    }

    /** @return the factor by which the network shrinks each spatial axis before global pooling */
    @Override
    public int totalStride() {
        return 4 << (blockLayers.length - 1);
    }

    /** @return channels entering the final BatchNorm and the classifier (1024 for DenseNet-121) */
    public int featureChannels() {
        int n = initFeatures;
        for (int b = 0; b < blockLayers.length; b++) {
            n += blockLayers[b] * growthRate;
            if (b < blockLayers.length - 1) {
                n = transitionChannels(n);
            }
        }
        return n;
    }

    /**
     * The spatial size of the last block's feature maps for this input size, by PyTorch's rule
     * {@code floor((in + 2·pad − kernel) / stride) + 1}.
     *
     * @return (H, W) in pixels
     */
    @Override
    public int[] featureSize() {
        int[] s = GraphAssembler.copy(inputSize);
        for (int a = 0; a < s.length; a++) {
            s[a] = (s[a] + 6 - 7) / 2 + 1; // stem conv 7/2 pad 3
            s[a] = (s[a] + 2 - 3) / 2 + 1; // max-pool 3/2 pad 1
            for (int b = 1; b < blockLayers.length; b++) {
                s[a] = s[a] / 2; // transition average pool 2/2
            }
        }
        return s;
    }

    /** @return the DL4J input type, convolutional (NCHW or NHWC) */
    @Override
    public InputType inputType() {
        return GraphAssembler.inputType(inChannels, inputSize, channelsLast);
    }

    /** @return the output layer's vertex name, "classifier" */
    @Override
    public String outputName() {
        return "classifier";
    }

    /** @return dense layers per block, e.g. [6, 12, 24, 16] */
    public int[] blockLayers() {
        return GraphAssembler.copy(blockLayers);
    }

    /** @return feature maps each dense layer adds */
    public int growthRate() {
        return growthRate;
    }

    /** @return bottleneck width factor: the 1×1 conv of a dense layer has {@code bnSize·growthRate} maps */
    public int bnSize() {
        return bnSize;
    }

    /** @return feature maps of the stem */
    public int initFeatures() {
        return initFeatures;
    }

    /** @return fraction of channels a transition keeps, in (0, 1] */
    public double compression() {
        return compression;
    }

    /** @return input channels */
    @Override
    public int inChannels() {
        return inChannels;
    }

    /** @return number of classes */
    @Override
    public int classes() {
        return classes;
    }

    /** @return spatial input size (H, W) in pixels */
    @Override
    public int[] inputSize() {
        return GraphAssembler.copy(inputSize);
    }

    /** @return whether activations (and the input) are NHWC rather than NCHW; 2-D only */
    @Override
    public boolean channelsLast() {
        return channelsLast;
    }

    /** @return the output head */
    @Override
    public Head head() {
        return head;
    }

    @Override
    public String toString() {
        return NAME + Arrays.toString(blockLayers) + "[growth " + growthRate + ", bn_size " + bnSize + ", init "
                + initFeatures + ", compression " + compression + ", " + inChannels + "→" + classes + ", input "
                + Arrays.toString(inputSize) + ", " + head + "]";
    }

    /** Mutable builder; {@link #build()} validates and returns an immutable {@link DenseNet}. */
    public static final class Builder extends ClassifierBuilder<Builder> {
        private int[] blockLayers = {6, 12, 24, 16};
        private int growthRate = 32;
        private int bnSize = 4;
        private int initFeatures = 64;
        private double compression = 0.5;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param layers dense layers in each block, each >= 1 (DenseNet-121: 6, 12, 24, 16)
         * @return this builder
         */
        public Builder blockLayers(int... layers) {
            this.blockLayers = layers == null ? null : GraphAssembler.copy(layers);
            return this;
        }

        /**
         * @param k feature maps each dense layer adds (32)
         * @return this builder
         */
        public Builder growthRate(int k) {
            this.growthRate = k;
            return this;
        }

        /**
         * @param factor bottleneck factor of the dense layers' 1×1 convolution (4)
         * @return this builder
         */
        public Builder bnSize(int factor) {
            this.bnSize = factor;
            return this;
        }

        /**
         * @param features feature maps of the stem convolution (64)
         * @return this builder
         */
        public Builder initFeatures(int features) {
            this.initFeatures = features;
            return this;
        }

        /**
         * @param fraction fraction of channels a transition keeps, in (0, 1] (0.5)
         * @return this builder
         */
        public Builder compression(double fraction) {
            this.compression = fraction;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the immutable network description
         * @throws IllegalArgumentException naming the parameter when a setting or the input size is invalid
         */
        public DenseNet build() {
            if (blockLayers == null || blockLayers.length == 0) {
                throw new IllegalArgumentException(NAME + ": blockLayers must list at least one block");
            }
            if (blockLayers.length > 6) {
                throw new IllegalArgumentException(NAME + ": blockLayers has " + blockLayers.length
                        + " blocks; at most 6");
            }
            for (int i = 0; i < blockLayers.length; i++) {
                InputSizeRule.atLeast(NAME, "blockLayers[" + i + "]", blockLayers[i], 1);
            }
            InputSizeRule.atLeast(NAME, "growthRate", growthRate, 1);
            InputSizeRule.atLeast(NAME, "bnSize", bnSize, 1);
            InputSizeRule.atLeast(NAME, "initFeatures", initFeatures, 1);
            if (!(compression > 0 && compression <= 1)) {
                throw new IllegalArgumentException(NAME + ": compression must be in (0, 1], got " + compression);
            }
            int n = initFeatures;
            for (int b = 0; b < blockLayers.length - 1; b++) {
                n += blockLayers[b] * growthRate;
                if (Math.floor(n * compression) < 1) {
                    throw new IllegalArgumentException(NAME + ": compression " + compression + " leaves transition "
                            + (b + 1) + " with no channels (" + n + " in)");
                }
                n = (int) Math.floor(n * compression);
            }
            InputSizeRule.atLeast(NAME, "inChannels", inChannels, 1);
            InputSizeRule.atLeast(NAME, "classes", classes, 2);
            if (head == null) {
                throw new IllegalArgumentException(NAME + ": head must not be null");
            }
            if (updater == null) {
                throw new IllegalArgumentException(NAME + ": updater must not be null");
            }
            InputSizeRule.check(NAME, 2, inputSize, 4 << (blockLayers.length - 1), false);
            return new DenseNet(this);
        }
    }
}
