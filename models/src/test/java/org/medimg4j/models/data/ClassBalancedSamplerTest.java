package org.medimg4j.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class ClassBalancedSamplerTest {

    @Test
    void rareClassIsSeenAsOftenAsTheCommonOne() {
        // 1 positive among 10 cases
        ClassBalancedSampler s = ClassBalancedSampler.builder(CaseCache.unbounded(TinyCases.classificationSet(10, 1)))
                .examplesPerEpoch(40).seed(3).build();
        try (BatchIterator it = BatchIterator.of(s, 8, 0, 1)) {
            int[] perClass = new int[2];
            while (it.hasNext()) {
                MultiDataSet m = it.next();
                INDArray f = m.getFeatures(0);
                INDArray l = m.getLabels(0);
                assertArrayEquals(new long[] {8, 1, 16, 16}, f.shape());
                assertArrayEquals(new long[] {8, 2}, l.shape());
                for (int r = 0; r < 8; r++) {
                    assertEquals(1.0, l.getRow(r).sumNumber().doubleValue(), 0, "one-hot row");
                    int k = l.getFloat(r, 1) == 1f ? 1 : 0;
                    perClass[k]++;
                    // image value = case number; case 0 is the only positive
                    assertEquals(k == 1, f.getFloat(r, 0, 5, 5) == 0f);
                }
            }
            assertArrayEquals(new int[] {20, 20}, perClass);
        }
    }

    @Test
    void unbalancedShowsEveryCaseOncePerEpoch() {
        ClassBalancedSampler s = ClassBalancedSampler.builder(CaseCache.unbounded(TinyCases.classificationSet(6, 2)))
                .balanced(false).seed(1).build();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            seen.add(s.caseIndexOf(0, i));
        }
        assertEquals(6, seen.size());
    }

    @Test
    void casesWithoutAValidClassAreRefusedNamingTheCase() {
        CaseCache seg = CaseCache.unbounded(TinyCases.segmentationSet(1));
        DataException e = assertThrows(DataException.class, () -> ClassBalancedSampler.builder(seg).build());
        assertTrue(e.getMessage().contains("c0") && e.getMessage().contains("classIndex"), e.getMessage());
        CaseCache onlyNegatives = CaseCache.unbounded(TinyCases.classificationSet(3, 0));
        e = assertThrows(DataException.class, () -> ClassBalancedSampler.builder(onlyNegatives).build());
        assertTrue(e.getMessage().contains("class 1"), e.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> ClassBalancedSampler.builder(onlyNegatives).classes(1).build());
        assertTrue(c.getMessage().contains("classes"), c.getMessage());
    }
}
