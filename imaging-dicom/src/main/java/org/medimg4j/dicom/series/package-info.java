/**
 * From folders of DICOM files to volumes in patient space: find, group, stack, load.
 *
 * <ol>
 *   <li>{@link org.medimg4j.dicom.series.DicomScanner} reads every file under a folder (or the files its DICOMDIR
 *       lists) up to the Pixel Data, in parallel, and says why it skipped what it skipped
 *       ({@link org.medimg4j.dicom.series.ScanResult}).</li>
 *   <li>{@link org.medimg4j.dicom.series.SeriesGrouper} groups the headers by study and series and splits what
 *       must not be stacked — localizers, other orientations or sizes, echoes, temporal positions, diffusion
 *       encodings, acquisitions that repeat positions — into
 *       {@link org.medimg4j.dicom.series.StackCandidate}s, one per volume.</li>
 *   <li>{@link org.medimg4j.dicom.series.SeriesLoader} stacks a candidate by position along the slice normal
 *       ({@link org.medimg4j.dicom.series.SliceStacker}: geometry in LPS mm, checks under a
 *       {@link org.medimg4j.dicom.series.StackPolicy}, {@link org.medimg4j.dicom.series.StackWarning}s), decodes
 *       every slice in parallel into the volume's array and applies its Modality LUT: a
 *       {@link org.medimg4j.dicom.series.LoadedSeries}. Enhanced multi-frame CT/MR and projection X-ray go through
 *       the same call.</li>
 * </ol>
 *
 * <p>Errors name the series and what is wrong ({@link org.medimg4j.dicom.series.SeriesException}, a
 * {@link org.medimg4j.dicom.DicomException}).
 */
package org.medimg4j.dicom.series;
