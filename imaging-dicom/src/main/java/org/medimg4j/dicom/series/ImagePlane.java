package org.medimg4j.dicom.series;

import java.util.Objects;
import org.medimg4j.core.geometry.Point3;

/**
 * Where one 2-D image lies in patient space: the Image Plane module (PS3.3 C.7.6.2), or the Plane Position, Plane
 * Orientation and Pixel Measures functional groups of one frame (C.7.6.16.2.3–2.5). Immutable.
 *
 * <p>Pixel (column c, row r) is centred at {@code position + c · columnSpacingMm · rowDirection + r ·
 * rowSpacingMm · columnDirection} (C.7.6.2.1.1): the <em>row</em> direction is the direction along a row (of
 * increasing column index), and Pixel Spacing's first value, the distance between adjacent rows, is the step along
 * the <em>column</em> direction.
 *
 * @param position               Image Position (Patient): the centre of the first pixel, LPS mm
 * @param rowDirection           first three values of Image Orientation (Patient), unit vector (normalised here)
 * @param columnDirection        last three values of Image Orientation (Patient), unit vector (normalised here)
 * @param rowSpacingMm           Pixel Spacing[0], the distance between adjacent rows (the volume's y spacing), mm
 * @param columnSpacingMm        Pixel Spacing[1], the distance between adjacent columns (the volume's x spacing), mm
 * @param rows                   Rows
 * @param columns                Columns
 * @param sliceThicknessMm       Slice Thickness (0018,0050), mm, NaN when absent
 * @param spacingBetweenSlicesMm Spacing Between Slices (0018,0088), mm, NaN when absent
 */
public record ImagePlane(Point3 position, Point3 rowDirection, Point3 columnDirection, double rowSpacingMm,
                         double columnSpacingMm, int rows, int columns, double sliceThicknessMm,
                         double spacingBetweenSlicesMm) {

    /** The largest deviation of a direction cosine vector from unit length or of the two from orthogonal. */
    public static final double DIRECTION_TOLERANCE = 1e-3;

    /**
     * @throws IllegalArgumentException naming the parameter when a direction is not a unit vector, the two are not
     *                                  orthogonal (within {@link #DIRECTION_TOLERANCE}), a coordinate or spacing is
     *                                  not finite and positive, or rows / columns are not positive
     */
    public ImagePlane {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(rowDirection, "rowDirection");
        Objects.requireNonNull(columnDirection, "columnDirection");
        requireFinite(position, "position");
        requireFinite(rowDirection, "rowDirection");
        requireFinite(columnDirection, "columnDirection");
        double nr = Vec3.norm(rowDirection);
        double nc = Vec3.norm(columnDirection);
        if (Math.abs(nr - 1) > DIRECTION_TOLERANCE) {
            throw new IllegalArgumentException("rowDirection " + Vec3.format(rowDirection) + " has length " + nr
                    + ", not 1");
        }
        if (Math.abs(nc - 1) > DIRECTION_TOLERANCE) {
            throw new IllegalArgumentException("columnDirection " + Vec3.format(columnDirection) + " has length "
                    + nc + ", not 1");
        }
        rowDirection = Vec3.scale(rowDirection, 1 / nr);
        columnDirection = Vec3.scale(columnDirection, 1 / nc);
        double dot = Vec3.dot(rowDirection, columnDirection);
        if (Math.abs(dot) > DIRECTION_TOLERANCE) {
            throw new IllegalArgumentException("rowDirection and columnDirection are not orthogonal (dot product "
                    + dot + ")");
        }
        if (!(rowSpacingMm > 0) || Double.isInfinite(rowSpacingMm)) {
            throw new IllegalArgumentException("rowSpacingMm must be a positive finite number of mm, got "
                    + rowSpacingMm);
        }
        if (!(columnSpacingMm > 0) || Double.isInfinite(columnSpacingMm)) {
            throw new IllegalArgumentException("columnSpacingMm must be a positive finite number of mm, got "
                    + columnSpacingMm);
        }
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("rows and columns must be >= 1, got " + rows + " x " + columns);
        }
    }

    private static void requireFinite(Point3 p, String name) {
        if (!Double.isFinite(p.x()) || !Double.isFinite(p.y()) || !Double.isFinite(p.z())) {
            throw new IllegalArgumentException(name + " must be finite, got " + p);
        }
    }

    /** @return the unit normal of the plane, rowDirection × columnDirection (the direction of increasing slice) */
    public Point3 normal() {
        return Vec3.unit(Vec3.cross(rowDirection, columnDirection));
    }

    /** @return the signed distance of the plane from the patient origin along {@code unitNormal}, mm */
    public double along(Point3 unitNormal) {
        return Vec3.dot(position, unitNormal);
    }
}
