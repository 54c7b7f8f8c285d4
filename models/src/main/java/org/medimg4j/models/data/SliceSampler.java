package org.medimg4j.models.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * 2-D segmentation examples: axial slices (constant k) of the cases' volumes, features {C, ny, nx} and one-hot
 * labels {K, ny, nx} (channel k is 1 where the label is k), for NCHW batches.
 *
 * <h2>Which slices</h2>
 * Without a foreground ratio every slice of every case is used once per epoch, in an order shuffled from
 * (seed, epoch) (or in dataset order with {@code shuffle(false)}, for validation). With
 * {@link Builder#foregroundRatio(double) foregroundRatio(r)} each example is drawn independently: with
 * probability r a slice holding foreground (any label ≠ 0), else a slice without; if one kind does not exist the
 * other is taken. Lesion slices are rare in CT, so a ratio such as 0.5 keeps the network from learning
 * "background everywhere".
 *
 * <h2>Set-up cost</h2>
 * {@link Builder#build()} reads every case once through the cache (to count slices and find those with
 * foreground) and requires all slices to share nx, ny and channels.
 *
 * <h2>Augmentation</h2>
 * A {@code core} transform applied to the slice (a volume of depth 1 placed at its position in patient space)
 * and its label, with seed {@link SampleSeed#augmentation}(seed, epoch, index): replayable. It must keep the
 * slice's size.
 */
public final class SliceSampler implements ExampleSampler {

    private final CaseCache cache;
    private final int classes;
    private final double foregroundRatio;
    private final Transform augmentation;
    private final long seed;
    private final int nx;
    private final int ny;
    private final int channels;
    private final int[] sliceCase;
    private final int[] sliceZ;
    private final int[] foregroundSlices;
    private final int[] backgroundSlices;
    private final int examplesPerEpoch;
    private final EpochShuffle order;

    private SliceSampler(Builder b) {
        this.cache = b.cache;
        this.classes = b.classes;
        this.foregroundRatio = b.foregroundRatio;
        this.augmentation = b.augmentation;
        this.seed = b.seed;
        List<Integer> sc = new ArrayList<>();
        List<Integer> sz = new ArrayList<>();
        List<Integer> fg = new ArrayList<>();
        List<Integer> bg = new ArrayList<>();
        int nx0 = -1;
        int ny0 = -1;
        int ch0 = -1;
        for (int c = 0; c < cache.size(); c++) {
            PreparedCase p = cache.get(c);
            if (!p.hasLabel()) {
                throw new DataException("slice sampling needs labels: " + p.info() + " has none");
            }
            Geometry g = p.geometry();
            if (nx0 < 0) {
                nx0 = g.nx();
                ny0 = g.ny();
                ch0 = p.channels();
            } else if (g.nx() != nx0 || g.ny() != ny0 || p.channels() != ch0) {
                throw new DataException("all slices must share one size: " + p.info() + " has " + g.nx() + "x"
                        + g.ny() + " voxels and " + p.channels() + " channel(s), the first case " + nx0 + "x" + ny0
                        + " and " + ch0 + "; resample or crop in preprocessing");
            }
            boolean[] hasFg = new boolean[g.nz()];
            int plane = g.nx() * g.ny();
            for (int idx : p.foregroundArray()) {
                hasFg[idx / plane] = true;
            }
            for (int z = 0; z < g.nz(); z++) {
                (hasFg[z] ? fg : bg).add(sc.size());
                sc.add(c);
                sz.add(z);
            }
        }
        if (sc.isEmpty()) {
            throw new DataException("slice sampling needs at least one case, the dataset is empty");
        }
        this.nx = nx0;
        this.ny = ny0;
        this.channels = ch0;
        this.sliceCase = sc.stream().mapToInt(Integer::intValue).toArray();
        this.sliceZ = sz.stream().mapToInt(Integer::intValue).toArray();
        this.foregroundSlices = fg.stream().mapToInt(Integer::intValue).toArray();
        this.backgroundSlices = bg.stream().mapToInt(Integer::intValue).toArray();
        this.examplesPerEpoch = b.examplesPerEpoch > 0 ? b.examplesPerEpoch : sliceCase.length;
        this.order = new EpochShuffle(sliceCase.length, seed, b.shuffle);
    }

    /** @return a builder over the cases of {@code cache} */
    public static Builder builder(CaseCache cache) {
        return new Builder(cache);
    }

    /** @return the number of slices over all cases */
    public int slices() {
        return sliceCase.length;
    }

    /** @return the number of slices holding foreground */
    public int foregroundSlices() {
        return foregroundSlices.length;
    }

    @Override
    public int examplesPerEpoch() {
        return examplesPerEpoch;
    }

    @Override
    public long[] featureShape() {
        return new long[] {channels, ny, nx};
    }

    @Override
    public long[] labelShape() {
        return new long[] {classes, ny, nx};
    }

    /** @return the global slice (an index into all slices) that example {@code index} of {@code epoch} uses */
    int sliceOf(int epoch, int index) {
        if (Double.isNaN(foregroundRatio)) {
            return order.item(epoch, index);
        }
        SplittableRandom r = new SplittableRandom(SampleSeed.draw(seed, epoch, index));
        boolean positive = r.nextDouble() < foregroundRatio;
        int[] pool = positive ? foregroundSlices : backgroundSlices;
        if (pool.length == 0) {
            pool = positive ? backgroundSlices : foregroundSlices;
        }
        return pool[r.nextInt(pool.length)];
    }

    @Override
    public CaseInfo caseOf(int epoch, int index) {
        return cache.dataset().info(sliceCase[sliceOf(epoch, index)]);
    }

    /** @return the axial slice index z (in its case) that example {@code index} of {@code epoch} uses */
    public int sliceIndexOf(int epoch, int index) {
        return sliceZ[sliceOf(epoch, index)];
    }

    @Override
    public void sample(int epoch, int index, float[] features, int featureOffset, float[] labels, int labelOffset) {
        int s = sliceOf(epoch, index);
        PreparedCase p = cache.get(sliceCase[s]);
        int z = sliceZ[s];
        int plane = nx * ny;
        int nz = p.geometry().nz();
        float[] img = p.imageArray();
        if (augmentation == null) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(img, (c * nz + z) * plane, features, featureOffset + c * plane, plane);
            }
            ExampleWriter.writeOneHot(p.labelArray(), z * plane, plane, classes, labels, labelOffset, p.info());
            return;
        }
        Geometry g = p.geometry();
        Geometry sliceGeometry = g.toBuilder().size(nx, ny, 1).origin(g.indexToWorld(0, 0, z)).build();
        float[] voxels = new float[channels * plane];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(img, (c * nz + z) * plane, voxels, c * plane, plane);
        }
        byte[] lab = new byte[plane];
        System.arraycopy(p.labelArray(), z * plane, lab, 0, plane);
        Volume image = Volume.builder(sliceGeometry).channels(channels).unit(p.unit()).metadata(p.metadata())
                .floats(voxels).build();
        Sample out = ExampleWriter.augment(augmentation, image, LabelVolume.of(sliceGeometry, lab),
                SampleSeed.augmentation(seed, epoch, index), p.info());
        ExampleWriter.writeImage(out.image(), features, featureOffset);
        ExampleWriter.writeOneHot(out.labelOrNull(), classes, labels, labelOffset, p.info());
    }

    /** Configures a {@link SliceSampler}; {@link #build()} validates. */
    public static final class Builder {
        private final CaseCache cache;
        private int classes = 2;
        private double foregroundRatio = Double.NaN;
        private Transform augmentation;
        private long seed;
        private int examplesPerEpoch;
        private boolean shuffle = true;

        private Builder(CaseCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
        }

        /** @param k classes including background, &ge; 2 (labels must be 0..k-1); default 2 */
        public Builder classes(int k) {
            this.classes = k;
            return this;
        }

        /** @param r the probability, 0..1, that an example is a slice with foreground; unset: every slice once */
        public Builder foregroundRatio(double r) {
            this.foregroundRatio = r;
            return this;
        }

        /** @param t the augmentation applied per example with a replayable seed; null for none (default) */
        public Builder augmentation(Transform t) {
            this.augmentation = t;
            return this;
        }

        /** @param s the seed of shuffle, draws and augmentation; default 0 */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** @param n examples per epoch, &ge; 1; default: the number of slices */
        public Builder examplesPerEpoch(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("examplesPerEpoch must be >= 1, got " + n);
            }
            this.examplesPerEpoch = n;
            return this;
        }

        /** @param on whether to shuffle the slices each epoch (without a foreground ratio); default true */
        public Builder shuffle(boolean on) {
            this.shuffle = on;
            return this;
        }

        /**
         * @return the sampler, after reading every case once
         * @throws IllegalArgumentException naming {@code classes} or {@code foregroundRatio} if out of range
         * @throws DataException            naming the case that has no label or another slice size
         */
        public SliceSampler build() {
            if (classes < 2 || classes > 256) {
                throw new IllegalArgumentException("classes must be in 2..256 (background included), got " + classes);
            }
            if (!Double.isNaN(foregroundRatio) && !(foregroundRatio >= 0 && foregroundRatio <= 1)) {
                throw new IllegalArgumentException("foregroundRatio must be in 0..1, got " + foregroundRatio);
            }
            return new SliceSampler(this);
        }
    }
}
