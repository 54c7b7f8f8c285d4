package org.medimg4j.models.data;

import java.io.IOException;
import org.medimg4j.core.volume.Volume;

/**
 * Loads one image as a {@code core} {@link Volume} when a case is first needed: the adapter through which a
 * {@link SourcedDataset} reads any format.
 *
 * <h2>DICOM series</h2>
 * {@code models} takes core volumes, never raw DICOM (see CONVENTIONS.md), so it does not depend on
 * {@code imaging-dicom}. The application, which does, fills this interface with imaging-dicom's loader:
 * <pre>{@code
 * SeriesLoader loader = SeriesLoader.withDefaults();
 * VolumeSource ct = () -> loader.load(candidate).volume();   // candidate from DicomScanner + SeriesGrouper
 * dataset.add(CaseInfo.of(seriesUid, patientId), ct, () -> NiftiReader.readLabels(maskPath));
 * }</pre>
 * Implementations must be safe to call from several threads (prefetch workers) and should read afresh on each
 * call: the {@link CaseCache} decides what stays in memory.
 */
@FunctionalInterface
public interface VolumeSource {

    /**
     * @return the image
     * @throws IOException if it cannot be read
     */
    Volume load() throws IOException;
}
