package org.medimg4j.models.data;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformChain;

/**
 * Loads each case of a dataset, applies the preprocessing (resampling, windowing, normalisation: everything that is
 * the same every epoch) once, and keeps the result ({@link PreparedCase}) within a byte budget. Thread-safe:
 * prefetch workers share one cache.
 *
 * <h2>Budget</h2>
 * The budget bounds the heap bytes of cached cases as {@link PreparedCase#bytes()} counts them (4 bytes per image
 * voxel and channel, 1 per label voxel, 4 per foreground voxel). When a new case would exceed it, the least recently
 * used cases are dropped; a case larger than the whole budget is returned but not kept. Cases being used by a
 * sampler at that moment stay reachable until it is done, so the true peak is the budget plus one case per worker.
 * A budget of at least the training set's total bytes loads and preprocesses every case exactly once.
 *
 * <h2>Concurrency</h2>
 * Two threads asking for the same missing case load it once: the second waits for the first. A failed load is not
 * cached: the next request tries again, and the failure reaches the caller as a {@link DataException}.
 *
 * <h2>Preprocessing</h2>
 * Applied to {@code Sample.of(image, label)} with seed 0; it must be deterministic (put random augmentation in
 * the sampler, which seeds it per example).
 */
public final class CaseCache {

    private final CaseDataset dataset;
    private final Transform preprocessing;
    private final long byteBudget;

    private final Object lock = new Object();
    private final LinkedHashMap<Integer, PreparedCase> lru = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Integer, CompletableFuture<PreparedCase>> loading = new HashMap<>();
    private long bytesHeld;
    private long hits;
    private long loads;
    private long evictions;

    private CaseCache(CaseDataset dataset, Transform preprocessing, long byteBudget) {
        this.dataset = dataset;
        this.preprocessing = preprocessing;
        this.byteBudget = byteBudget;
    }

    /**
     * @param dataset     the cases
     * @param preprocessing applied once per case (e.g. a {@link TransformChain}); {@code TransformChain.of()} for
     *                    none
     * @param byteBudget  the most heap bytes of prepared cases to keep, &ge; 0 (0 keeps nothing)
     * @throws IllegalArgumentException naming {@code byteBudget} if it is negative
     */
    public static CaseCache of(CaseDataset dataset, Transform preprocessing, long byteBudget) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (byteBudget < 0) {
            throw new IllegalArgumentException("byteBudget must be >= 0 bytes, got " + byteBudget);
        }
        return new CaseCache(dataset, preprocessing, byteBudget);
    }

    /** @return a cache without preprocessing and with an unbounded budget, for data already prepared in memory */
    public static CaseCache unbounded(CaseDataset dataset) {
        return of(dataset, TransformChain.of(), Long.MAX_VALUE);
    }

    /** @return the dataset */
    public CaseDataset dataset() {
        return dataset;
    }

    /** @return the number of cases */
    public int size() {
        return dataset.size();
    }

    /**
     * @return case {@code index}, preprocessed, from memory or loaded now
     * @throws DataException naming the case if loading or preprocessing fails
     */
    public PreparedCase get(int index) {
        Objects.checkIndex(index, dataset.size());
        CompletableFuture<PreparedCase> mine;
        CompletableFuture<PreparedCase> theirs;
        synchronized (lock) {
            PreparedCase p = lru.get(index);
            if (p != null) {
                hits++;
                return p;
            }
            theirs = loading.get(index);
            if (theirs == null) {
                mine = new CompletableFuture<>();
                loading.put(index, mine);
                loads++;
            } else {
                mine = null;
                hits++;
            }
        }
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof DataException d ? d
                        : new DataException("cannot prepare " + dataset.info(index) + ": " + e.getCause(), e.getCause());
            }
        }
        PreparedCase prepared;
        try {
            prepared = prepare(index);
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                loading.remove(index);
            }
            mine.completeExceptionally(e);
            throw e;
        }
        synchronized (lock) {
            loading.remove(index);
            keep(index, prepared);
        }
        mine.complete(prepared);
        return prepared;
    }

    private PreparedCase prepare(int index) {
        ImagingCase c = dataset.load(index);
        Sample in = c.label() == null ? Sample.of(c.image()) : Sample.of(c.image(), c.label());
        Sample out;
        try {
            out = preprocessing.apply(in);
        } catch (RuntimeException e) {
            throw new DataException("preprocessing failed on " + c.info() + ": " + e.getMessage(), e);
        }
        return PreparedCase.of(c.withVoxels(out.image(), out.labelOrNull()));
    }

    private void keep(int index, PreparedCase p) {
        long b = p.bytes();
        if (b > byteBudget) {
            return;
        }
        Iterator<Map.Entry<Integer, PreparedCase>> it = lru.entrySet().iterator();
        while (bytesHeld + b > byteBudget && it.hasNext()) {
            bytesHeld -= it.next().getValue().bytes();
            it.remove();
            evictions++;
        }
        lru.put(index, p);
        bytesHeld += b;
    }

    /** @return requests served without loading (from memory, or by waiting for another thread's load) */
    public long hits() {
        synchronized (lock) {
            return hits;
        }
    }

    /** @return how many times a case was loaded and preprocessed */
    public long loads() {
        synchronized (lock) {
            return loads;
        }
    }

    /** @return how many cases were dropped to stay within the budget */
    public long evictions() {
        synchronized (lock) {
            return evictions;
        }
    }

    /** @return the bytes of the cases kept now, never above the budget */
    public long bytesHeld() {
        synchronized (lock) {
            return bytesHeld;
        }
    }

    /** @return the budget, bytes */
    public long byteBudget() {
        return byteBudget;
    }
}
