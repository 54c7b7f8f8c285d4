/**
 * Intensity transforms: they change an image's voxel values and never its geometry or label.
 *
 * <ul>
 *   <li>Preprocessing: {@link org.medimg4j.core.transform.intensity.WindowLevel} (CT windows in HU, with presets),
 *       {@link org.medimg4j.core.transform.intensity.ScaleIntensityRange} (linear range mapping, MONAI semantics),
 *       {@link org.medimg4j.core.transform.intensity.ZScoreNormalize} (mean/std, optionally inside a mask and per
 *       channel).</li>
 *   <li>Deterministic augmentation steps: {@link org.medimg4j.core.transform.intensity.GaussianNoise},
 *       {@link org.medimg4j.core.transform.intensity.IntensityShift},
 *       {@link org.medimg4j.core.transform.intensity.IntensityScale}; and the random augmentations that draw their
 *       parameters and delegate to them: {@link org.medimg4j.core.transform.intensity.RandomGaussianNoise},
 *       {@link org.medimg4j.core.transform.intensity.RandomIntensityShift},
 *       {@link org.medimg4j.core.transform.intensity.RandomIntensityScale}.</li>
 * </ul>
 *
 * <p>All accept FLOAT32, INT16 and UINT8 volumes of any number of channels and return FLOAT32 (via
 * {@link org.medimg4j.core.volume.Volume#derive}). They run over primitive float arrays, in parallel over (channel,
 * z) slices and in cache-sized chunks, reading the input once and writing the output once (z-score reads it twice:
 * statistics, then normalisation).
 *
 * <pre>{@code
 * TransformChain prep = TransformChain.of(WindowLevel.softTissue().scaledToUnit())
 *         .then(RandomGaussianNoise.builder().sigma(0, 0.02).probability(0.3).seed(1).build());
 * }</pre>
 */
package org.medimg4j.core.transform.intensity;
