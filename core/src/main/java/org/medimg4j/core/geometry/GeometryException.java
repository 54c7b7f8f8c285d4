package org.medimg4j.core.geometry;

/**
 * Thrown when a geometry is invalid (zero or negative spacing, non-orthonormal direction cosines, a size of 0)
 * or when two geometries that must agree (an image and its label, say) do not. The message names the
 * parameter or the two geometries and what was expected.
 */
public class GeometryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public GeometryException(String message) {
        super(message);
    }
}
