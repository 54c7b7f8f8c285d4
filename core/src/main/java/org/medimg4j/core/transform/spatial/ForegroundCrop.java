package org.medimg4j.core.transform.spatial;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * Crops image and label to the bounding box of the foreground plus a margin (mm), clipped to the image: the
 * foreground is either where the image exceeds a threshold (in any channel, in the image's unit) or where the
 * label is not background. Voxels are copied, never interpolated, and keep their place in patient space (the
 * origin moves to the box's first voxel). The voxel type is kept. Its inverse pads back onto the original grid
 * ({@link CropOrPad#onto}) with {@link #withPadValue the pad value}. Immutable and thread-safe.
 *
 * <p>An input with no foreground at all is returned unchanged, and the step is still recorded (parameters saying
 * "no foreground: unchanged", inverse the identity), so that a chain over a dataset with empty cases neither
 * fails nor silently skips the record.
 *
 * <pre>{@code
 * Transform body = ForegroundCrop.ofImage(-500).withMarginMm(10).withPadValue(-1000);   // CT: drop the air
 * }</pre>
 */
public final class ForegroundCrop implements Transform {

    private final boolean fromLabel;
    private final double threshold;
    private final double[] marginMm;
    private final double padValue;

    private ForegroundCrop(boolean fromLabel, double threshold, double[] marginMm, double padValue) {
        this.fromLabel = fromLabel;
        this.threshold = threshold;
        this.marginMm = marginMm;
        this.padValue = padValue;
    }

    /**
     * @param threshold foreground is where the image is strictly above this, in the image's unit (e.g. HU); a
     *                  voxel counts when any channel is above it
     * @return a crop to the image's foreground, no margin
     * @throws IllegalArgumentException naming threshold if it is NaN
     */
    public static ForegroundCrop ofImage(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("ForegroundCrop: threshold must be a number, got NaN");
        }
        return new ForegroundCrop(false, threshold, new double[3], 0);
    }

    /** @return a crop to the label's foreground (label != 0), no margin; the sample must have a label */
    public static ForegroundCrop ofLabel() {
        return new ForegroundCrop(true, 0, new double[3], 0);
    }

    /**
     * @param mm margin added on every side along every axis, mm, at least 0 (rounded up to whole voxels)
     * @return this crop with that margin
     * @throws IllegalArgumentException naming marginMm if negative or not finite
     */
    public ForegroundCrop withMarginMm(double mm) {
        return withMarginMm(mm, mm, mm);
    }

    /**
     * @param iMm margin along i on both sides, mm, at least 0 (rounded up to whole voxels)
     * @param jMm margin along j, mm
     * @param kMm margin along k, mm
     * @return this crop with those margins
     * @throws IllegalArgumentException naming marginMm if one is negative or not finite
     */
    public ForegroundCrop withMarginMm(double iMm, double jMm, double kMm) {
        double[] m = {iMm, jMm, kMm};
        for (int a = 0; a < 3; a++) {
            if (!(m[a] >= 0) || Double.isInfinite(m[a])) {
                throw new IllegalArgumentException("ForegroundCrop: marginMm along " + AxisPermutation.axisName(a)
                        + " must be a finite number >= 0 mm, got " + m[a]);
            }
        }
        return new ForegroundCrop(fromLabel, threshold, m, padValue);
    }

    /**
     * @param value the image value the inverse pads with, in the image's unit (e.g. −1000 HU)
     * @return this crop with that pad value for its inverse
     * @throws IllegalArgumentException naming padValue if it is NaN or infinite
     */
    public ForegroundCrop withPadValue(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("ForegroundCrop: padValue must be finite, got " + value);
        }
        return new ForegroundCrop(fromLabel, threshold, marginMm, value);
    }

    @Override
    public Sample apply(Sample sample) {
        Objects.requireNonNull(sample, "sample");
        Volume image = sample.image();
        Geometry g = image.geometry();
        int[] box;
        if (fromLabel) {
            LabelVolume label = sample.label().orElseThrow(() -> new TransformException(
                    "ForegroundCrop: ofLabel() needs a sample with a label, this sample has none"));
            box = ForegroundBox.ofLabel(label);
        } else {
            box = ForegroundBox.ofImage(image, threshold);
        }
        CropOrPad inverse = CropOrPad.onto(g).withPadValue(padValue);
        if (box == null) {
            return sample.next(image, sample.labelOrNull(), new AppliedTransform("ForegroundCrop",
                    "no foreground (" + criterion() + "): unchanged", true, g, g, inverse));
        }
        int[] n = g.size();
        int[] start = new int[3];
        int[] size = new int[3];
        for (int a = 0; a < 3; a++) {
            // a small tolerance so that a margin of exactly k voxels is not rounded up to k + 1 by float error
            int m = (int) Math.ceil(marginMm[a] / g.spacing(a) - 1e-9);
            int lo = (int) Math.max(0, (long) box[2 * a] - m);
            int hi = (int) Math.min(n[a] - 1, (long) box[2 * a + 1] + m);
            start[a] = lo;
            size[a] = hi - lo + 1;
        }
        GridWindow w = new GridWindow(start, size);
        String parameters = String.format(Locale.ROOT, "%s, box i=%d..%d j=%d..%d k=%d..%d, marginMm=(%s, %s, %s), %s",
                criterion(), box[0], box[1], box[2], box[3], box[4], box[5], marginMm[0], marginMm[1], marginMm[2], w);
        // the box lies within the image, so only the heap can refuse it (an input that fits but not twice)
        return w.apply(sample, w.apply(g), padValue, "ForegroundCrop", "ForegroundCrop", parameters, inverse);
    }

    private String criterion() {
        return fromLabel ? "label != 0" : "image > " + threshold;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ForegroundCrop(%s, marginMm=(%s, %s, %s), padValue=%s)",
                criterion(), marginMm[0], marginMm[1], marginMm[2], padValue);
    }

    /** Bounding boxes of foreground voxels, scanned slice by slice (in parallel for large volumes). */
    private static final class ForegroundBox {

        private ForegroundBox() {
        }

        /** @return {iMin, iMax, jMin, jMax, kMin, kMax} (inclusive voxel indices), or null if there is none */
        static int[] ofImage(Volume image, double threshold) {
            Geometry g = image.geometry();
            int nx = g.nx();
            int ny = g.ny();
            int nz = g.nz();
            int[][] perSlice = new int[image.channels() * nz][];
            VoxelRows.forEachSlice(perSlice.length, (long) image.channels() * g.voxelCount(), t -> {
                float[] slice = new float[nx * ny];
                image.readSlice(t / nz, t % nz, slice);
                perSlice[t] = scan(slice, nx, ny, threshold, t % nz);
            });
            return merge(perSlice);
        }

        static int[] ofLabel(LabelVolume label) {
            Geometry g = label.geometry();
            int nx = g.nx();
            int ny = g.ny();
            int plane = nx * ny;
            ByteBuffer labels = label.labels();
            int[][] perSlice = new int[g.nz()][];
            VoxelRows.forEachSlice(perSlice.length, g.voxelCount(), z -> {
                byte[] slice = new byte[plane];
                labels.get(z * plane, slice, 0, plane);
                perSlice[z] = scan(slice, nx, ny, z);
            });
            return merge(perSlice);
        }

        // Each row is scanned from the left to its first foreground voxel and from the right to its last, so
        // a row's background between the two is never read.
        private static int[] scan(float[] s, int nx, int ny, double threshold, int z) {
            int[] box = null;
            for (int y = 0; y < ny; y++) {
                int row = y * nx;
                int first = 0;
                while (first < nx && !(s[row + first] > threshold)) {
                    first++;
                }
                if (first == nx) {
                    continue;
                }
                int last = nx - 1;
                while (!(s[row + last] > threshold)) {
                    last--;
                }
                box = extend(box, first, last, y, z);
            }
            return box;
        }

        private static int[] scan(byte[] s, int nx, int ny, int z) {
            int[] box = null;
            for (int y = 0; y < ny; y++) {
                int row = y * nx;
                int first = 0;
                while (first < nx && s[row + first] == 0) {
                    first++;
                }
                if (first == nx) {
                    continue;
                }
                int last = nx - 1;
                while (s[row + last] == 0) {
                    last--;
                }
                box = extend(box, first, last, y, z);
            }
            return box;
        }

        private static int[] extend(int[] box, int iFirst, int iLast, int y, int z) {
            if (box == null) {
                return new int[] {iFirst, iLast, y, y, z, z};
            }
            box[0] = Math.min(box[0], iFirst);
            box[1] = Math.max(box[1], iLast);
            box[3] = y;
            return box;
        }

        private static int[] merge(int[][] boxes) {
            int[] out = null;
            for (int[] b : boxes) {
                if (b == null) {
                    continue;
                }
                if (out == null) {
                    out = b.clone();
                } else {
                    for (int a = 0; a < 6; a += 2) {
                        out[a] = Math.min(out[a], b[a]);
                        out[a + 1] = Math.max(out[a + 1], b[a + 1]);
                    }
                }
            }
            return out;
        }
    }
}
