package org.medimg4j.models.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;

/**
 * Classification examples: the whole (preprocessed) image of a case with its class as a one-hot row. Features are
 * {C, ny, nx} for 2-D images (nz = 1, NCHW batches) and {C, nz, ny, nx} for volumes (NCDHW); labels {K}.
 *
 * <h2>Balance</h2>
 * Balanced (default): example i of an epoch belongs to class {@code i mod K} and is a case of that class drawn
 * uniformly from (seed, epoch, i), so every class is seen equally often (exactly, in each batch whose size is a
 * multiple of K) however rare it is in the data; rare-class cases repeat, with different augmentations.
 * Unbalanced ({@code balanced(false)}): every case once per epoch in an order shuffled per epoch (or dataset order
 * with {@code shuffle(false)}, for evaluation).
 *
 * <p>Every case needs a class in 0..K-1 ({@link CaseInfo#classIndex()}); all images must share one size, which
 * the preprocessing should ensure. Augmentation as in the other samplers, seeded from (seed, epoch, index).
 */
public final class ClassBalancedSampler implements ExampleSampler {

    private final CaseCache cache;
    private final int classes;
    private final boolean balanced;
    private final Transform augmentation;
    private final long seed;
    private final int[][] casesOfClass;
    private final long[] featureShape;
    private final int examplesPerEpoch;
    private final EpochShuffle order;

    private ClassBalancedSampler(Builder b) {
        this.cache = b.cache;
        this.classes = b.classes;
        this.balanced = b.balanced;
        this.augmentation = b.augmentation;
        this.seed = b.seed;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        CaseDataset d = cache.dataset();
        for (int i = 0; i < d.size(); i++) {
            CaseInfo info = d.info(i);
            if (info.classIndex() < 0 || info.classIndex() >= classes) {
                throw new DataException("classIndex of " + info + " must be in 0.." + (classes - 1) + " for classes = "
                        + classes);
            }
            byClass.get(info.classIndex()).add(i);
        }
        this.casesOfClass = new int[classes][];
        for (int k = 0; k < classes; k++) {
            if (balanced && byClass.get(k).isEmpty()) {
                throw new DataException("class-balanced sampling needs a case of every class; class " + k
                        + " has none among " + d.size() + " cases");
            }
            casesOfClass[k] = byClass.get(k).stream().mapToInt(Integer::intValue).toArray();
        }
        PreparedCase first = cache.get(0);
        var g = first.geometry();
        this.featureShape = g.nz() == 1 ? new long[] {first.channels(), g.ny(), g.nx()}
                : new long[] {first.channels(), g.nz(), g.ny(), g.nx()};
        this.examplesPerEpoch = b.examplesPerEpoch > 0 ? b.examplesPerEpoch : d.size();
        this.order = new EpochShuffle(d.size(), seed, b.shuffle);
    }

    /** @return a builder over the cases of {@code cache} */
    public static Builder builder(CaseCache cache) {
        return new Builder(cache);
    }

    @Override
    public int examplesPerEpoch() {
        return examplesPerEpoch;
    }

    @Override
    public long[] featureShape() {
        return featureShape.clone();
    }

    @Override
    public long[] labelShape() {
        return new long[] {classes};
    }

    @Override
    public CaseInfo caseOf(int epoch, int index) {
        return cache.dataset().info(caseIndexOf(epoch, index));
    }

    /** @return the dataset index of the case that example {@code index} of {@code epoch} shows */
    int caseIndexOf(int epoch, int index) {
        if (!balanced) {
            return order.item(epoch, index);
        }
        int[] pool = casesOfClass[Math.floorMod(index, classes)];
        return pool[new SplittableRandom(SampleSeed.draw(seed, epoch, index)).nextInt(pool.length)];
    }

    @Override
    public void sample(int epoch, int index, float[] features, int featureOffset, float[] labels, int labelOffset) {
        PreparedCase p = cache.get(caseIndexOf(epoch, index));
        var g = p.geometry();
        long[] shape = g.nz() == 1 ? new long[] {p.channels(), g.ny(), g.nx()}
                : new long[] {p.channels(), g.nz(), g.ny(), g.nx()};
        if (!Arrays.equals(shape, featureShape)) {
            throw new DataException("all images must share one size: " + p.info() + " is " + Arrays.toString(shape)
                    + " (C, [D,] H, W), the first case " + Arrays.toString(featureShape)
                    + "; resize or crop in preprocessing");
        }
        if (augmentation == null) {
            float[] img = p.imageArray();
            System.arraycopy(img, 0, features, featureOffset, img.length);
        } else {
            Sample out = ExampleWriter.augment(augmentation, p.image(), null,
                    SampleSeed.augmentation(seed, epoch, index), p.info());
            ExampleWriter.writeImage(out.image(), features, featureOffset);
        }
        Arrays.fill(labels, labelOffset, labelOffset + classes, 0f);
        labels[labelOffset + p.info().classIndex()] = 1f;
    }

    /** Configures a {@link ClassBalancedSampler}; {@link #build()} validates. */
    public static final class Builder {
        private final CaseCache cache;
        private int classes = 2;
        private boolean balanced = true;
        private boolean shuffle = true;
        private Transform augmentation;
        private long seed;
        private int examplesPerEpoch;

        private Builder(CaseCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
        }

        /** @param k classes, &ge; 2; default 2 */
        public Builder classes(int k) {
            this.classes = k;
            return this;
        }

        /** @param on draw classes equally often (default) or show every case once per epoch */
        public Builder balanced(boolean on) {
            this.balanced = on;
            return this;
        }

        /** @param on shuffle the cases per epoch when not balanced; default true */
        public Builder shuffle(boolean on) {
            this.shuffle = on;
            return this;
        }

        /** @param t augmentation per example with a replayable seed; null for none (default) */
        public Builder augmentation(Transform t) {
            this.augmentation = t;
            return this;
        }

        /** @param s the seed of draws, order and augmentation; default 0 */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** @param n examples per epoch, &ge; 1; default the number of cases */
        public Builder examplesPerEpoch(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("examplesPerEpoch must be >= 1, got " + n);
            }
            this.examplesPerEpoch = n;
            return this;
        }

        /**
         * @return the sampler (reads the first case for the image size)
         * @throws IllegalArgumentException naming {@code classes} if below 2
         * @throws DataException            naming a case without a valid class, or a class without cases
         */
        public ClassBalancedSampler build() {
            if (classes < 2) {
                throw new IllegalArgumentException("classes must be >= 2, got " + classes);
            }
            if (cache.size() == 0) {
                throw new DataException("classification sampling needs at least one case, the dataset is empty");
            }
            return new ClassBalancedSampler(this);
        }
    }
}
