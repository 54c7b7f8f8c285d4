/**
 * Readable listings of DICOM files: {@link org.medimg4j.dicom.listing.DicomDump} writes one line per element in the
 * layout of DCMTK's {@code dcmdump}, as {@code medimg dicom dump} prints it.
 */
package org.medimg4j.dicom.listing;
