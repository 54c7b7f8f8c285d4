package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;

/**
 * Crops or pads the voxel grid, axis by axis, to a target size in voxels: centred on the image, on a point in
 * patient space (LPS mm) or on a voxel index. Voxels are copied, never interpolated, and stay where they are in
 * patient space: the output keeps the spacing and axes, and its origin is the world position of the input index
 * that lands at output (0, 0, 0). Image voxels outside the input take the pad value (e.g. −1000 HU, air, for CT);
 * label voxels outside it are background (0). Immutable and thread-safe.
 *
 * <p>Placement: centred, the window starts at input index ⌊(n<sub>in</sub> − n<sub>out</sub>) / 2⌋ on each axis,
 * so an odd difference crops one voxel more at the end or pads one more at the start. Around a point or voxel
 * {@code c} (the voxel nearest the point), the window starts at {@code c − ⌊n_out / 2⌋}, so {@code c} lands at
 * output index ⌊n<sub>out</sub> / 2⌋, the centre voxel for odd sizes.
 *
 * <p>The voxel type is kept when the pad value is exactly representable in it (INT16 CT padded with −1000 stays
 * INT16); otherwise the output is FLOAT32.
 *
 * <p>A target size (or {@link #onto} reference) whose output would not fit one Java array (channels · nx · ny · nz at
 * most {@code Integer.MAX_VALUE − 8}) or the heap throws a {@link TransformException} naming the size, when the
 * transform is applied and before anything is allocated.
 *
 * <p>Inverse: {@link #onto(Geometry) CropOrPad.onto(original geometry)} with the same pad value, which restores
 * every voxel that survived the crop exactly and the original geometry itself.
 *
 * <pre>{@code
 * Transform t = CropOrPad.toSize(128, 128, 64).aroundPoint(lesionCentreLps).withPadValue(-1000);
 * }</pre>
 */
public final class CropOrPad implements Transform {

    /** Grid mismatch (mm) accepted by {@link #onto}: the tolerance of {@link LabelVolume#GEOMETRY_TOLERANCE_MM}. */
    public static final double ONTO_TOLERANCE_MM = LabelVolume.GEOMETRY_TOLERANCE_MM;

    private enum Anchor { CENTRE, POINT, VOXEL, REFERENCE }

    private final int[] size;
    private final Anchor anchor;
    private final Point3 point;
    private final int[] voxel;
    private final Geometry reference;
    private final double padValue;

    private CropOrPad(int[] size, Anchor anchor, Point3 point, int[] voxel, Geometry reference, double padValue) {
        this.size = size;
        this.anchor = anchor;
        this.point = point;
        this.voxel = voxel;
        this.reference = reference;
        this.padValue = padValue;
    }

    /**
     * A centred crop-or-pad to {@code nx × ny × nz} voxels, padding with 0.
     *
     * @param nx target voxels along i (columns)
     * @param ny target voxels along j (rows)
     * @param nz target voxels along k (slices; 1 for a 2-D image)
     * @throws IllegalArgumentException naming the size if one is 0 or negative
     */
    public static CropOrPad toSize(int nx, int ny, int nz) {
        int[] s = {nx, ny, nz};
        String[] names = {"nx (along i)", "ny (along j)", "nz (along k)"};
        for (int a = 0; a < 3; a++) {
            if (s[a] <= 0) {
                throw new IllegalArgumentException("CropOrPad: target size " + names[a] + " must be >= 1, got " + s[a]);
            }
        }
        return new CropOrPad(s, Anchor.CENTRE, null, null, null, 0);
    }

    /**
     * Crops or pads onto {@code reference}, a grid with the input's spacing and axes shifted by whole voxels (what
     * an earlier crop or pad of the same image produced, or the image it came from). The output's geometry is
     * {@code reference} itself. This is the inverse of every {@link CropOrPad} and {@link ForegroundCrop}.
     *
     * @param reference the target grid
     * @throws NullPointerException if {@code reference} is null
     */
    public static CropOrPad onto(Geometry reference) {
        Objects.requireNonNull(reference, "reference");
        return new CropOrPad(reference.size(), Anchor.REFERENCE, null, null, reference, 0);
    }

    /**
     * @param lpsMm the point to centre on, LPS mm; it must lie within the image
     * @return this crop-or-pad, centred on the voxel nearest {@code lpsMm}
     * @throws NullPointerException  if {@code lpsMm} is null
     * @throws IllegalStateException if this is an {@link #onto} transform, whose window is fixed
     */
    public CropOrPad aroundPoint(Point3 lpsMm) {
        Objects.requireNonNull(lpsMm, "lpsMm (centre point)");
        requireMovable("aroundPoint");
        return new CropOrPad(size, Anchor.POINT, lpsMm, null, null, padValue);
    }

    /**
     * @param i voxel index along i of the centre, 0-based
     * @param j voxel index along j
     * @param k voxel index along k
     * @return this crop-or-pad, centred on voxel (i, j, k), which must lie within the image
     * @throws IllegalArgumentException naming the index if one is negative
     * @throws IllegalStateException    if this is an {@link #onto} transform, whose window is fixed
     */
    public CropOrPad aroundVoxel(int i, int j, int k) {
        int[] v = {i, j, k};
        for (int a = 0; a < 3; a++) {
            if (v[a] < 0) {
                throw new IllegalArgumentException("CropOrPad: centre voxel index " + AxisPermutation.axisName(a)
                        + " must be >= 0, got " + v[a]);
            }
        }
        requireMovable("aroundVoxel");
        return new CropOrPad(size, Anchor.VOXEL, null, v, null, padValue);
    }

    /**
     * @param value the image value for voxels outside the input, in the image's unit (e.g. −1000 HU); labels always
     *              pad with 0
     * @return this crop-or-pad with that pad value
     * @throws IllegalArgumentException naming padValue if it is NaN or infinite
     */
    public CropOrPad withPadValue(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("CropOrPad: padValue must be finite, got " + value);
        }
        return new CropOrPad(size, anchor, point, voxel, reference, value);
    }

    /** @return the target size {nx, ny, nz}, a new array */
    public int[] size() {
        return size.clone();
    }

    /** @return the image pad value, in the image's unit */
    public double padValue() {
        return padValue;
    }

    @Override
    public Sample apply(Sample sample) {
        Objects.requireNonNull(sample, "sample");
        Geometry g = sample.image().geometry();
        GridWindow w = windowFor(g);
        Geometry out = anchor == Anchor.REFERENCE ? reference : w.apply(g);
        String what = anchor == Anchor.REFERENCE ? "CropOrPad.onto: the reference geometry"
                : "CropOrPad: target size (nx, ny, nz) = (" + size[0] + ", " + size[1] + ", " + size[2] + ")";
        return w.apply(sample, out, padValue, what, "CropOrPad", parameters(w),
                CropOrPad.onto(g).withPadValue(padValue));
    }

    /**
     * @return the window this transform cuts from {@code g}
     * @throws TransformException naming the centre point or voxel if it lies outside {@code g}
     * @throws GeometryException  naming the reference if {@code g} is not {@link #onto}'s grid shifted by whole voxels
     */
    GridWindow windowFor(Geometry g) {
        int[] n = g.size();
        int[] start = new int[3];
        switch (anchor) {
            case CENTRE -> {
                for (int a = 0; a < 3; a++) {
                    start[a] = Math.floorDiv(n[a] - size[a], 2);
                }
            }
            case POINT -> {
                double[] idx = g.worldToIndex(point);
                for (int a = 0; a < 3; a++) {
                    long c = Math.round(idx[a]);
                    if (c < 0 || c >= n[a]) {
                        throw new TransformException(String.format(Locale.ROOT,
                                "CropOrPad: centre point (%.3f, %.3f, %.3f) mm LPS lies outside the image: index %.2f "
                                        + "along %s is not within 0..%d of %s",
                                point.x(), point.y(), point.z(), idx[a], AxisPermutation.axisName(a), n[a] - 1, g));
                    }
                    start[a] = (int) c - size[a] / 2;
                }
            }
            case VOXEL -> {
                for (int a = 0; a < 3; a++) {
                    if (voxel[a] >= n[a]) {
                        throw new TransformException("CropOrPad: centre voxel index " + AxisPermutation.axisName(a)
                                + "=" + voxel[a] + " lies outside the image, which has " + n[a] + " voxels along it");
                    }
                    start[a] = voxel[a] - size[a] / 2;
                }
            }
            case REFERENCE -> {
                double[] idx = g.worldToIndex(reference.origin());
                for (int a = 0; a < 3; a++) {
                    start[a] = (int) Math.round(idx[a]);
                }
                GridWindow w = new GridWindow(start, size);
                if (!w.apply(g).equalsWithin(reference, ONTO_TOLERANCE_MM)) {
                    throw new GeometryException("CropOrPad.onto: reference " + reference + " is not the image grid "
                            + g + " shifted by whole voxels (same spacing and axes, within " + ONTO_TOLERANCE_MM
                            + " mm)");
                }
                return w;
            }
            default -> throw new AssertionError(anchor);
        }
        return new GridWindow(start, size);
    }

    private void requireMovable(String method) {
        if (anchor == Anchor.REFERENCE) {
            throw new IllegalStateException("CropOrPad." + method + ": an onto(reference) window is fixed by the "
                    + "reference geometry and cannot be re-centred");
        }
    }

    private String parameters(GridWindow w) {
        String where = switch (anchor) {
            case CENTRE -> "centred";
            case POINT -> String.format(Locale.ROOT, "around point (%.3f, %.3f, %.3f) mm LPS",
                    point.x(), point.y(), point.z());
            case VOXEL -> "around voxel (" + voxel[0] + ", " + voxel[1] + ", " + voxel[2] + ")";
            case REFERENCE -> "onto reference grid";
        };
        return "size=" + size[0] + "x" + size[1] + "x" + size[2] + " voxels, " + where + ", window " + w
                + ", padValue=" + padValue;
    }

    @Override
    public String toString() {
        return "CropOrPad(size=" + size[0] + "x" + size[1] + "x" + size[2] + ", " + anchor.name().toLowerCase(Locale.ROOT)
                + ", padValue=" + padValue + ")";
    }
}
