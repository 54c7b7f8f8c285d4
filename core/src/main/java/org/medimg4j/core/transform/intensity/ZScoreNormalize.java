package org.medimg4j.core.transform.intensity;

import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * Z-score normalisation: {@code out = (x − mean) / std}, with the population standard deviation (divide by n),
 * as MONAI's {@code NormalizeIntensity}. The output unit is {@link IntensityUnit#NORMALIZED} (standard deviations
 * from the mean); the label is left untouched; INT16 and UINT8 input gives FLOAT32 output.
 *
 * <h2>Which voxels give the statistics ({@link StatisticsRegion})</h2>
 * <ul>
 *   <li>{@link StatisticsRegion#WHOLE_IMAGE WHOLE_IMAGE} (default): every voxel;</li>
 *   <li>{@link StatisticsRegion#LABEL LABEL}: voxels where the sample's label is non-zero (e.g. the body or an
 *       organ mask; the sample must have a label);</li>
 *   <li>{@link StatisticsRegion#MASK MASK}: voxels where a given {@link LabelVolume} on the image's geometry is
 *       non-zero;</li>
 *   <li>{@link StatisticsRegion#NONZERO NONZERO}: voxels whose value is not 0 (MONAI's {@code nonzero=True}, for
 *       skull-stripped MR where 0 is background).</li>
 * </ul>
 * A label or mask applies to every channel alike. By default the normalisation is then applied to every voxel;
 * with {@link Builder#normalizeInsideMaskOnly(boolean)} voxels outside the region keep their value (converted to
 * float), as MONAI does with {@code nonzero=True}. With {@link Builder#channelWise(boolean)} each channel gets its
 * own mean and std; otherwise one pair is computed over all channels together.
 *
 * <h2>Edge cases</h2>
 * <ul>
 *   <li>std = 0 (a constant image or region): the output is only mean-subtracted, i.e. 0 over the constant
 *       region, never NaN or infinity (MONAI divides by 1 in that case too);</li>
 *   <li>an empty region (mask with no voxel, or no non-zero voxel in a channel): {@link TransformException}
 *       naming the mask;</li>
 *   <li>NaN or infinite voxels anywhere in the image: {@link TransformException} (an
 *       {@code IllegalArgumentException}) naming the image and the first such voxel.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * Two passes, both parallel over slices: one reads the image and accumulates per-slice sums in double (shifted by
 * a value of the slice, so that a large mean does not swamp a small variance and a constant slice gives exactly
 * 0), the other writes the output. Per-slice results are merged in slice order (Chan et al.'s pairwise formula),
 * so the statistics do not depend on thread scheduling. Immutable and thread-safe.
 */
public final class ZScoreNormalize implements Transform {

    /** Which voxels the mean and standard deviation are computed over. */
    public enum StatisticsRegion {
        /** Every voxel. */
        WHOLE_IMAGE("whole image"),
        /** Voxels where the sample's label is non-zero. */
        LABEL("sample label != 0"),
        /** Voxels where a given mask is non-zero. */
        MASK("given mask != 0"),
        /** Voxels whose value is not 0. */
        NONZERO("nonzero voxels");

        private final String description;

        StatisticsRegion(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private final StatisticsRegion region;
    private final LabelVolume mask;
    private final boolean insideMaskOnly;
    private final boolean channelWise;

    private ZScoreNormalize(StatisticsRegion region, LabelVolume mask, boolean insideMaskOnly, boolean channelWise) {
        this.region = region;
        this.mask = mask;
        this.insideMaskOnly = insideMaskOnly;
        this.channelWise = channelWise;
    }

    /** @return z-score over the whole image, all channels together, applied everywhere */
    public static ZScoreNormalize create() {
        return builder().build();
    }

    /** @return a builder, preset to {@link #create()}'s behaviour */
    public static Builder builder() {
        return new Builder();
    }

    /** @return which voxels give the statistics */
    public StatisticsRegion statisticsRegion() {
        return region;
    }

    /** @return whether voxels outside the region keep their value */
    public boolean isInsideMaskOnly() {
        return insideMaskOnly;
    }

    /** @return whether each channel is normalised with its own statistics */
    public boolean isChannelWise() {
        return channelWise;
    }

    @Override
    public Sample apply(Sample sample) {
        Volume image = sample.image();
        LabelVolume m = switch (region) {
            case WHOLE_IMAGE, NONZERO -> null;
            case LABEL -> {
                if (sample.labelOrNull() == null) {
                    throw new TransformException("ZScoreNormalize: statistics region 'sample label' needs a label, "
                            + "but the sample has none; use statisticsInside(mask) or statisticsOverNonzero()");
                }
                yield sample.labelOrNull();
            }
            case MASK -> {
                mask.requireSameGeometry(image);
                yield mask;
            }
        };
        ZScoreStatistics.PerSlice perSlice = ZScoreStatistics.accumulate(image, m, region == StatisticsRegion.NONZERO);
        perSlice.requireFinite();

        int channels = image.channels();
        int nz = image.geometry().nz();
        float[] means = new float[channels];
        float[] invStds = new float[channels];
        StringBuilder record = new StringBuilder();
        for (int c = 0; c < (channelWise ? channels : 1); c++) {
            ZScoreStatistics.Moments mo = channelWise
                    ? perSlice.merge(c * nz, (c + 1) * nz)
                    : perSlice.merge(0, channels * nz);
            if (mo.count() == 0) {
                throw new TransformException("ZScoreNormalize: the mask (" + region + ") selects no voxels"
                        + (channelWise && channels > 1 ? " in channel " + c : "")
                        + "; mean and std are undefined");
            }
            double std = mo.populationStd();
            // std 0: subtract the mean only, so a constant region becomes 0 rather than NaN (0/0) or infinity.
            float inv = std > 0 ? (float) (1.0 / std) : 1f;
            int first = channelWise ? c : 0;
            int last = channelWise ? c : channels - 1;
            for (int k = first; k <= last; k++) {
                means[k] = (float) mo.mean();
                invStds[k] = inv;
            }
            if (channelWise) {
                record.append("channel ").append(c).append(": ");
            }
            record.append("mean=").append(mo.mean()).append(", std=").append(std).append(' ').append(image.unit())
                    .append(", n=").append(mo.count()).append("; ");
        }

        float[] out = normalize(image, m, means, invStds);
        record.append("statistics over ").append(region).append(channelWise ? " per channel" : "")
                .append(insideMaskOnly ? ", applied inside the mask only" : ", applied everywhere");
        Volume result = image.derive(image.geometry(), out).withUnit(IntensityUnit.NORMALIZED);
        return sample.nextImage(result, AppliedTransform.intensity("ZScoreNormalize", record.toString(),
                image.geometry()));
    }

    /** The second pass: (x − mean)·(1/std) per channel, everywhere or inside the region only. */
    private float[] normalize(Volume image, LabelVolume m, float[] means, float[] invStds) {
        int nz = image.geometry().nz();
        if (!insideMaskOnly) {
            return SliceSweep.map("ZScoreNormalize", image, slice -> {
                float mean = means[slice / nz];
                float inv = invStds[slice / nz];
                return (v, from, to) -> {
                    for (int i = from; i < to; i++) {
                        v[i] = (v[i] - mean) * inv;
                    }
                };
            });
        }
        if (region == StatisticsRegion.NONZERO) {
            return SliceSweep.map("ZScoreNormalize", image, slice -> {
                float mean = means[slice / nz];
                float inv = invStds[slice / nz];
                return (v, from, to) -> {
                    for (int i = from; i < to; i++) {
                        float x = v[i];
                        v[i] = x != 0f ? (x - mean) * inv : x;
                    }
                };
            });
        }
        return SliceSweep.map("ZScoreNormalize", image, slice -> {
            float mean = means[slice / nz];
            float inv = invStds[slice / nz];
            SliceSweep.MaskReader maskReader = new SliceSweep.MaskReader(m);
            byte[] inside = new byte[SliceSweep.CHUNK];
            return (v, from, to) -> {
                maskReader.read(from, inside, to - from);
                for (int i = from; i < to; i++) {
                    float x = v[i];
                    v[i] = inside[i - from] != 0 ? (x - mean) * inv : x;
                }
            };
        });
    }

    @Override
    public String toString() {
        return "ZScoreNormalize[statistics over " + region + (channelWise ? ", per channel" : "")
                + (insideMaskOnly ? ", inside mask only" : "") + "]";
    }

    /**
     * Builds a {@link ZScoreNormalize}. The statistics-region setters replace each other (the last call wins);
     * {@link #build()} validates the combination.
     */
    public static final class Builder {
        private StatisticsRegion region = StatisticsRegion.WHOLE_IMAGE;
        private LabelVolume mask;
        private boolean insideMaskOnly;
        private boolean channelWise;

        private Builder() {
        }

        /**
         * Statistics over every voxel (the default).
         *
         * @return this builder
         */
        public Builder statisticsOverWholeImage() {
            region = StatisticsRegion.WHOLE_IMAGE;
            mask = null;
            return this;
        }

        /**
         * Statistics over voxels where the sample's label is non-zero; the sample must then carry a label.
         *
         * @return this builder
         */
        public Builder statisticsInsideLabel() {
            region = StatisticsRegion.LABEL;
            mask = null;
            return this;
        }

        /**
         * Statistics over voxels where {@code maskVolume} is non-zero.
         *
         * @param maskVolume a mask on the image's geometry (checked when applied, within
         *                   {@link LabelVolume#GEOMETRY_TOLERANCE_MM} mm)
         * @return this builder
         * @throws IllegalArgumentException naming "mask" if it is null
         */
        public Builder statisticsInside(LabelVolume maskVolume) {
            region = StatisticsRegion.MASK;
            if (maskVolume == null) {
                throw new IllegalArgumentException("ZScoreNormalize: mask must not be null");
            }
            mask = maskVolume;
            return this;
        }

        /**
         * Statistics over voxels whose value is not 0 (MONAI's {@code nonzero=True}).
         *
         * @return this builder
         */
        public Builder statisticsOverNonzero() {
            region = StatisticsRegion.NONZERO;
            mask = null;
            return this;
        }

        /**
         * @param on whether voxels outside the statistics region keep their value (default false: all normalised)
         * @return this builder
         */
        public Builder normalizeInsideMaskOnly(boolean on) {
            insideMaskOnly = on;
            return this;
        }

        /**
         * @param on whether each channel gets its own mean and std (default false: one pair for all channels)
         * @return this builder
         */
        public Builder channelWise(boolean on) {
            channelWise = on;
            return this;
        }

        /**
         * @return the transform
         * @throws IllegalArgumentException naming normalizeInsideMaskOnly if it is set without a mask region
         */
        public ZScoreNormalize build() {
            if (insideMaskOnly && region == StatisticsRegion.WHOLE_IMAGE) {
                throw new IllegalArgumentException("ZScoreNormalize: normalizeInsideMaskOnly needs a mask region "
                        + "(statisticsInsideLabel, statisticsInside(mask) or statisticsOverNonzero), but statistics "
                        + "are over the whole image");
            }
            return new ZScoreNormalize(region, mask, insideMaskOnly, channelWise);
        }
    }
}
