package org.medimg4j.imagej;

import ij.measure.Calibration;
import java.util.Locale;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;

/**
 * {@link Geometry} ↔ ImageJ's spatial {@link Calibration}. ImageJ maps a pixel index i to the calibrated coordinate
 * {@code (i − xOrigin)·pixelWidth} (likewise y, z) and has no direction cosines. We set the spacing as pixel size
 * in mm and the origin to the continuous voxel index at which the LPS point (0, 0, 0) lies (the translation of
 * {@link Geometry#worldToIndexAffine()}): ImageJ's coordinates are then the coordinates of a point along the
 * volume's own i, j, k axes ({@code D⁻¹·p}), which for an axis-aligned LPS volume (identity direction) are exactly
 * its LPS millimetres.
 */
final class SpatialCalibration {

    /**
     * How far ImageJ's pixel size may drift from the stored spacing (relative) and still count as unchanged. ImageJ
     * keeps the x and y pixel size in a TIFF as a rational resolution: measured on 1.54p, off by below 1e-5 for
     * spacings of 0.1–10 mm but by up to 0.3% near 3 m. A deliberate re-calibration is a larger change.
     */
    static final double SPACING_RELATIVE_TOLERANCE = 1e-2;

    /** How far ImageJ's origin may drift from the stored geometry's, in voxels (it is saved as decimal text). */
    static final double ORIGIN_TOLERANCE_VOXELS = 1e-3;

    private static final String[] SIZE_NAMES = {"pixelWidth", "pixelHeight", "pixelDepth"};
    private static final String[] ORIGIN_NAMES = {"xOrigin", "yOrigin", "zOrigin"};

    private SpatialCalibration() {
    }

    /** Sets {@code cal}'s pixel size (mm) and origin (pixels) from {@code g}. */
    static void apply(Calibration cal, Geometry g) {
        cal.setUnit("mm");
        cal.pixelWidth = g.spacing(0);
        cal.pixelHeight = g.spacing(1);
        cal.pixelDepth = g.spacing(2);
        double[] w = g.worldToIndexAffine();
        cal.xOrigin = w[3];
        cal.yOrigin = w[7];
        cal.zOrigin = w[11];
    }

    /**
     * The geometry ImageJ's calibration alone describes: identity direction, spacing = pixel size converted to mm,
     * origin (LPS mm of voxel 0) = −xOrigin·pixelWidth (likewise y, z).
     *
     * @throws ImageJInteropException naming the field, if a pixel size is not positive and finite or a unit is not
     *                                a length ImageJ uses
     */
    static Geometry fromCalibration(Calibration cal, int nx, int ny, int nz, String source)
            throws ImageJInteropException {
        double[] size = sizes(cal);
        double[] mm = new double[3];
        double[] origin = new double[3];
        double[] pixelOrigin = {cal.xOrigin, cal.yOrigin, cal.zOrigin};
        for (int a = 0; a < 3; a++) {
            if (!(size[a] > 0) || Double.isInfinite(size[a])) {
                throw new ImageJInteropException(source, "calibration " + SIZE_NAMES[a]
                        + " must be a positive finite number, got " + size[a]);
            }
            if (!Double.isFinite(pixelOrigin[a])) {
                throw new ImageJInteropException(source, "calibration " + ORIGIN_NAMES[a] + " must be finite, got "
                        + pixelOrigin[a]);
            }
            mm[a] = size[a] * mmPerUnit(units(cal)[a], SIZE_NAMES[a], source);
            // 0 − x, not −x: an origin of 0 pixels is +0.0 mm, not −0.0 (which Geometry.equals tells apart)
            origin[a] = 0.0 - pixelOrigin[a] * mm[a];
        }
        try {
            return Geometry.builder().size(nx, ny, nz).spacing(mm[0], mm[1], mm[2])
                    .origin(origin[0], origin[1], origin[2]).build();
        } catch (GeometryException e) {
            throw new ImageJInteropException(source, "calibration gives no valid geometry: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses an image whose ImageJ calibration was changed after the geometry was stored (Image › Properties, a
     * crop, a scale): the stored geometry would then silently undo the user's change.
     *
     * @throws ImageJInteropException naming the calibration field and the stored key that disagree
     */
    static void requireConsistent(Calibration cal, Geometry stored, String source) throws ImageJInteropException {
        double[] size = sizes(cal);
        double[] w = stored.worldToIndexAffine();
        double[] expectedOrigin = {w[3], w[7], w[11]};
        double[] pixelOrigin = {cal.xOrigin, cal.yOrigin, cal.zOrigin};
        // ImageJ does not keep a single image's depth or z origin in a TIFF: a one-slice grid has no z to check
        int axes = stored.nz() > 1 ? 3 : 2;
        for (int a = 0; a < axes; a++) {
            double mm = size[a] * mmPerUnit(units(cal)[a], SIZE_NAMES[a], source);
            if (!(Math.abs(mm / stored.spacing(a) - 1) <= SPACING_RELATIVE_TOLERANCE)) {
                throw new ImageJInteropException(source, "ImageJ calibration " + SIZE_NAMES[a] + " = " + mm
                        + " mm disagrees with " + ImageJProperties.SPACING + " " + stored.spacing(a) + " mm: the image"
                        + " was re-calibrated in ImageJ after export; remove the medimg4j.* properties to use the"
                        + " calibration alone");
            }
            if (!(Math.abs(pixelOrigin[a] - expectedOrigin[a]) <= ORIGIN_TOLERANCE_VOXELS)) {
                throw new ImageJInteropException(source, "ImageJ calibration " + ORIGIN_NAMES[a] + " = "
                        + pixelOrigin[a] + " pixels disagrees with " + ImageJProperties.ORIGIN + " (which gives "
                        + expectedOrigin[a] + "): the image was moved or cropped in ImageJ after export; remove the"
                        + " medimg4j.* properties to use the calibration alone");
            }
        }
    }

    private static double[] sizes(Calibration cal) {
        return new double[] {cal.pixelWidth, cal.pixelHeight, cal.pixelDepth};
    }

    private static String[] units(Calibration cal) {
        return new String[] {cal.getXUnit(), cal.getYUnit(), cal.getZUnit()};
    }

    /**
     * @return millimetres per ImageJ length unit; an uncalibrated image ("pixel") counts one pixel as 1 mm
     * @throws ImageJInteropException naming the unit, for one that is not a length
     */
    static double mmPerUnit(String unit, String field, String source) throws ImageJInteropException {
        String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "", "pixel", "pixels" -> 1;
            case "mm", "millimeter", "millimeters", "millimetre", "millimetres" -> 1;
            case "cm", "centimeter", "centimeters", "centimetre", "centimetres" -> 10;
            case "m", "meter", "meters", "metre", "metres" -> 1000;
            // ImageJ writes micrometres with MICRO SIGN (U+00B5); GREEK SMALL LETTER MU (U+03BC) is seen as well
            case "\u00b5m", "\u03bcm", "um", "micron", "microns", "micrometer", "micrometers", "micrometre",
                 "micrometres" -> 1e-3;
            case "nm", "nanometer", "nanometers", "nanometre", "nanometres" -> 1e-6;
            case "inch", "inches", "in" -> 25.4;
            default -> throw new ImageJInteropException(source, "calibration unit \"" + unit + "\" of " + field
                    + " is not a length this reader converts to mm (mm, cm, m, µm, nm, inch or pixel)");
        };
    }
}
