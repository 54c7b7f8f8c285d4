package org.medimg4j.dicom.lut;

import java.util.Locale;
import java.util.Optional;

/**
 * VOI LUT Function (0028,1056): how Window Center / Width map modality values to the output range (PS3.3
 * C.11.2.1.2 and C.11.2.1.3). Absent means {@link #LINEAR}.
 */
public enum VoiFunction {
    /**
     * The default window (PS3.3 C.11.2.1.2.1), with its half-unit offset: values up to c − 0.5 − (w − 1)/2 give
     * ymin, values above c − 0.5 + (w − 1)/2 give ymax, and in between
     * {@code y = ((x − (c − 0.5)) / (w − 1) + 0.5) · (ymax − ymin) + ymin}. Width must be at least 1.
     */
    LINEAR,
    /**
     * The window without the offset (PS3.3 C.11.2.1.3.2): up to c − w/2 gives ymin, above c + w/2 gives ymax, in
     * between {@code y = ((x − c) / w + 0.5) · (ymax − ymin) + ymin}. Width must be greater than 0.
     */
    LINEAR_EXACT,
    /**
     * A logistic curve (PS3.3 C.11.2.1.3.1): {@code y = (ymax − ymin) / (1 + exp(−4 (x − c) / w)) + ymin}, never
     * reaching ymin or ymax. Width must be greater than 0.
     */
    SIGMOID;

    /** @return the DICOM defined term, e.g. "LINEAR_EXACT" */
    public String dicomTerm() {
        return name();
    }

    /**
     * @param width a window width in the image's output units
     * @return whether this function accepts it: ≥ 1 for LINEAR, &gt; 0 otherwise, and finite
     */
    public boolean acceptsWidth(double width) {
        return Double.isFinite(width) && (this == LINEAR ? width >= 1 : width > 0);
    }

    /** @return the rule on the width, for messages: "≥ 1" or "&gt; 0" */
    String widthRule() {
        return this == LINEAR ? ">= 1 (PS3.3 C.11.2.1.2.1)"
                : this == LINEAR_EXACT ? "> 0 (PS3.3 C.11.2.1.3.2)" : "> 0 (PS3.3 C.11.2.1.3.1)";
    }

    /**
     * @param term a VOI LUT Function value (case and surrounding spaces ignored)
     * @return the function, or empty when the term is not one of LINEAR, LINEAR_EXACT, SIGMOID
     */
    public static Optional<VoiFunction> fromDicomTerm(String term) {
        if (term == null) {
            return Optional.empty();
        }
        String t = term.trim().toUpperCase(Locale.ROOT);
        for (VoiFunction f : values()) {
            if (f.name().equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
