package org.medimg4j.models.layer;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Concatenation along the channel axis (axis 1, or the last axis for channels-last data) of inputs of any rank, in
 * the order the inputs are given. It exists because DL4J 1.0.0-M2.1's {@code MergeVertex} concatenates NCDHW input forward but throws
 * "Invalid rank during forward pass (not 2, 3, 4)" in backprop, so a 3-D U-Net could not train
 * ({@code ChannelConcatTest} shows the defect and the gradient check of this vertex).
 */
public class ChannelConcat extends GraphVertex {

    private static final long serialVersionUID = 1L;

    private boolean channelsLast;

    /** Concatenates channels-first input (NCDHW/NCHW): along axis 1. */
    public ChannelConcat() {
        this(false);
    }

    /** @param channelsLast true to concatenate along the last axis (NDHWC/NHWC), false along axis 1 */
    public ChannelConcat(boolean channelsLast) {
        this.channelsLast = channelsLast;
    }

    /** @return whether channels are the last axis */
    public boolean isChannelsLast() {
        return channelsLast;
    }

    /** @param channelsLast whether channels are the last axis (for Jackson) */
    public void setChannelsLast(boolean channelsLast) {
        this.channelsLast = channelsLast;
    }

    @Override
    public ChannelConcat clone() {
        return new ChannelConcat(channelsLast);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelConcat c && c.channelsLast == channelsLast;
    }

    @Override
    public int hashCode() {
        return ChannelConcat.class.getSimpleName().hashCode() + (channelsLast ? 1 : 0);
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new ChannelConcatVertex(graph, name, idx, networkDatatype, channelsLast);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        Convolution3D.DataFormat f3 = channelsLast ? Convolution3D.DataFormat.NDHWC : Convolution3D.DataFormat.NCDHW;
        org.deeplearning4j.nn.conf.CNN2DFormat f2 = channelsLast ? org.deeplearning4j.nn.conf.CNN2DFormat.NHWC
                : org.deeplearning4j.nn.conf.CNN2DFormat.NCHW;
        if (vertexInputs[0] instanceof InputType.InputTypeConvolutional3D first) {
            long channels = 0;
            for (InputType t : vertexInputs) {
                if (!(t instanceof InputType.InputTypeConvolutional3D c) || c.getDepth() != first.getDepth()
                        || c.getHeight() != first.getHeight() || c.getWidth() != first.getWidth()
                        || c.getDataFormat() != f3) {
                    throw new InvalidInputTypeException("ChannelConcat: inputs must be " + f3 + " of equal D, H, W; got "
                            + java.util.Arrays.toString(vertexInputs));
                }
                channels += c.getChannels();
            }
            return InputType.convolutional3D(f3, first.getDepth(), first.getHeight(),
                    first.getWidth(), channels);
        }
        if (vertexInputs[0] instanceof InputType.InputTypeConvolutional first) {
            long channels = 0;
            for (InputType t : vertexInputs) {
                if (!(t instanceof InputType.InputTypeConvolutional c) || c.getHeight() != first.getHeight()
                        || c.getWidth() != first.getWidth()
                        || c.getFormat() != f2) {
                    throw new InvalidInputTypeException("ChannelConcat: inputs must be " + f2 + " of equal H, W; got "
                            + java.util.Arrays.toString(vertexInputs));
                }
                channels += c.getChannels();
            }
            return InputType.convolutional(first.getHeight(), first.getWidth(), channels, f2);
        }
        throw new InvalidInputTypeException("ChannelConcat: inputs must be convolutional (NCHW or NCDHW), got "
                + vertexInputs[0]);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, ChannelConcat.class, inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
