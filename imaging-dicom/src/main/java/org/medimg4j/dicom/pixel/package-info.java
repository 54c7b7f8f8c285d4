/**
 * The pixel layer: from a parsed {@link org.medimg4j.dicom.DicomFile} to decoded frames, one at a time.
 *
 * <ul>
 *   <li>{@link org.medimg4j.dicom.pixel.DicomImage} — the entry point: frame count, frame format, and
 *       {@code decodeFrame} into a caller's primitive array, reading only that frame's bytes;</li>
 *   <li>{@link org.medimg4j.dicom.pixel.ImagePixelModule} — the Image Pixel attributes, checked before any pixel is
 *       read or any buffer allocated;</li>
 *   <li>{@link org.medimg4j.dicom.pixel.NativePixels} — native frames: offsets, 1-bit unpacking, byte order,
 *       planar configuration, YBR_FULL_422;</li>
 *   <li>{@link org.medimg4j.dicom.pixel.EncapsulatedFrames} and {@link org.medimg4j.dicom.pixel.FrameFragments} —
 *       which fragments make each compressed frame; the codecs themselves are in {@code org.medimg4j.dicom.codec},
 *       chosen by transfer syntax through {@link org.medimg4j.dicom.codec.FrameDecoders};</li>
 *   <li>{@link org.medimg4j.dicom.pixel.StoredValues} and {@link org.medimg4j.dicom.pixel.FrameDigest} — stored
 *       values (mask to Bits Stored, sign extension) and the conformance corpus' frame hash;</li>
 *   <li>{@link org.medimg4j.dicom.pixel.PaletteColorLut} and {@link org.medimg4j.dicom.pixel.Monochrome1} — for
 *       display only: palette indices to RGB, MONOCHROME1 inverted.</li>
 * </ul>
 */
package org.medimg4j.dicom.pixel;
