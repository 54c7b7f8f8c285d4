package org.medimg4j.models.layer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The running layer of {@link InstanceNorm}. Statistics are [N, C] (one per example and channel, over the spatial
 * axes); backprop recomputes them from the stored input rather than caching across workspaces.
 */
final class InstanceNormLayer extends BaseLayer<InstanceNorm> {

    private static final long serialVersionUID = 1L;

    InstanceNormLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.NORMALIZATION;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no weight noise on normalisation parameters
    }

    private int channelAxis(int rank) {
        return layerConf().isChannelsLast() ? rank - 1 : 1;
    }

    /** Every axis but the batch and channel axes. */
    private int[] spatialAxes(int rank) {
        int ca = channelAxis(rank);
        int[] axes = new int[rank - 2];
        for (int i = 1, j = 0; i < rank; i++) {
            if (i != ca) {
                axes[j++] = i;
            }
        }
        return axes;
    }

    private void checkRank(INDArray x) {
        if (x.rank() < 3) {
            throw new IllegalStateException("InstanceNorm layer " + layerConf().getLayerName()
                    + ": input must have rank >= 3 (NCDHW, NCHW, NDHWC or NHWC), got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
    }

    /** x̂ = (x − μ_nc)/σ_nc, and 1/σ_nc as [N, C]. */
    private INDArray[] normalise(INDArray x) {
        int[] axes = spatialAxes(x.rank());
        int ca = channelAxis(x.rank());
        INDArray mean = x.mean(axes);
        INDArray invStd = Transforms.pow(x.var(false, axes).addi(layerConf().getEps()), -0.5, false);
        INDArray xHat = Broadcast.sub(x, mean, x.ulike(), 0, ca);
        Broadcast.mul(xHat, invStd, xHat, 0, ca);
        return new INDArray[] {xHat, invStd};
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        checkRank(input);
        int ca = channelAxis(input.rank());
        long c = input.size(ca);
        INDArray xHat = normalise(input)[0];
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        Broadcast.mul(xHat, getParam(InstanceNorm.GAMMA).reshape(c), out, ca);
        Broadcast.add(out, getParam(InstanceNorm.BETA).reshape(c), out, ca);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = input;
        checkRank(x);
        int ca = channelAxis(x.rank());
        long c = x.size(ca);
        int[] spatial = spatialAxes(x.rank());
        int[] batchAndSpatial = new int[spatial.length + 1];
        System.arraycopy(spatial, 0, batchAndSpatial, 1, spatial.length); // axis 0 first, the rest ascending
        long m = x.length() / (x.size(0) * c);
        INDArray[] n = normalise(x);
        INDArray xHat = n[0];
        INDArray invStd = n[1];

        INDArray dBeta = epsilon.sum(batchAndSpatial);
        INDArray dGamma = epsilon.mul(xHat).sum(batchAndSpatial);
        // dx̂ = dy·gamma; dx = (1/(m σ)) (m dx̂ − Σ dx̂ − x̂ Σ dx̂ x̂), sums per example and channel
        INDArray dxHat = Broadcast.mul(epsilon, getParam(InstanceNorm.GAMMA).reshape(c), x.ulike(), ca);
        INDArray sumD = dxHat.sum(spatial);
        INDArray sumDX = dxHat.mul(xHat).sum(spatial);
        INDArray dx = dxHat.muli(m);
        Broadcast.sub(dx, sumD, dx, 0, ca);
        Broadcast.mul(xHat, sumDX, xHat, 0, ca);
        dx.subi(xHat);
        Broadcast.mul(dx, invStd.divi(m), dx, 0, ca);

        Gradient g = new DefaultGradient();
        put(g, InstanceNorm.GAMMA, dGamma);
        put(g, InstanceNorm.BETA, dBeta);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        epsOut.assign(dx);
        return new Pair<>(g, epsOut);
    }

    private void put(Gradient g, String key, INDArray value) {
        INDArray view = gradientViews.get(key);
        view.assign(value.reshape(view.shape()));
        g.setGradientFor(key, view);
    }
}
