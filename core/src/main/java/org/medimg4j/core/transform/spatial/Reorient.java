package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.geometry.Orientation;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;

/**
 * Permutes and flips the voxel grid so that the geometry's orientation code (see {@link Orientation}: the
 * patient direction towards which i, j and k increase) becomes a target such as "LPS" (DICOM's order) or "RAS"
 * (NIfTI's usual order). No voxel moves in patient space and none is interpolated: the index axes are only
 * relabelled, so an oblique volume stays oblique, its new axes being its old ones permuted and negated, and its
 * orientation code (that of the closest canonical orientation) becomes the target. The label follows. Its inverse
 * reorients back to the input's code. Immutable and thread-safe.
 *
 * <p>The voxel type is kept. A volume already in the target orientation is returned as it is (the step is still
 * recorded).
 *
 * <p>Limitation: for a volume oblique by exactly 45° the closest canonical axis is a tie, broken by
 * {@link Orientation#closestCanonical} in a fixed order; the result is still a correct relabelling, but its code
 * may then differ from the target.
 *
 * <pre>{@code
 * Sample lps = Reorient.to("LPS").apply(Sample.of(niftiVolume, niftiLabel));
 * }</pre>
 */
public final class Reorient implements Transform {

    private final String target;
    private final double[] targetDirection;

    private Reorient(String target, double[] targetDirection) {
        this.target = target;
        this.targetDirection = targetDirection;
    }

    /**
     * @param code the target orientation code, three letters naming L or R, P or A, S or I once each, in the order
     *             of the i, j, k axes (case-insensitive), e.g. "LPS", "RAS", "LIP"
     * @return the reorientation
     * @throws TransformException naming the target orientation code if it is null or not such a code
     */
    public static Reorient to(String code) {
        try {
            double[] d = Orientation.direction(code);
            return new Reorient(code.toUpperCase(Locale.ROOT), d);
        } catch (GeometryException e) {
            throw new TransformException("Reorient: target " + e.getMessage());
        }
    }

    /** @return the target orientation code, upper case */
    public String target() {
        return target;
    }

    @Override
    public Sample apply(Sample sample) {
        Objects.requireNonNull(sample, "sample");
        Geometry g = sample.image().geometry();
        String from = g.orientationCode();
        return permutationFor(g).apply(sample, "Reorient", from + " -> " + target, Reorient.to(from));
    }

    /**
     * The signed permutation taking {@code g}'s grid to the target orientation: output axis o runs along the input
     * axis whose canonical direction is the target's axis o, reversed when the two point opposite ways.
     */
    AxisPermutation permutationFor(Geometry g) {
        double[] canonical = Orientation.closestCanonical(g.direction());
        int[] source = new int[3];
        boolean[] reversed = new boolean[3];
        for (int o = 0; o < 3; o++) {
            for (int row = 0; row < 3; row++) {
                double want = targetDirection[row * 3 + o];
                if (want == 0) {
                    continue;
                }
                // closestCanonical uses each patient axis (row) exactly once, so exactly one input axis matches.
                for (int a = 0; a < 3; a++) {
                    double have = canonical[row * 3 + a];
                    if (have != 0) {
                        source[o] = a;
                        reversed[o] = have != want;
                    }
                }
            }
        }
        return AxisPermutation.of(source, reversed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reorient r && r.target.equals(target);
    }

    @Override
    public int hashCode() {
        return target.hashCode();
    }

    @Override
    public String toString() {
        return "Reorient(to " + target + ")";
    }
}
