package org.medimg4j.core.transform.intensity;

import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.Volume;

/**
 * Multiplies every voxel by a constant factor: {@code out = x · factor} (unitless factor). Note that MONAI's
 * {@code ScaleIntensity(factor=f)} multiplies by {@code 1 + f}; here the factor is the multiplier itself, so 1 is
 * the identity. The deterministic step behind {@link RandomIntensityScale}. The unit is kept: a scaling models a
 * gain change of the same quantity. The label is left untouched; every channel is scaled alike; INT16 and UINT8
 * input gives FLOAT32 output; NaN stays NaN. One pass, parallel over slices. Immutable and thread-safe.
 */
public final class IntensityScale implements Transform {

    private final double factor;

    private IntensityScale(double factor) {
        this.factor = factor;
    }

    /**
     * @param factor every voxel is multiplied by it, unitless, finite (negative values invert the contrast)
     * @return the transform
     * @throws IllegalArgumentException naming "factor" if it is not finite
     */
    public static IntensityScale of(double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("IntensityScale: factor must be finite, got " + factor);
        }
        return new IntensityScale(factor);
    }

    /** @return the multiplier, unitless */
    public double factor() {
        return factor;
    }

    @Override
    public Sample apply(Sample sample) {
        Volume image = sample.image();
        float f = (float) factor;
        float[] out = SliceSweep.map("IntensityScale", image, (v, from, to) -> {
            for (int i = from; i < to; i++) {
                v[i] *= f;
            }
        });
        return sample.nextImage(image.derive(image.geometry(), out),
                AppliedTransform.intensity("IntensityScale", "factor=" + factor, image.geometry()));
    }

    @Override
    public String toString() {
        return "IntensityScale[factor=" + factor + "]";
    }
}
