package org.medimg4j.models.layer;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The running vertex of {@link ChannelConcat}: copies inputs into channel ranges, and splits the gradient back. */
// "overrides": BaseGraphVertex.setInputs(INDArray[]) vs the interface's varargs, inherited from DL4J
@SuppressWarnings("overrides")
final class ChannelConcatVertex extends BaseGraphVertex {

    private static final long serialVersionUID = 1L;

    private final boolean channelsLast;

    ChannelConcatVertex(ComputationGraph graph, String name, int index, DataType dataType, boolean channelsLast) {
        super(graph, name, index, null, null, dataType);
        this.channelsLast = channelsLast;
    }

    private int axis(int rank) {
        return channelsLast ? rank - 1 : 1;
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    private INDArrayIndex[] channels(int rank, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[axis(rank)] = NDArrayIndex.interval(from, to);
        return idx;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("ChannelConcat " + vertexName + ": inputs not set");
        }
        long[] shape = inputs[0].shape().clone();
        int ax = axis(shape.length);
        long channels = 0;
        for (INDArray in : inputs) {
            for (int d = 0; d < shape.length; d++) {
                if (d != ax && (in.rank() != shape.length || in.size(d) != shape[d])) {
                    throw new IllegalStateException("ChannelConcat " + vertexName + ": inputs differ outside the "
                            + "channel axis: " + Arrays.toString(inputs[0].shape()) + " vs " + Arrays.toString(in.shape()));
                }
            }
            channels += in.size(ax);
        }
        shape[ax] = channels;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, inputs[0].dataType(), shape, 'c');
        long offset = 0;
        for (INDArray in : inputs) {
            out.get(channels(shape.length, offset, offset + in.size(ax))).assign(in);
            offset += in.size(ax);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("ChannelConcat " + vertexName + ": epsilon or inputs not set");
        }
        INDArray[] grads = new INDArray[inputs.length];
        long offset = 0;
        for (int i = 0; i < inputs.length; i++) {
            long c = inputs[i].size(axis(inputs[i].rank()));
            INDArray slice = epsilon.get(channels(epsilon.rank(), offset, offset + c));
            grads[i] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, slice, 'c');
            offset += c;
        }
        return new Pair<>(new DefaultGradient(), grads);
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("ChannelConcat " + vertexName + " has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        // per-example masks pass through unchanged; convolutional feature maps carry none
        return new Pair<>(maskArrays == null || maskArrays.length == 0 ? null : maskArrays[0], currentMaskState);
    }

    @Override
    public String toString() {
        return "ChannelConcatVertex(" + vertexName + ")";
    }
}
