package org.medimg4j.dicom.lut;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * The Modality LUT (PS3.3 C.11.1): stored pixel values → modality values (Hounsfield units for CT, PS3.3
 * C.8.2.1.1.8). Either linear, {@code out = stored × slope + intercept} from Rescale Slope (0028,1053) and Rescale
 * Intercept (0028,1052), or a table from the Modality LUT Sequence (0028,3000). Immutable.
 *
 * <p>Read it from the item that holds the attributes: the data set of a single-frame image, or a frame's Pixel
 * Value Transformation Sequence (0028,9145) item in an enhanced multi-frame image (PS3.3 C.7.6.16.2.9) — slope
 * and intercept may differ from slice to slice and from frame to frame, so a series applies one per slice.
 *
 * <p>The hot path ({@link #apply}) switches on the sample array type once per frame and runs a plain loop.
 */
public final class ModalityLut {

    private static final ModalityLut IDENTITY = new ModalityLut(1, 0, null, "");

    private final double slope;
    private final double intercept;
    private final LookupTable table;
    private final String type;

    private ModalityLut(double slope, double intercept, LookupTable table, String type) {
        this.slope = slope;
        this.intercept = intercept;
        this.table = table;
        this.type = type;
    }

    /** @return the identity (no rescale) */
    public static ModalityLut identity() {
        return IDENTITY;
    }

    /**
     * @param slope     Rescale Slope, finite and non-zero
     * @param intercept Rescale Intercept, finite
     * @param type      Rescale Type (e.g. "HU"), or "" when unknown
     * @return a linear rescale
     * @throws IllegalArgumentException naming the parameter when it is not finite or the slope is zero
     */
    public static ModalityLut linear(double slope, double intercept, String type) {
        if (!Double.isFinite(slope) || slope == 0) {
            throw new IllegalArgumentException("slope must be finite and non-zero, got " + slope);
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept must be finite, got " + intercept);
        }
        return slope == 1 && intercept == 0 && type.isEmpty() ? IDENTITY
                : new ModalityLut(slope, intercept, null, Objects.requireNonNull(type, "type"));
    }

    /**
     * Reads the Modality LUT of one image or frame.
     *
     * @param item        the data set, or a Pixel Value Transformation item
     * @param signedInput whether stored values are signed (Pixel Representation 1), for a LUT's first mapped value
     * @return the LUT; identity when the item has neither a Modality LUT Sequence nor Rescale Slope/Intercept
     * @throws DicomException naming the file and tag when a slope is zero or not finite, only one of slope and
     *                        intercept is present, or the LUT sequence is malformed
     */
    public static ModalityLut read(Attributes item, boolean signedInput) throws DicomException {
        List<Attributes> seq = item.getSequence(Tag.ModalityLUTSequence);
        if (!seq.isEmpty()) {
            Attributes lut = seq.get(0);
            return new ModalityLut(1, 0, LookupTable.read(lut, signedInput),
                    lut.getString(Tag.ModalityLUTType, "").trim());
        }
        boolean hasSlope = item.contains(Tag.RescaleSlope);
        boolean hasIntercept = item.contains(Tag.RescaleIntercept);
        if (!hasSlope && !hasIntercept) {
            return IDENTITY;
        }
        if (hasSlope != hasIntercept) {
            // PS3.3 C.11.1: both are Type 1 in the Modality LUT module when either is present.
            throw new DicomException(item.sourceName() + ": " + (hasSlope ? "(0028,1053) RescaleSlope is present"
                    + " without (0028,1052) RescaleIntercept" : "(0028,1052) RescaleIntercept is present without"
                    + " (0028,1053) RescaleSlope"));
        }
        double slope = item.requireDouble(Tag.RescaleSlope);
        double intercept = item.requireDouble(Tag.RescaleIntercept);
        if (!Double.isFinite(slope) || slope == 0) {
            throw item.require(Tag.RescaleSlope).malformed("slope " + slope + " maps every pixel to one value");
        }
        if (!Double.isFinite(intercept)) {
            throw item.require(Tag.RescaleIntercept).malformed("intercept is not finite: " + intercept);
        }
        String type = item.getString(Tag.RescaleType, "").trim();
        return new ModalityLut(slope, intercept, null, type);
    }

    /** @return whether the mapping leaves values unchanged */
    public boolean isIdentity() {
        return table == null && slope == 1 && intercept == 0;
    }

    /** @return whether this is a linear rescale (not a table) */
    public boolean isLinear() {
        return table == null;
    }

    /** @return the rescale slope (1 for a table) */
    public double slope() {
        return slope;
    }

    /** @return the rescale intercept (0 for a table) */
    public double intercept() {
        return intercept;
    }

    /** @return the Rescale Type or Modality LUT Type, e.g. "HU", or "" when the file does not say */
    public String type() {
        return type;
    }

    /** @return the table, when this is a Modality LUT Sequence; empty for a linear rescale */
    public java.util.Optional<LookupTable> table() {
        return java.util.Optional.ofNullable(table);
    }

    /** @return the output for one stored value */
    public double apply(int stored) {
        return table != null ? table.lookup(stored) : stored * slope + intercept;
    }

    /**
     * Whether every output for stored values in [{@code minStored}, {@code maxStored}] is an integer that fits a
     * signed 16-bit value, so that a volume can keep int16 storage exactly (integer slope and intercept).
     */
    public boolean isInt16Exact(int minStored, int maxStored) {
        if (table != null) {
            return table.maxOutput() <= Short.MAX_VALUE;
        }
        if (slope != Math.rint(slope) || intercept != Math.rint(intercept)) {
            return false;
        }
        double a = apply(minStored);
        double b = apply(maxStored);
        return Math.min(a, b) >= Short.MIN_VALUE && Math.max(a, b) <= Short.MAX_VALUE;
    }

    /**
     * Maps {@code n} stored values (already masked and sign-extended, see {@code StoredValues}) to float outputs.
     *
     * @param in       decoded samples from the buffer's offset
     * @param unsigned whether 8- and 16-bit samples are unsigned (Pixel Representation 0)
     * @param n        the number of samples
     * @param out      where to write
     * @param outFrom  the first index written in {@code out}
     */
    public void apply(SampleBuffer in, boolean unsigned, int n, float[] out, int outFrom) {
        int off = in.offset();
        if (table != null) {
            for (int i = 0; i < n; i++) {
                out[outFrom + i] = table.lookup(read(in, unsigned, off + i));
            }
            return;
        }
        float s = (float) slope;
        float c = (float) intercept;
        switch (in.kind()) {
            case BYTES -> {
                byte[] a = in.bytes();
                int mask = unsigned ? 0xFF : -1;
                for (int i = 0; i < n; i++) {
                    out[outFrom + i] = (a[off + i] & mask) * s + c;
                }
            }
            case SHORTS -> {
                short[] a = in.shorts();
                int mask = unsigned ? 0xFFFF : -1;
                for (int i = 0; i < n; i++) {
                    out[outFrom + i] = (a[off + i] & mask) * s + c;
                }
            }
            case INTS -> {
                // in double: a 32-bit stored value has more significant bits than a float holds
                int[] a = in.ints();
                for (int i = 0; i < n; i++) {
                    double v = unsigned ? (a[off + i] & 0xFFFFFFFFL) : a[off + i];
                    out[outFrom + i] = (float) (v * slope + intercept);
                }
            }
            default -> throw new IllegalStateException("unknown sample kind " + in.kind());
        }
    }

    /**
     * Maps {@code n} stored values to int16 outputs; only valid when {@link #isInt16Exact} holds for their range.
     *
     * @see #apply(SampleBuffer, boolean, int, float[], int)
     */
    public void applyInt16(SampleBuffer in, boolean unsigned, int n, short[] out, int outFrom) {
        int off = in.offset();
        int s = (int) slope;
        int c = (int) intercept;
        if (table == null && in.kind() == SampleBuffer.Kind.SHORTS) {
            short[] a = in.shorts();
            int mask = unsigned ? 0xFFFF : -1;
            for (int i = 0; i < n; i++) {
                out[outFrom + i] = (short) ((a[off + i] & mask) * s + c);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int v = read(in, unsigned, off + i);
            out[outFrom + i] = (short) (table != null ? table.lookup(v) : v * s + c);
        }
    }

    private static int read(SampleBuffer in, boolean unsigned, int i) {
        return switch (in.kind()) {
            case BYTES -> unsigned ? in.bytes()[i] & 0xFF : in.bytes()[i];
            case SHORTS -> unsigned ? in.shorts()[i] & 0xFFFF : in.shorts()[i];
            case INTS -> in.ints()[i];
        };
    }

    @Override
    public String toString() {
        return table != null ? "ModalityLut[" + table + (type.isEmpty() ? "" : ", " + type) + "]"
                : String.format(Locale.ROOT, "ModalityLut[x %s + %s%s]", slope, intercept,
                        type.isEmpty() ? "" : " " + type);
    }
}
