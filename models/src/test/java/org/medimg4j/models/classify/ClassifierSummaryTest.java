package org.medimg4j.models.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.models.network.NetworkSummary;

/** The reference classifiers' summaries agree with torch_models.py's parameter counts and FLOP convention. */
class ClassifierSummaryTest {

    @Test
    void resNet18SummaryCountsParametersAndFlops() {
        NetworkSummary s = ResNet.reference18().summary(1);
        assertEquals(11_180_866L, s.totalParameters(), "torchvision's 11,171,266 + 9,600 BN running statistics");
        // torch_models.count_flops(resnet18(), (1, 1, 224, 224)): 2 x MACs of convs and fc
        assertEquals(3_469_772_800L, s.totalFlops(), s.toString());
        assertEquals(8 * s.totalFlops(), ResNet.reference18().summary(8).totalFlops());
        assertTrue(s.toString().contains("fc"), s.toString());
    }

    @Test
    void denseNet121SummaryCountsParameters() {
        NetworkSummary s = DenseNet.reference121().summary(1);
        assertEquals(7_033_282L, s.totalParameters());
        assertEquals(5_508_927_488L, s.totalFlops(), "torch_models.count_flops(densenet121(), 1x1x224x224)");
        assertThrows(IllegalArgumentException.class, () -> DenseNet.reference121().summary(0));
    }
}
