/**
 * The DICOM JSON Model (PS3.18 F.2) of a data set: {@link org.medimg4j.dicom.json.DicomJsonWriter} writes
 * {@link org.medimg4j.dicom.Attributes} as JSON, with binary values over a threshold left out as bulk data, as
 * {@code medimg dicom dump --json} prints it.
 */
package org.medimg4j.dicom.json;
