package org.medimg4j.models.layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Lays out per-channel parameter vectors of a normalisation layer: one vector of length C (the layer's nOut) per
 * key, in key order, each a [1, C] view into the network's flattened parameters, initialised to a constant.
 */
final class ChannelParamInitializer implements ParamInitializer {

    /** gamma 1, beta 0, running mean 0, running variance 1. */
    static final ChannelParamInitializer BATCH_NORM = new ChannelParamInitializer(
            List.of(BatchNorm3D.GAMMA, BatchNorm3D.BETA, BatchNorm3D.RUNNING_MEAN, BatchNorm3D.RUNNING_VAR),
            new double[] {1, 0, 0, 1});
    /** gamma 1, beta 0. */
    static final ChannelParamInitializer AFFINE = new ChannelParamInitializer(
            List.of(InstanceNorm.GAMMA, InstanceNorm.BETA), new double[] {1, 0});

    private final List<String> keys;
    private final double[] initialValues;

    private ChannelParamInitializer(List<String> keys, double[] initialValues) {
        this.keys = keys;
        this.initialValues = initialValues;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return keys.size() * ((FeedForwardLayer) layer).getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> table = split(conf, paramsView);
        if (initializeParams) {
            for (int i = 0; i < keys.size(); i++) {
                table.get(keys.get(i)).assign(initialValues[i]);
            }
        }
        return table;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(conf, gradientView);
    }

    private Map<String, INDArray> split(NeuralNetConfiguration conf, INDArray flat) {
        long c = ((FeedForwardLayer) conf.getLayer()).getNOut();
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> table = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            table.put(keys.get(i), row.get(NDArrayIndex.interval(i * c, (i + 1) * c)).reshape(1, c));
        }
        return table;
    }
}
