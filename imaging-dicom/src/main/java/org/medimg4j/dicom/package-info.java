/**
 * Pure-Java DICOM reading for medimg4j. {@link org.medimg4j.dicom.DicomFile#read(java.nio.file.Path)} parses a
 * Part 10 file or a bare data set (every transfer syntax of PS3.5, deflate included) into immutable
 * {@link org.medimg4j.dicom.Attributes} with typed getters; Pixel Data is located, not loaded, and decoded frame by
 * frame by the pixel layer ({@code org.medimg4j.dicom.pixel}) with the codecs of {@code org.medimg4j.dicom.codec}.
 * Strings are decoded with the data set's Specific Character Set ({@code org.medimg4j.dicom.charset}); tags and
 * VRs come from the standard's data dictionary ({@code org.medimg4j.dicom.dictionary}).
 */
package org.medimg4j.dicom;
