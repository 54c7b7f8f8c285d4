package org.medimg4j.models.data;

import java.io.IOException;
import org.medimg4j.core.volume.LabelVolume;

/**
 * Loads one segmentation as a {@code core} {@link LabelVolume} when its case is first needed (a NIfTI mask through
 * {@link org.medimg4j.core.nifti.NiftiReader#readLabels}, a DICOM SEG the application converts, ...). Must be safe
 * to call from several threads.
 */
@FunctionalInterface
public interface LabelSource {

    /**
     * @return the labels, on the grid of the case's image
     * @throws IOException if they cannot be read
     */
    LabelVolume load() throws IOException;
}
