package org.medimg4j.dicom.series;

import java.util.Objects;

/**
 * How {@link SeriesLoader} loads a series. Immutable; made by {@link #builder()}, whose {@link Builder#build()}
 * validates every field and names the one at fault.
 *
 * <p>Defaults: {@link StackPolicy#LENIENT} (every rule broken is recorded as a warning on the result, and every
 * stored slice still lands at its true position), as many decoding threads as available processors,
 * {@link GapFill#LINEAR}, and a memory budget of the JVM's maximum heap ({@link Runtime#maxMemory()}): a volume
 * whose voxels alone would need more is refused before anything is allocated.
 */
public final class SeriesLoadOptions {

    private final StackPolicy policy;
    private final int threads;
    private final GapFill gapFill;
    private final long memoryBudgetBytes;

    private SeriesLoadOptions(Builder b) {
        this.policy = b.policy;
        this.threads = b.threads;
        this.gapFill = b.gapFill;
        this.memoryBudgetBytes = b.memoryBudgetBytes;
    }

    /** @return a builder with the defaults (see the class comment) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default options, computed now (processors and heap of this JVM) */
    public static SeriesLoadOptions defaults() {
        return builder().build();
    }

    /** @return a builder preset to these options */
    public Builder toBuilder() {
        return new Builder().policy(policy).threads(threads).gapFill(gapFill).memoryBudgetBytes(memoryBudgetBytes);
    }

    /** @return what breaking a stacking rule does */
    public StackPolicy policy() {
        return policy;
    }

    /** @return the number of threads that decode slices (at least 1) */
    public int threads() {
        return threads;
    }

    /** @return how a lenient load fills grid slots between stored slices */
    public GapFill gapFill() {
        return gapFill;
    }

    /** @return the most bytes the voxel arrays of one load may take */
    public long memoryBudgetBytes() {
        return memoryBudgetBytes;
    }

    @Override
    public String toString() {
        return "SeriesLoadOptions[" + policy + ", " + threads + " thread(s), " + gapFill + ", budget "
                + (memoryBudgetBytes >> 20) + " MiB]";
    }

    /** Builds {@link SeriesLoadOptions}. */
    public static final class Builder {
        /** The most decoding threads accepted: more only adds contention on the disk. */
        public static final int MAX_THREADS = 1024;

        private StackPolicy policy = StackPolicy.LENIENT;
        private int threads = Runtime.getRuntime().availableProcessors();
        private GapFill gapFill = GapFill.LINEAR;
        private long memoryBudgetBytes = Runtime.getRuntime().maxMemory();

        private Builder() {
        }

        /** @param p what breaking a stacking rule does */
        public Builder policy(StackPolicy p) {
            this.policy = p;
            return this;
        }

        /** @param n decoding threads, 1 to {@link #MAX_THREADS} */
        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        /** @param fill how a lenient load fills grid slots between stored slices */
        public Builder gapFill(GapFill fill) {
            this.gapFill = fill;
            return this;
        }

        /** @param bytes the most bytes the voxel arrays of one load may take, positive */
        public Builder memoryBudgetBytes(long bytes) {
            this.memoryBudgetBytes = bytes;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException naming the field: policy or gapFill null, threads outside 1 to
         *                                  {@value #MAX_THREADS}, memoryBudgetBytes not positive
         */
        public SeriesLoadOptions build() {
            if (policy == null) {
                throw new IllegalArgumentException("policy must be set (STRICT or LENIENT)");
            }
            if (gapFill == null) {
                throw new IllegalArgumentException("gapFill must be set (LINEAR or NEAREST)");
            }
            if (threads < 1 || threads > MAX_THREADS) {
                throw new IllegalArgumentException("threads must be 1 to " + MAX_THREADS + ", got " + threads);
            }
            if (memoryBudgetBytes <= 0) {
                throw new IllegalArgumentException("memoryBudgetBytes must be positive, got " + memoryBudgetBytes);
            }
            return new SeriesLoadOptions(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesLoadOptions x && x.policy == policy && x.threads == threads
                && x.gapFill == gapFill && x.memoryBudgetBytes == memoryBudgetBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, threads, gapFill, memoryBudgetBytes);
    }
}
