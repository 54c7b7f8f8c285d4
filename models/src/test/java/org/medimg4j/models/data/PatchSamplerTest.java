package org.medimg4j.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.phantom.CtPhantom;
import org.medimg4j.core.phantom.PhantomDataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class PatchSamplerTest {

    private static final int N = 8 * 8 * 8;

    @Test
    void patchesAreNcdhwWithOneHotLabels() {
        PatchSampler s = PatchSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(2))).patchSize(8, 8, 4)
                .classes(3).seed(1).build();
        try (BatchIterator it = BatchIterator.of(s, 2, 0, 1)) {
            MultiDataSet m = it.next();
            assertArrayEquals(new long[] {2, 1, 4, 8, 8}, m.getFeatures(0).shape());
            assertArrayEquals(new long[] {2, 3, 4, 8, 8}, m.getLabels(0).shape());
            INDArray sum = m.getLabels(0).sum(1);
            assertEquals(1.0, sum.minNumber().doubleValue(), 0);
            assertEquals(1.0, sum.maxNumber().doubleValue(), 0);
            assertEquals(0.0, m.getLabels(0).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(2)).sumNumber().doubleValue(), 0, "no label 2 here");
        }
    }

    @Test
    void planarPatchesAreNchwAndCentreClassificationLabelsThePatch() {
        CaseCache cache = CaseCache.unbounded(TinyCases.segmentationSet(2));
        PatchSampler seg2d = PatchSampler.builder(cache).patchSize(8, 6).seed(1).build();
        assertArrayEquals(new long[] {1, 6, 8}, seg2d.featureShape());
        assertArrayEquals(new long[] {2, 6, 8}, seg2d.labelShape());
        PatchSampler lesion = PatchSampler.builder(cache).patchSize(8, 8).classifyCentre(true)
                .positiveProbability(1).seed(1).build();
        PatchSampler random = PatchSampler.builder(cache).patchSize(8, 8).classifyCentre(true)
                .positiveProbability(0).seed(1).build();
        try (BatchIterator a = BatchIterator.of(lesion, 16, 0, 1); BatchIterator b = BatchIterator.of(random, 16, 0, 1)) {
            INDArray pos = a.next().getLabels(0);
            INDArray neg = b.next().getLabels(0);
            assertArrayEquals(new long[] {2, 2}, pos.shape(), "one patch per case per epoch by default");
            assertEquals(2.0, pos.getColumn(1).sumNumber().doubleValue(), 0, "centred on the lesion: class 1");
            assertEquals(0.0, pos.getColumn(0).sumNumber().doubleValue(), 0);
            assertEquals(2.0, neg.sumNumber().doubleValue(), 0, "one-hot rows");
        }
    }

    @Test
    void patchHoldsTheVoxelsAroundItsCentreAndPadsAtBorders() {
        PatchSampler s = PatchSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(1))).patchSize(8, 8, 8)
                .positiveProbability(0).padValue(-7).seed(4).build();
        float[] f = new float[N];
        float[] l = new float[2 * N];
        int padded = 0;
        for (int i = 0; i < 40; i++) {
            int[] c = s.centreOf(0, i);
            s.sample(0, i, f, 0, l, 0);
            for (int z = 0; z < 8; z++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int sx = c[0] - 4 + x;
                        int sy = c[1] - 4 + y;
                        int sz = c[2] - 4 + z;
                        int k = (z * 8 + y) * 8 + x;
                        boolean inside = sx >= 0 && sx < 32 && sy >= 0 && sy < 32 && sz >= 0 && sz < 8;
                        float expected = inside ? (sz * 32 + sy) * 32 + sx : -7;
                        assertEquals(expected, f[k], 0f, "patch voxel " + x + "," + y + "," + z);
                        if (!inside) {
                            padded++;
                            assertEquals(1f, l[k], 0f, "padding is background");
                        }
                    }
                }
            }
        }
        assertTrue(padded > 0, "depth 8 with an 8-voxel patch always reaches a border");
    }

    @Test
    void positiveProbabilityHoldsOverManyDraws() {
        // lesion 27 of 8192 voxels: f ≈ 0.0033; expected share of foreground centres p + (1 − p)·f
        PatchSampler s = PatchSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(3))).patchSize(8, 8, 8)
                .positiveProbability(0.4).examplesPerEpoch(3000).seed(8).build();
        float[] f = new float[N];
        float[] l = new float[2 * N];
        int centre = (4 * 8 + 4) * 8 + 4;
        int positive = 0;
        for (int i = 0; i < 3000; i++) {
            s.sample(0, i, f, 0, l, 0);
            if (l[N + centre] == 1f) {
                positive++;
            }
        }
        double f0 = 27.0 / 8192;
        assertEquals(0.4 + 0.6 * f0, positive / 3000.0, 0.04);   // sd ≈ 0.009
    }

    @Test
    void phantomLesionsAreFoundByPositivePatches() {
        PhantomDataset phantoms = PhantomDataset.of(CtPhantom.builder().size(32, 32, 8).spacingMm(12, 12, 32)
                .lesionCount(1).lesionRadiusMm(20, 30).seed(3).build(), 2);
        CaseCache cache = CaseCache.unbounded(InMemoryDataset.ofPhantoms(phantoms.generateAll()));
        assertTrue(cache.get(0).foregroundVoxels() > 0, "the tiny phantom has lesion voxels");
        PatchSampler s = PatchSampler.builder(cache).patchSize(8, 8, 4).positiveProbability(1).classes(8).seed(2)
                .build();
        float[] f = new float[8 * 8 * 4];
        float[] l = new float[8 * f.length];
        int centre = (2 * 8 + 4) * 8 + 4;
        for (int i = 0; i < 20; i++) {
            s.sample(0, i, f, 0, l, 0);
            assertEquals(1f, l[f.length + centre], 0f, "p = 1: every centre is a lesion voxel");
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter() {
        CaseCache cache = CaseCache.unbounded(TinyCases.segmentationSet(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PatchSampler.builder(cache).build());
        assertTrue(e.getMessage().contains("patchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PatchSampler.builder(cache).patchSize(4, 4, 4).positiveProbability(-0.1).build());
        assertTrue(e.getMessage().contains("positiveProbability"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PatchSampler.builder(cache).patchSize(4, 4, 4).patchesPerCase(0).build());
        assertTrue(e.getMessage().contains("patchesPerCase"), e.getMessage());
        DataException d = assertThrows(DataException.class,
                () -> PatchSampler.builder(CaseCache.unbounded(InMemoryDataset.of(List.of()))).patchSize(4, 4, 4)
                        .build());
        assertTrue(d.getMessage().contains("empty"), d.getMessage());
    }
}
