package org.medimg4j.core.transform.spatial;

import java.nio.Buffer;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/**
 * A box of whole voxels on an input grid, possibly reaching past its edges: the engine behind {@link CropOrPad}
 * and {@link ForegroundCrop}. Output voxel (x, y, z) is input voxel {@code (x, y, z) + start} where that lies in
 * the input, and the pad value elsewhere. Only whole rows are copied (bulk buffer reads), so no voxel changes value
 * or place in patient space. Immutable.
 */
final class GridWindow {

    private final int[] start;
    private final int[] size;

    /**
     * @param start the input index (i, j, k) of output voxel (0, 0, 0); negative to pad before
     * @param size  the output size (nx, ny, nz), each at least 1
     */
    GridWindow(int[] start, int[] size) {
        this.start = start.clone();
        this.size = size.clone();
    }

    /** @return the input index of output voxel (0, 0, 0), a new array */
    int[] start() {
        return start.clone();
    }

    /** @return the output size, a new array */
    int[] size() {
        return size.clone();
    }

    /** @return whether this window is {@code g}'s whole grid, unchanged */
    boolean isIdentityFor(Geometry g) {
        return start[0] == 0 && start[1] == 0 && start[2] == 0
                && size[0] == g.nx() && size[1] == g.ny() && size[2] == g.nz();
    }

    /** @return the window's grid: {@code g}'s spacing and axes, its size, origin at input index {@code start} */
    Geometry apply(Geometry g) {
        return g.toBuilder().size(size[0], size[1], size[2])
                .origin(g.indexToWorld(start[0], start[1], start[2])).build();
    }

    /**
     * Crops and pads a sample's image and label onto {@code out} (this window's grid, or a geometry equal to it
     * within tolerance) and records the step.
     *
     * @param padValue image value outside the input (labels pad with 0)
     * @param what     the transform and the parameter that decided the window, for {@link OutputGrid}'s message
     * @throws TransformException starting with {@code what} if the output would exceed a Java array or the heap
     */
    Sample apply(Sample sample, Geometry out, double padValue, String what, String name, String parameters,
                 Transform inverse) {
        Volume image = sample.image();
        LabelVolume label = sample.labelOrNull();
        Volume outImage;
        LabelVolume outLabel;
        if (isIdentityFor(image.geometry()) && out.equals(image.geometry())) {
            outImage = image;
            outLabel = label;
        } else {
            outImage = apply(what, image, out, padValue);
            outLabel = label == null ? null : apply(what, label, out);
        }
        return sample.next(outImage, outLabel,
                new AppliedTransform(name, parameters, true, image.geometry(), out, inverse));
    }

    /**
     * @return the image on {@code out}; its voxel type is kept when {@code padValue} is exactly representable in
     *         it, else the result is FLOAT32 (so that, say, −1000 can pad a UINT8 image)
     */
    Volume apply(String what, Volume v, Geometry out, double padValue) {
        boolean keepsType = VoxelRows.representable(v.voxelType(), padValue);
        // checked before the FLOAT32 conversion, which is a copy of the input and counts against the heap
        long copy = keepsType ? 0 : (long) v.channels() * v.voxelsPerChannel() * Float.BYTES;
        int count = OutputGrid.elements(what, out, v.channels(), keepsType ? v.voxelType().bytes() : Float.BYTES,
                OutputGrid.heapBytes(v) + copy);
        Volume src = keepsType ? v : v.toFloat32();
        Object dst = VoxelRows.allocate(src.voxelType(), count);
        copy(VoxelRows.buffer(src), src.channels(), v.geometry().size(), dst, padValue);
        return VoxelRows.volumeLike(src, out, dst);
    }

    /** @return the label on {@code out}, background (0) outside the input */
    LabelVolume apply(String what, LabelVolume label, Geometry out) {
        byte[] dst = new byte[OutputGrid.elements(what, out, 1, 1, OutputGrid.heapBytes(label))];
        copy(label.labels(), 1, label.geometry().size(), dst, 0);
        return VoxelRows.labelLike(label, out, dst);
    }

    private void copy(Buffer src, int channels, int[] n, Object dst, double padValue) {
        int[] lo = new int[3];
        int[] hi = new int[3];
        boolean padded = false;
        boolean overlaps = true;
        for (int a = 0; a < 3; a++) {
            lo[a] = Math.max(0, -start[a]);
            hi[a] = Math.min(size[a], n[a] - start[a]);
            padded |= lo[a] > 0 || hi[a] < size[a];
            overlaps &= lo[a] < hi[a];
        }
        // new arrays are zero: filling is needed only for a non-zero pad (raw bits, so that −0.0 is kept too)
        if (padded && Double.doubleToRawLongBits(padValue) != 0) {
            VoxelRows.fill(dst, padValue);
        }
        if (!overlaps) {
            return;
        }
        int plane = n[0] * n[1];
        int perChannel = plane * n[2];
        int depth = hi[2] - lo[2];
        int rowLength = hi[0] - lo[0];
        long total = (long) channels * size[0] * size[1] * size[2];
        VoxelRows.forEachSlice(channels * depth, total, t -> {
            int c = t / depth;
            int z = lo[2] + t % depth;
            int inSlice = c * perChannel + (z + start[2]) * plane + lo[0] + start[0];
            int outSlice = (c * size[2] + z) * size[1];
            for (int y = lo[1]; y < hi[1]; y++) {
                VoxelRows.read(src, inSlice + (y + start[1]) * n[0], dst, (outSlice + y) * size[0] + lo[0], rowLength);
            }
        });
    }

    /** @return e.g. "start=(-2, 3, 0), size=64x64x32" */
    @Override
    public String toString() {
        return "start=(" + start[0] + ", " + start[1] + ", " + start[2] + "), size=" + size[0] + "x" + size[1] + "x"
                + size[2];
    }
}
