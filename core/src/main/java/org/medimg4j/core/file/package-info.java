/**
 * Files as this library writes them: {@link org.medimg4j.core.file.AtomicFile}, so that no reader ever sees a
 * half-written NIfTI, DICOM or TIFF file.
 */
package org.medimg4j.core.file;
