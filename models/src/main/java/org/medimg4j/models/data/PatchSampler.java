package org.medimg4j.models.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * 3-D segmentation examples: patches of px × py × pz voxels cut from the cases' volumes, features {C, pz, py, px}
 * and one-hot labels {K, pz, py, px}, for NCDHW batches; or 2-D patches of one slice ({@link Builder#patchSize(int,
 * int)}, NCHW); or, for a lesion-patch classifier ({@link Builder#classifyCentre}), a one-hot row {background,
 * lesion} saying whether the patch's centre voxel is foreground.
 *
 * <h2>Where patches are cut</h2>
 * Example i of an epoch comes from case {@code order[i mod n]}, the cases shuffled per epoch from (seed, epoch).
 * With probability {@link Builder#positiveProbability p} the patch is centred on a foreground voxel (label ≠ 0)
 * drawn uniformly from all of the case's foreground voxels; otherwise on a voxel drawn uniformly from the whole
 * volume (which may itself hit a lesion: the expected share of patches centred on foreground is
 * p + (1 − p)·f, f the foreground fraction). A case without foreground always gives a random patch. The centre
 * voxel is at index size/2 (integer division) along each axis of the patch.
 *
 * <h2>Borders</h2>
 * Where a patch reaches outside the volume, the image is padded with {@link Builder#padValue} (default 0, the
 * mean after z-score normalisation) and the label with background, so every patch has the full size.
 *
 * <h2>Augmentation</h2>
 * A {@code core} transform applied to the patch (placed at its position in patient space) and its label with seed
 * {@link SampleSeed#augmentation}(seed, epoch, index); it must keep the patch size.
 */
public final class PatchSampler implements ExampleSampler {

    private final CaseCache cache;
    private final int classes;
    private final int px;
    private final int py;
    private final int pz;
    private final boolean planar;
    private final boolean classifyCentre;
    private final int channels;
    private final double positiveProbability;
    private final float padValue;
    private final Transform augmentation;
    private final long seed;
    private final int examplesPerEpoch;
    private final EpochShuffle order;

    private PatchSampler(Builder b) {
        this.cache = b.cache;
        this.classes = b.classes;
        this.px = b.px;
        this.py = b.py;
        this.pz = b.pz;
        this.planar = b.planar;
        this.classifyCentre = b.classifyCentre;
        this.positiveProbability = b.positiveProbability;
        this.padValue = b.padValue;
        this.augmentation = b.augmentation;
        this.seed = b.seed;
        this.channels = cache.get(0).channels();
        this.examplesPerEpoch = b.examplesPerEpoch > 0 ? b.examplesPerEpoch : cache.size() * b.patchesPerCase;
        this.order = new EpochShuffle(cache.size(), seed, true);
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
        return planar ? new long[] {channels, py, px} : new long[] {channels, pz, py, px};
    }

    @Override
    public long[] labelShape() {
        if (classifyCentre) {
            return new long[] {2};
        }
        return planar ? new long[] {classes, py, px} : new long[] {classes, pz, py, px};
    }

    /** @return {x, y, z} of the centre voxel of example {@code index} of {@code epoch} in its case, and the case */
    int[] centreOf(int epoch, int index) {
        int caseIndex = order.item(epoch, index);
        PreparedCase p = cache.get(caseIndex);
        Geometry g = p.geometry();
        SplittableRandom r = new SplittableRandom(SampleSeed.draw(seed, epoch, index));
        int[] fg = p.foregroundArray();
        int flat;
        if (r.nextDouble() < positiveProbability && fg.length > 0) {
            flat = fg[r.nextInt(fg.length)];
        } else {
            flat = r.nextInt((int) g.voxelCount());
        }
        int plane = g.nx() * g.ny();
        return new int[] {flat % g.nx(), (flat % plane) / g.nx(), flat / plane, caseIndex};
    }

    @Override
    public CaseInfo caseOf(int epoch, int index) {
        return cache.dataset().info(order.item(epoch, index));
    }

    @Override
    public void sample(int epoch, int index, float[] features, int featureOffset, float[] labels, int labelOffset) {
        int[] centre = centreOf(epoch, index);
        PreparedCase p = cache.get(centre[3]);
        if (p.channels() != channels) {
            throw new DataException(p.info() + " has " + p.channels() + " channel(s), the first case " + channels);
        }
        if (!p.hasLabel()) {
            throw new DataException("patch sampling needs labels: " + p.info() + " has none");
        }
        int x0 = centre[0] - px / 2;
        int y0 = centre[1] - py / 2;
        int z0 = centre[2] - pz / 2;
        int n = px * py * pz;
        float[] img = augmentation == null ? features : new float[channels * n];
        int imgOff = augmentation == null ? featureOffset : 0;
        byte[] lab = new byte[n];
        cut(p, x0, y0, z0, img, imgOff, lab);
        if (classifyCentre) {
            // the class is decided before augmentation: a flip or rotation moves the lesion, not its presence
            boolean lesion = lab[((pz / 2) * py + py / 2) * px + px / 2] != 0;
            labels[labelOffset] = lesion ? 0f : 1f;
            labels[labelOffset + 1] = lesion ? 1f : 0f;
        }
        if (augmentation == null) {
            if (!classifyCentre) {
                ExampleWriter.writeOneHot(lab, 0, n, classes, labels, labelOffset, p.info());
            }
            return;
        }
        Geometry g = p.geometry();
        Geometry pg = g.toBuilder().size(px, py, pz).origin(g.indexToWorld(x0, y0, z0)).build();
        Volume image = Volume.builder(pg).channels(channels).unit(p.unit()).metadata(p.metadata()).floats(img).build();
        Sample out = ExampleWriter.augment(augmentation, image, LabelVolume.of(pg, lab),
                SampleSeed.augmentation(seed, epoch, index), p.info());
        ExampleWriter.writeImage(out.image(), features, featureOffset);
        if (!classifyCentre) {
            ExampleWriter.writeOneHot(out.labelOrNull(), classes, labels, labelOffset, p.info());
        }
    }

    /** Copies the patch starting at (x0, y0, z0) row by row; rows outside the volume are padding. */
    private void cut(PreparedCase p, int x0, int y0, int z0, float[] img, int imgOff, byte[] lab) {
        Geometry g = p.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        float[] src = p.imageArray();
        byte[] srcLab = p.labelArray();
        int xs = Math.max(0, -x0);
        int xe = Math.min(px, nx - x0);
        for (int c = 0; c < channels; c++) {
            for (int z = 0; z < pz; z++) {
                int sz = z0 + z;
                for (int y = 0; y < py; y++) {
                    int sy = y0 + y;
                    int dst = imgOff + ((c * pz + z) * py + y) * px;
                    int dstLab = (z * py + y) * px;
                    if (sz < 0 || sz >= nz || sy < 0 || sy >= ny || xs >= xe) {
                        Arrays.fill(img, dst, dst + px, padValue);
                        if (c == 0) {
                            Arrays.fill(lab, dstLab, dstLab + px, (byte) 0);
                        }
                        continue;
                    }
                    Arrays.fill(img, dst, dst + xs, padValue);
                    Arrays.fill(img, dst + xe, dst + px, padValue);
                    int srcRow = (sz * ny + sy) * nx + x0;
                    System.arraycopy(src, c * nz * ny * nx + srcRow + xs, img, dst + xs, xe - xs);
                    if (c == 0) {
                        Arrays.fill(lab, dstLab, dstLab + xs, (byte) 0);
                        Arrays.fill(lab, dstLab + xe, dstLab + px, (byte) 0);
                        System.arraycopy(srcLab, srcRow + xs, lab, dstLab + xs, xe - xs);
                    }
                }
            }
        }
    }

    /** Configures a {@link PatchSampler}; {@link #build()} validates. */
    public static final class Builder {
        private final CaseCache cache;
        private int classes = 2;
        private int px = -1;
        private int py = -1;
        private int pz = -1;
        private boolean planar;
        private boolean classifyCentre;
        private double positiveProbability = 0.5;
        private float padValue;
        private Transform augmentation;
        private long seed;
        private int patchesPerCase = 1;
        private int examplesPerEpoch;

        private Builder(CaseCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
        }

        /** @param k classes including background, 2..256 (labels must be 0..k-1); default 2 */
        public Builder classes(int k) {
            this.classes = k;
            return this;
        }

        /** 3-D patches, NCDHW. @param nx voxels along x @param ny along y @param nz along z; each &ge; 1 */
        public Builder patchSize(int nx, int ny, int nz) {
            this.px = nx;
            this.py = ny;
            this.pz = nz;
            this.planar = false;
            return this;
        }

        /**
         * 2-D patches of one slice, NCHW (features {C, ny, nx}): for 2-D images (X-rays) or slice-wise networks.
         *
         * @param nx voxels along x @param ny along y; each &ge; 1
         */
        public Builder patchSize(int nx, int ny) {
            patchSize(nx, ny, 1);
            this.planar = true;
            return this;
        }

        /**
         * @param on label each patch as a whole, one-hot {background, lesion} by whether its centre voxel is
         *           foreground, for a lesion-patch classifier; off (default): one-hot segmentation labels
         */
        public Builder classifyCentre(boolean on) {
            this.classifyCentre = on;
            return this;
        }

        /** @param p probability 0..1 that a patch is centred on a foreground voxel; default 0.5 */
        public Builder positiveProbability(double p) {
            this.positiveProbability = p;
            return this;
        }

        /** @param v the image value outside the volume, in the preprocessed image's units; default 0 */
        public Builder padValue(float v) {
            this.padValue = v;
            return this;
        }

        /** @param t augmentation per example with a replayable seed; null for none (default) */
        public Builder augmentation(Transform t) {
            this.augmentation = t;
            return this;
        }

        /** @param s the seed of case order, centres and augmentation; default 0 */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** @param n patches per case per epoch, &ge; 1 (examples per epoch = cases·n); default 1 */
        public Builder patchesPerCase(int n) {
            this.patchesPerCase = n;
            return this;
        }

        /** @param n examples per epoch, &ge; 1, overriding cases·patchesPerCase */
        public Builder examplesPerEpoch(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("examplesPerEpoch must be >= 1, got " + n);
            }
            this.examplesPerEpoch = n;
            return this;
        }

        /**
         * @return the sampler (reads the first case for its channel count)
         * @throws IllegalArgumentException naming the parameter out of range
         */
        public PatchSampler build() {
            if (classes < 2 || classes > 256) {
                throw new IllegalArgumentException("classes must be in 2..256 (background included), got " + classes);
            }
            if (px < 1 || py < 1 || pz < 1) {
                throw new IllegalArgumentException("patchSize must be set, each >= 1 voxel, got " + px + "x" + py + "x"
                        + pz);
            }
            if (!(positiveProbability >= 0 && positiveProbability <= 1)) {
                throw new IllegalArgumentException("positiveProbability must be in 0..1, got " + positiveProbability);
            }
            if (patchesPerCase < 1) {
                throw new IllegalArgumentException("patchesPerCase must be >= 1, got " + patchesPerCase);
            }
            if (!Float.isFinite(padValue)) {
                throw new IllegalArgumentException("padValue must be finite, got " + padValue);
            }
            if (cache.size() == 0) {
                throw new DataException("patch sampling needs at least one case, the dataset is empty");
            }
            return new PatchSampler(this);
        }
    }
}
