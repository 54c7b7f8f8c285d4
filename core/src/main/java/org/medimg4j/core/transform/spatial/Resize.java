package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * Resamples a sample to a given number of voxels, keeping its physical extent exactly: the spacing along each
 * axis becomes {@code n_old · s_old / n_new} mm and, as in {@link Resample#toSpacing}, the grid's outer voxel
 * corner stays put (the first voxel centre moves by (s_new − s_old)/2 along each axis), so the bounding box is
 * unchanged. Images use the configured {@link Interpolation} (default LINEAR), labels nearest neighbour. Records
 * an {@link AppliedTransform} whose inverse resamples back onto the original geometry.
 *
 * <p>A size whose output would not fit one Java array (channels · nx · ny · nz at most
 * {@code Integer.MAX_VALUE − 8}) or the heap throws a {@link org.medimg4j.core.transform.TransformException} naming
 * the size, when the transform is applied and before anything is allocated.
 */
public final class Resize implements Transform {

    private final int[] size;
    private final Interpolation interpolation;

    private Resize(int[] size, Interpolation interpolation) {
        this.size = size;
        this.interpolation = interpolation;
    }

    /**
     * @param nx voxels along i (columns), at least 1
     * @param ny voxels along j (rows), at least 1
     * @param nz voxels along k (slices), at least 1 (1 for a 2-D image)
     * @throws GeometryException naming the parameter if a size is not positive
     */
    public static Resize to(int nx, int ny, int nz) {
        requireSize(nx, "nx");
        requireSize(ny, "ny");
        requireSize(nz, "nz");
        return new Resize(new int[] {nx, ny, nz}, Interpolation.LINEAR);
    }

    private static void requireSize(int n, String name) {
        if (n < 1) {
            throw new GeometryException("Resize.to: " + name + " must be >= 1 voxel, got " + n);
        }
    }

    /**
     * @param newInterpolation how images are read (labels are always read nearest)
     * @throws IllegalArgumentException naming {@code interpolation} if null
     */
    public Resize withInterpolation(Interpolation newInterpolation) {
        return new Resize(size, GridResampler.requireNonNull("Resize", "interpolation", newInterpolation));
    }

    /** @return the grid a sample on {@code source} is resized onto */
    public Geometry targetGeometry(Geometry source) {
        double[] spacing = new double[3];
        for (int a = 0; a < 3; a++) {
            spacing[a] = source.size()[a] * source.spacing(a) / size[a];
        }
        return Resample.keepingOuterCorner(source, size, spacing);
    }

    @Override
    public Sample apply(Sample sample) {
        Volume image = sample.image();
        Geometry before = image.geometry();
        Geometry after = targetGeometry(before);
        // the new grid lies within the old one's voxel boxes: padding can only matter at rounding level
        GridResampler r = GridResampler.of(interpolation, Padding.edge());
        String what = "Resize.to: size (nx, ny, nz) = (" + size[0] + ", " + size[1] + ", " + size[2] + ")";
        Volume out = r.resampleImage(what, image, after, WorldAffine.identity(), null);
        LabelVolume label = sample.labelOrNull();
        LabelVolume outLabel = label == null ? null
                : r.resampleLabels(what, label, after, WorldAffine.identity(), null);
        Transform inverse = Resample.onto(before).withInterpolation(interpolation).withPadding(Padding.edge());
        String params = String.format(Locale.ROOT, "size %dx%dx%d -> %dx%dx%d, spacing (%.4g, %.4g, %.4g) -> "
                        + "(%.4g, %.4g, %.4g) mm, interpolation=%s", before.nx(), before.ny(), before.nz(), after.nx(),
                after.ny(), after.nz(), before.spacing(0), before.spacing(1), before.spacing(2), after.spacing(0),
                after.spacing(1), after.spacing(2), interpolation);
        return sample.next(out, outLabel, new AppliedTransform("Resize", params, true, before, after, inverse));
    }

    @Override
    public String toString() {
        return "Resize.to(" + size[0] + "x" + size[1] + "x" + size[2] + ")";
    }
}
