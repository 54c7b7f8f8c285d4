/**
 * ImageJ interoperability: {@link org.medimg4j.core.volume.Volume}s and
 * {@link org.medimg4j.core.volume.LabelVolume}s as calibrated ImageJ {@code ImagePlus} images
 * ({@link org.medimg4j.imagej.ImagePlusVolumes}, {@link org.medimg4j.imagej.ImagePlusLabels}) and as ImageJ TIFF
 * stacks ({@link org.medimg4j.imagej.ImageJTiff}), both ways.
 *
 * <p>ImageJ's calibration holds the spacing (mm), an origin, a value calibration (HU) and a display range, but no
 * direction cosines: what it cannot hold travels in image properties and the Info text under the documented keys
 * of {@link org.medimg4j.imagej.ImageJProperties}, so that a round trip restores the geometry exactly. A module of
 * its own so that {@code core} never depends on ImageJ.
 *
 * <p>Nothing here opens a window; ImageJ runs headless as well as inside a running ImageJ.
 */
package org.medimg4j.imagej;
