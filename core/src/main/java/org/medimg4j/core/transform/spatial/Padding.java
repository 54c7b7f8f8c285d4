package org.medimg4j.core.transform.spatial;

import java.util.Locale;

/**
 * What a resampler writes where the output grid reaches outside the input image. Immutable.
 *
 * <p>A point is inside the input when its continuous index lies within the input's voxel boxes, that is within
 * [−½, n − ½] on every axis (the extent of {@link org.medimg4j.core.geometry.Geometry#boundingBox()}); inside
 * that range, reads beyond the outermost voxel centre hold the edge value. An axis of a single voxel (the depth
 * of a 2-D image) counts as infinitely thick: nothing is ever outside along it, so a 2-D image stays readable
 * after a small out-of-plane rotation.
 *
 * <p>Labels ignore the value: under {@link #constant(float)} and {@link #minimum()} they pad with background 0;
 * under {@link #edge()} they hold the edge label like images do.
 */
public final class Padding {

    private enum Kind { CONSTANT, EDGE, MINIMUM }

    private static final Padding EDGE = new Padding(Kind.EDGE, 0f);
    private static final Padding MINIMUM = new Padding(Kind.MINIMUM, 0f);

    private final Kind kind;
    private final float value;

    private Padding(Kind kind, float value) {
        this.kind = kind;
        this.value = value;
    }

    /**
     * @param value the value written outside the input, in the image's unit (e.g. −1000 HU for air in CT)
     * @return constant padding
     * @throws IllegalArgumentException naming {@code value} if it is NaN (a NaN would poison every later mean)
     */
    public static Padding constant(float value) {
        if (Float.isNaN(value)) {
            throw new IllegalArgumentException("Padding.constant: value must not be NaN");
        }
        return new Padding(Kind.CONSTANT, value);
    }

    /** @return padding that repeats the nearest edge voxel of the input (clamps the index) */
    public static Padding edge() {
        return EDGE;
    }

    /**
     * @return padding with the smallest value of each channel of the input: air in CT, background in MR and
     *         X-ray, whatever the unit; computed only when some output voxel actually falls outside
     */
    public static Padding minimum() {
        return MINIMUM;
    }

    /** @return whether outside reads clamp to the edge rather than write a pad value */
    public boolean isEdge() {
        return kind == Kind.EDGE;
    }

    /** @return whether the pad value is each channel's minimum */
    public boolean isMinimum() {
        return kind == Kind.MINIMUM;
    }

    /** @return the constant pad value (meaningful for {@link #constant(float)} only), image unit */
    public float value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p && p.kind == kind && Float.compare(p.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Float.hashCode(value);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EDGE -> "edge";
            case MINIMUM -> "minimum";
            case CONSTANT -> String.format(Locale.ROOT, "constant %g", value);
        };
    }
}
