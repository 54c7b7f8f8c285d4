package org.medimg4j.core.phantom;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A reproducible data set of {@code size} phantom cases: case {@code i} is generated from
 * {@link #caseSeed(long, int) caseSeed(generator.seed(), i)}, so it is the same whichever thread generates it, in
 * whatever order, alone or with the others. Cases are generated on demand ({@link #get}); nothing is cached.
 */
public final class PhantomDataset {

    private final PhantomGenerator generator;
    private final int size;

    private PhantomDataset(PhantomGenerator generator, int size) {
        this.generator = Objects.requireNonNull(generator, "generator");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0 cases, got " + size);
        }
        this.size = size;
    }

    /**
     * @param generator the configured phantom; its {@link PhantomGenerator#seed()} is the data set's seed
     * @param size      number of cases, &ge; 0
     */
    public static PhantomDataset of(PhantomGenerator generator, int size) {
        return new PhantomDataset(generator, size);
    }

    /** @return the seed of case {@code index} in a data set with seed {@code datasetSeed} */
    public static long caseSeed(long datasetSeed, int index) {
        return PhantomRandom.mix(datasetSeed, index);
    }

    /** @return the number of cases */
    public int size() {
        return size;
    }

    /** @return the generator */
    public PhantomGenerator generator() {
        return generator;
    }

    /** @return case {@code index}, generated now @throws IndexOutOfBoundsException outside 0..size-1 */
    public PhantomCase get(int index) {
        Objects.checkIndex(index, size);
        return generator.generate(caseSeed(generator.seed(), index));
    }

    /** @return all cases, generated in parallel (each identical to {@link #get(int)} of its index), in order */
    public List<PhantomCase> generateAll() {
        return IntStream.range(0, size).parallel().mapToObj(this::get).toList();
    }
}
