package org.medimg4j.core.transform.spatial;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/**
 * The resampling engine of every spatial transform: reads a {@link Volume} (every channel) or a
 * {@link LabelVolume} from its own geometry onto a target {@link Geometry}, directly, through an affine map of
 * patient space, or through a displacement field. Immutable and thread-safe.
 *
 * <h2>What is read where</h2>
 * Output voxel centre q (LPS mm, from the target geometry) takes the input's value at the world point
 * {@code A(q)} (affine path) or {@code q + u(q)} (displacement path), or simply q; that point is converted to the
 * input's continuous index with the input geometry. Images use the configured {@link Interpolation}; labels
 * always use {@link Interpolation#NEAREST}, so they keep their set of values. Where the point is outside the
 * input, {@link Padding} decides (labels pad with background 0 unless the padding is {@link Padding#edge()}).
 *
 * <h2>Speed</h2>
 * For the plain and affine paths the map from output index to input continuous index is one affine (the target's
 * index → world, then A, then the input's world → index), evaluated per row as start + i·step: no per-voxel matrix
 * product and no per-voxel virtual call. When that affine keeps the axes apart (a change of spacing, size or
 * origin, as in {@link Resample} and {@link Resize}) a separable plan blends whole input rows
 * ({@link AxisAlignedSampler}); otherwise each row's positions are located once and applied to every channel.
 * Work is split over output slices (and over bands of rows when there are few slices, as for a 2-D image) on the
 * common fork-join pool. The separable plan bulk-reads whole rows in place through {@link Volume#floats()} (a
 * non-FLOAT32 input is converted first); the other paths read scattered voxels and copy the input once into an
 * array, which measured cheaper than per-read buffer access. The output is always FLOAT32, with the input's
 * channels, unit and metadata.
 *
 * <h2>Size</h2>
 * Before anything is allocated, the output (channels · nx · ny · nz floats, or nx · ny · nz label bytes) is
 * checked against what one Java array holds and against the maximum heap ({@link OutputGrid}); a target too large
 * for either throws a {@link org.medimg4j.core.transform.TransformException} naming the grid and the limit, never
 * an {@link OutOfMemoryError} or a wrapped-round int.
 */
public final class GridResampler {

    /** The owner named in this class's own messages. */
    private static final String NAME = "GridResampler";
    /** What decides the output grid when the public methods are called: the caller's target geometry. */
    private static final String TARGET = NAME + ": the target geometry";

    private final Interpolation interpolation;
    private final Padding padding;

    private GridResampler(Interpolation interpolation, Padding padding) {
        this.interpolation = interpolation;
        this.padding = padding;
    }

    /**
     * @param interpolation how images are read (labels are always read nearest)
     * @param padding       what is written outside the input
     * @throws IllegalArgumentException naming the parameter if either is null
     */
    public static GridResampler of(Interpolation interpolation, Padding padding) {
        return new GridResampler(requireNonNull(NAME, "interpolation", interpolation),
                requireNonNull(NAME, "padding", padding));
    }

    /** @return a trilinear resampler padding with each channel's minimum */
    public static GridResampler linear() {
        return of(Interpolation.LINEAR, Padding.minimum());
    }

    /** @return how images are read */
    public Interpolation interpolation() {
        return interpolation;
    }

    /** @return what is written outside the input */
    public Padding padding() {
        return padding;
    }

    /**
     * The transforms that resample keep their settings as a resampler: their {@code withInterpolation} goes
     * through here, so the message names the transform.
     *
     * @throws IllegalArgumentException naming {@code interpolation} and {@code owner} if it is null
     */
    GridResampler withInterpolation(String owner, Interpolation newInterpolation) {
        return new GridResampler(requireNonNull(owner, "interpolation", newInterpolation), padding);
    }

    /** @throws IllegalArgumentException naming {@code padding} and {@code owner} if it is null */
    GridResampler withPadding(String owner, Padding newPadding) {
        return new GridResampler(interpolation, requireNonNull(owner, "padding", newPadding));
    }

    /** @return the settings as a transform's history records them: "interpolation=…, padding=…" */
    String parameters() {
        return "interpolation=" + interpolation + ", padding=" + padding;
    }

    /** @return {@code value} @throws IllegalArgumentException "owner: name must not be null" if it is null */
    static <T> T requireNonNull(String owner, String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(owner + ": " + name + " must not be null");
        }
        return value;
    }

    /** @return {@code source} resampled onto {@code target}: each output voxel keeps its place in patient space */
    public Volume resample(Volume source, Geometry target) {
        return resample(source, target, WorldAffine.identity());
    }

    /**
     * @param source       the image
     * @param target       the output grid
     * @param outputToInput maps each output point to the input point whose value it takes, LPS mm (the inverse of
     *                      the motion of the content)
     * @return the resampled image, FLOAT32, on {@code target}
     */
    public Volume resample(Volume source, Geometry target, WorldAffine outputToInput) {
        requireArguments(source, target);
        return resampleImage(TARGET, source, target, requireNonNull(NAME, "outputToInput", outputToInput), null);
    }

    /**
     * @param source the image
     * @param target the output grid
     * @param field  output point q reads the input at q + u(q), LPS mm
     * @return the resampled image, FLOAT32, on {@code target}
     */
    public Volume resample(Volume source, Geometry target, DisplacementField field) {
        requireArguments(source, target);
        return resampleImage(TARGET, source, target, WorldAffine.identity(), requireNonNull(NAME, "field", field));
    }

    /**
     * The image through {@code outputToInput}, then through {@code field} when there is one (null: none). The
     * transforms of this package call this directly, so that a grid too large to allocate is reported in their
     * terms.
     *
     * @param what the transform and the parameter that decided {@code target}, for {@link OutputGrid}'s message
     * @throws org.medimg4j.core.transform.TransformException starting with {@code what} if the output would exceed
     *                                                        a Java array or the heap
     */
    Volume resampleImage(String what, Volume source, Geometry target, WorldAffine outputToInput,
                         DisplacementField field) {
        SourceGrid s = new SourceGrid(source.geometry());
        double[] m = indexMap(source.geometry(), target, outputToInput);
        int channels = source.channels();
        boolean separable = field == null && AxisAlignedSampler.applies(m, target);
        // the separable path converts a non-float input once; the general path always copies it into an array
        long inputCopy = separable && source.voxelType() == VoxelType.FLOAT32 ? 0
                : (long) channels * s.voxels * Float.BYTES;
        float[] out = new float[OutputGrid.elements(what, target, channels, Float.BYTES,
                OutputGrid.heapBytes(source) + inputCopy)];
        if (separable) {
            // whole rows are bulk-read from the buffer: no copy of the input
            FloatBuffer in = source.toFloat32().floats();
            float[] pads = padValues(in, channels, s.voxels, mayPad(m, target, s));
            AxisAlignedSampler plan = AxisAlignedSampler.plan(m, target, s, padding.isEdge(), interpolation);
            forEachBand(target, (k, j0, j1) -> plan.resampleFloats(in.duplicate(), pads, channels, out, k, j0, j1));
        } else {
            // scattered reads: one copy into an array costs less than the buffer's per-read checks (about 15 % less
            // CPU for a rotated 512x512x128 volume, copy included)
            float[] in = source.toFloatArray();
            // where a field sends each point is not known before it is evaluated: then pads are resolved up front
            boolean padded = field != null ? !padding.isEdge() : mayPad(m, target, s);
            float[] pads = padValues(FloatBuffer.wrap(in), channels, s.voxels, padded);
            double[] w2i = field == null ? null : source.geometry().worldToIndexAffine();
            forEachBand(target, (k, j0, j1) -> generalFloats(in, s, m, w2i, field, target, pads, channels, out,
                    k, j0, j1));
        }
        return source.derive(target, out);
    }

    /** @return {@code source} resampled onto {@code target} with nearest-neighbour reads */
    public LabelVolume resample(LabelVolume source, Geometry target) {
        return resample(source, target, WorldAffine.identity());
    }

    /** Labels through an affine of patient space; see {@link #resample(Volume, Geometry, WorldAffine)}. */
    public LabelVolume resample(LabelVolume source, Geometry target, WorldAffine outputToInput) {
        requireArguments(source, target);
        return resampleLabels(TARGET, source, target, requireNonNull(NAME, "outputToInput", outputToInput), null);
    }

    /** Labels through a displacement field; see {@link #resample(Volume, Geometry, DisplacementField)}. */
    public LabelVolume resample(LabelVolume source, Geometry target, DisplacementField field) {
        requireArguments(source, target);
        return resampleLabels(TARGET, source, target, WorldAffine.identity(), requireNonNull(NAME, "field", field));
    }

    /**
     * The labels through {@code outputToInput}, then through {@code field} when there is one (null: none).
     *
     * @param what the transform and the parameter that decided {@code target}, for {@link OutputGrid}'s message
     * @throws org.medimg4j.core.transform.TransformException starting with {@code what} if the output would exceed
     *                                                        a Java array or the heap
     */
    LabelVolume resampleLabels(String what, LabelVolume source, Geometry target, WorldAffine outputToInput,
                               DisplacementField field) {
        SourceGrid s = new SourceGrid(source.geometry());
        double[] m = indexMap(source.geometry(), target, outputToInput);
        boolean separable = field == null && AxisAlignedSampler.applies(m, target);
        long inputCopy = separable ? 0 : s.voxels; // the general path copies the labels into an array
        byte[] out = new byte[OutputGrid.elements(what, target, 1, 1, OutputGrid.heapBytes(source) + inputCopy)];
        if (separable) {
            ByteBuffer in = source.labels();
            AxisAlignedSampler plan = AxisAlignedSampler.plan(m, target, s, padding.isEdge(), Interpolation.NEAREST);
            forEachBand(target, (k, j0, j1) -> plan.resampleLabels(in.duplicate(), out, k, j0, j1));
        } else {
            byte[] labels = source.toByteArray();
            double[] w2i = field == null ? null : source.geometry().worldToIndexAffine();
            forEachBand(target, (k, j0, j1) -> generalLabels(labels, s, m, w2i, field, target, out, k, j0, j1));
        }
        return LabelVolume.of(target, out).withMetadata(source.metadata());
    }

    private static void requireArguments(Object source, Geometry target) {
        requireNonNull(NAME, "source", source);
        requireNonNull(NAME, "target geometry", target);
    }

    /** @return the output-index → input-continuous-index affine, row-major 3×4: W2I(source) ∘ A ∘ I2W(target) */
    static double[] indexMap(Geometry source, Geometry target, WorldAffine outputToInput) {
        double[] toWorld = WorldAffine.compose(outputToInput.matrixView(), target.indexToWorldAffine());
        return WorldAffine.compose(source.worldToIndexAffine(), toWorld);
    }

    /** @return whether some output voxel of an affine map may fall outside the input and take the pad value */
    private boolean mayPad(double[] m, Geometry target, SourceGrid s) {
        return !padding.isEdge() && !cornersInside(m, target, s);
    }

    /** @return whether all eight output corners map inside the input: then, by convexity, every voxel does */
    private static boolean cornersInside(double[] m, Geometry target, SourceGrid s) {
        for (int corner = 0; corner < 8; corner++) {
            double i = (corner & 1) == 0 ? 0 : target.nx() - 1;
            double j = (corner & 2) == 0 ? 0 : target.ny() - 1;
            double k = (corner & 4) == 0 ? 0 : target.nz() - 1;
            if (!s.insideStrictly(m[0] * i + m[1] * j + m[2] * k + m[3], m[4] * i + m[5] * j + m[6] * k + m[7],
                    m[8] * i + m[9] * j + m[10] * k + m[11])) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param in       the input voxels, C order (c, z, y, x)
     * @param channels channels in {@code in}
     * @param voxels   voxels per channel
     * @param needed   whether some output voxel falls outside (the minimum scan is made only then)
     * @return the pad value of each channel
     */
    private float[] padValues(FloatBuffer in, int channels, int voxels, boolean needed) {
        float[] pads = new float[channels];
        if (!padding.isMinimum()) {
            java.util.Arrays.fill(pads, padding.value());
            return pads;
        }
        if (!needed) {
            return pads;
        }
        for (int c = 0; c < channels; c++) {
            int from = c * voxels;
            pads[c] = (float) IntStream.range(0, (voxels + 65535) >>> 16).parallel().mapToDouble(b -> {
                FloatBuffer view = in.duplicate();
                float min = Float.POSITIVE_INFINITY;
                int end = Math.min(voxels, (b + 1) << 16);
                for (int p = b << 16; p < end; p++) {
                    min = Math.min(min, view.get(from + p));
                }
                return min;
            }).min().orElse(0);
        }
        return pads;
    }

    /**
     * Output slice k, rows [j0, j1): positions start + i·step per row (plus the displacement, when there is a
     * field), located once and read for every channel.
     */
    private void generalFloats(float[] in, SourceGrid s, double[] m, double[] w2i, DisplacementField field,
                               Geometry target, float[] pads, int channels, float[] out, int k, int j0, int j1) {
        int nx = target.nx();
        int outPerChannel = (int) target.voxelCount();
        RowPositions pos = new RowPositions(nx, m, w2i, field, target);
        RowSampler sampler = new RowSampler(nx);
        boolean edge = padding.isEdge();
        boolean linear = interpolation == Interpolation.LINEAR;
        for (int j = j0; j < j1; j++) {
            pos.fill(j, k);
            if (linear) {
                sampler.locateLinear(s, pos.px, pos.py, pos.pz, nx, edge);
            } else {
                sampler.locateNearest(s, pos.px, pos.py, pos.pz, nx, edge);
            }
            for (int c = 0; c < channels; c++) {
                int o = c * outPerChannel + (k * target.ny() + j) * nx;
                if (linear) {
                    sampler.interpolate(in, c * s.voxels, s, pads[c], out, o, nx);
                } else {
                    sampler.gather(in, c * s.voxels, pads[c], out, o, nx);
                }
            }
        }
    }

    private void generalLabels(byte[] in, SourceGrid s, double[] m, double[] w2i, DisplacementField field,
                               Geometry target, byte[] out, int k, int j0, int j1) {
        int nx = target.nx();
        RowPositions pos = new RowPositions(nx, m, w2i, field, target);
        RowSampler sampler = new RowSampler(nx);
        for (int j = j0; j < j1; j++) {
            pos.fill(j, k);
            sampler.locateNearest(s, pos.px, pos.py, pos.pz, nx, padding.isEdge());
            sampler.gather(in, out, (k * target.ny() + j) * nx, nx);
        }
    }

    /** The work on output slice k, rows [j0, j1). */
    @FunctionalInterface
    private interface Band {
        void run(int k, int j0, int j1);
    }

    /**
     * Runs {@code body} over the output grid in parallel: one task per slice, and slices cut into bands of rows
     * when there are fewer slices than about four tasks per core (a 2-D image is one slice).
     */
    private static void forEachBand(Geometry target, Band body) {
        int nz = target.nz();
        int ny = target.ny();
        int wanted = 4 * Math.max(1, ForkJoinPool.getCommonPoolParallelism());
        int bandsPerSlice = nz >= wanted ? 1 : Math.min(ny, (wanted + nz - 1) / nz);
        int rows = (ny + bandsPerSlice - 1) / bandsPerSlice;
        int perSlice = (ny + rows - 1) / rows;
        IntStream.range(0, nz * perSlice).parallel().forEach(t -> {
            int k = t / perSlice;
            int j0 = (t % perSlice) * rows;
            body.run(k, j0, Math.min(ny, j0 + rows));
        });
    }
}
