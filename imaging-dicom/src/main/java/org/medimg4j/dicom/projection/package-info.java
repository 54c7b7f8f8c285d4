/**
 * Projection X-ray images (CR, DX, MG, IO, PX, RF): one 2-D image per file, larger values brighter, with the pixel
 * spacing and where it came from.
 *
 * <ul>
 *   <li>{@link org.medimg4j.dicom.projection.ProjectionImageReader} — file → image; refuses multi-frame and colour
 *       files;</li>
 *   <li>{@link org.medimg4j.dicom.projection.ProjectionImage} — the core volume (size [columns, rows, 1], origin 0,
 *       identity direction: a projection has no patient geometry), its VOI, warnings, and a [0, 1] windowing;</li>
 *   <li>{@link org.medimg4j.dicom.projection.ProjectionSpacing} and
 *       {@link org.medimg4j.dicom.projection.SpacingSource} — Pixel Spacing, else Imager Pixel Spacing ÷ Estimated
 *       Radiographic Magnification Factor, else Imager Pixel Spacing, else 1 mm;</li>
 *   <li>{@link org.medimg4j.dicom.projection.GrayscaleInversion} — MONOCHROME1 and Presentation LUT Shape: when to
 *       invert, once.</li>
 * </ul>
 */
package org.medimg4j.dicom.projection;
