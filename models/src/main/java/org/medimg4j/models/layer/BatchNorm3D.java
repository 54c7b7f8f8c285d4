package org.medimg4j.models.layer;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Batch normalisation over the channel axis of input of any rank ≥ 3: NCDHW volumes and NCHW images, or with
 * {@link Builder#channelsLast(boolean)} NDHWC and NHWC. It exists because DL4J 1.0.0-M2.1's {@code BatchNormalization} builds for 5-D input but fails
 * at run time with "Unable to process input of rank 5" (issue 6; {@code BatchNorm3DTest} shows this layer trains,
 * passes DL4J's gradient check and runs on NCDHW).
 *
 * <p>Semantics are PyTorch's {@code BatchNorm3d(affine=True)}: in training the batch statistics over (N, D, H, W)
 * normalise (biased variance), and the running statistics move by {@code running = (1 − momentum)·running +
 * momentum·batch} with the unbiased batch variance; in inference the running statistics normalise. Defaults:
 * momentum 0.1, eps 1e-5.
 *
 * <p>Parameters, in this order in the flattened view: gamma (C), beta (C), running mean (C), running variance (C),
 * so {@code numParams() = 4·C}, the same convention as DL4J's {@code BatchNormalization} (which counts its running
 * statistics as parameters). The running statistics are updated the way DL4J updates its own: the layer's
 * "gradient" for them is {@code running − new}, and a {@link NoOp} updater that does not divide by the minibatch
 * size applies it. Gradient checks must exclude those two parameters (see {@link #runningStatisticKeys(String)}).
 */
public class BatchNorm3D extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the scale. */
    public static final String GAMMA = "gamma";
    /** Parameter key of the shift. */
    public static final String BETA = "beta";
    /** Parameter key of the running mean (not trained by gradient). */
    public static final String RUNNING_MEAN = "mean";
    /** Parameter key of the running (unbiased) variance (not trained by gradient). */
    public static final String RUNNING_VAR = "var";

    private double momentum = 0.1;
    private double eps = 1e-5;
    private boolean channelsLast;

    /** For Jackson (DL4J's configuration JSON). */
    public BatchNorm3D() {
        super();
    }

    private BatchNorm3D(Builder b) {
        super(b);
        this.momentum = b.momentum;
        this.eps = b.eps;
        this.channelsLast = b.channelsLast;
        initializeConstraints(b);
    }

    /** @return whether channels are the last axis (NDHWC/NHWC) rather than axis 1 (NCDHW/NCHW) */
    public boolean isChannelsLast() {
        return channelsLast;
    }

    /** @param channelsLast whether channels are the last axis (for Jackson) */
    public void setChannelsLast(boolean channelsLast) {
        this.channelsLast = channelsLast;
    }

    /** @return the weight of the new batch statistic in the running-statistics update, in (0, 1] */
    public double getMomentum() {
        return momentum;
    }

    /** @param momentum the running-statistics momentum, in (0, 1] (for Jackson) */
    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    /** @return the variance floor added before the square root, in input units squared */
    public double getEps() {
        return eps;
    }

    /** @param eps the variance floor (for Jackson) */
    public void setEps(double eps) {
        this.eps = eps;
    }

    /**
     * The parameter keys a gradient check must exclude for a layer of this type with the given name: the running
     * statistics, whose "gradient" is an update rule, not a derivative. Caution: DL4J 1.0.0-M2.1's GradientCheckUtil
     * names the flattened parameters in the order the vertices were added, while they are laid out in topological
     * order; add the vertices of a checked graph in topological order or the wrong parameters are skipped.
     *
     * @param layerName the layer's vertex name in the graph
     * @return the keys in the {@code layerName_param} form DL4J's GradientCheckUtil uses
     */
    public static java.util.Set<String> runningStatisticKeys(String layerName) {
        return java.util.Set.of(layerName + "_" + RUNNING_MEAN, layerName + "_" + RUNNING_VAR);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        BatchNorm3DLayer layer = new BatchNorm3DLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> table = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(table);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return ChannelParamInitializer.BATCH_NORM;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            long c;
            if (inputType instanceof InputType.InputTypeConvolutional3D t) {
                c = t.getChannels();
            } else if (inputType instanceof InputType.InputTypeConvolutional t) {
                c = t.getChannels();
            } else {
                throw new IllegalArgumentException("BatchNorm3D layer " + getLayerName()
                        + ": input type must be convolutional (3-D or 2-D), got " + inputType);
            }
            nIn = c;
            nOut = c;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        if (RUNNING_MEAN.equals(paramName) || RUNNING_VAR.equals(paramName)) {
            return Collections.emptyList();
        }
        return super.getRegularizationByParam(paramName);
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        if (RUNNING_MEAN.equals(paramName) || RUNNING_VAR.equals(paramName)) {
            return new NoOp();
        }
        return super.getUpdaterByParam(paramName);
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long perExample = inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(getLayerName(), BatchNorm3D.class, inputType, inputType)
                .standardMemory(4 * nOut, 0)
                .workingMemory(0, 0, perExample, 2 * perExample)
                .cacheMemory(0, 0)
                .build();
    }

    /** Builds a {@link BatchNorm3D}; the channel count is inferred from the input type. */
    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        private double momentum = 0.1;
        private double eps = 1e-5;
        private boolean channelsLast;

        /**
         * @param channelsLast true for NDHWC/NHWC input (channels last), false for NCDHW/NCHW (the default)
         * @return this builder
         */
        public Builder channelsLast(boolean channelsLast) {
            this.channelsLast = channelsLast;
            return this;
        }

        /**
         * @param momentum weight of the new batch statistic in the running-statistics update, in (0, 1]
         * @return this builder
         */
        public Builder momentum(double momentum) {
            if (!(momentum > 0 && momentum <= 1)) {
                throw new IllegalArgumentException("momentum must be in (0, 1], got " + momentum);
            }
            this.momentum = momentum;
            return this;
        }

        /**
         * @param eps variance floor, &gt; 0
         * @return this builder
         */
        public Builder eps(double eps) {
            if (!(eps > 0)) {
                throw new IllegalArgumentException("eps must be > 0, got " + eps);
            }
            this.eps = eps;
            return this;
        }

        /**
         * @param <E> the type the caller expects: {@code BatchNorm3D} or a supertype (DL4J's builder signature)
         * @return the layer configuration
         */
        @Override
        @SuppressWarnings("unchecked")
        public <E extends org.deeplearning4j.nn.conf.layers.Layer> E build() {
            return (E) new BatchNorm3D(this);
        }
    }
}
