package org.medimg4j.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.AppliedTransform;

class CaseCacheTest {

    /** Adds 1 to every voxel and counts its calls. */
    private static final class CountingPlusOne implements Transform {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Sample apply(Sample s) {
            calls.incrementAndGet();
            float[] v = s.image().toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += 1;
            }
            return s.nextImage(s.image().derive(s.image().geometry(), v),
                    AppliedTransform.intensity("PlusOne", "", s.image().geometry()));
        }
    }

    @Test
    void preprocessesEachCaseOnceAndCountsHits() {
        CountingPlusOne prep = new CountingPlusOne();
        CaseCache cache = CaseCache.of(TinyCases.segmentationSet(3), prep, Long.MAX_VALUE);
        for (int round = 0; round < 4; round++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(1000f * c + 1, cache.get(c).image().get(0, 0, 0), "preprocessing applied");
            }
        }
        assertEquals(3, cache.loads());
        assertEquals(9, cache.hits());
        assertEquals(3, prep.calls.get());
        assertEquals(0, cache.evictions());
        assertEquals(3 * (32 * 32 * 8 * 5L + 27 * 4), cache.bytesHeld());
    }

    @Test
    void staysWithinItsByteBudgetEvictingTheLeastRecentlyUsed() {
        long oneCase = 32 * 32 * 8 * 5L + 27 * 4;
        CaseCache cache = CaseCache.of(TinyCases.segmentationSet(3), new CountingPlusOne(), 2 * oneCase);
        cache.get(0);
        cache.get(1);
        cache.get(0);      // 0 is now the most recent
        cache.get(2);      // evicts 1
        assertEquals(1, cache.evictions());
        assertTrue(cache.bytesHeld() <= cache.byteBudget());
        cache.get(0);
        assertEquals(3, cache.loads());
        cache.get(1);
        assertEquals(4, cache.loads(), "case 1 was evicted, so it is loaded again");
        assertEquals(2, cache.hits());
    }

    @Test
    void aCaseLargerThanTheBudgetIsServedButNotKept() {
        CaseCache cache = CaseCache.of(TinyCases.segmentationSet(1), new CountingPlusOne(), 100);
        PreparedCase a = cache.get(0);
        PreparedCase b = cache.get(0);
        assertEquals(2, cache.loads());
        assertEquals(0, cache.bytesHeld());
        assertEquals(a.foregroundVoxels(), b.foregroundVoxels());
    }

    @Test
    void concurrentRequestsForOneCaseLoadItOnce() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        Transform slow = s -> {
            loads.incrementAndGet();
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return s;
        };
        CaseCache cache = CaseCache.of(TinyCases.segmentationSet(1), slow, Long.MAX_VALUE);
        PreparedCase[] got = new PreparedCase[2];
        Thread first = new Thread(() -> got[0] = cache.get(0));
        first.start();
        inside.await();
        Thread second = new Thread(() -> got[1] = cache.get(0));
        second.start();
        while (cache.hits() == 0) {
            Thread.onSpinWait();
        }
        release.countDown();
        first.join();
        second.join();
        assertSame(got[0], got[1]);
        assertEquals(1, loads.get());
        assertEquals(1, cache.loads());
    }

    @Test
    void aFailedLoadNamesTheCaseAndIsRetried() {
        AtomicInteger attempts = new AtomicInteger();
        SourcedDataset d = SourcedDataset.builder().add(CaseInfo.of("broken", "pX"), () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("disk on fire");
            }
            return TinyCases.segmentation(0, 1, 0, 0, 0, 0).image();
        }, null).build();
        CaseCache cache = CaseCache.of(d, s -> s, Long.MAX_VALUE);
        DataException e = assertThrows(DataException.class, () -> cache.get(0));
        assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("disk on fire"), e.getMessage());
        assertEquals(0f, cache.get(0).image().get(0, 0, 0));
        assertEquals(2, attempts.get());
    }

    @Test
    void negativeBudgetIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaseCache.of(TinyCases.segmentationSet(1), s -> s, -1));
        assertTrue(e.getMessage().contains("byteBudget"), e.getMessage());
    }
}
