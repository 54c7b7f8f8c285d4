package org.medimg4j.dicom.lut;

import java.util.Locale;
import java.util.Objects;

/**
 * The VOI stage as a function from modality values to an output range [yMin, yMax] — [0, 1] for a network,
 * [0, 255] for an 8-bit display: a window ({@link VoiWindow}, with its LINEAR, LINEAR_EXACT or SIGMOID function,
 * PS3.3 C.11.2.1.2–3) or a VOI LUT Sequence table (C.11.2.1.1). Immutable and thread-safe.
 *
 * <p>Every form is {@code y = yMin + g(x) · (yMax − yMin)} with g in [0, 1]; values the window clamps get yMin or
 * yMax exactly. A table is looked up at the input rounded to the nearest integer (ties up) and its entries,
 * 0 to 2^bits − 1 by the LUT Descriptor, are scaled onto [yMin, yMax]. NaN stays NaN.
 *
 * <p>{@link #mirrored(double)} gives the same VOI for inverted input {@code x' = sum − x} with inverted output, so a
 * MONOCHROME1 image that was inverted to "larger is brighter" keeps the file's VOI exactly.
 *
 * <p>The array methods switch on the form once and run one primitive loop (arithmetic in double, one float
 * store per value).
 */
public final class VoiLut {

    private enum Form { LINEAR, LINEAR_EXACT, SIGMOID, TABLE }

    private final Form form;
    private final double center;
    private final double width;
    private final LookupTable table;
    private final double yMin;
    private final double yMax;
    /** Input transform x → inputSign · x + inputOffset (identity, or sum − x when mirrored). */
    private final double inputSign;
    private final double inputOffset;
    /** Outputs at g = 0 and g = 1 (swapped when mirrored). */
    private final double yLow;
    private final double yHigh;

    private VoiLut(Form form, double center, double width, LookupTable table, double yMin, double yMax,
                   double inputSign, double inputOffset) {
        this.form = form;
        this.center = center;
        this.width = width;
        this.table = table;
        this.yMin = yMin;
        this.yMax = yMax;
        this.inputSign = inputSign;
        this.inputOffset = inputOffset;
        boolean flip = inputSign < 0;
        this.yLow = flip ? yMax : yMin;
        this.yHigh = flip ? yMin : yMax;
    }

    /**
     * @param window the window (its function decides the formula)
     * @param yMin   output below the window, finite
     * @param yMax   output above the window, finite, &gt; yMin
     * @return the window as a LUT
     * @throws IllegalArgumentException naming "yMin"/"yMax" when the range is empty or not finite
     */
    public static VoiLut of(VoiWindow window, double yMin, double yMax) {
        Objects.requireNonNull(window, "window");
        checkRange(yMin, yMax);
        Form f = switch (window.function()) {
            case LINEAR -> Form.LINEAR;
            case LINEAR_EXACT -> Form.LINEAR_EXACT;
            case SIGMOID -> Form.SIGMOID;
        };
        return new VoiLut(f, window.center(), window.width(), null, yMin, yMax, 1, 0);
    }

    /**
     * @param table a VOI LUT Sequence table
     * @param yMin  output for the entry value 0
     * @param yMax  output for the entry value 2^bits − 1
     * @return the table as a LUT onto [yMin, yMax]
     * @throws IllegalArgumentException naming "yMin"/"yMax" when the range is empty or not finite
     */
    public static VoiLut of(LookupTable table, double yMin, double yMax) {
        Objects.requireNonNull(table, "table");
        checkRange(yMin, yMax);
        return new VoiLut(Form.TABLE, 0, 0, table, yMin, yMax, 1, 0);
    }

    /**
     * A window over a value range, for images that carry no VOI: LINEAR_EXACT from {@code lo} to {@code hi}, so lo
     * gives yMin and hi gives yMax. A constant image ({@code lo == hi}) gets a window of width 1 centred on it (its
     * value maps to the middle of the range).
     *
     * @param lo the smallest value (e.g. the image minimum)
     * @param hi the largest value, ≥ lo
     * @param yMin output at lo
     * @param yMax output at hi
     * @return the LUT
     * @throws IllegalArgumentException naming "lo"/"hi" when they are not finite or hi &lt; lo, or "yMin"/"yMax"
     */
    public static VoiLut ofRange(double lo, double hi, double yMin, double yMax) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
            throw new IllegalArgumentException("VoiLut: lo and hi must be finite with hi >= lo, got lo=" + lo
                    + ", hi=" + hi);
        }
        double w = hi > lo ? hi - lo : 1;
        return of(new VoiWindow(lo + (hi - lo) / 2, w, VoiFunction.LINEAR_EXACT, "value range"), yMin, yMax);
    }

    private static void checkRange(double yMin, double yMax) {
        if (!Double.isFinite(yMin) || !Double.isFinite(yMax) || !(yMax > yMin)) {
            throw new IllegalArgumentException("VoiLut: yMin and yMax must be finite with yMax > yMin, got yMin="
                    + yMin + ", yMax=" + yMax);
        }
    }

    /**
     * The same VOI for inverted input: the result maps {@code sum − x} to {@code yMin + yMax − apply(x)}. Mirroring
     * twice with the same sum gives the original mapping back.
     *
     * @param sum minimum + maximum of the value range the inversion used, finite
     * @return the mirrored LUT
     * @throws IllegalArgumentException naming "sum" when it is not finite
     */
    public VoiLut mirrored(double sum) {
        if (!Double.isFinite(sum)) {
            throw new IllegalArgumentException("VoiLut: sum must be finite, got " + sum);
        }
        // (s − (sign·x + off)) == (−sign)·x + (s − off)
        return new VoiLut(form, center, width, table, yMin, yMax, -inputSign, sum - inputOffset);
    }

    /** @return the output for input values below the window (not mirrored) */
    public double yMin() {
        return yMin;
    }

    /** @return the output for input values above the window (not mirrored) */
    public double yMax() {
        return yMax;
    }

    /** @return whether this LUT expects inverted input (see {@link #mirrored(double)}) */
    public boolean isMirrored() {
        return inputSign < 0;
    }

    /**
     * @param x an input value
     * @return its output, in [yMin, yMax]; NaN for NaN
     */
    public double apply(double x) {
        double v = inputSign * x + inputOffset;
        return switch (form) {
            case LINEAR -> linear(v, center - 0.5, width - 1);
            case LINEAR_EXACT -> linear(v, center, width);
            case SIGMOID -> yLow + (yHigh - yLow) / (1 + Math.exp(-4 * (v - center) / width));
            case TABLE -> v != v ? Double.NaN : yLow + table.lookup(round(v)) * ((yHigh - yLow) / table.maxOutput());
        };
    }

    /** LINEAR (c' = c − 0.5, w' = w − 1) and LINEAR_EXACT (c' = c, w' = w) share one form. */
    private double linear(double v, double c, double w) {
        double lo = c - w / 2;
        double hi = c + w / 2;
        return v <= lo ? yLow : v > hi ? yHigh : ((v - c) / w + 0.5) * (yHigh - yLow) + yLow;
    }

    private static int round(double v) {
        double r = Math.floor(v + 0.5);
        return r < Integer.MIN_VALUE ? Integer.MIN_VALUE : r > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) r;
    }

    /**
     * Maps {@code n} values; {@code in} and {@code out} may be the same array (in place).
     *
     * @param in      modality values
     * @param inFrom  the first index read
     * @param out     where to write
     * @param outFrom the first index written
     * @param n       the number of values
     * @throws IndexOutOfBoundsException when a range runs past its array
     */
    public void apply(float[] in, int inFrom, float[] out, int outFrom, int n) {
        Objects.checkFromIndexSize(inFrom, n, in.length);
        Objects.checkFromIndexSize(outFrom, n, out.length);
        final double a = inputSign;
        final double b = inputOffset;
        final double y0 = yLow;
        final double y1 = yHigh;
        final double range = y1 - y0;
        switch (form) {
            case LINEAR, LINEAR_EXACT -> {
                double c = form == Form.LINEAR ? center - 0.5 : center;
                double w = form == Form.LINEAR ? width - 1 : width;
                double lo = c - w / 2;
                double hi = c + w / 2;
                for (int i = 0; i < n; i++) {
                    double v = a * in[inFrom + i] + b;
                    out[outFrom + i] = (float) (v <= lo ? y0 : v > hi ? y1 : ((v - c) / w + 0.5) * range + y0);
                }
            }
            case SIGMOID -> {
                double k = -4 / width;
                for (int i = 0; i < n; i++) {
                    double v = a * in[inFrom + i] + b;
                    out[outFrom + i] = (float) (y0 + range / (1 + Math.exp(k * (v - center))));
                }
            }
            case TABLE -> {
                double scale = range / table.maxOutput();
                for (int i = 0; i < n; i++) {
                    double v = a * in[inFrom + i] + b;
                    out[outFrom + i] = v != v ? Float.NaN : (float) (y0 + table.lookup(round(v)) * scale);
                }
            }
        }
    }

    /** Maps every value of {@code values} in place. */
    public void applyInPlace(float[] values) {
        apply(values, 0, values, 0, values.length);
    }

    @Override
    public String toString() {
        String what = form == Form.TABLE ? table.toString()
                : String.format(Locale.ROOT, "%s c=%s w=%s", form, center, width);
        return "VoiLut[" + what + " -> [" + yMin + ", " + yMax + "]" + (isMirrored() ? ", mirrored at "
                + inputOffset : "") + "]";
    }
}
