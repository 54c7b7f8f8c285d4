package org.medimg4j.core.phantom;

/**
 * How one (fictitious) scanner vendor distorts intensities, so that a model trained on one vendor can be shown to
 * degrade on another. Applied to every voxel after the anatomy is rendered and smoothed, before clamping:
 * {@code value' = gain · value + offset + N(0, extraNoiseSigma)}, the extra noise independent of the phantom's own
 * noise (so the total noise sigma is {@code √(σ² + extraNoiseSigma²)}). The gain acts about 0 of the image's unit
 * (water for CT), so with gain 1 the mean of every tissue moves by exactly {@code offset}.
 *
 * <p>Units are the image's: HU for CT, detector units for X-ray, arbitrary units for MR.
 *
 * @param vendor          the vendor name this profile applies to, as in {@link Demographics#vendor()}
 * @param offset          added to every voxel, image units (HU for CT)
 * @param gain            multiplies every voxel, unitless, &gt; 0
 * @param extraNoiseSigma standard deviation of additional Gaussian noise, image units, &ge; 0
 */
public record VendorProfile(String vendor, double offset, double gain, double extraNoiseSigma) {

    /** @throws IllegalArgumentException naming the parameter at fault */
    public VendorProfile {
        if (vendor == null || vendor.isBlank()) {
            throw new IllegalArgumentException("vendor must be a non-blank name, got "
                    + (vendor == null ? "null" : "\"" + vendor + "\""));
        }
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("offset must be finite, got " + offset);
        }
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain must be a positive finite number, got " + gain);
        }
        if (!(extraNoiseSigma >= 0) || Double.isInfinite(extraNoiseSigma)) {
            throw new IllegalArgumentException("extraNoiseSigma must be >= 0 and finite, got " + extraNoiseSigma);
        }
    }

    /** @return the profile that changes nothing (offset 0, gain 1, no extra noise) for {@code vendor} */
    public static VendorProfile neutral(String vendor) {
        return new VendorProfile(vendor, 0, 1, 0);
    }

    /** @return whether this profile leaves intensities unchanged */
    public boolean isNeutral() {
        return offset == 0 && gain == 1 && extraNoiseSigma == 0;
    }
}
