package org.medimg4j.models.unet;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.medimg4j.models.backend.OneDnn;
import org.medimg4j.models.network.InputShapeException;
import org.medimg4j.models.network.InputShapeValidator;
import org.medimg4j.models.network.NetworkSummary;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A U-Net (Ronneberger et al. 2015, with same-padded convolutions and normalisation) for 2-D images (NCHW) or
 * 3-D volumes (NCDHW), as an immutable, validated configuration that writes out a DL4J
 * {@link ComputationGraphConfiguration}.
 *
 * <p>Level i of the encoder is a block of [3×3(×3) conv, same padding → norm → ReLU] × 2 with {@code filters[i]}
 * channels, followed (except at the bottom) by a 2×2(×2) max-pool; each decoder level doubles the size (transposed
 * convolution or upsample + conv), concatenates the encoder's skip FIRST and the up-sampled map second, and runs a
 * block; a 1×1(×1) convolution with bias gives one score per class. This is layer for layer
 * {@code torch_models.py}'s {@code UNet}. Spatial sizes must be divisible by {@link #divisor()} =
 * 2<sup>levels−1</sup>; {@link #validateInput(long...)} says so before any forward pass.
 *
 * <p>Vertex names: input {@value #INPUT}, head {@value #HEAD}, loss layer {@value #OUTPUT} (present unless the
 * output activation is {@link OutputActivation#LOGITS} and no loss is set).
 */
public final class UNet implements InputShapeValidator {

    /** Name of the graph's input vertex. */
    public static final String INPUT = "input";
    /** Name of the 1×1(×1) head convolution (the logits). */
    public static final String HEAD = "head";
    /** Name of the loss layer after the head, when there is one. */
    public static final String OUTPUT = "output";

    private final int dimensions;
    private final int inChannels;
    private final int numClasses;
    private final int[] filters;
    private final Normalization normalization;
    private final boolean residual;
    private final double dropout;
    private final DecoderUpsampling upsampling;
    private final OutputActivation outputActivation;
    private final ILossFunction loss;
    private final long seed;
    private final IUpdater updater;
    private final boolean channelsLast;

    private UNet(Builder b, int[] filters) {
        this.dimensions = b.dimensions;
        this.inChannels = b.inChannels;
        this.numClasses = b.numClasses;
        this.filters = filters;
        this.normalization = b.normalization;
        this.residual = b.residual;
        this.dropout = b.dropout;
        this.upsampling = b.upsampling;
        this.outputActivation = b.outputActivation;
        this.loss = b.loss;
        this.seed = b.seed;
        this.updater = b.updater;
        this.channelsLast = b.channelsLast;
    }

    /** @return a builder whose defaults are the 2-D reference U-Net with a softmax output */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The 2-D reference U-Net of the speed comparison: 1 channel in, 2 classes, filters 32, 64, 128, 256, 512,
     * batch norm, transposed-conv decoder, logits out (no loss layer), as {@code torch_models.unet2d()}.
     *
     * @return the configuration
     */
    public static UNet reference2d() {
        return builder().dimensions(2).inChannels(1).numClasses(2).filters(32, 64, 128, 256, 512)
                .normalization(Normalization.BATCH).upsampling(DecoderUpsampling.TRANSPOSED_CONV)
                .outputActivation(OutputActivation.LOGITS).build();
    }

    /**
     * The 3-D reference U-Net: 1 channel in, 2 classes, filters 16, 32, 64, 128, batch norm, transposed-conv
     * decoder, logits out, as {@code torch_models.unet3d()}.
     *
     * @return the configuration
     */
    public static UNet reference3d() {
        return builder().dimensions(3).inChannels(1).numClasses(2).filters(16, 32, 64, 128)
                .normalization(Normalization.BATCH).upsampling(DecoderUpsampling.TRANSPOSED_CONV)
                .outputActivation(OutputActivation.LOGITS).build();
    }

    /** @return 2 (NCHW images) or 3 (NCDHW volumes) */
    public int dimensions() {
        return dimensions;
    }

    /** @return input channels (modalities) */
    public int inChannels() {
        return inChannels;
    }

    /** @return output channels: one score per class */
    public int numClasses() {
        return numClasses;
    }

    /** @return filters per resolution level, top (full resolution) first; a copy */
    public int[] filters() {
        return filters.clone();
    }

    /** @return the number of resolution levels */
    public int levels() {
        return filters.length;
    }

    /** @return the normalisation after each 3×3(×3) convolution */
    public Normalization normalization() {
        return normalization;
    }

    /** @return whether each block adds a (projected) shortcut of its input before its last ReLU */
    public boolean residual() {
        return residual;
    }

    /** @return probability of dropping an activation after each block, in [0, 1); 0 means no dropout layer */
    public double dropout() {
        return dropout;
    }

    /** @return how the decoder doubles the spatial size */
    public DecoderUpsampling upsampling() {
        return upsampling;
    }

    /** @return the output activation */
    public OutputActivation outputActivation() {
        return outputActivation;
    }

    /** @return the loss set explicitly, or null for the output activation's default (none for logits) */
    public ILossFunction loss() {
        return loss;
    }

    /** @return the weight-initialisation seed */
    public long seed() {
        return seed;
    }

    /** @return the updater written into the configuration */
    public IUpdater updater() {
        return updater.clone();
    }

    /**
     * @return whether the network takes and gives channels-last data (NHWC / NDHWC), for inference where oneDNN is
     *         faster on it; false means channels-first (NCHW / NCDHW)
     */
    public boolean channelsLast() {
        return channelsLast;
    }

    /** @return what every spatial size must be divisible by: 2<sup>levels−1</sup> */
    public long divisor() {
        return 1L << (filters.length - 1);
    }

    /** @return a new DL4J configuration of this U-Net (a fresh object each call: DL4J's are mutable) */
    public ComputationGraphConfiguration configuration() {
        return UNetGraph.build(this);
    }

    /** @return a new, initialised network of this U-Net */
    public ComputationGraph newNetwork() {
        OneDnn.enable();   // DL4J picks a layer's oneDNN helper when the layer is created
        ComputationGraph net = new ComputationGraph(configuration());
        net.init();
        return net;
    }

    /**
     * Checks that this U-Net can take an input of the given shape, before any forward pass.
     *
     * @param shape [N, C, H, W] for 2-D or [N, C, D, H, W] for 3-D ([N, H, W, C] / [N, D, H, W, C] if
     *              {@link #channelsLast()}), in voxels
     * @throws InputShapeException naming the dimension and size that is wrong, and the divisor for spatial sizes
     */
    @Override
    public void validateInput(long... shape) {
        String layout = dimensions == 2 ? (channelsLast ? "[N, H, W, C]" : "[N, C, H, W]")
                : (channelsLast ? "[N, D, H, W, C]" : "[N, C, D, H, W]");
        if (shape == null || shape.length != dimensions + 2) {
            throw new InputShapeException("input shape must be " + layout + " for a " + dimensions
                    + "-D U-Net, got " + Arrays.toString(shape));
        }
        if (shape[0] < 1) {
            throw new InputShapeException("input batch size (dimension 0) must be >= 1, got " + shape[0]);
        }
        int ca = channelsLast ? dimensions + 1 : 1;
        int first = channelsLast ? 1 : 2;
        if (shape[ca] != inChannels) {
            throw new InputShapeException("input channels (dimension " + ca + " of " + layout + ") must be "
                    + inChannels + ", got " + shape[ca]);
        }
        String[] names = dimensions == 2 ? new String[] {"height", "width"} : new String[] {"depth", "height", "width"};
        long d = divisor();
        for (int i = 0; i < dimensions; i++) {
            long size = shape[i + first];
            if (size < 1 || size % d != 0) {
                throw new InputShapeException("input " + names[i] + " " + size + " (dimension " + (i + first)
                        + " of " + Arrays.toString(shape) + ") is not a positive multiple of " + d + " = 2^("
                        + filters.length + "-1): the U-Net halves it " + (filters.length - 1) + " times");
            }
        }
    }

    /**
     * Layers, output shapes, parameters and FLOPs of this U-Net for one input shape (no forward pass).
     *
     * @param shape [N, C, H, W] or [N, C, D, H, W] ([N, H, W, C] or [N, D, H, W, C] if channels-last), in voxels;
     *              validated by {@link #validateInput(long...)}
     * @return the summary; its {@code toString()} is a table
     */
    public NetworkSummary summary(long... shape) {
        validateInput(shape);
        return channelsLast ? NetworkSummary.ofChannelsLast(configuration(), shape)
                : NetworkSummary.of(configuration(), shape);
    }

    @Override
    public String toString() {
        return "UNet " + dimensions + "-D " + inChannels + "->" + numClasses + " filters " + Arrays.toString(filters)
                + " " + normalization + (residual ? " residual" : "") + (dropout > 0 ? " dropout " + dropout : "")
                + " " + upsampling + " " + outputActivation + (channelsLast ? " channels-last" : "");
    }

    /** Builds a {@link UNet}; every setting is checked at {@link #build()}. Defaults: the 2-D reference, softmax. */
    public static final class Builder {
        private int dimensions = 2;
        private int inChannels = 1;
        private int numClasses = 2;
        private Integer depth;
        private Integer baseFilters;
        private int[] filters;
        private Normalization normalization = Normalization.BATCH;
        private boolean residual;
        private double dropout;
        private DecoderUpsampling upsampling = DecoderUpsampling.TRANSPOSED_CONV;
        private OutputActivation outputActivation = OutputActivation.SOFTMAX;
        private ILossFunction loss;
        private long seed = 42;
        private IUpdater updater = new Adam(1e-3);
        private boolean channelsLast;

        private Builder() {
        }

        /**
         * @param channelsLast true for NHWC / NDHWC input and output (inference only: needs
         *                     {@link OutputActivation#LOGITS} and no loss, because DL4J 1.0.0-M2.1's CNN loss layers
         *                     compute wrong losses on channels-last data); false for NCHW / NCDHW (default)
         * @return this builder
         */
        public Builder channelsLast(boolean channelsLast) {
            this.channelsLast = channelsLast;
            return this;
        }

        /**
         * @param dimensions 2 (NCHW) or 3 (NCDHW)
         * @return this builder
         */
        public Builder dimensions(int dimensions) {
            this.dimensions = dimensions;
            return this;
        }

        /**
         * @param inChannels input channels, &ge; 1
         * @return this builder
         */
        public Builder inChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        /**
         * @param numClasses output channels, &ge; 1 (&ge; 2 with softmax)
         * @return this builder
         */
        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * @param depth resolution levels, &ge; 1 (with {@link #baseFilters}; default 5)
         * @return this builder
         */
        public Builder depth(int depth) {
            this.depth = depth;
            return this;
        }

        /**
         * @param baseFilters filters at full resolution, doubled per level, &ge; 1 (default 32)
         * @return this builder
         */
        public Builder baseFilters(int baseFilters) {
            this.baseFilters = baseFilters;
            return this;
        }

        /**
         * @param filters explicit filters per level, top first (instead of depth and base filters)
         * @return this
         */
        public Builder filters(int... filters) {
            this.filters = filters == null ? null : filters.clone();
            return this;
        }

        /**
         * @param normalization after each 3×3(×3) convolution
         * @return this builder
         */
        public Builder normalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /**
         * @param residual whether blocks add a shortcut of their input
         * @return this builder
         */
        public Builder residual(boolean residual) {
            this.residual = residual;
            return this;
        }

        /**
         * @param dropout probability of dropping an activation after each block, in [0, 1)
         * @return this builder
         */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * @param upsampling how the decoder doubles the size
         * @return this builder
         */
        public Builder upsampling(DecoderUpsampling upsampling) {
            this.upsampling = upsampling;
            return this;
        }

        /**
         * @param outputActivation the output activation
         * @return this builder
         */
        public Builder outputActivation(OutputActivation outputActivation) {
            this.outputActivation = outputActivation;
            return this;
        }

        /**
         * @param loss the loss of the output layer, or null for the activation's default (MCXENT for softmax,
         *             binary cross-entropy for sigmoid, no loss layer for logits)
         * @return this builder
         */
        public Builder loss(ILossFunction loss) {
            this.loss = loss;
            return this;
        }

        /**
         * @param seed weight-initialisation seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param updater the optimiser written into the configuration
         * @return this builder
         */
        public Builder updater(IUpdater updater) {
            this.updater = updater;
            return this;
        }

        /**
         * @return the U-Net
         * @throws IllegalArgumentException naming the first setting that is out of range or inconsistent
         */
        public UNet build() {
            if (dimensions != 2 && dimensions != 3) {
                throw new IllegalArgumentException("dimensions must be 2 or 3, got " + dimensions);
            }
            if (inChannels < 1) {
                throw new IllegalArgumentException("inChannels must be >= 1, got " + inChannels);
            }
            if (numClasses < 1) {
                throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
            }
            if (numClasses < 2 && outputActivation == OutputActivation.SOFTMAX) {
                throw new IllegalArgumentException("numClasses must be >= 2 with a SOFTMAX output (softmax over one "
                        + "class is constantly 1); use SIGMOID for a single foreground class");
            }
            int[] f = resolveFilters();
            Objects.requireNonNull(normalization, "normalization");
            Objects.requireNonNull(upsampling, "upsampling");
            Objects.requireNonNull(outputActivation, "outputActivation");
            Objects.requireNonNull(updater, "updater");
            if (channelsLast && (outputActivation != OutputActivation.LOGITS || loss != null)) {
                throw new IllegalArgumentException("channelsLast needs outputActivation LOGITS and no loss (got "
                        + outputActivation + (loss == null ? "" : ", loss " + loss) + "): DL4J 1.0.0-M2.1's CNN loss "
                        + "layers are wrong on channels-last data; train channels-first");
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            return new UNet(this, f);
        }

        private int[] resolveFilters() {
            int[] f;
            if (filters != null) {
                if (baseFilters != null) {
                    throw new IllegalArgumentException("filters and baseFilters are both set; set one of them");
                }
                if (depth != null && depth != filters.length) {
                    throw new IllegalArgumentException("depth " + depth + " disagrees with filters "
                            + Arrays.toString(filters) + " (" + filters.length + " levels)");
                }
                f = filters.clone();
            } else {
                int levels = depth == null ? 5 : depth;
                int base = baseFilters == null ? 32 : baseFilters;
                if (levels < 1 || levels > 16) {
                    throw new IllegalArgumentException("depth must be in [1, 16], got " + levels);
                }
                if (base < 1 || (long) base << (levels - 1) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("baseFilters must be >= 1 and base·2^(depth−1) an int, got "
                            + base);
                }
                f = new int[levels];
                for (int i = 0; i < levels; i++) {
                    f[i] = base << i;
                }
            }
            if (f.length < 1 || f.length > 16) {
                throw new IllegalArgumentException("filters must have 1 to 16 levels, got " + f.length);
            }
            for (int i = 0; i < f.length; i++) {
                if (f[i] < 1) {
                    throw new IllegalArgumentException("filters[" + i + "] must be >= 1, got " + f[i]);
                }
            }
            return f;
        }
    }
}
