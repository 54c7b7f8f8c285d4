/**
 * NIfTI-1 single-file images ({@code .nii}, {@code .nii.gz}) read into and written from {@link
 * org.medimg4j.core.volume.Volume} and {@link org.medimg4j.core.volume.LabelVolume}.
 *
 * <p>{@link org.medimg4j.core.nifti.NiftiReader} and {@link org.medimg4j.core.nifti.NiftiWriter} are the entry
 * points; malformed files raise {@link org.medimg4j.core.nifti.NiftiException}. Geometry is converted between
 * NIfTI's RAS world frame and DICOM's LPS (negate x and y); the reader takes the sform, else the qform, else
 * pixdim alone, and the writer sets sform and qform to the same affine. The header layout follows nifti1.h
 * (348-byte header, 4 extension flag bytes, voxels at {@code vox_offset} &ge; 352).
 */
package org.medimg4j.core.nifti;
