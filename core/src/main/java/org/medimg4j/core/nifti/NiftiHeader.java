package org.medimg4j.core.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fields of a NIfTI-1 single-file ({@code n+1}) header that this package uses, with the byte layout of the
 * 348-byte header (nifti1.h). {@link #parse} validates everything that makes a header unusable, naming the field;
 * {@link #encode} writes a little-endian header. Fields not listed here (intent parameters, slice timing,
 * cal_min/max, aux_file, …) are read past and written as zero.
 *
 * @param order       byte order of the header and voxels, from {@code sizeof_hdr}
 * @param dim         {@code dim[0..7]}: dim[0] the number of dimensions, dim[1..3] x, y, z, dim[4] channels/time
 * @param datatype    the voxel type
 * @param pixdim      {@code pixdim[0..7]}: pixdim[0] is qfac, pixdim[1..3] the voxel size in xyzt_units
 * @param voxOffset   byte offset of the voxel data from the start of the file, ≥ 352
 * @param sclSlope    {@code scl_slope}; 0 (or not finite) means no scaling
 * @param sclInter    {@code scl_inter}
 * @param xyztUnits   {@code xyzt_units}; the spatial unit is the low three bits
 * @param qformCode   {@code qform_code}, 0 when the qform is unset
 * @param sformCode   {@code sform_code}, 0 when the sform is unset
 * @param quatern     {@code quatern_b, quatern_c, quatern_d}
 * @param qoffset     {@code qoffset_x, qoffset_y, qoffset_z}
 * @param srow        {@code srow_x, srow_y, srow_z}: the sform as a row-major 3×4 matrix (RAS)
 * @param intentCode  {@code intent_code}
 * @param descrip     {@code descrip}, at most 79 ASCII characters
 * @param extensions  whether the extension flag ({@code extension[0]}, byte 348) says extensions follow
 */
record NiftiHeader(ByteOrder order, short[] dim, NiftiDatatype datatype, float[] pixdim, long voxOffset,
                   float sclSlope, float sclInter, int xyztUnits, short qformCode, short sformCode, float[] quatern,
                   float[] qoffset, float[] srow, short intentCode, String descrip, boolean extensions) {

    /** Size of the NIfTI-1 header proper ({@code sizeof_hdr}). */
    static final int HEADER_BYTES = 348;
    /** Header plus the 4 extension flag bytes: the smallest legal {@code vox_offset} of an n+1 file. */
    static final int MIN_VOX_OFFSET = 352;
    /** {@code sizeof_hdr} of a NIfTI-2 header, recognised only to say so in the error. */
    private static final int NIFTI2_HEADER_BYTES = 540;
    /** intent_code NIFTI_INTENT_LABEL: voxel values are label indices. */
    static final short INTENT_LABEL = 1002;

    private static final int OFF_DIM = 40;
    private static final int OFF_INTENT_CODE = 68;
    private static final int OFF_DATATYPE = 70;
    private static final int OFF_BITPIX = 72;
    private static final int OFF_PIXDIM = 76;
    private static final int OFF_VOX_OFFSET = 108;
    private static final int OFF_SCL_SLOPE = 112;
    private static final int OFF_SCL_INTER = 116;
    private static final int OFF_XYZT_UNITS = 123;
    private static final int OFF_DESCRIP = 148;
    private static final int DESCRIP_BYTES = 80;
    private static final int OFF_QFORM_CODE = 252;
    private static final int OFF_SFORM_CODE = 254;
    private static final int OFF_QUATERN = 256;
    private static final int OFF_QOFFSET = 268;
    private static final int OFF_SROW = 280;
    private static final int OFF_MAGIC = 344;

    /** @return voxels along x (dim[1]) */
    int nx() {
        return extent(1);
    }

    /** @return voxels along y (dim[2]), 1 for a 1-D image */
    int ny() {
        return extent(2);
    }

    /** @return voxels along z (dim[3]), 1 for a 2-D image */
    int nz() {
        return extent(3);
    }

    /** @return entries along the 4th dimension (dim[4]), read as channels; 1 for a 3-D image */
    int channels() {
        return extent(4);
    }

    /** @return the voxel count over all channels, nx·ny·nz·channels */
    long elementCount() {
        return (long) nx() * ny() * nz() * channels();
    }

    /** @return the voxel data size in bytes the dimensions require */
    long dataBytes() {
        return elementCount() * datatype.bytes;
    }

    /** @return whether {@code scl_slope}/{@code scl_inter} change the stored values (nifti1.h: slope 0 = none) */
    boolean isScaled() {
        return effectiveSlope() != 1.0 || effectiveInter() != 0.0;
    }

    /** @return the slope to apply: {@code scl_slope}, or 1 where it is 0 or not finite (unset) */
    double effectiveSlope() {
        return sclSlope == 0 || !Float.isFinite(sclSlope) ? 1.0 : sclSlope;
    }

    /** @return the intercept to apply: {@code scl_inter}, or 0 when the slope is unset or it is not finite */
    double effectiveInter() {
        return sclSlope == 0 || !Float.isFinite(sclSlope) || !Float.isFinite(sclInter) ? 0.0 : sclInter;
    }

    private int extent(int axis) {
        // nifti1.h: dimensions past dim[0] are ignored (often 0 or garbage), so they count as 1
        return axis <= dim[0] ? dim[axis] : 1;
    }

    /**
     * Parses and validates the first {@link #MIN_VOX_OFFSET} bytes of an n+1 file.
     *
     * @param raw    at least 352 bytes: the header and the extension flag bytes
     * @param source the file or stream name, for messages
     * @throws NiftiException naming the field, if sizeof_hdr is not 348 in either byte order, the magic is not
     *                        "n+1", dim is out of range or beyond 4-D, the datatype is unsupported or vox_offset
     *                        is below 352 or not a whole number
     */
    static NiftiHeader parse(byte[] raw, String source) throws NiftiException {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int sizeLe = b.getInt(0);
        if (sizeLe != HEADER_BYTES) {
            b.order(ByteOrder.BIG_ENDIAN);
            int sizeBe = b.getInt(0);
            if (sizeBe != HEADER_BYTES) {
                if (sizeLe == NIFTI2_HEADER_BYTES || sizeBe == NIFTI2_HEADER_BYTES) {
                    throw new NiftiException(source, "sizeof_hdr is 540: a NIfTI-2 header, which is not supported;"
                            + " expected a NIfTI-1 header (sizeof_hdr 348)");
                }
                throw new NiftiException(source, "sizeof_hdr must be 348 (NIfTI-1) in either byte order, got "
                        + sizeLe + " little-endian / " + sizeBe + " big-endian: not a NIfTI-1 file");
            }
        }
        String magic = magic(raw);
        if (magic.equals("ni1")) {
            throw new NiftiException(source, "magic is \"ni1\": a two-file .hdr/.img pair, which is not supported;"
                    + " expected a single-file .nii (magic \"n+1\")");
        }
        if (!magic.equals("n+1") || raw[OFF_MAGIC + 3] != 0) {
            throw new NiftiException(source, "magic must be \"n+1\\0\" (single-file NIfTI-1), got \""
                    + printable(raw, OFF_MAGIC, 4) + "\"");
        }
        short[] dim = new short[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(OFF_DIM + 2 * i);
        }
        checkDims(dim, source);
        short code = b.getShort(OFF_DATATYPE);
        NiftiDatatype datatype = NiftiDatatype.ofCode(code);
        if (datatype == null) {
            throw new NiftiException(source, "datatype " + code + " (bitpix " + b.getShort(OFF_BITPIX)
                    + ") is not supported; expected one of " + NiftiDatatype.supportedList());
        }
        float[] pixdim = new float[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getFloat(OFF_PIXDIM + 4 * i);
        }
        float voxOffset = b.getFloat(OFF_VOX_OFFSET);
        if (!(voxOffset >= MIN_VOX_OFFSET) || voxOffset != Math.rint(voxOffset) || voxOffset > Integer.MAX_VALUE) {
            throw new NiftiException(source, "vox_offset must be a whole number of bytes >= 352 in a single-file"
                    + " NIfTI-1, got " + voxOffset);
        }
        float[] quatern = {b.getFloat(OFF_QUATERN), b.getFloat(OFF_QUATERN + 4), b.getFloat(OFF_QUATERN + 8)};
        float[] qoffset = {b.getFloat(OFF_QOFFSET), b.getFloat(OFF_QOFFSET + 4), b.getFloat(OFF_QOFFSET + 8)};
        float[] srow = new float[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getFloat(OFF_SROW + 4 * i);
        }
        return new NiftiHeader(b.order(), dim, datatype, pixdim, (long) voxOffset, b.getFloat(OFF_SCL_SLOPE),
                b.getFloat(OFF_SCL_INTER), raw[OFF_XYZT_UNITS] & 0xFF, b.getShort(OFF_QFORM_CODE),
                b.getShort(OFF_SFORM_CODE), quatern, qoffset, srow, b.getShort(OFF_INTENT_CODE),
                ascii(raw, OFF_DESCRIP, DESCRIP_BYTES), raw[HEADER_BYTES] != 0);
    }

    private static void checkDims(short[] dim, String source) throws NiftiException {
        if (dim[0] < 1 || dim[0] > 7) {
            throw new NiftiException(source, "dim[0] (number of dimensions) must be 1..7, got " + dim[0]);
        }
        for (int i = 1; i <= dim[0]; i++) {
            if (dim[i] < 1) {
                throw new NiftiException(source, "dim[" + i + "] must be >= 1 (dim[0] = " + dim[0] + "), got "
                        + dim[i]);
            }
            if (i >= 5 && dim[i] > 1) {
                throw new NiftiException(source, "dim[" + i + "] = " + dim[i] + ": data beyond 4 dimensions is not"
                        + " supported; expected dim[5..7] = 1 (x, y, z and channels in dim[4] only)");
            }
        }
    }

    /** @return the 348 header bytes followed by 4 zero extension bytes (no extensions), little-endian */
    byte[] encode() {
        byte[] raw = new byte[MIN_VOX_OFFSET];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, HEADER_BYTES);
        raw[38] = 'r'; // "regular": ANALYZE 7.5 legacy, set as nifti1.h advises
        for (int i = 0; i < 8; i++) {
            b.putShort(OFF_DIM + 2 * i, dim[i]);
        }
        b.putShort(OFF_INTENT_CODE, intentCode);
        b.putShort(OFF_DATATYPE, datatype.code);
        b.putShort(OFF_BITPIX, datatype.bitpix());
        for (int i = 0; i < 8; i++) {
            b.putFloat(OFF_PIXDIM + 4 * i, pixdim[i]);
        }
        b.putFloat(OFF_VOX_OFFSET, voxOffset);
        b.putFloat(OFF_SCL_SLOPE, sclSlope);
        b.putFloat(OFF_SCL_INTER, sclInter);
        raw[OFF_XYZT_UNITS] = (byte) xyztUnits;
        byte[] text = descrip.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, raw, OFF_DESCRIP, Math.min(text.length, DESCRIP_BYTES - 1));
        b.putShort(OFF_QFORM_CODE, qformCode);
        b.putShort(OFF_SFORM_CODE, sformCode);
        for (int i = 0; i < 3; i++) {
            b.putFloat(OFF_QUATERN + 4 * i, quatern[i]);
            b.putFloat(OFF_QOFFSET + 4 * i, qoffset[i]);
        }
        for (int i = 0; i < 12; i++) {
            b.putFloat(OFF_SROW + 4 * i, srow[i]);
        }
        raw[OFF_MAGIC] = 'n';
        raw[OFF_MAGIC + 1] = '+';
        raw[OFF_MAGIC + 2] = '1';
        return raw;
    }

    private static String magic(byte[] raw) {
        int end = OFF_MAGIC;
        while (end < OFF_MAGIC + 3 && raw[end] != 0) {
            end++;
        }
        return new String(raw, OFF_MAGIC, end - OFF_MAGIC, StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] raw, int offset, int length) {
        int end = offset;
        while (end < offset + length && raw[end] != 0) {
            end++;
        }
        return new String(raw, offset, end - offset, StandardCharsets.US_ASCII);
    }

    /** @return the bytes as text with non-printable bytes escaped, so a garbage magic reads in a message */
    private static String printable(byte[] raw, int offset, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            int c = raw[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
            }
        }
        return sb.toString();
    }
}
