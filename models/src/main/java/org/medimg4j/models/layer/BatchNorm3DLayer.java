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
 * The running layer of {@link BatchNorm3D}: channel-wise batch normalisation of channels-first input of any rank
 * ≥ 3, written with ND4J reductions and broadcasts (no DL4J helper, so no rank restriction).
 *
 * <p>Backprop recomputes the batch statistics from the stored input instead of caching them between the passes,
 * so that nothing outlives the workspace it was created in.
 */
final class BatchNorm3DLayer extends BaseLayer<BatchNorm3D> {

    private static final long serialVersionUID = 1L;

    /** Whether the last forward pass normalised with batch statistics (training) or running ones. */
    private boolean lastForwardTraining;

    BatchNorm3DLayer(NeuralNetConfiguration conf, DataType dataType) {
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

    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        // the running statistics' "gradient" is the exact update; dividing it by the minibatch would shrink it
        return !(BatchNorm3D.RUNNING_MEAN.equals(paramName) || BatchNorm3D.RUNNING_VAR.equals(paramName));
    }

    private int channelAxis(int rank) {
        return layerConf().isChannelsLast() ? rank - 1 : 1;
    }

    /** Every axis but the channel axis. */
    private int[] reductionAxes(int rank) {
        int ca = channelAxis(rank);
        int[] axes = new int[rank - 1];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != ca) {
                axes[j++] = i;
            }
        }
        return axes;
    }

    private INDArray param(String key, long c) {
        return getParam(key).reshape(c);
    }

    private void checkRank(INDArray x) {
        if (x.rank() < 3) {
            throw new IllegalStateException("BatchNorm3D layer " + layerConf().getLayerName()
                    + ": input must have rank >= 3 (NCDHW, NCHW, NDHWC or NHWC), got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = input;
        checkRank(x);
        int ca = channelAxis(x.rank());
        long c = x.size(ca);
        int[] axes = reductionAxes(x.rank());
        double eps = layerConf().getEps();
        INDArray mean;
        INDArray var;
        if (training) {
            mean = x.mean(axes);
            var = x.var(false, axes);
        } else {
            mean = param(BatchNorm3D.RUNNING_MEAN, c);
            var = param(BatchNorm3D.RUNNING_VAR, c);
        }
        lastForwardTraining = training;
        // y = x·scale + shift with scale = gamma/sqrt(var + eps), shift = beta − mean·scale: one pass over x
        INDArray scale = Transforms.pow(var.add(eps), -0.5, false).muli(param(BatchNorm3D.GAMMA, c));
        INDArray shift = param(BatchNorm3D.BETA, c).sub(mean.mul(scale));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        Broadcast.mul(x, scale, out, ca);
        Broadcast.add(out, shift, out, ca);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = input;
        checkRank(x);
        int ca = channelAxis(x.rank());
        long c = x.size(ca);
        int[] axes = reductionAxes(x.rank());
        double eps = layerConf().getEps();
        double momentum = layerConf().getMomentum();
        long m = x.length() / c;
        INDArray gamma = param(BatchNorm3D.GAMMA, c);
        INDArray runMean = param(BatchNorm3D.RUNNING_MEAN, c);
        INDArray runVar = param(BatchNorm3D.RUNNING_VAR, c);

        INDArray mean = lastForwardTraining ? x.mean(axes) : runMean;
        INDArray var = lastForwardTraining ? x.var(false, axes) : runVar;
        INDArray invStd = Transforms.pow(var.add(eps), -0.5, true);
        INDArray xHat = Broadcast.sub(x, mean, x.ulike(), ca);
        Broadcast.mul(xHat, invStd, xHat, ca);

        INDArray dBeta = epsilon.sum(axes);
        INDArray dGamma = epsilon.mul(xHat).sum(axes);
        INDArray dx = epsilon.dup('c');
        INDArray gMean;
        INDArray gVar;
        if (lastForwardTraining) {
            // d/dx of gamma·(x − μ_B)/σ_B: (gamma/(m σ)) (m·dy − Σdy − x̂ Σ(dy x̂))
            dx.muli(m);
            Broadcast.sub(dx, dBeta, dx, ca);
            Broadcast.mul(xHat, dGamma, xHat, ca);
            dx.subi(xHat);
            Broadcast.mul(dx, invStd.mul(gamma).divi(m), dx, ca);
            // PyTorch's update: running ← (1 − momentum)·running + momentum·batch, variance unbiased;
            // the NoOp updater applies param −= gradient, so the gradient is running − new
            double unbias = m > 1 ? (double) m / (m - 1) : 1.0;
            gMean = runMean.sub(mean).muli(momentum);
            gVar = runVar.sub(var.mul(unbias)).muli(momentum);
        } else {
            Broadcast.mul(dx, invStd.mul(gamma), dx, ca);
            gMean = runMean.ulike().assign(0);
            gVar = runVar.ulike().assign(0);
        }

        Gradient g = new DefaultGradient();
        put(g, BatchNorm3D.GAMMA, dGamma);
        put(g, BatchNorm3D.BETA, dBeta);
        put(g, BatchNorm3D.RUNNING_MEAN, gMean);
        put(g, BatchNorm3D.RUNNING_VAR, gVar);
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
