package org.medimg4j.core.transform.intensity;

import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;

/**
 * Maps intensities linearly from {@code [aMin, aMax]} (image units, e.g. HU) onto {@code [bMin, bMax]}, optionally
 * clipping the result to the output range, with the semantics of MONAI's {@code ScaleIntensityRange}:
 * {@code out = (x − aMin) / (aMax − aMin) · (bMax − bMin) + bMin}. Values outside the input range are
 * extrapolated unless clipping is on. Either range may be reversed (aMin &gt; aMax inverts the contrast); clipping
 * then uses the smaller and larger of bMin, bMax. Unlike MONAI, which only warns, {@code aMin == aMax} is
 * rejected.
 *
 * <p>The output unit is {@link IntensityUnit#NORMALIZED}. The label is left untouched; every channel is mapped
 * alike; INT16 and UINT8 input gives FLOAT32 output; NaN voxels stay NaN. One pass, parallel over slices.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * // the usual abdominal CT preprocessing: [-175, 250] HU onto [0, 1], clipped
 * Transform t = ScaleIntensityRange.of(-175, 250, 0, 1, true);
 * }</pre>
 */
public final class ScaleIntensityRange implements Transform {

    private final double aMin;
    private final double aMax;
    private final double bMin;
    private final double bMax;
    private final boolean clip;

    private ScaleIntensityRange(double aMin, double aMax, double bMin, double bMax, boolean clip) {
        this.aMin = aMin;
        this.aMax = aMax;
        this.bMin = bMin;
        this.bMax = bMax;
        this.clip = clip;
    }

    /**
     * @param aMin input value mapped to {@code bMin}, image units (e.g. HU), finite
     * @param aMax input value mapped to {@code bMax}, image units, finite, not equal to {@code aMin}
     * @param bMin output value for {@code aMin}, finite
     * @param bMax output value for {@code aMax}, finite
     * @param clip whether to clip the output to the output range
     * @return the transform
     * @throws IllegalArgumentException naming the parameter if a value is not finite, or naming aMin and aMax if
     *                                  they are equal
     */
    public static ScaleIntensityRange of(double aMin, double aMax, double bMin, double bMax, boolean clip) {
        return builder().inputRange(aMin, aMax).outputRange(bMin, bMax).clip(clip).build();
    }

    /** @return a builder; the input range is required, the output range defaults to [0, 1], clipping to off */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the input value mapped to bMin, image units */
    public double aMin() {
        return aMin;
    }

    /** @return the input value mapped to bMax, image units */
    public double aMax() {
        return aMax;
    }

    /** @return the output value of aMin */
    public double bMin() {
        return bMin;
    }

    /** @return the output value of aMax */
    public double bMax() {
        return bMax;
    }

    /** @return whether the output is clipped to the output range */
    public boolean clip() {
        return clip;
    }

    @Override
    public Sample apply(Sample sample) {
        Volume image = sample.image();
        float a0 = (float) aMin;
        float b0 = (float) bMin;
        float scale = (float) ((bMax - bMin) / (aMax - aMin));
        float lo = (float) Math.min(bMin, bMax);
        float hi = (float) Math.max(bMin, bMax);
        float[] out;
        if (clip) {
            out = SliceSweep.map("ScaleIntensityRange", image, (v, from, to) -> {
                for (int i = from; i < to; i++) {
                    v[i] = Math.min(Math.max((v[i] - a0) * scale + b0, lo), hi);
                }
            });
        } else {
            // (x − aMin)·s + bMin rather than x·s + offset: exact at x = aMin, no cancellation for large aMin.
            out = SliceSweep.map("ScaleIntensityRange", image, (v, from, to) -> {
                for (int i = from; i < to; i++) {
                    v[i] = (v[i] - a0) * scale + b0;
                }
            });
        }
        Volume result = image.derive(image.geometry(), out).withUnit(IntensityUnit.NORMALIZED);
        String params = "[" + aMin + ", " + aMax + "] " + image.unit() + " -> [" + bMin + ", " + bMax + "]"
                + (clip ? ", clipped" : ", not clipped");
        return sample.nextImage(result, AppliedTransform.intensity("ScaleIntensityRange", params, image.geometry()));
    }

    @Override
    public String toString() {
        return "ScaleIntensityRange[[" + aMin + ", " + aMax + "] -> [" + bMin + ", " + bMax + "]"
                + (clip ? ", clip" : "") + "]";
    }

    /** Builds a {@link ScaleIntensityRange}; {@link #build()} validates. */
    public static final class Builder {
        private double aMin = Double.NaN;
        private double aMax = Double.NaN;
        private boolean inputRangeSet;
        private double bMin = 0;
        private double bMax = 1;
        private boolean clip;

        private Builder() {
        }

        /**
         * @param aMinValue input value mapped to bMin, image units (e.g. HU)
         * @param aMaxValue input value mapped to bMax, image units
         * @return this builder
         */
        public Builder inputRange(double aMinValue, double aMaxValue) {
            this.aMin = aMinValue;
            this.aMax = aMaxValue;
            this.inputRangeSet = true;
            return this;
        }

        /**
         * @param bMinValue output for aMin (default 0)
         * @param bMaxValue output for aMax (default 1)
         * @return this builder
         */
        public Builder outputRange(double bMinValue, double bMaxValue) {
            this.bMin = bMinValue;
            this.bMax = bMaxValue;
            return this;
        }

        /**
         * @param on whether to clip the output to [min(bMin, bMax), max(bMin, bMax)] (default off)
         * @return this builder
         */
        public Builder clip(boolean on) {
            this.clip = on;
            return this;
        }

        /**
         * @return the transform
         * @throws IllegalArgumentException naming the parameter: inputRange not set, a non-finite aMin, aMax, bMin
         *                                  or bMax, aMin == aMax, or a slope too steep for float
         */
        public ScaleIntensityRange build() {
            if (!inputRangeSet) {
                throw new IllegalArgumentException("ScaleIntensityRange: inputRange (aMin, aMax) must be set");
            }
            requireFinite("aMin", aMin);
            requireFinite("aMax", aMax);
            requireFinite("bMin", bMin);
            requireFinite("bMax", bMax);
            if (aMin == aMax) {
                throw new IllegalArgumentException("ScaleIntensityRange: aMin and aMax must differ (the input range "
                        + "would have width 0), got aMin=" + aMin + ", aMax=" + aMax);
            }
            if (!Float.isFinite((float) ((bMax - bMin) / (aMax - aMin)))) {
                throw new IllegalArgumentException("ScaleIntensityRange: aMin and aMax are too close for the output "
                        + "range (the slope overflows float), got aMin=" + aMin + ", aMax=" + aMax + ", bMin=" + bMin
                        + ", bMax=" + bMax);
            }
            return new ScaleIntensityRange(aMin, aMax, bMin, bMax, clip);
        }

        private static void requireFinite(String name, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("ScaleIntensityRange: " + name + " must be finite, got " + value);
            }
        }
    }
}
