/**
 * Pure-Java DICOM for medimg4j: parsing, pixel decoding, series assembly into {@code core} volumes and writing.
 * Its contents arrive with the DICOM reading issue; until then the module only fixes its place in the build.
 */
package org.medimg4j.dicom;
