package org.medimg4j.models.classify;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.medimg4j.models.backend.OneDnn;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A residual network of basic blocks (He et al. 2016) as torchvision builds ResNet-18 and ResNet-34, in 2-D (NCHW)
 * or, with the same topology and cubic kernels, in 3-D (NCDHW) for volumes.
 *
 * <p>Stem: 7×7 convolution, stride 2, padding 3, no bias → normalisation → ReLU → 3×3 max-pool, stride 2, padding 1.
 * Stage {@code i} ({@code i = 0…}) has {@code blocks[i]} basic blocks of width {@code baseWidth·2^i}; the first block
 * of every stage after the first has stride 2. A basic block is 3×3 conv (stride s) → norm → ReLU → 3×3 conv → norm,
 * plus the identity, or a 1×1 conv (stride s, no bias) → norm when the shape changes, then ReLU. Then global average
 * pooling and a fully connected layer with bias. Vertex names are torchvision's module names ("conv1", "bn1",
 * "layer2.0.downsample.0", "fc"), so that a state_dict maps onto the graph name for name.
 *
 * <p>Spatial sizes are pixels (2-D: height, width) or voxels (3-D: depth, height, width); each must be at least the
 * total stride ({@link #totalStride()}, 32 for four stages). Instances are immutable; use {@link #builder()}.
 */
public final class ResNet implements ClassifierArchitecture {

    private static final String NAME = "ResNet";

    private final int dimensions;
    private final int[] blocks;
    private final int baseWidth;
    private final int inChannels;
    private final int classes;
    private final int[] inputSize;
    private final Head head;
    private final Normalization normalization;
    private final IUpdater updater;
    private final boolean channelsLast;

    private ResNet(Builder b) {
        this.dimensions = b.dimensions;
        this.blocks = GraphAssembler.copy(b.blocks);
        this.baseWidth = b.baseWidth;
        this.inChannels = b.inChannels;
        this.classes = b.classes;
        this.inputSize = GraphAssembler.copy(b.inputSize);
        this.head = b.head;
        this.normalization = b.normalization;
        this.updater = b.updater.clone();
        this.channelsLast = b.channelsLast;
    }

    /** @return a builder for ResNet-18 in 2-D with 1 input channel and 2 classes; the input size must be set */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The benchmark configuration: torchvision's ResNet-18 with a 1-channel stem and 2 classes, 224×224 input,
     * batch normalisation, softmax head (use {@code toBuilder().head(Head.LOGITS)} for torchvision's logits).
     * DL4J counts 11,180,866 parameters: PyTorch's 11,171,266 plus 9,600 BatchNorm running statistics.
     *
     * @return the reference ResNet-18
     */
    public static ResNet reference18() {
        return builder().depth(18).inputSize(224, 224).build();
    }

    /** @return a builder holding this network's settings, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dimensions = dimensions;
        b.blocks = GraphAssembler.copy(blocks);
        b.baseWidth = baseWidth;
        b.inChannels = inChannels;
        b.classes = classes;
        b.inputSize = GraphAssembler.copy(inputSize);
        b.head = head;
        b.normalization = normalization;
        b.updater = updater.clone();
        b.channelsLast = channelsLast;
        return b;
    }

    /**
     * The DL4J configuration of this network.
     *
     * @param seed seed of the weight initialisation (He-normal fan-out convolutions as torchvision, Xavier
     *             classifier)
     * @return a new configuration; input "input", output {@link #outputName()}
     */
    @Override
    public ComputationGraphConfiguration configuration(long seed) {
        GraphAssembler g = GraphAssembler.start(seed, updater.clone(), dimensions, normalization, inChannels,
                inputSize, channelsLast).convolutionInit(new KaimingNormalFanOut());
        String x = g.conv("conv1", GraphAssembler.INPUT, baseWidth, 7, 2, 3);
        x = g.norm("bn1", x, baseWidth);
        x = g.relu("relu", x);
        x = g.maxPool("maxpool", x, 3, 2, 1);
        int inplanes = baseWidth;
        for (int stage = 0; stage < blocks.length; stage++) {
            int planes = baseWidth << stage;
            for (int block = 0; block < blocks[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                x = basicBlock(g, "layer" + (stage + 1) + "." + block, x, inplanes, planes, stride);
                inplanes = planes;
            }
        }
        x = g.globalAvgPool("avgpool", x);
        return g.finish(outputName(), x, classes, head);
    }

    private static String basicBlock(GraphAssembler g, String name, String input, int inplanes, int planes,
            int stride) {
        String identity = input;
        if (stride != 1 || inplanes != planes) {
            identity = g.conv(name + ".downsample.0", input, planes, 1, stride, 0);
            identity = g.norm(name + ".downsample.1", identity, planes);
        }
        String out = g.conv(name + ".conv1", input, planes, 3, stride, 1);
        out = g.norm(name + ".bn1", out, planes);
        out = g.relu(name + ".relu1", out);
        out = g.conv(name + ".conv2", out, planes, 3, 1, 1);
        out = g.norm(name + ".bn2", out, planes);
        out = g.add(name + ".add", out, identity);
        return g.relu(name + ".relu", out);
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
        return 4 << (blocks.length - 1);
    }

    /**
     * The spatial size of the last stage's feature maps for this input size, by PyTorch's rule
     * {@code floor((in + 2·pad − kernel) / stride) + 1} for every strided layer.
     *
     * @return (H, W) or (D, H, W) in pixels/voxels
     */
    @Override
    public int[] featureSize() {
        int[] s = GraphAssembler.copy(inputSize);
        for (int a = 0; a < s.length; a++) {
            s[a] = (s[a] + 6 - 7) / 2 + 1; // stem conv 7/2 pad 3
            s[a] = (s[a] + 2 - 3) / 2 + 1; // max-pool 3/2 pad 1
            for (int stage = 1; stage < blocks.length; stage++) {
                s[a] = (s[a] + 2 - 3) / 2 + 1; // first 3×3 conv of the stage, stride 2, pad 1
            }
        }
        return s;
    }

    /** @return the DL4J input type, convolutional (NCHW or NHWC) or convolutional 3-D (NCDHW) */
    @Override
    public InputType inputType() {
        return GraphAssembler.inputType(inChannels, inputSize, channelsLast);
    }

    /** @return the output layer's vertex name, "fc" */
    @Override
    public String outputName() {
        return "fc";
    }

    /** @return 2 or 3 */
    public int dimensions() {
        return dimensions;
    }

    /** @return basic blocks per stage, e.g. [2, 2, 2, 2] for ResNet-18 */
    public int[] blocks() {
        return GraphAssembler.copy(blocks);
    }

    /** @return channels of the stem and of the first stage (64 in torchvision) */
    public int baseWidth() {
        return baseWidth;
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

    /** @return spatial input size in pixels/voxels, (H, W) or (D, H, W) */
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

    /** @return the normalisation after each convolution */
    public Normalization normalization() {
        return normalization;
    }

    @Override
    public String toString() {
        return NAME + Arrays.toString(blocks) + "[" + dimensions + "-D, " + inChannels + "→" + classes + ", input "
                + Arrays.toString(inputSize) + ", width " + baseWidth + ", " + normalization.label() + ", "
                + head + "]";
    }

    /** Mutable builder; {@link #build()} validates and returns an immutable {@link ResNet}. */
    public static final class Builder extends ClassifierBuilder<Builder> {
        private int dimensions = 2;
        private int[] blocks = {2, 2, 2, 2};
        private int baseWidth = 64;
        private Normalization normalization = Normalization.batch();

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param depth 18 (blocks [2, 2, 2, 2]) or 34 (blocks [3, 4, 6, 3])
         * @return this builder
         */
        public Builder depth(int depth) {
            if (depth == 18) {
                blocks = new int[] {2, 2, 2, 2};
            } else if (depth == 34) {
                blocks = new int[] {3, 4, 6, 3};
            } else {
                throw new IllegalArgumentException(NAME + ": depth must be 18 or 34 (basic blocks), got " + depth);
            }
            return this;
        }

        /**
         * @param blocksPerStage basic blocks in each stage, each >= 1; the stage count sets the total stride
         * @return this builder
         */
        public Builder blocks(int... blocksPerStage) {
            this.blocks = blocksPerStage == null ? null : GraphAssembler.copy(blocksPerStage);
            return this;
        }

        /**
         * @param dims 2 (NCHW images) or 3 (NCDHW volumes)
         * @return this builder
         */
        public Builder dimensions(int dims) {
            this.dimensions = dims;
            return this;
        }

        /**
         * @param width channels of the stem and first stage, doubled at each later stage (64 in torchvision)
         * @return this builder
         */
        public Builder baseWidth(int width) {
            this.baseWidth = width;
            return this;
        }

        /**
         * @param n the normalisation after each convolution; default {@link Normalization#batch()} (2-D only)
         * @return this builder
         */
        public Builder normalization(Normalization n) {
            this.normalization = n;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the immutable network description
         * @throws IllegalArgumentException naming the parameter when a setting or the input size is invalid
         */
        public ResNet build() {
            InputSizeRule.dimensions(NAME, dimensions, normalization);
            if (channelsLast && dimensions != 2) {
                throw new IllegalArgumentException(NAME + ": channelsLast (NHWC) is for 2-D networks only;"
                        + " 3-D networks run NCDHW");
            }
            if (blocks == null || blocks.length == 0) {
                throw new IllegalArgumentException(NAME + ": blocks must list at least one stage");
            }
            for (int i = 0; i < blocks.length; i++) {
                InputSizeRule.atLeast(NAME, "blocks[" + i + "]", blocks[i], 1);
            }
            if (blocks.length > 6) {
                throw new IllegalArgumentException(NAME + ": blocks has " + blocks.length + " stages; at most 6");
            }
            InputSizeRule.atLeast(NAME, "baseWidth", baseWidth, 1);
            InputSizeRule.atLeast(NAME, "inChannels", inChannels, 1);
            InputSizeRule.atLeast(NAME, "classes", classes, 2);
            if (head == null) {
                throw new IllegalArgumentException(NAME + ": head must not be null");
            }
            if (updater == null) {
                throw new IllegalArgumentException(NAME + ": updater must not be null");
            }
            InputSizeRule.check(NAME, dimensions, inputSize, 4 << (blocks.length - 1), false);
            return new ResNet(this);
        }
    }
}
