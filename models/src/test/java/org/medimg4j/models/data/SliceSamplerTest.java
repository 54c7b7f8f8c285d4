package org.medimg4j.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.transform.spatial.RandomFlip;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class SliceSamplerTest {

    private static final int PLANE = TinyCases.NX * TinyCases.NY;

    @Test
    void batchesAreNchwFloatWithOneHotLabels() {
        SliceSampler s = SliceSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(2))).shuffle(false).build();
        try (BatchIterator it = BatchIterator.of(s, 4, 0, 1)) {
            MultiDataSet m = it.next();
            INDArray f = m.getFeatures(0);
            INDArray l = m.getLabels(0);
            assertArrayEquals(new long[] {4, 1, 32, 32}, f.shape());
            assertArrayEquals(new long[] {4, 2, 32, 32}, l.shape());
            assertEquals(DataType.FLOAT, f.dataType());
            // unshuffled: example 2 is slice z = 2 of case 0, whose voxel (y=12, x=10) is in the lesion
            assertEquals(2 * PLANE + 12 * 32 + 10, f.getFloat(2, 0, 12, 10), 0f);
            assertEquals(1f, l.getFloat(2, 1, 12, 10), 0f);
            assertEquals(0f, l.getFloat(2, 0, 12, 10), 0f);
            assertEquals(1f, l.getFloat(0, 0, 12, 10), 0f);
            assertEquals(0f, l.getFloat(0, 1, 12, 10), 0f);
            // one-hot: the class channels sum to 1 at every pixel
            INDArray sum = l.sum(1);
            assertEquals(4 * PLANE, sum.sumNumber().doubleValue(), 0);
            assertEquals(1.0, sum.maxNumber().doubleValue(), 0);
            assertEquals(9, l.get(org.nd4j.linalg.indexing.NDArrayIndex.point(2),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(1)).sumNumber().intValue(), "3x3 lesion in slice 2");
        }
    }

    @Test
    void withoutARatioEverySliceIsUsedOncePerEpoch() {
        SliceSampler s = SliceSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(3))).seed(5).build();
        assertEquals(24, s.examplesPerEpoch());
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            seen.add(s.sliceOf(0, i));
        }
        assertEquals(24, seen.size());
        assertFalse(s.sliceOf(0, 0) == s.sliceOf(1, 0) && s.sliceOf(0, 1) == s.sliceOf(1, 1)
                && s.sliceOf(0, 2) == s.sliceOf(1, 2), "epochs are shuffled differently");
    }

    @Test
    void eachExampleNamesItsCaseAndSlice() {
        SliceSampler s = SliceSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(3))).seed(5).build();
        float[] f = new float[PLANE];
        float[] l = new float[2 * PLANE];
        for (int i = 0; i < 24; i++) {
            s.sample(2, i, f, 0, l, 0);
            int c = Integer.parseInt(s.caseOf(2, i).caseId().substring(1));
            assertEquals(1000f * c + s.sliceIndexOf(2, i) * PLANE, f[0], 0f, "example " + i);
        }
    }

    @Test
    void foregroundRatioHoldsOverManyDraws() {
        // 3 of 8 slices per case hold lesion: unconstrained draws would give 0.375
        SliceSampler s = SliceSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(4)))
                .foregroundRatio(0.7).examplesPerEpoch(4000).seed(11).build();
        assertEquals(12, s.foregroundSlices());
        float[] f = new float[PLANE];
        float[] l = new float[2 * PLANE];
        int positives = 0;
        for (int i = 0; i < 4000; i++) {
            s.sample(0, i, f, 0, l, 0);
            double fg = 0;
            for (int k = PLANE; k < 2 * PLANE; k++) {
                fg += l[k];
            }
            if (fg > 0) {
                positives++;
            }
        }
        // binomial sd = sqrt(0.7·0.3/4000) ≈ 0.0072; 4 sd
        assertEquals(0.7, positives / 4000.0, 0.03);
    }

    @Test
    void augmentationIsReplayableFromEpochAndIndex() {
        SliceSampler s = SliceSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(2)))
                .augmentation(RandomFlip.of(3, 0.5, 0, 1)).seed(2).build();
        float[] a = new float[PLANE];
        float[] b = new float[PLANE];
        float[] la = new float[2 * PLANE];
        float[] lb = new float[2 * PLANE];
        int flipped = 0;
        for (int i = 0; i < 16; i++) {
            s.sample(1, i, a, 0, la, 0);
            s.sample(1, i, b, 0, lb, 0);
            assertArrayEquals(a, b);
            assertArrayEquals(la, lb);
            if (a[1] < a[0]) {
                flipped++;   // unflipped rows increase along x
            }
        }
        assertTrue(flipped > 0 && flipped < 16, "flip drawn per example, got " + flipped + " of 16");
    }

    @Test
    void labelsOutsideTheClassesAreRefusedNamingTheCase() {
        SliceSampler s = SliceSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(1))).shuffle(false)
                .build();
        float[] f = new float[PLANE];
        float[] l = new float[2 * PLANE];
        InMemoryDataset bad = InMemoryDataset.of(java.util.List.of(TinyCases.segmentation(0, 1, 2, 0, 0, 0)));
        byte[] v = bad.load(0).label().toByteArray();
        v[0] = 5;
        ImagingCase c = bad.load(0);
        SliceSampler s5 = SliceSampler.builder(CaseCache.unbounded(InMemoryDataset.of(java.util.List.of(
                c.withVoxels(c.image(), org.medimg4j.core.volume.LabelVolume.of(c.image().geometry(), v))))))
                .shuffle(false).build();
        DataException e = assertThrows(DataException.class, () -> s5.sample(0, 0, f, 0, l, 0));
        assertTrue(e.getMessage().contains("label 5") && e.getMessage().contains("c0"), e.getMessage());
        s.sample(0, 0, f, 0, l, 0);
        IllegalArgumentException bc = assertThrows(IllegalArgumentException.class,
                () -> SliceSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(1))).classes(1).build());
        assertTrue(bc.getMessage().contains("classes"), bc.getMessage());
        IllegalArgumentException br = assertThrows(IllegalArgumentException.class,
                () -> SliceSampler.builder(CaseCache.unbounded(TinyCases.segmentationSet(1))).foregroundRatio(1.5)
                        .build());
        assertTrue(br.getMessage().contains("foregroundRatio"), br.getMessage());
    }

    @Test
    void casesOfDifferentSliceSizeAreRefused() {
        ImagingCase a = TinyCases.segmentation(0, 1, 0, 0, 0, 0);
        org.medimg4j.core.geometry.Geometry g = org.medimg4j.core.geometry.Geometry.of(16, 32, 8, 1, 1, 1);
        ImagingCase b = ImagingCase.segmentation("small", "p9", org.medimg4j.core.volume.Volume.ofFloats(g,
                new float[16 * 32 * 8]), org.medimg4j.core.volume.LabelVolume.empty(g));
        DataException e = assertThrows(DataException.class, () -> SliceSampler.builder(
                CaseCache.unbounded(InMemoryDataset.of(java.util.List.of(a, b)))).build());
        assertTrue(e.getMessage().contains("small"), e.getMessage());
    }
}
