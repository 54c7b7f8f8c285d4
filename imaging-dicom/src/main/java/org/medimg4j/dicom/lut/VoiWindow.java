package org.medimg4j.dicom.lut;

import java.util.Objects;
import org.medimg4j.core.transform.intensity.WindowLevel;

/**
 * One VOI window (PS3.3 C.11.2.1.2): Window Center (0028,1050), Window Width (0028,1051), the VOI LUT Function
 * (0028,1056) that interprets them, and its Window Center &amp; Width Explanation (0028,1055) ("" when the file
 * gives none). Centre and width are in the units of the Modality LUT's output (HU for CT; stored values for most
 * projection X-ray). Immutable.
 *
 * <p>{@link #apply(double, double, double)} is the standard's formula for one value; {@link VoiLut} runs it over
 * arrays.
 *
 * @param center      window centre, output units of the Modality LUT, finite
 * @param width       window width, same units: ≥ 1 for {@link VoiFunction#LINEAR}, &gt; 0 otherwise
 * @param function    how the window maps values
 * @param explanation the file's explanation of this window (e.g. "BONE"), "" when none
 */
public record VoiWindow(double center, double width, VoiFunction function, String explanation) {

    /**
     * @throws IllegalArgumentException naming "center" or "width" when the centre is not finite or the width breaks
     *                                  the function's rule (PS3.3 C.11.2.1.2.1: width ≥ 1 for LINEAR; C.11.2.1.3:
     *                                  &gt; 0 for LINEAR_EXACT and SIGMOID)
     */
    public VoiWindow {
        Objects.requireNonNull(function, "function");
        explanation = explanation == null ? "" : explanation;
        if (!Double.isFinite(center)) {
            throw new IllegalArgumentException("VoiWindow: center must be finite, got " + center);
        }
        if (!function.acceptsWidth(width)) {
            throw new IllegalArgumentException("VoiWindow: width must be " + function.widthRule() + " for "
                    + function + ", got " + width);
        }
    }

    /** @return a LINEAR window without explanation */
    public static VoiWindow of(double center, double width) {
        return new VoiWindow(center, width, VoiFunction.LINEAR, "");
    }

    /** @return a window of {@code function} without explanation */
    public static VoiWindow of(double center, double width, VoiFunction function) {
        return new VoiWindow(center, width, function, "");
    }

    /**
     * A core window (a named preset, e.g. {@code WindowLevel.lung()}) as a VOI window: LINEAR_EXACT with the same
     * centre and width, which clamps at the same points, centre ± width/2, and has the same slope.
     *
     * @param window the core window
     * @return the VOI window, explanation "WindowLevel"
     */
    public static VoiWindow fromWindowLevel(WindowLevel window) {
        return new VoiWindow(window.centerHu(), window.widthHu(), VoiFunction.LINEAR_EXACT, "WindowLevel");
    }

    /**
     * @return the largest input that still gives ymin: c − 0.5 − (w − 1)/2 (LINEAR), c − w/2 (LINEAR_EXACT);
     *         negative infinity for SIGMOID, which never reaches ymin
     */
    public double lowerClamp() {
        return switch (function) {
            case LINEAR -> center - 0.5 - (width - 1) / 2;
            case LINEAR_EXACT -> center - width / 2;
            case SIGMOID -> Double.NEGATIVE_INFINITY;
        };
    }

    /**
     * @return the largest input that does not yet give ymax by clamping: c − 0.5 + (w − 1)/2 (LINEAR, where the
     *         formula itself gives ymax), c + w/2 (LINEAR_EXACT); positive infinity for SIGMOID
     */
    public double upperClamp() {
        return switch (function) {
            case LINEAR -> center - 0.5 + (width - 1) / 2;
            case LINEAR_EXACT -> center + width / 2;
            case SIGMOID -> Double.POSITIVE_INFINITY;
        };
    }

    /**
     * The standard's formula for one value.
     *
     * @param x    a modality value (output units of the Modality LUT)
     * @param yMin the output for values below the window
     * @param yMax the output for values above the window
     * @return the windowed value in [yMin, yMax]; NaN for NaN
     */
    public double apply(double x, double yMin, double yMax) {
        return switch (function) {
            case LINEAR -> x <= lowerClamp() ? yMin : x > upperClamp() ? yMax
                    : ((x - (center - 0.5)) / (width - 1) + 0.5) * (yMax - yMin) + yMin;
            case LINEAR_EXACT -> x <= lowerClamp() ? yMin : x > upperClamp() ? yMax
                    : ((x - center) / width + 0.5) * (yMax - yMin) + yMin;
            case SIGMOID -> (yMax - yMin) / (1 + Math.exp(-4 * (x - center) / width)) + yMin;
        };
    }

    /**
     * The same window for inverted values {@code x' = sum − x}: for every x, the mirrored window maps
     * {@code sum − x} to {@code yMin + yMax − apply(x)}, i.e. it shows the inverted image exactly as the original
     * window shows the original one, inverted. The width is unchanged; the centre becomes {@code sum − c} for
     * LINEAR_EXACT and SIGMOID, and {@code sum + 1 − c} for LINEAR, whose (c − 0.5) offset is not symmetric (a
     * full-range 12-bit window, c 2048 w 4096 with sum 4095, maps onto itself).
     *
     * @param sum the sum that defines the inversion: minimum + maximum of the value range
     * @return the mirrored window, same function and explanation
     */
    public VoiWindow mirrored(double sum) {
        double c = function == VoiFunction.LINEAR ? sum + 1 - center : sum - center;
        return new VoiWindow(c, width, function, explanation);
    }

    /**
     * The closest core {@link WindowLevel} (clamp to a range, then optionally scale to [0, 1]): exact for
     * LINEAR_EXACT (centre c, width w) and LINEAR (centre c − 0.5, width w − 1: the same clamp points and slope).
     *
     * @return the core window
     * @throws IllegalStateException for SIGMOID, which is not a clamped line, and for a LINEAR width of exactly 1,
     *                               whose line is a step (width 0)
     */
    public WindowLevel toWindowLevel() {
        return switch (function) {
            case LINEAR_EXACT -> WindowLevel.of(center, width);
            case LINEAR -> {
                if (width == 1) {
                    throw new IllegalStateException("a LINEAR window of width 1 is a step, no WindowLevel has it");
                }
                yield WindowLevel.of(center - 0.5, width - 1);
            }
            case SIGMOID -> throw new IllegalStateException("a SIGMOID window has no linear WindowLevel equivalent");
        };
    }
}
