package org.medimg4j.core.nifti;

/**
 * The NIfTI-1 {@code datatype} codes this package reads (nifti1.h, "DT_*" / "NIFTI_TYPE_*"). Complex, RGB,
 * 64-bit integer, unsigned 32-bit and 128-bit float data are not supported.
 */
enum NiftiDatatype {
    UINT8(2, 1, false),
    INT16(4, 2, false),
    INT32(8, 4, false),
    FLOAT32(16, 4, true),
    FLOAT64(64, 8, true),
    INT8(256, 1, false),
    UINT16(512, 2, false);

    /** The code in the header's {@code datatype} field. */
    final short code;
    /** Bytes per voxel ({@code bitpix} / 8). */
    final int bytes;
    /** Whether voxels are IEEE floating point. */
    final boolean floating;

    NiftiDatatype(int code, int bytes, boolean floating) {
        this.code = (short) code;
        this.bytes = bytes;
        this.floating = floating;
    }

    /** @return the bits per voxel, the header's {@code bitpix} */
    short bitpix() {
        return (short) (bytes * 8);
    }

    /** @return the datatype of {@code code}, or null if it is not one this package reads */
    static NiftiDatatype ofCode(int code) {
        for (NiftiDatatype t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** @return the supported codes and names, for error messages */
    static String supportedList() {
        StringBuilder sb = new StringBuilder();
        for (NiftiDatatype t : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(t.code).append(" (").append(t.name()).append(')');
        }
        return sb.toString();
    }
}
