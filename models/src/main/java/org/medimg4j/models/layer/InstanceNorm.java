package org.medimg4j.models.layer;

import java.util.Collection;
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

/**
 * Instance normalisation of input of rank ≥ 3 (NCHW images, NCDHW volumes; NHWC/NDHWC with
 * {@link Builder#channelsLast(boolean)}): each channel of each
 * example is normalised over its own spatial positions, then scaled and shifted per channel. DL4J 1.0.0-M2.1 has
 * no such layer. Semantics are PyTorch's {@code InstanceNorm2d/3d(affine=True, track_running_stats=False)}:
 * biased variance, eps 1e-5, the same computation in training and inference (no running statistics), so it is
 * independent of the batch size, which suits small 3-D patch batches.
 *
 * <p>Parameters: gamma (C), beta (C).
 */
public class InstanceNorm extends FeedForwardLayer {

    private static final long serialVersionUID = 1L;

    /** Parameter key of the scale. */
    public static final String GAMMA = "gamma";
    /** Parameter key of the shift. */
    public static final String BETA = "beta";

    private double eps = 1e-5;
    private boolean channelsLast;

    /** For Jackson (DL4J's configuration JSON). */
    public InstanceNorm() {
        super();
    }

    private InstanceNorm(Builder b) {
        super(b);
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

    /** @return the variance floor added before the square root, in input units squared */
    public double getEps() {
        return eps;
    }

    /** @param eps the variance floor (for Jackson) */
    public void setEps(double eps) {
        this.eps = eps;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        InstanceNormLayer layer = new InstanceNormLayer(conf, networkDataType);
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
        return ChannelParamInitializer.AFFINE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            if (inputType instanceof InputType.InputTypeConvolutional3D t) {
                nIn = t.getChannels();
            } else if (inputType instanceof InputType.InputTypeConvolutional t) {
                nIn = t.getChannels();
            } else {
                throw new IllegalArgumentException("InstanceNorm layer " + getLayerName()
                        + ": input type must be convolutional (3-D or 2-D), got " + inputType);
            }
            nOut = nIn;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long perExample = inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(getLayerName(), InstanceNorm.class, inputType, inputType)
                .standardMemory(2 * nOut, 0)
                .workingMemory(0, 0, perExample, 2 * perExample)
                .cacheMemory(0, 0)
                .build();
    }

    /** Builds an {@link InstanceNorm}; the channel count is inferred from the input type. */
    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
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
         * @param <E> the type the caller expects: {@code InstanceNorm} or a supertype (DL4J's builder signature)
         * @return the layer configuration
         */
        @Override
        @SuppressWarnings("unchecked")
        public <E extends org.deeplearning4j.nn.conf.layers.Layer> E build() {
            return (E) new InstanceNorm(this);
        }
    }
}
