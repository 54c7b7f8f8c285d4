package org.medimg4j.models.classify;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.medimg4j.models.network.NetworkSummary;

/**
 * What every classifier description in this package offers, so that summaries, trainers and bundles can take any
 * of them: a validated, immutable architecture for one input size that turns into a DL4J graph with one input,
 * {@link #INPUT}, and one output, {@link #outputName()}, of shape [batch, {@link #classes()}].
 */
public interface ClassifierArchitecture {

    /** Name of the graph's input vertex. */
    String INPUT = GraphAssembler.INPUT;

    /**
     * The DL4J configuration.
     *
     * @param seed seed of the weight initialisation
     * @return a new configuration
     */
    ComputationGraphConfiguration configuration(long seed);

    /**
     * A new, initialised network.
     *
     * @param seed seed of the weight initialisation
     * @return the initialised graph
     */
    ComputationGraph initialisedGraph(long seed);

    /** @return the DL4J input type (channels, layout and spatial size), e.g. for a summary or FLOP count */
    InputType inputType();

    /** @return spatial input size in pixels (H, W) or voxels (D, H, W) */
    int[] inputSize();

    /** @return input channels */
    int inChannels();

    /** @return number of classes, the width of the output */
    int classes();

    /** @return the output head: probabilities or logits */
    Head head();

    /** @return the output vertex name */
    String outputName();

    /** @return the factor by which the network shrinks each spatial axis before global pooling */
    int totalStride();

    /** @return spatial size of the last feature maps before global pooling, pixels or voxels */
    int[] featureSize();

    /** @return whether the input and activations are NHWC rather than NCHW (2-D only) */
    boolean channelsLast();

    /**
     * The network's layers, parameters and FLOPs for a batch of {@code batch} inputs of this classifier's
     * {@link #inputSize()} (no forward pass; FLOPs by the reference networks' convention: 2 × multiply-adds of
     * convolutions and fully connected layers).
     *
     * @param batch the batch size, at least 1
     * @return the summary; its {@code toString()} is a table
     */
    default NetworkSummary summary(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        int[] size = inputSize();
        long[] shape = new long[2 + size.length];
        shape[0] = batch;
        if (channelsLast()) {
            for (int i = 0; i < size.length; i++) {
                shape[1 + i] = size[i];
            }
            shape[shape.length - 1] = inChannels();
            return NetworkSummary.ofChannelsLast(configuration(0), shape);
        }
        shape[1] = inChannels();
        for (int i = 0; i < size.length; i++) {
            shape[2 + i] = size[i];
        }
        return NetworkSummary.of(configuration(0), shape);
    }
}
