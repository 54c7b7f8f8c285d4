package org.medimg4j.core.phantom;

import java.util.Objects;
import org.medimg4j.core.volume.VolumeMetadata;

/**
 * Demographic-like attributes of one phantom case, for per-subgroup evaluation: sex, age in years and the
 * (fictitious) scanner vendor. They are drawn from a {@link DemographicsModel} or set explicitly, influence the
 * phantom's anatomy and intensities as each phantom documents, and are written to the image's and label's
 * {@link VolumeMetadata} attributes under {@link #ATTR_SEX}, {@link #ATTR_AGE} and {@link #ATTR_VENDOR}.
 *
 * @param sex      F or M
 * @param ageYears age in whole years, 0..120
 * @param vendor   scanner vendor name such as "VendorA"; selects the {@link VendorProfile}
 */
public record Demographics(Sex sex, int ageYears, String vendor) {

    /** Metadata attribute holding {@link Sex#name()}: "F" or "M". */
    public static final String ATTR_SEX = "sex";
    /** Metadata attribute holding the age in whole years, as a decimal string. */
    public static final String ATTR_AGE = "age";
    /** Metadata attribute holding the vendor name. */
    public static final String ATTR_VENDOR = "vendor";

    /** The largest accepted age, years. */
    public static final int MAX_AGE_YEARS = 120;

    /**
     * @throws IllegalArgumentException naming {@code sex}, {@code ageYears} or {@code vendor} if it is missing or
     *                                  out of range
     */
    public Demographics {
        if (sex == null) {
            throw new IllegalArgumentException("sex must be F or M, got null");
        }
        if (ageYears < 0 || ageYears > MAX_AGE_YEARS) {
            throw new IllegalArgumentException("ageYears must be in 0.." + MAX_AGE_YEARS + ", got " + ageYears);
        }
        if (vendor == null || vendor.isBlank()) {
            throw new IllegalArgumentException("vendor must be a non-blank name such as \"VendorA\", got "
                    + (vendor == null ? "null" : "\"" + vendor + "\""));
        }
    }

    /** @return {@code metadata} with the sex, age and vendor attributes set */
    public VolumeMetadata addTo(VolumeMetadata metadata) {
        return Objects.requireNonNull(metadata, "metadata")
                .withAttribute(ATTR_SEX, sex.name())
                .withAttribute(ATTR_AGE, Integer.toString(ageYears))
                .withAttribute(ATTR_VENDOR, vendor);
    }

    /**
     * Reads the attributes that {@link #addTo} wrote, e.g. to group evaluation results by subgroup.
     *
     * @throws IllegalArgumentException naming the attribute if one is missing or malformed
     */
    public static Demographics from(VolumeMetadata metadata) {
        String sex = require(metadata, ATTR_SEX);
        String age = require(metadata, ATTR_AGE);
        Sex s;
        try {
            s = Sex.valueOf(sex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metadata attribute \"" + ATTR_SEX + "\" must be F or M, got \"" + sex
                    + "\"", e);
        }
        int years;
        try {
            years = Integer.parseInt(age);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metadata attribute \"" + ATTR_AGE
                    + "\" must be whole years, got \"" + age + "\"", e);
        }
        return new Demographics(s, years, require(metadata, ATTR_VENDOR));
    }

    private static String require(VolumeMetadata metadata, String key) {
        String v = metadata.attributes().get(key);
        if (v == null) {
            throw new IllegalArgumentException("metadata attribute \"" + key + "\" is missing; present: "
                    + metadata.attributes().keySet());
        }
        return v;
    }
}
