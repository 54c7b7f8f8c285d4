package org.medimg4j.dicom.writer;

import java.nio.ShortBuffer;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/**
 * How a volume's values become 16-bit stored pixel values: {@code value ≈ stored × slope + intercept}, the Rescale
 * Slope and Intercept of the Modality LUT (PS3.3 C.11.1.1.2). Immutable.
 *
 * <p>{@link #int16} chooses them for signed stored values (CT, MR) from the value range:
 * <ul>
 *   <li>integers within int16 (HU, most MR): slope 1, intercept 0 — stored values are the values, exactly;</li>
 *   <li>integers whose range spans at most 65 535: slope 1 and an integer intercept — still exact;</li>
 *   <li>otherwise: the range is spread over about 65 530 of the 65 536 codes: slope ≈ (max − min)/65530,
 *       intercept ≈ the mid-range, each first formatted as the Decimal String written to the file and then read
 *       back, so that quantisation uses exactly the numbers a reader will use. Each value is then stored as
 *       {@code round((value − intercept) / slope)}, and a reader recovers it within {@link #maxError()} = slope/2
 *       (plus double rounding, about 1e-16 relative).</li>
 * </ul>
 * A constant volume gets slope 1 and the value as intercept. {@link #uint16} does the same for unsigned stored
 * values (projection X-ray): integers in [0, 65535] are stored as they are, with Bits Stored just wide enough (12
 * at least); anything else is spread over [0, 65535] with Bits Stored 16.
 */
public final class PixelRescale {

    /** The codes a range is spread over, short of 65 535 so that DS rounding never pushes past the ends. */
    static final double CODES = 65530;

    private final double slope;
    private final double intercept;
    private final boolean exact;
    private final boolean signed;
    private final int bitsStored;

    private PixelRescale(double slope, double intercept, boolean exact, boolean signed, int bitsStored) {
        this.slope = slope;
        this.intercept = intercept;
        this.exact = exact;
        this.signed = signed;
        this.bitsStored = bitsStored;
    }

    /**
     * @param min      the smallest value, finite
     * @param max      the largest value, finite, ≥ min
     * @param integral whether every value is an integer
     * @return the rescale to signed 16-bit stored values (Bits Stored 16) for values in [min, max]
     * @throws IllegalArgumentException naming "min" or "max" when they are not finite or max &lt; min
     */
    public static PixelRescale int16(double min, double max, boolean integral) {
        checkRange(min, max);
        if (integral && min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            return new PixelRescale(1, 0, true, true, 16);
        }
        if (integral && max - min <= 65535 && Math.abs(min) < 1e15) {
            double intercept = min < Short.MIN_VALUE ? min - Short.MIN_VALUE : max - Short.MAX_VALUE;
            return new PixelRescale(1, intercept, true, true, 16);
        }
        if (max == min) {
            return new PixelRescale(1, ds(min), false, true, 16);
        }
        double slope = ds((max - min) / CODES);
        double intercept = ds(min + (max - min) / 2);
        // DS rounding moved slope and intercept by ~1e-12 relative; widen until both ends surely fit.
        while ((max - intercept) / slope > Short.MAX_VALUE || (min - intercept) / slope < Short.MIN_VALUE) {
            slope = ds(slope * 1.0001);
        }
        return new PixelRescale(slope, intercept, false, true, 16);
    }

    /**
     * @param min      the smallest value, finite
     * @param max      the largest value, finite, ≥ min
     * @param integral whether every value is an integer
     * @return the rescale to unsigned stored values: identity with Bits Stored max(12, bits of max) for integers
     *         in [0, 65535], else a linear map onto [0, 65535] with Bits Stored 16
     * @throws IllegalArgumentException naming "min" or "max" when they are not finite or max &lt; min
     */
    public static PixelRescale uint16(double min, double max, boolean integral) {
        checkRange(min, max);
        if (integral && min >= 0 && max <= 65535) {
            int bits = Math.max(12, 32 - Integer.numberOfLeadingZeros((int) max));
            return new PixelRescale(1, 0, true, false, bits);
        }
        if (max == min) {
            return new PixelRescale(1, ds(min), false, false, 12);
        }
        double slope = ds((max - min) / CODES);
        double intercept = ds(min);
        while (intercept > min || (max - intercept) / slope > 65535) {
            if (intercept > min) {
                intercept = ds(min - slope);
            } else {
                slope = ds(slope * 1.0001);
            }
        }
        return new PixelRescale(slope, intercept, false, false, 16);
    }

    /**
     * Scans a single-channel volume for its range and whether it holds only integers.
     *
     * @param volume the volume
     * @return {@link #int16(double, double, boolean)} of its range
     * @throws IllegalArgumentException naming "volume" and the voxel (z, y, x) when a voxel is NaN or infinite, or
     *                                  when the volume has more than one channel
     */
    public static PixelRescale int16(Volume volume) {
        double[] range = range(volume);
        return int16(range[0], range[1], range[2] != 0);
    }

    private static void checkRange(double min, double max) {
        if (!Double.isFinite(min)) {
            throw new IllegalArgumentException("min must be finite, got " + min);
        }
        if (!Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("max must be finite and >= min (" + min + "), got " + max);
        }
    }

    /** @return {min, max, 1 if every value is an integer else 0}, refusing NaN and infinities naming "volume" */
    static double[] range(Volume volume) {
        if (volume.channels() != 1) {
            throw new IllegalArgumentException("volume must have one channel to be written as DICOM, got "
                    + volume.channels());
        }
        int nx = volume.geometry().nx();
        int ny = volume.geometry().ny();
        int nz = volume.geometry().nz();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        boolean integral = true;
        if (volume.voxelType() == VoxelType.INT16) {
            ShortBuffer s = volume.shorts();
            for (int i = 0, n = s.capacity(); i < n; i++) {
                short v = s.get(i);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return new double[] {min, max, 1};
        }
        float[] slice = new float[nx * ny];
        for (int z = 0; z < nz; z++) {
            volume.readSlice(0, z, slice);
            for (int i = 0; i < slice.length; i++) {
                float v = slice[i];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("volume holds " + v + " at voxel (z=" + z + ", y=" + i / nx
                            + ", x=" + i % nx + "); DICOM pixel values must be finite");
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
                integral &= v == Math.rint(v);
            }
        }
        return new double[] {min, max, integral ? 1 : 0};
    }

    /** @return the Rescale Slope, as written (a number that reads back from its Decimal String exactly) */
    public double slope() {
        return slope;
    }

    /** @return the Rescale Intercept, as written */
    public double intercept() {
        return intercept;
    }

    /** @return whether stored values are signed (Pixel Representation 1) */
    public boolean isSigned() {
        return signed;
    }

    /** @return Bits Stored: 16 for signed values, 12 to 16 for unsigned ones */
    public int bitsStored() {
        return bitsStored;
    }

    /** @return whether every value is stored exactly (integers with slope 1 and an integer intercept) */
    public boolean isExact() {
        return exact;
    }

    /** @return whether slope is 1 and intercept 0: stored values are the values */
    public boolean isIdentity() {
        return slope == 1 && intercept == 0;
    }

    /** @return the largest |value − (stored × slope + intercept)| over the fitted range: 0 if exact, else slope/2 */
    public double maxError() {
        return exact ? 0 : slope / 2;
    }

    /**
     * Quantises {@code n} values; unsigned codes above 32767 come out as negative shorts with the same 16 bits.
     *
     * @param values the values, within the fitted range
     * @param stored where the stored values go
     * @param n      how many
     */
    public void quantise(float[] values, short[] stored, int n) {
        if (slope == 1) {
            for (int i = 0; i < n; i++) {
                stored[i] = clamp(Math.rint(values[i] - intercept), signed);
            }
            return;
        }
        double inv = 1 / slope;
        for (int i = 0; i < n; i++) {
            // The reciprocal differs from a division by at most an ulp of the quotient: the error bound moves by
            // about 1e-16 relative, far below slope/2.
            stored[i] = clamp(Math.rint((values[i] - intercept) * inv), signed);
        }
    }

    private static short clamp(double code, boolean signed) {
        return signed ? (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, code))
                : (short) (int) Math.max(0, Math.min(65535, code));
    }

    /** @return {@code v} as it reads back from its Decimal String */
    static double ds(double v) {
        return Double.parseDouble(DecimalString.format(v));
    }

    @Override
    public String toString() {
        return "PixelRescale[" + (signed ? "int16" : "uint" + bitsStored) + ", slope=" + slope + ", intercept=" + intercept + (exact ? ", exact" : ", max error "
                + maxError()) + "]";
    }
}
