package org.medimg4j.core.phantom;

import java.util.List;
import java.util.Map;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.VoxelType;

/**
 * The validated, immutable snapshot of a {@link PhantomBuilder}, and the per-case random streams derived from a
 * case seed. Each stage of generation draws from its own stream, so that, for one seed, changing the lesions does
 * not move the anatomy and changing the vendor does not change the noise realisation.
 */
record PhantomSettings(Geometry geometry, long seed, VoxelType voxelType, boolean organLabels, boolean smoothEdges,
                       Demographics fixedDemographics, DemographicsModel demographicsModel,
                       Map<String, VendorProfile> vendorProfiles, int lesionCountMin, int lesionCountMax,
                       List<Lesion> explicitLesions, double radiusMinMm, double radiusMaxMm, double contrastMin,
                       double contrastMax, double noiseSigma) {

    static final int STREAM_DEMOGRAPHICS = 1;
    static final int STREAM_ANATOMY = 2;
    static final int STREAM_LESIONS = 3;
    static final int STREAM_NOISE = 4;
    static final int STREAM_TEXTURE = 5;
    static final int STREAM_BIAS = 6;

    /** @return the random source of {@code stream} for the case with {@code caseSeed} */
    static PhantomRandom stream(long caseSeed, int stream) {
        return new PhantomRandom(PhantomRandom.mix(caseSeed, stream));
    }

    /** @return the noise source of slice {@code k}: independent of every other slice and of thread order */
    static PhantomRandom sliceNoise(long caseSeed, int k) {
        return new PhantomRandom(PhantomRandom.mix(PhantomRandom.mix(caseSeed, STREAM_NOISE), k));
    }

    Demographics demographicsFor(long caseSeed) {
        return fixedDemographics != null ? fixedDemographics
                : demographicsModel.draw(stream(caseSeed, STREAM_DEMOGRAPHICS));
    }

    VendorProfile vendorProfileFor(String vendor) {
        VendorProfile p = vendorProfiles.get(vendor);
        return p != null ? p : VendorProfile.neutral(vendor);
    }

    boolean hasContrastRange() {
        return !Double.isNaN(contrastMin);
    }

    int lesionCountFor(PhantomRandom r) {
        return lesionCountMin + r.nextInt(lesionCountMax - lesionCountMin + 1);
    }
}
