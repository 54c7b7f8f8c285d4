package org.medimg4j.models.classify;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The settings every classifier builder shares — input channels, classes, input size, head, optimiser, layout — so
 * that {@link ResNet.Builder}, {@link DenseNet.Builder} and {@link PatchClassifier.Builder} state them once. Each
 * builder checks them, with its own rules (e.g. the input size against its total stride), at {@code build()}.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ClassifierBuilder<B extends ClassifierBuilder<B>> {

    int inChannels = 1;
    int classes = 2;
    int[] inputSize;
    Head head = Head.SOFTMAX;
    IUpdater updater = new Adam(1e-3);
    boolean channelsLast;

    ClassifierBuilder() {
    }

    /** @return this builder, as its concrete type */
    abstract B self();

    /**
     * @param channels input channels, >= 1
     * @return this builder
     */
    public B inChannels(int channels) {
        this.inChannels = channels;
        return self();
    }

    /**
     * @param n number of classes, >= 2
     * @return this builder
     */
    public B classes(int n) {
        this.classes = n;
        return self();
    }

    /**
     * @param size pixels (H, W) or voxels (D, H, W); at least the network's total stride (and, for the patch
     *             classifier, a multiple of it)
     * @return this builder
     */
    public B inputSize(int... size) {
        this.inputSize = size == null ? null : GraphAssembler.copy(size);
        return self();
    }

    /**
     * @param h the output head; SOFTMAX (default) to train, LOGITS for benchmarks
     * @return this builder
     */
    public B head(Head h) {
        this.head = h;
        return self();
    }

    /**
     * @param u the optimiser carried by the configuration (default Adam, learning rate 1e-3)
     * @return this builder
     */
    public B updater(IUpdater u) {
        this.updater = u;
        return self();
    }

    /**
     * @param nhwc true for NHWC activations and input ([batch, height, width, channels]), the layout oneDNN
     *             prefers for inference; false (default) for NCHW. 2-D only. Weights are laid out the same
     *             either way, so a network initialised with the same seed computes the same function.
     * @return this builder
     */
    public B channelsLast(boolean nhwc) {
        this.channelsLast = nhwc;
        return self();
    }
}
