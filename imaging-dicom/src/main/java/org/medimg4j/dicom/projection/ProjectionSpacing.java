package org.medimg4j.dicom.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medimg4j.dicom.Attribute;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * The pixel spacing of a projection X-ray image (CR, DX, MG, IO, PX, RF), in mm, and where it came from. Immutable.
 *
 * <p>A projection has no single spacing "in the patient": the beam diverges, so an object is magnified on the
 * detector by source-to-detector ÷ source-to-object distance, which differs with depth. The attributes, by
 * precedence:
 * <ol>
 *   <li><b>Pixel Spacing (0028,0030)</b>, when present: the spacing the creator states for the patient (PS3.3 10.7,
 *       Basic Pixel Spacing Calibration Macro: when it differs from Imager Pixel Spacing the image was corrected for
 *       known or assumed magnification, or calibrated against an object of known size). Used as is
 *       ({@link SpacingSource#PIXEL_SPACING}); Pixel Spacing Calibration Type (0028,0A02) — GEOMETRY (by the
 *       magnification factor) or FIDUCIAL (by an object of known size) — is recorded but changes nothing. When Pixel
 *       Spacing equals Imager Pixel Spacing while an Estimated Radiographic Magnification Factor other than 1 is
 *       present, the spacing is the detector's, not corrected: it is still used as is, with a warning.</li>
 *   <li>Else <b>Imager Pixel Spacing (0018,1164) ÷ Estimated Radiographic Magnification Factor (0018,1114)</b>
 *       (PS3.3 C.8.11.4, DX Detector: Imager Pixel Spacing is measured at the receptor plane; the factor is
 *       source-to-detector ÷ source-to-object distance, C.8.11.5 DX Positioning, C.8.7.6 XRF Positioner): the
 *       detector spacing brought back to the plane the factor was estimated for
 *       ({@link SpacingSource#IMAGER_PIXEL_SPACING_CORRECTED}).</li>
 *   <li>Else <b>Imager Pixel Spacing</b> alone, the spacing at the detector
 *       ({@link SpacingSource#IMAGER_PIXEL_SPACING}).</li>
 *   <li>Else 1 mm × 1 mm with the warning "no pixel spacing: 1 mm assumed" ({@link SpacingSource#NONE}).</li>
 * </ol>
 * Both attributes hold the row spacing (between rows, along a column) first, then the column spacing (PS3.3
 * 10.7.1.3); {@link #columnMm()} is the second value and goes along x, {@link #rowMm()} the first, along y.
 *
 * @param columnMm        spacing between columns (along a row, x), mm, &gt; 0
 * @param rowMm           spacing between rows (along a column, y), mm, &gt; 0
 * @param source          which attributes it came from
 * @param calibrationType Pixel Spacing Calibration Type ("GEOMETRY", "FIDUCIAL"), "" when absent or when the
 *                        spacing does not come from Pixel Spacing
 * @param warnings        what a user should know (e.g. "no pixel spacing: 1 mm assumed"), empty when nothing
 */
public record ProjectionSpacing(double columnMm, double rowMm, SpacingSource source, String calibrationType,
                                List<String> warnings) {

    /** The warning for an image without any spacing attribute. */
    public static final String NO_SPACING_WARNING = "no pixel spacing: 1 mm assumed (neither (0028,0030) PixelSpacing"
            + " nor (0018,1164) ImagerPixelSpacing)";

    /** @throws IllegalArgumentException naming the spacing that is not a positive finite number of mm */
    public ProjectionSpacing {
        if (!(columnMm > 0) || !Double.isFinite(columnMm)) {
            throw new IllegalArgumentException("columnMm must be a positive finite number of mm, got " + columnMm);
        }
        if (!(rowMm > 0) || !Double.isFinite(rowMm)) {
            throw new IllegalArgumentException("rowMm must be a positive finite number of mm, got " + rowMm);
        }
        java.util.Objects.requireNonNull(source, "source");
        calibrationType = calibrationType == null ? "" : calibrationType;
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the spacing by the precedence in the class comment.
     *
     * @param dataSet the image's data set
     * @return the spacing
     * @throws DicomException naming the file and tag when a spacing attribute present does not hold two positive
     *                        numbers, or the magnification factor is not a positive number
     */
    public static ProjectionSpacing read(Attributes dataSet) throws DicomException {
        List<String> warnings = new ArrayList<>();
        double[] imager = pair(dataSet, Tag.ImagerPixelSpacing);
        Double factor = magnification(dataSet);
        double[] pixel = pair(dataSet, Tag.PixelSpacing);
        if (pixel != null) {
            if (imager != null && factor != null && factor != 1 && pixel[0] == imager[0] && pixel[1] == imager[1]) {
                warnings.add(String.format(Locale.ROOT, "(0028,0030) PixelSpacing equals (0018,1164)"
                        + " ImagerPixelSpacing: spacing at the detector, not corrected by the magnification factor %s"
                        + " (0018,1114); used as is", factor));
            }
            String type = dataSet.getString(Tag.PixelSpacingCalibrationType, "").trim();
            return new ProjectionSpacing(pixel[1], pixel[0], SpacingSource.PIXEL_SPACING, type, warnings);
        }
        if (imager != null) {
            if (factor != null) {
                return new ProjectionSpacing(imager[1] / factor, imager[0] / factor,
                        SpacingSource.IMAGER_PIXEL_SPACING_CORRECTED, "", warnings);
            }
            return new ProjectionSpacing(imager[1], imager[0], SpacingSource.IMAGER_PIXEL_SPACING, "", warnings);
        }
        warnings.add(NO_SPACING_WARNING);
        return new ProjectionSpacing(1, 1, SpacingSource.NONE, "", warnings);
    }

    /** @return the two values (row spacing, column spacing), or null when absent or empty */
    private static double[] pair(Attributes ds, int tag) throws DicomException {
        Attribute a = ds.get(tag).orElse(null);
        if (a == null || a.isEmpty()) {
            return null;
        }
        double[] v = a.doubles();
        if (v.length != 2) {
            throw a.malformed("has " + v.length + " values, expected 2 (row spacing \\ column spacing, mm)");
        }
        for (double x : v) {
            if (!(x > 0) || !Double.isFinite(x)) {
                // PS3.3 10.7.1.3: spacing values are positive (zero only for a single row or column)
                throw a.malformed("value " + x + " is not a positive number of mm");
            }
        }
        return v;
    }

    private static Double magnification(Attributes ds) throws DicomException {
        Attribute a = ds.get(Tag.EstimatedRadiographicMagnificationFactor).orElse(null);
        if (a == null || a.isEmpty()) {
            return null;
        }
        double[] v = a.doubles();
        if (v.length != 1 || !(v[0] > 0) || !Double.isFinite(v[0])) {
            throw a.malformed("is " + java.util.Arrays.toString(v) + ", expected one positive factor");
        }
        return v[0];
    }
}
