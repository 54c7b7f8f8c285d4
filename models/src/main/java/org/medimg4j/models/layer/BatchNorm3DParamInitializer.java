package org.medimg4j.models.layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Lays out {@link BatchNorm3D}'s parameters: gamma, beta, running mean, running variance, each of length C. */
final class BatchNorm3DParamInitializer implements ParamInitializer {

    static final BatchNorm3DParamInitializer INSTANCE = new BatchNorm3DParamInitializer();
    private static final List<String> KEYS = List.of(BatchNorm3D.GAMMA, BatchNorm3D.BETA,
            BatchNorm3D.RUNNING_MEAN, BatchNorm3D.RUNNING_VAR);

    private BatchNorm3DParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 4 * ((BatchNorm3D) layer).getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
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
            table.get(BatchNorm3D.GAMMA).assign(1);
            table.get(BatchNorm3D.BETA).assign(0);
            table.get(BatchNorm3D.RUNNING_MEAN).assign(0);
            table.get(BatchNorm3D.RUNNING_VAR).assign(1);
        }
        return table;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(conf, gradientView);
    }

    /** Views of length C into the flattened [1, 4C] array, one per key, in KEYS order. */
    private static Map<String, INDArray> split(NeuralNetConfiguration conf, INDArray flat) {
        long c = ((BatchNorm3D) conf.getLayer()).getNOut();
        INDArray row = flat.reshape(flat.length());
        Map<String, INDArray> table = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            table.put(KEYS.get(i), row.get(NDArrayIndex.interval(i * c, (i + 1) * c)).reshape(1, c));
        }
        return table;
    }
}
