package org.medimg4j.core.transform;

import java.util.Objects;
import java.util.Optional;
import org.medimg4j.core.geometry.Geometry;

/**
 * What a transform did to a sample: its name and the parameters it used (for a random transform, the values it
 * drew), the geometry before and after, and for spatial transforms the transform that undoes it.
 *
 * @param name        the transform, e.g. "Flip"
 * @param parameters  the parameters as applied, human-readable with units, e.g. "axes=[0], probability drew 0.31"
 * @param spatial     whether voxels moved (then labels moved too)
 * @param before      the image geometry before
 * @param after       the image geometry after
 * @param inverse     undoes the transform, mapping an image or label on {@code after} back onto {@code before};
 *                    null where none exists (intensity transforms, or a deformation without an inverse)
 */
public record AppliedTransform(String name, String parameters, boolean spatial, Geometry before, Geometry after,
                               Transform inverse) {

    public AppliedTransform {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** @return a record of an intensity transform (not spatial, nothing to invert) */
    public static AppliedTransform intensity(String name, String parameters, Geometry geometry) {
        return new AppliedTransform(name, parameters, false, geometry, geometry, null);
    }

    /** @return the inverse, where there is one */
    public Optional<Transform> inverseTransform() {
        return Optional.ofNullable(inverse);
    }

    @Override
    public String toString() {
        return name + "(" + parameters + ")";
    }
}
