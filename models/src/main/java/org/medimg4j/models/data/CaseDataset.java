package org.medimg4j.models.data;

import java.util.Objects;

/**
 * An indexed collection of cases: {@link #info} is cheap (no voxels), {@link #load} reads the voxels. Samplers
 * reach cases through a {@link CaseCache}, which loads and preprocesses each case once. Implementations are
 * immutable and thread-safe: prefetch workers call {@link #load} concurrently.
 *
 * <p>Sources: {@link InMemoryDataset} (core volumes, phantoms), {@link SourcedDataset} (NIfTI pairs, DICOM series
 * through a {@link VolumeSource} the caller fills with imaging-dicom's loader, anything else that yields a volume).
 */
public interface CaseDataset {

    /** @return the number of cases */
    int size();

    /** @return case {@code index}'s id, patient and class, without loading voxels */
    CaseInfo info(int index);

    /**
     * @return case {@code index}, loaded now
     * @throws DataException naming the case if it cannot be read
     */
    ImagingCase load(int index);

    /**
     * @param indices indices into this dataset, each 0..size-1
     * @return a view of those cases, in that order
     */
    default CaseDataset subset(int... indices) {
        int[] own = indices.clone();
        for (int i : own) {
            Objects.checkIndex(i, size());
        }
        CaseDataset parent = this;
        return new CaseDataset() {
            @Override
            public int size() {
                return own.length;
            }

            @Override
            public CaseInfo info(int index) {
                return parent.info(own[index]);
            }

            @Override
            public ImagingCase load(int index) {
                return parent.load(own[index]);
            }
        };
    }
}
