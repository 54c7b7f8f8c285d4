package org.medimg4j.core.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PhantomDatasetTest {

    private static CtPhantom tinyCt(long seed) {
        return CtPhantom.builder().size(48, 48, 16).spacingMm(8, 8, 12).lesionRadiusMm(9, 12).lesionCount(0, 2)
                .seed(seed).build();
    }

    @Test
    void caseIIsTheGeneratorsCaseForSeedDerivedFromDatasetSeedAndI() {
        CtPhantom p = tinyCt(77);
        PhantomDataset ds = PhantomDataset.of(p, 5);
        PhantomCase third = ds.get(3);
        assertEquals(PhantomDataset.caseSeed(77, 3), third.seed());
        assertArrayEquals(p.generate(PhantomDataset.caseSeed(77, 3)).image().toFloatArray(),
                third.image().toFloatArray());
        assertEquals(Long.toString(third.seed()), third.image().metadata().attributes().get("seed"));
    }

    @Test
    void parallelGenerationIsBitIdenticalToSequential() throws Exception {
        PhantomDataset ds = PhantomDataset.of(tinyCt(5), 8);
        List<PhantomCase> parallel = ds.generateAll();
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            // reverse order on another thread
            for (int i = ds.size() - 1; i >= 0; i--) {
                int index = i;
                Future<PhantomCase> f = single.submit(() -> ds.get(index));
                PhantomCase sequential = f.get();
                assertArrayEquals(sequential.image().toFloatArray(), parallel.get(i).image().toFloatArray());
                assertArrayEquals(sequential.label().toByteArray(), parallel.get(i).label().toByteArray());
                assertEquals(sequential.lesions(), parallel.get(i).lesions());
            }
        } finally {
            single.shutdown();
        }
    }

    @Test
    void casesDifferAndDrawTheirLesionCountsAndDemographics() {
        List<PhantomCase> cases = PhantomDataset.of(tinyCt(9), 12).generateAll();
        Set<Long> seeds = new HashSet<>();
        Set<Integer> counts = new HashSet<>();
        Set<Demographics> demographics = new HashSet<>();
        for (PhantomCase c : cases) {
            seeds.add(c.seed());
            counts.add(c.lesions().size());
            demographics.add(c.demographics());
            assertTrue(c.lesions().size() <= 2);
        }
        assertEquals(12, seeds.size());
        assertTrue(counts.size() >= 2, "lesion counts drawn from 0..2: " + counts);
        assertTrue(demographics.size() >= 6, "demographics vary: " + demographics);
        assertFalse(java.util.Arrays.equals(cases.get(0).image().toFloatArray(), cases.get(1).image().toFloatArray()));
    }

    @Test
    void datasetSeedsAreDistinctAcrossIndicesAndDatasets() {
        Set<Long> seen = new HashSet<>();
        for (long ds = 0; ds < 20; ds++) {
            for (int i = 0; i < 50; i++) {
                assertTrue(seen.add(PhantomDataset.caseSeed(ds, i)), "collision at dataset " + ds + ", case " + i);
            }
        }
        assertNotEquals(PhantomDataset.caseSeed(1, 0), PhantomDataset.caseSeed(0, 1));
    }

    @Test
    void outOfRangeIndexAndNegativeSizeAreRejected() {
        PhantomDataset ds = PhantomDataset.of(tinyCt(1), 2);
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhantomDataset.of(tinyCt(1), -1));
        assertTrue(e.getMessage().contains("size"), e.getMessage());
        assertEquals(0, PhantomDataset.of(tinyCt(1), 0).generateAll().size());
    }

    @Test
    void xrayAndMrPhantomsAreReproducibleDatasetsToo() {
        PhantomDataset dx = PhantomDataset.of(ChestXrayPhantom.builder().size(64, 64, 1).spacingMm(5.6, 5.6, 5.6)
                .lesionRadiusMm(8, 10).seed(3).build(), 3);
        assertArrayEquals(dx.get(1).image().toFloatArray(), dx.generateAll().get(1).image().toFloatArray());
        PhantomDataset mr = PhantomDataset.of(MrPhantom.builder().size(40, 40, 20).spacingMm(5.5, 5.5, 9)
                .lesionRadiusMm(6, 8).seed(3).build(), 3);
        assertArrayEquals(mr.get(2).image().toFloatArray(), mr.generateAll().get(2).image().toFloatArray());
    }
}
