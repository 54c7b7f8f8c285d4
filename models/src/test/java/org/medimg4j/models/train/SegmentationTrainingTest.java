package org.medimg4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** End to end on a tiny NCHW segmentation: 8×8 images, foreground where the intensity is above 1 (about 16 % of pixels). */
class SegmentationTrainingTest {

    @TempDir
    Path dir;

    private static InMemoryBatches images(long seed, int batches) {
        Random r = new Random(seed);
        List<MultiDataSet> list = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            int n = 4;
            float[] x = new float[n * 64];
            float[] y = new float[n * 2 * 64];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < 64; p++) {
                    float v = (float) r.nextGaussian();
                    x[i * 64 + p] = v;
                    y[i * 128 + (v > 1 ? 64 : 0) + p] = 1f;   // one-hot: channel 1 where foreground
                }
            }
            list.add(new org.nd4j.linalg.dataset.MultiDataSet(Nd4j.create(x, new long[] {n, 1, 8, 8}),
                    Nd4j.create(y, new long[] {n, 2, 8, 8})));
        }
        return new InMemoryBatches(list);
    }

    @Test
    void diceRisesWhileTrainingAOneByOneConvSegmenter() throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        // NCHW: DL4J M2.1's CnnLossLayer computes a wrong loss in NHWC (see the probe).
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 1, CNN2DFormat.NCHW))
                .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY).build(),
                        "in")
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("loss").build());
        net.init();
        TrainingResult r = Trainer.builder().optimizer(Optimizer.adam(0.1)).epochs(6).outputDirectory(dir)
                .schedule(LearningRateSchedule.cosine(0.1))
                .earlyStopping(ValidationMetric.dice(1), 3, 0.0).build()
                .fit(net, images(1, 4), images(2, 2));
        List<EpochRecord> h = r.history();
        double first = h.get(0).validationValue();
        assertTrue(first < 0.8 && r.bestValue() > 0.9, "dice " + first + " -> best " + r.bestValue());
        assertTrue(r.bestEpoch() > 0);
        assertEquals(r.bestValue(), h.get(r.bestEpoch()).validationValue());
        assertTrue(h.get(h.size() - 1).trainLoss() < h.get(0).trainLoss());
    }
}
