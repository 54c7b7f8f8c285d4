package org.medimg4j.core.phantom;

import java.util.List;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;
import org.medimg4j.core.volume.VoxelType;

/**
 * The image and label arrays of a case being generated, and how they become a {@link PhantomCase}. The image is
 * held in the phantom's output type from the start (FLOAT32 as floats, INT16 as shorts rounded as each slice is
 * stored), so generation never holds a second full-size float copy of the volume.
 */
final class CaseVoxels {

    private final GridFrame frame;
    private final float[] floats;
    private final short[] shorts;
    /** The label of every voxel, slice-major like the image; renderers write into it directly. */
    final byte[] labels;

    /** @param type {@link VoxelType#FLOAT32} or {@link VoxelType#INT16} (validated by the builder) */
    CaseVoxels(GridFrame frame, VoxelType type) {
        int voxels = frame.nx * frame.ny * frame.nz;
        this.frame = frame;
        this.floats = type == VoxelType.FLOAT32 ? new float[voxels] : null;
        this.shorts = floats == null ? new short[voxels] : null;
        this.labels = new byte[voxels];
    }

    /** Copies the first {@code n} values of a finished slice into the image from voxel {@code base}. */
    void store(float[] slice, int n, int base) {
        if (floats != null) {
            System.arraycopy(slice, 0, floats, base, n);
        } else {
            for (int i = 0; i < n; i++) {
                shorts[base + i] = (short) Math.round(slice[i]);
            }
        }
    }

    /**
     * @param modality DICOM modality code ("CT", "DX", "MR")
     * @param kind     the value of the "phantom" metadata attribute, e.g. "ct-chest"
     * @return the finished case: image and label share the grid and the metadata
     */
    PhantomCase toCase(String modality, String kind, IntensityUnit unit, List<Lesion> lesions,
                       Demographics demographics, long caseSeed) {
        VolumeMetadata metadata = Acquisition.metadata(modality, kind, demographics, caseSeed);
        Volume.Builder b = Volume.builder(frame.geometry).unit(unit).metadata(metadata);
        Volume image = floats != null ? b.floats(floats).build() : b.shorts(shorts).build();
        LabelVolume label = LabelVolume.of(frame.geometry, labels).withMetadata(metadata);
        return new PhantomCase(image, label, lesions, demographics, caseSeed);
    }
}
