package org.medimg4j.core.volume;

/** How a {@link Volume}'s voxels are stored. */
public enum VoxelType {
    /** IEEE 754 single precision; the type transforms produce and networks consume. */
    FLOAT32(4),
    /** Signed 16-bit integers: CT in HU, most stored DICOM pixel data. */
    INT16(2),
    /** Unsigned 8-bit integers (0..255): 8-bit images. */
    UINT8(1);

    private final int bytes;

    VoxelType(int bytes) {
        this.bytes = bytes;
    }

    /** @return bytes per voxel */
    public int bytes() {
        return bytes;
    }
}
