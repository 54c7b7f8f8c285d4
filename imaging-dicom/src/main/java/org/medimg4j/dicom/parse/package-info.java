/**
 * Internals of DICOM reading, not API: byte sources (file channel, buffer, stream, inflated data set), the windowed
 * reader, the non-recursive data set parser and the Part 10 / bare data set front end. The public types in
 * {@code org.medimg4j.dicom} ({@code DicomFile}, {@code Attributes}, {@code PixelData}) wrap what they produce;
 * their shapes may change without notice.
 */
package org.medimg4j.dicom.parse;
