package org.medimg4j.core.volume;

/** What a {@link Volume}'s voxel values mean. */
public enum IntensityUnit {
    /** Hounsfield units: CT attenuation, water 0, air −1000. */
    HU,
    /** Values with no physical unit (MR signal, X-ray detector values, display values). */
    ARBITRARY,
    /** Values rescaled by a normalising transform (z-score, range scaling) and no longer in a physical unit. */
    NORMALIZED,
    /** Probabilities in [0, 1], as networks output. */
    PROBABILITY
}
