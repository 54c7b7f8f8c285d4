/**
 * Writing DICOM: volumes out as files that validators accept and readers bring back to the same voxels at the same
 * millimetres.
 *
 * <ul>
 *   <li>{@link org.medimg4j.dicom.writer.VolumeSeriesWriter} — a {@code Volume} as a CT or MR series, one file per
 *       slice, with full patient geometry (oblique and gantry-tilted grids included) and an int16 rescale;</li>
 *   <li>{@link org.medimg4j.dicom.writer.ProjectionImageWriter} — a 2-D {@code Volume} as a DX (For Presentation) or
 *       CR image;</li>
 *   <li>{@link org.medimg4j.dicom.writer.SeriesOptions}, {@link org.medimg4j.dicom.writer.MrAcquisition},
 *       {@link org.medimg4j.dicom.writer.ProjectionAcquisition} — what the caller knows and a volume does not
 *       (patient, study, series, acquisition), with safe, documented defaults;</li>
 *   <li>{@link org.medimg4j.dicom.writer.Part10Writer} — any {@link org.medimg4j.dicom.writer.DataSet} as a Part 10
 *       file in explicit VR little endian, written to a temporary file and renamed;</li>
 *   <li>{@link org.medimg4j.dicom.writer.DataSetBuilder} and {@link org.medimg4j.dicom.writer.DicomElement} — the
 *       immutable data-set model, values checked against their VR;</li>
 *   <li>{@link org.medimg4j.dicom.writer.DecimalString}, {@link org.medimg4j.dicom.writer.PixelRescale},
 *       {@link org.medimg4j.dicom.writer.UidGenerator} — the numeric and identifier rules the writers rely on: DS
 *       values of at most 16 characters, stored values with a bounded error, UIDs under 2.25 or a caller's root.</li>
 * </ul>
 *
 * <p>Validity is checked in the tests with dicom3tools' {@code dciodvfy}; round trips go through
 * {@link org.medimg4j.dicom.DicomFile} and {@link org.medimg4j.dicom.pixel.DicomImage}.
 */
package org.medimg4j.dicom.writer;
