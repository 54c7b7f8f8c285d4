package org.medimg4j.core.nifti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Crafts NIfTI-1 files byte by byte for tests, from the header layout in nifti1.h, independently of
 * {@link NiftiHeader#encode()} so that reader tests do not trust the writer. Every field starts at a valid
 * 3-D little-endian FLOAT32 value and can be overridden.
 */
final class RawNifti {
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    int sizeofHdr = 348;
    short[] dim = {3, 2, 2, 2, 1, 1, 1, 1};
    short datatype = 16;
    short bitpix = 32;
    float[] pixdim = {1, 1, 1, 1, 1, 1, 1, 1};
    float voxOffset = 352;
    float sclSlope = 1;
    float sclInter = 0;
    int xyztUnits = 2;
    short qformCode = 0;
    short sformCode = 0;
    float[] quatern = {0, 0, 0};
    float[] qoffset = {0, 0, 0};
    float[] srow = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
    byte[] magic = {'n', '+', '1', 0};
    byte[] extension = {0, 0, 0, 0};
    /** Bytes between the extension flag and vox_offset (extensions), or null for zeros. */
    byte[] extensionBody;
    /** The voxel data, already in {@link #order}. */
    byte[] data = new byte[0];

    RawNifti dims(int... d) {
        dim = new short[] {(short) d.length, 1, 1, 1, 1, 1, 1, 1};
        for (int i = 0; i < d.length; i++) {
            dim[i + 1] = (short) d[i];
        }
        return this;
    }

    RawNifti floats(float... v) {
        datatype = 16;
        bitpix = 32;
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(order);
        for (float f : v) {
            b.putFloat(f);
        }
        data = b.array();
        return this;
    }

    RawNifti shorts(int code, int... v) {
        datatype = (short) code;
        bitpix = 16;
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(order);
        for (int s : v) {
            b.putShort((short) s);
        }
        data = b.array();
        return this;
    }

    RawNifti bytes(int code, int... v) {
        datatype = (short) code;
        bitpix = 8;
        data = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            data[i] = (byte) v[i];
        }
        return this;
    }

    RawNifti ints(int... v) {
        datatype = 8;
        bitpix = 32;
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(order);
        for (int s : v) {
            b.putInt(s);
        }
        data = b.array();
        return this;
    }

    RawNifti doubles(double... v) {
        datatype = 64;
        bitpix = 64;
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(order);
        for (double d : v) {
            b.putDouble(d);
        }
        data = b.array();
        return this;
    }

    /** @param rows the sform, row-major 3×4 RAS */
    RawNifti sform(int code, double... rows) {
        sformCode = (short) code;
        for (int i = 0; i < 12; i++) {
            srow[i] = (float) rows[i];
        }
        return this;
    }

    RawNifti qform(int code, double b, double c, double d, double qfac, double... offset) {
        qformCode = (short) code;
        quatern = new float[] {(float) b, (float) c, (float) d};
        qoffset = new float[] {(float) offset[0], (float) offset[1], (float) offset[2]};
        pixdim[0] = (float) qfac;
        return this;
    }

    RawNifti pixdim(double x, double y, double z) {
        pixdim[1] = (float) x;
        pixdim[2] = (float) y;
        pixdim[3] = (float) z;
        return this;
    }

    byte[] toBytes() {
        int offset = (int) voxOffset;
        ByteBuffer b = ByteBuffer.allocate(Math.max(offset, 352) + data.length).order(order);
        b.putInt(0, sizeofHdr);
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        b.putShort(70, datatype);
        b.putShort(72, bitpix);
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, pixdim[i]);
        }
        b.putFloat(108, voxOffset);
        b.putFloat(112, sclSlope);
        b.putFloat(116, sclInter);
        b.put(123, (byte) xyztUnits);
        b.putShort(252, qformCode);
        b.putShort(254, sformCode);
        for (int i = 0; i < 3; i++) {
            b.putFloat(256 + 4 * i, quatern[i]);
            b.putFloat(268 + 4 * i, qoffset[i]);
        }
        for (int i = 0; i < 12; i++) {
            b.putFloat(280 + 4 * i, srow[i]);
        }
        b.put(344, magic);
        b.put(348, extension);
        if (extensionBody != null) {
            b.put(352, extensionBody);
        }
        b.put(Math.max(offset, 352), data);
        return b.array();
    }

    Path writeTo(Path file) throws IOException {
        return Files.write(file, toBytes());
    }

    Path writeGzipTo(Path file) throws IOException {
        return Files.write(file, gzip(toBytes()));
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }
}
