package org.medimg4j.core.transform.intensity;

import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.Volume;

/**
 * Adds a constant offset to every voxel: {@code out = x + offset}, the offset in the image's units (HU for CT).
 * The deterministic step behind {@link RandomIntensityShift}. The unit is kept: a shift models a calibration
 * drift of the same quantity. The label is left untouched; every channel is shifted alike; INT16 and UINT8 input
 * gives FLOAT32 output; NaN stays NaN. One pass, parallel over slices. Immutable and thread-safe.
 */
public final class IntensityShift implements Transform {

    private final double offset;

    private IntensityShift(double offset) {
        this.offset = offset;
    }

    /**
     * @param offset added to every voxel, image units (HU for CT), finite
     * @return the transform
     * @throws IllegalArgumentException naming "offset" if it is not finite
     */
    public static IntensityShift of(double offset) {
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("IntensityShift: offset must be finite (image units), got " + offset);
        }
        return new IntensityShift(offset);
    }

    /** @return the offset, image units */
    public double offset() {
        return offset;
    }

    @Override
    public Sample apply(Sample sample) {
        Volume image = sample.image();
        float d = (float) offset;
        float[] out = SliceSweep.map("IntensityShift", image, (v, from, to) -> {
            for (int i = from; i < to; i++) {
                v[i] += d;
            }
        });
        String params = "offset=" + offset + " " + image.unit();
        return sample.nextImage(image.derive(image.geometry(), out),
                AppliedTransform.intensity("IntensityShift", params, image.geometry()));
    }

    @Override
    public String toString() {
        return "IntensityShift[offset=" + offset + "]";
    }
}
