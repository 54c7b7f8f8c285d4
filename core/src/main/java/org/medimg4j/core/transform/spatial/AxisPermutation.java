package org.medimg4j.core.transform.spatial;

import java.nio.Buffer;
import java.util.Arrays;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/**
 * A signed permutation of the three index axes: the engine behind {@link Flip}, {@link Rotate90} and
 * {@link Reorient}. Output axis {@code o} runs along input axis {@code source[o]}, forwards or (if
 * {@code reversed[o]}) backwards, so output index {@code x} on that axis is input index {@code x} or
 * {@code n − 1 − x}. Immutable.
 *
 * <p>No voxel changes value and none changes place in patient space: the output geometry's axis {@code o} is the
 * input's axis {@code source[o]} (negated when reversed), with its spacing, and the output origin is the world
 * position of the input voxel that lands at output index (0, 0, 0).
 */
final class AxisPermutation {

    private static final String[] AXIS_NAMES = {"i", "j", "k"};

    private final int[] source;
    private final boolean[] reversed;

    private AxisPermutation(int[] source, boolean[] reversed) {
        this.source = source;
        this.reversed = reversed;
    }

    /** @return the permutation that changes nothing */
    static AxisPermutation identity() {
        return new AxisPermutation(new int[] {0, 1, 2}, new boolean[3]);
    }

    /** @param flipped for i, j, k: whether that axis is reversed @return the flip */
    static AxisPermutation flip(boolean[] flipped) {
        return new AxisPermutation(new int[] {0, 1, 2}, flipped.clone());
    }

    /**
     * One quarter turn in the plane of axes {@code a} and {@code b} (distinct, 0..2): output axis {@code a} runs
     * backwards along input axis {@code b}, output axis {@code b} forwards along input axis {@code a}; the
     * convention of NumPy's {@code rot90(m, 1, axes=(a, b))} with the axes counted in (i, j, k) order.
     */
    static AxisPermutation quarterTurn(int a, int b) {
        int[] s = {0, 1, 2};
        boolean[] r = new boolean[3];
        s[a] = b;
        r[a] = true;
        s[b] = a;
        return new AxisPermutation(s, r);
    }

    /**
     * @param source   for each output axis, the input axis it runs along (a permutation of 0, 1, 2)
     * @param reversed for each output axis, whether it runs backwards
     */
    static AxisPermutation of(int[] source, boolean[] reversed) {
        return new AxisPermutation(source.clone(), reversed.clone());
    }

    /** @return this permutation followed by {@code next} */
    AxisPermutation then(AxisPermutation next) {
        int[] s = new int[3];
        boolean[] r = new boolean[3];
        for (int o = 0; o < 3; o++) {
            int m = next.source[o];
            s[o] = source[m];
            r[o] = next.reversed[o] ^ reversed[m];
        }
        return new AxisPermutation(s, r);
    }

    boolean isIdentity() {
        for (int o = 0; o < 3; o++) {
            if (source[o] != o || reversed[o]) {
                return false;
            }
        }
        return true;
    }

    /** @return the geometry of the permuted grid: every voxel at the same LPS position as before */
    Geometry apply(Geometry g) {
        int[] n = g.size();
        double[] d = g.direction();
        double[] sp = g.spacing();
        int[] start = new int[3];
        int[] size = new int[3];
        double[] spacing = new double[3];
        double[] direction = new double[9];
        for (int o = 0; o < 3; o++) {
            int a = source[o];
            start[a] = reversed[o] ? n[a] - 1 : 0;
            size[o] = n[a];
            spacing[o] = sp[a];
            for (int r = 0; r < 3; r++) {
                direction[r * 3 + o] = reversed[o] ? -d[r * 3 + a] : d[r * 3 + a];
            }
        }
        return g.toBuilder().size(size[0], size[1], size[2]).spacing(spacing[0], spacing[1], spacing[2])
                .direction(direction).origin(g.indexToWorld(start[0], start[1], start[2])).build();
    }

    /**
     * @param what the transform, for {@link OutputGrid}'s message
     * @return the permuted image, same voxel type, channels, unit and metadata (this volume if the identity)
     */
    Volume apply(String what, Volume v) {
        if (isIdentity()) {
            return v;
        }
        Geometry out = apply(v.geometry());
        // the same number of voxels as the input, so only the heap can refuse it
        long bytes = (long) v.channels() * v.voxelsPerChannel() * v.voxelType().bytes();
        Object dst = VoxelRows.allocate(v.voxelType(), OutputGrid.elements(what, out, v.channels(),
                v.voxelType().bytes(), OutputGrid.heapBytes(v) + inputCopyBytes(bytes)));
        permute(VoxelRows.buffer(v), v.voxelType(), v.channels(), v.geometry().size(), out.size(), dst);
        return VoxelRows.volumeLike(v, out, dst);
    }

    /**
     * @param what the transform, for {@link OutputGrid}'s message
     * @return the permuted label (this label if the identity)
     */
    LabelVolume apply(String what, LabelVolume label) {
        if (isIdentity()) {
            return label;
        }
        Geometry out = apply(label.geometry());
        byte[] dst = new byte[OutputGrid.elements(what, out, 1, 1,
                OutputGrid.heapBytes(label) + inputCopyBytes(label.geometry().voxelCount()))];
        permute(label.labels(), VoxelType.UINT8, 1, label.geometry().size(), out.size(), dst);
        return VoxelRows.labelLike(label, out, dst);
    }

    /**
     * Applies the permutation to a sample's image and label and records it.
     *
     * @param name       the transform's name in the history
     * @param parameters its parameters, human-readable
     * @param inverse    the transform that undoes it
     */
    Sample apply(Sample sample, String name, String parameters, Transform inverse) {
        Volume image = sample.image();
        Volume outImage = apply(name, image);
        LabelVolume label = sample.labelOrNull();
        LabelVolume outLabel = label == null ? null : apply(name, label);
        return sample.next(outImage, outLabel,
                new AppliedTransform(name, parameters, true, image.geometry(), outImage.geometry(), inverse));
    }

    /**
     * @param inputBytes the input's voxel bytes, all channels
     * @return the bytes of the heap copy of the whole input that {@link #permute} makes when the slice axis
     *         changes, else 0
     */
    private long inputCopyBytes(long inputBytes) {
        return source[2] == 2 ? 0 : inputBytes;
    }

    /**
     * Writes the permuted voxels of every channel into {@code dst}, one output slice per task. Output voxel
     * (io, jo, ko) of channel c reads input flat index {@code c·N + base + io·step[0] + jo·step[1] + ko·step[2]},
     * where the signed steps are the input strides of the source axes.
     */
    private void permute(Buffer src, VoxelType type, int channels, int[] n, int[] m, Object dst) {
        int plane = n[0] * n[1];
        int perChannel = plane * n[2];
        int[] strideIn = {1, n[0], plane};
        int[] step = new int[3];
        int firstVoxel = 0;
        for (int o = 0; o < 3; o++) {
            int a = source[o];
            step[o] = reversed[o] ? -strideIn[a] : strideIn[a];
            if (reversed[o]) {
                firstVoxel += (n[a] - 1) * strideIn[a];
            }
        }
        int base = firstVoxel;
        int nxo = m[0];
        int nyo = m[1];
        int nzo = m[2];
        int outPlane = nxo * nyo;
        long total = (long) channels * perChannel;
        if (source[2] == 2) {
            // Output slice ko comes from one input slice: read that slice alone, never the whole volume.
            int inPlaneBase = base - (reversed[2] ? (n[2] - 1) * plane : 0);
            boolean rowsIntact = step[0] == 1;
            VoxelRows.forEachSlice(channels * nzo, total, t -> {
                int c = t / nzo;
                int ko = t % nzo;
                int kin = reversed[2] ? n[2] - 1 - ko : ko;
                int sliceStart = c * perChannel + kin * plane;
                int outBase = t * outPlane;
                if (rowsIntact) {
                    for (int jo = 0; jo < nyo; jo++) {
                        VoxelRows.read(src, sliceStart + inPlaneBase + jo * step[1], dst, outBase + jo * nxo, nxo);
                    }
                } else {
                    Object slice = VoxelRows.allocate(type, plane);
                    VoxelRows.read(src, sliceStart, slice, 0, plane);
                    for (int jo = 0; jo < nyo; jo++) {
                        VoxelRows.copy(slice, inPlaneBase + jo * step[1], step[0], dst, outBase + jo * nxo, nxo);
                    }
                }
            });
        } else {
            // The slice axis changes: an output slice gathers from every input slice, so copy the input once.
            Object all = VoxelRows.toArray(src, type);
            VoxelRows.forEachSlice(channels * nzo, total, t -> {
                int c = t / nzo;
                int ko = t % nzo;
                int sliceStart = c * perChannel + base + ko * step[2];
                int outBase = t * outPlane;
                for (int jo = 0; jo < nyo; jo++) {
                    VoxelRows.copy(all, sliceStart + jo * step[1], step[0], dst, outBase + jo * nxo, nxo);
                }
            });
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AxisPermutation p && Arrays.equals(source, p.source) && Arrays.equals(reversed, p.reversed);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(source) + Arrays.hashCode(reversed);
    }

    /** @return e.g. "i<-j reversed, j<-i, k<-k" */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int o = 0; o < 3; o++) {
            if (o > 0) {
                sb.append(", ");
            }
            sb.append(AXIS_NAMES[o]).append("<-").append(AXIS_NAMES[source[o]]);
            if (reversed[o]) {
                sb.append(" reversed");
            }
        }
        return sb.toString();
    }

    /** @return "i", "j" or "k" */
    static String axisName(int axis) {
        return AXIS_NAMES[axis];
    }
}
