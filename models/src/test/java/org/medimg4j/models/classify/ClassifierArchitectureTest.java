package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

/** Every architecture describes the graph it builds: input and output names, input type, sizes. */
class ClassifierArchitectureTest {

    @Test
    void everyArchitectureDescribesItsGraph() {
        List<ClassifierArchitecture> nets = List.of(
                ResNet.builder().blocks(1, 1).baseWidth(4).inChannels(3).classes(4).inputSize(24, 40).build(),
                DenseNet.builder().growthRate(4).blockLayers(2, 2).initFeatures(8).inChannels(2).inputSize(32, 48)
                        .head(Head.LOGITS).build(),
                PatchClassifier.builder().filters(4, 8).classes(5).channelsLast(true).inputSize(16, 32).build());
        for (ClassifierArchitecture a : nets) {
            ComputationGraphConfiguration conf = a.configuration(1);
            assertEquals(List.of(ClassifierArchitecture.INPUT), conf.getNetworkInputs(), a.toString());
            assertEquals(List.of(a.outputName()), conf.getNetworkOutputs(), a.toString());
            InputType.InputTypeConvolutional type = (InputType.InputTypeConvolutional) a.inputType();
            assertEquals(a.inChannels(), type.getChannels());
            assertArrayEquals(a.inputSize(), new int[] {(int) type.getHeight(), (int) type.getWidth()});
            int[] f = a.featureSize();
            for (int i = 0; i < f.length; i++) {
                assertEquals((a.inputSize()[i] + a.totalStride() - 1) / a.totalStride(), f[i], a + " axis " + i);
            }
        }
    }
}
