/**
 * The grayscale transformations after decoding (PS3.3 C.11): from stored values to modality values, then to an
 * output range.
 *
 * <ul>
 *   <li>{@link org.medimg4j.dicom.lut.ModalityLut} — Rescale Slope/Intercept or the Modality LUT Sequence (HU for
 *       CT); {@link org.medimg4j.dicom.lut.LookupTable} — any LUT Descriptor/Data item;</li>
 *   <li>{@link org.medimg4j.dicom.lut.VoiSettings} — every window and VOI LUT table of a data set or a Frame VOI
 *       LUT functional group; {@link org.medimg4j.dicom.lut.VoiWindow} (centre, width, function, explanation),
 *       {@link org.medimg4j.dicom.lut.VoiFunction} (LINEAR, LINEAR_EXACT, SIGMOID),
 *       {@link org.medimg4j.dicom.lut.VoiTable};</li>
 *   <li>{@link org.medimg4j.dicom.lut.VoiLut} — a window or table applied to float arrays, onto [0, 1] for a network
 *       or [0, 255] for a display.</li>
 * </ul>
 *
 * <p>Named CT presets (lung, liver, stroke…) live in core, in
 * {@code org.medimg4j.core.transform.intensity.WindowLevel}; {@link org.medimg4j.dicom.lut.VoiWindow#toWindowLevel()}
 * converts a file's window to one.
 */
package org.medimg4j.dicom.lut;
