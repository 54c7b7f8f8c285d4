package org.medimg4j.models.bundle;

import java.util.List;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformChain;

/**
 * What the network expects and how to get there from an image.
 *
 * @param channels      input channels, &gt;= 1
 * @param size          the patch or image size the network takes, voxels {nx, ny, nz} (nz 1 for 2-D)
 * @param spacingMm     the voxel spacing the network was trained at, mm {sx, sy, sz}, or null if not fixed
 * @param orientation   the orientation code the network was trained in (e.g. "LPS"), or null if not fixed
 * @param preprocessing the deterministic intensity/spatial steps applied before the network, in order
 */
public record InputSpec(int channels, int[] size, double[] spacingMm, String orientation,
                        List<PreprocessingStep> preprocessing) {

    /** @throws IllegalArgumentException naming channels, size or spacingMm when out of range */
    public InputSpec {
        if (channels < 1) {
            throw new IllegalArgumentException("InputSpec: channels must be >= 1, got " + channels);
        }
        if (size == null || size.length != 3 || size[0] < 1 || size[1] < 1 || size[2] < 1) {
            throw new IllegalArgumentException("InputSpec: size must be three voxel counts >= 1 {nx, ny, nz}, got "
                    + (size == null ? null : java.util.Arrays.toString(size)));
        }
        if (spacingMm != null && (spacingMm.length != 3 || !(spacingMm[0] > 0 && spacingMm[1] > 0
                && spacingMm[2] > 0))) {
            throw new IllegalArgumentException("InputSpec: spacingMm must be three positive spacings in mm, got "
                    + java.util.Arrays.toString(spacingMm));
        }
        size = size.clone();
        spacingMm = spacingMm == null ? null : spacingMm.clone();
        preprocessing = preprocessing == null ? List.of() : List.copyOf(preprocessing);
    }

    @Override
    public int[] size() {
        return size.clone();
    }

    @Override
    public double[] spacingMm() {
        return spacingMm == null ? null : spacingMm.clone();
    }

    /**
     * @return the preprocessing rebuilt as a core transform chain, steps in order
     * @throws IllegalArgumentException (or {@link PreprocessingStep.UnknownTransformException}) naming the step
     *                                  that cannot be built
     */
    public TransformChain preprocessingChain() {
        Transform[] steps = new Transform[preprocessing.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = preprocessing.get(i).toTransform();
        }
        return TransformChain.of(steps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpec s && s.channels == channels && java.util.Arrays.equals(s.size, size)
                && java.util.Arrays.equals(s.spacingMm, spacingMm) && java.util.Objects.equals(s.orientation, orientation)
                && s.preprocessing.equals(preprocessing);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(channels, java.util.Arrays.hashCode(size), java.util.Arrays.hashCode(spacingMm),
                orientation, preprocessing);
    }

    @Override
    public String toString() {
        return "InputSpec[channels=" + channels + ", size=" + java.util.Arrays.toString(size) + ", spacingMm="
                + java.util.Arrays.toString(spacingMm) + ", orientation=" + orientation + ", preprocessing="
                + preprocessing + "]";
    }
}
