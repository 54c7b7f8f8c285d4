package org.medimg4j.models.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.nifti.NiftiReader;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * A dataset whose cases are read on demand from sources: NIfTI image/label pairs ({@link Builder#addNifti}), DICOM
 * series through a {@link VolumeSource} the application fills with imaging-dicom's loader, or any other reader.
 * Nothing is held in memory here; wrap the dataset in a {@link CaseCache} to read and preprocess each case once.
 * Immutable and thread-safe when its sources are.
 */
public final class SourcedDataset implements CaseDataset {

    private record Entry(CaseInfo info, VolumeSource image, LabelSource label) {
    }

    private final List<Entry> entries;

    private SourcedDataset(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public CaseInfo info(int index) {
        return entries.get(index).info();
    }

    /**
     * Reads the case's image and label (if any) now.
     *
     * @throws DataException naming the case if a source throws, returns null, or the label's grid is not the
     *                       image's
     */
    @Override
    public ImagingCase load(int index) {
        Entry e = entries.get(index);
        try {
            Volume image = Objects.requireNonNull(e.image().load(), "image source returned null");
            LabelVolume label = e.label() == null ? null
                    : Objects.requireNonNull(e.label().load(), "label source returned null");
            return new ImagingCase(e.info(), image, label, null);
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof GeometryException) {
                throw new DataException("cannot load " + e.info() + ": label grid does not match the image: "
                        + ex.getMessage(), ex);
            }
            throw new DataException("cannot load " + e.info() + ": " + ex.getMessage(), ex);
        }
    }

    /** Collects cases; {@link #build()} checks that case ids are unique. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param info  id, patient, class
         * @param image reads the image (NIfTI, DICOM series through imaging-dicom, ...)
         * @param label reads the segmentation, or null for a classification case
         */
        public Builder add(CaseInfo info, VolumeSource image, LabelSource label) {
            entries.add(new Entry(Objects.requireNonNull(info, "info"), Objects.requireNonNull(image, "image"),
                    label));
            return this;
        }

        /**
         * A NIfTI pair, read with the core {@link NiftiReader} (intensity unit as the reader infers it).
         *
         * @param info      id, patient, class
         * @param imageFile the image (.nii or .nii.gz)
         * @param labelFile the label (.nii or .nii.gz, integer labels 0..255), or null
         */
        public Builder addNifti(CaseInfo info, Path imageFile, Path labelFile) {
            Objects.requireNonNull(imageFile, "imageFile");
            return add(info, () -> NiftiReader.read(imageFile),
                    labelFile == null ? null : () -> NiftiReader.readLabels(labelFile));
        }

        /**
         * @return the dataset
         * @throws IllegalArgumentException naming the case id that appears twice
         */
        public SourcedDataset build() {
            Set<String> ids = new HashSet<>();
            for (Entry e : entries) {
                if (!ids.add(e.info().caseId())) {
                    throw new IllegalArgumentException("caseId " + e.info().caseId() + " was added twice");
                }
            }
            return new SourcedDataset(entries);
        }
    }
}
