package org.medimg4j.models.classify;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.medimg4j.models.backend.OneDnn;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A small, fast classifier for lesion patches (e.g. 32² or 64² pixels, 32³ voxels), in 2-D (NCHW) or 3-D (NCDHW).
 *
 * <p>Block {@code i} is {@code convsPerBlock} × [3×3(×3) convolution, padding 1 → normalisation → ReLU] with
 * {@code filters[i]} maps, then a 2×2(×2) max-pool with stride 2. After the last block: global average pooling,
 * optional dropout, and a fully connected layer with bias. Vertex names: "block1.conv1", "block1.norm1",
 * "block1.relu1", "block1.pool", …, "avgpool", "dropout", "fc".
 *
 * <p>Each spatial size (pixels or voxels) must be a multiple of {@code 2^blocks} ({@link #totalStride()}), so that
 * no pooling drops a border row. Instances are immutable; use {@link #builder()}.
 */
public final class PatchClassifier implements ClassifierArchitecture {

    private static final String NAME = "PatchClassifier";

    private final int dimensions;
    private final int[] filters;
    private final int convsPerBlock;
    private final double dropout;
    private final int inChannels;
    private final int classes;
    private final int[] inputSize;
    private final Head head;
    private final Normalization normalization;
    private final IUpdater updater;
    private final boolean channelsLast;

    private PatchClassifier(Builder b) {
        this.dimensions = b.dimensions;
        this.filters = GraphAssembler.copy(b.filters);
        this.convsPerBlock = b.convsPerBlock;
        this.dropout = b.dropout;
        this.inChannels = b.inChannels;
        this.classes = b.classes;
        this.inputSize = GraphAssembler.copy(b.inputSize);
        this.head = b.head;
        this.normalization = b.normalization;
        this.updater = b.updater.clone();
        this.channelsLast = b.channelsLast;
    }

    /**
     * @return a builder for a 2-D classifier with filters (16, 32, 64), two convolutions per block, batch
     *         normalisation, no dropout, 1 input channel and 2 classes; the input size must be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this network's settings, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dimensions = dimensions;
        b.filters = GraphAssembler.copy(filters);
        b.convsPerBlock = convsPerBlock;
        b.dropout = dropout;
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
     * @param seed seed of the weight initialisation (He-normal convolutions, Xavier classifier)
     * @return a new configuration; input "input", output {@link #outputName()}
     */
    @Override
    public ComputationGraphConfiguration configuration(long seed) {
        GraphAssembler g = GraphAssembler.start(seed, updater.clone(), dimensions, normalization, inChannels,
                inputSize, channelsLast);
        String x = GraphAssembler.INPUT;
        for (int b = 0; b < filters.length; b++) {
            String block = "block" + (b + 1);
            for (int c = 1; c <= convsPerBlock; c++) {
                x = g.conv(block + ".conv" + c, x, filters[b], 3, 1, 1);
                x = g.norm(block + ".norm" + c, x, filters[b]);
                x = g.relu(block + ".relu" + c, x);
            }
            x = g.maxPool(block + ".pool", x, 2, 2, 0);
        }
        x = g.globalAvgPool("avgpool", x);
        if (dropout > 0) {
            x = g.dropout("dropout", x, dropout);
        }
        return g.finish(outputName(), x, classes, head);
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

    /** @return the factor by which the network shrinks each spatial axis before global pooling, 2^blocks */
    @Override
    public int totalStride() {
        return 1 << filters.length;
    }

    /** @return spatial size of the last block's pooled maps, each input size divided by {@link #totalStride()} */
    @Override
    public int[] featureSize() {
        int[] s = GraphAssembler.copy(inputSize);
        for (int a = 0; a < s.length; a++) {
            s[a] /= totalStride();
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

    /** @return feature maps of each block */
    public int[] filters() {
        return GraphAssembler.copy(filters);
    }

    /** @return convolutions per block */
    public int convsPerBlock() {
        return convsPerBlock;
    }

    /** @return dropout rate before the classifier, in [0, 1); 0 for none */
    public double dropout() {
        return dropout;
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

    /** @return spatial input size in pixels (H, W) or voxels (D, H, W) */
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
        return NAME + Arrays.toString(filters) + "[" + dimensions + "-D, " + convsPerBlock + " convs/block, "
                + inChannels + "→" + classes + ", input " + Arrays.toString(inputSize) + ", "
                + normalization.label() + ", dropout " + dropout + ", " + head + "]";
    }

    /** Mutable builder; {@link #build()} validates and returns an immutable {@link PatchClassifier}. */
    public static final class Builder extends ClassifierBuilder<Builder> {
        private int dimensions = 2;
        private int[] filters = {16, 32, 64};
        private int convsPerBlock = 2;
        private double dropout;
        private Normalization normalization = Normalization.batch();

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param dims 2 (NCHW patches) or 3 (NCDHW patches)
         * @return this builder
         */
        public Builder dimensions(int dims) {
            this.dimensions = dims;
            return this;
        }

        /**
         * @param perBlock feature maps of each block, each >= 1; the block count sets the total stride
         * @return this builder
         */
        public Builder filters(int... perBlock) {
            this.filters = perBlock == null ? null : GraphAssembler.copy(perBlock);
            return this;
        }

        /**
         * @param n convolutions per block, >= 1 (2)
         * @return this builder
         */
        public Builder convsPerBlock(int n) {
            this.convsPerBlock = n;
            return this;
        }

        /**
         * @param rate fraction of pooled features dropped in training, in [0, 1) (0: no dropout layer)
         * @return this builder
         */
        public Builder dropout(double rate) {
            this.dropout = rate;
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
        public PatchClassifier build() {
            InputSizeRule.dimensions(NAME, dimensions, normalization);
            if (channelsLast && dimensions != 2) {
                throw new IllegalArgumentException(NAME + ": channelsLast (NHWC) is for 2-D networks only;"
                        + " 3-D networks run NCDHW");
            }
            if (filters == null || filters.length == 0) {
                throw new IllegalArgumentException(NAME + ": filters must list at least one block");
            }
            if (filters.length > 8) {
                throw new IllegalArgumentException(NAME + ": filters has " + filters.length + " blocks; at most 8");
            }
            for (int i = 0; i < filters.length; i++) {
                InputSizeRule.atLeast(NAME, "filters[" + i + "]", filters[i], 1);
            }
            InputSizeRule.atLeast(NAME, "convsPerBlock", convsPerBlock, 1);
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException(NAME + ": dropout must be in [0, 1), got " + dropout);
            }
            InputSizeRule.atLeast(NAME, "inChannels", inChannels, 1);
            InputSizeRule.atLeast(NAME, "classes", classes, 2);
            if (head == null) {
                throw new IllegalArgumentException(NAME + ": head must not be null");
            }
            if (updater == null) {
                throw new IllegalArgumentException(NAME + ": updater must not be null");
            }
            InputSizeRule.check(NAME, dimensions, inputSize, 1 << filters.length, true);
            return new PatchClassifier(this);
        }
    }
}
