package org.medimg4j.core.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.medimg4j.core.file.AtomicFile;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * Writes a {@link Volume} or {@link LabelVolume} as a single-file NIfTI-1 image, gzip-compressed when the file
 * name ends in {@code .gz}.
 *
 * <h2>What is written</h2>
 * <ul>
 *   <li>A little-endian 348-byte header, 4 zero extension bytes (no extensions) and the voxels at
 *       {@code vox_offset} 352, in the volume's type: FLOAT32 (16), INT16 (4) or UINT8 (2); labels as UINT8 with
 *       {@code intent_code} NIFTI_INTENT_LABEL. {@code scl_slope} 1, {@code scl_inter} 0.</li>
 *   <li>{@code dim[0]} 2 for a single-channel image one slice deep, 3 for a volume, 4 with the channels in
 *       {@code dim[4]} for a multi-channel one.</li>
 *   <li>Geometry twice, consistently, LPS converted to NIfTI's RAS: the sform (the exact affine) and the qform
 *       (a quaternion of the direction cosines, with {@code qfac = pixdim[0] = -1} for a left-handed grid), both
 *       with code 1, NIFTI_XFORM_SCANNER_ANAT, because {@link Geometry} coordinates are the scanner's (DICOM
 *       patient) frame, not a template's. {@code pixdim[1..3]} is the spacing and {@code xyzt_units} mm.
 *       Stored as 32-bit floats, so positions keep about 7 significant digits.</li>
 *   <li>The intensity unit and metadata are not stored (NIfTI has no field for them).</li>
 * </ul>
 *
 * <p>The file is written to a temporary file in the target's directory and renamed onto the target only when
 * complete (atomically where the file system allows), so a failure never leaves a half-written target; the
 * temporary file is removed on failure.
 */
public final class NiftiWriter {

    /** dim[] entries are signed 16-bit in NIfTI-1. */
    private static final int MAX_DIM = Short.MAX_VALUE;
    private static final int CHUNK_BYTES = 1 << 18;
    private static final String DESCRIP = "medimg4j";

    private NiftiWriter() {
    }

    /**
     * @param volume the image; its geometry (LPS mm) is written as sform and qform
     * @param file   the target, .nii or .nii.gz (gzip when the name ends in .gz); replaced if it exists
     * @throws NiftiException if a dimension exceeds NIfTI-1's 32767
     * @throws IOException    if the file cannot be written
     */
    public static void write(Volume volume, Path file) throws IOException {
        NiftiDatatype type = switch (volume.voxelType()) {
            case FLOAT32 -> NiftiDatatype.FLOAT32;
            case INT16 -> NiftiDatatype.INT16;
            case UINT8 -> NiftiDatatype.UINT8;
        };
        NiftiHeader header = header(volume.geometry(), volume.channels(), type, (short) 0, file);
        writeAtomically(file, header, out -> {
            switch (volume.voxelType()) {
                case FLOAT32 -> writeFloats(volume.floats(), out);
                case INT16 -> writeShorts(volume.shorts(), out);
                case UINT8 -> writeBytes(volume.unsignedBytes(), out);
            }
        });
    }

    /**
     * @param labels the segmentation, written as UINT8 with intent NIFTI_INTENT_LABEL
     * @param file   the target, .nii or .nii.gz; replaced if it exists
     * @throws NiftiException if a dimension exceeds NIfTI-1's 32767
     * @throws IOException    if the file cannot be written
     */
    public static void write(LabelVolume labels, Path file) throws IOException {
        NiftiHeader header = header(labels.geometry(), 1, NiftiDatatype.UINT8, NiftiHeader.INTENT_LABEL, file);
        writeAtomically(file, header, out -> writeBytes(labels.labels(), out));
    }

    private static NiftiHeader header(Geometry g, int channels, NiftiDatatype type, short intent, Path file)
            throws NiftiException {
        int[] extents = {g.nx(), g.ny(), g.nz(), channels};
        String[] names = {"x (nx)", "y (ny)", "z (nz)", "channels"};
        for (int a = 0; a < 4; a++) {
            if (extents[a] > MAX_DIM) {
                throw new NiftiException(file.toString(), "size along " + names[a] + " is " + extents[a]
                        + ", more than NIfTI-1's dim field holds (" + MAX_DIM + ")");
            }
        }
        short rank = (short) (channels > 1 ? 4 : g.nz() > 1 ? 3 : 2);
        short[] dim = {rank, (short) g.nx(), (short) g.ny(), (short) g.nz(), (short) channels, 1, 1, 1};
        NiftiGeometry.Encoded e = NiftiGeometry.encode(g);
        float[] pixdim = {e.qfac(), e.spacing()[0], e.spacing()[1], e.spacing()[2], 1, 1, 1, 1};
        return new NiftiHeader(ByteOrder.LITTLE_ENDIAN, dim, type, pixdim, NiftiHeader.MIN_VOX_OFFSET, 1f, 0f,
                // a quaternion cannot hold a sheared (gantry-tilted) grid: only the sform describes it then
                NiftiGeometry.UNITS_MM, g.isOrthonormal() ? NiftiGeometry.XFORM_SCANNER_ANAT : 0,
                NiftiGeometry.XFORM_SCANNER_ANAT,
                e.quatern(), e.qoffset(), e.srow(), intent, DESCRIP, false);
    }

    /** Writes the voxel data after the header. */
    @FunctionalInterface
    private interface VoxelWriter {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, NiftiHeader header, VoxelWriter voxels) throws IOException {
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        AtomicFile.write(file, tmp -> {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = gzip ? new GZIPOutputStream(Channels.newOutputStream(channel), CHUNK_BYTES)
                         : Channels.newOutputStream(channel)) {
                out.write(header.encode());
                voxels.write(out);
                if (out instanceof GZIPOutputStream gz) {
                    gz.finish();
                }
                out.flush();
            }
        });
    }

    private static void writeFloats(FloatBuffer src, OutputStream out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer view = chunk.asFloatBuffer();
        int total = src.capacity();
        for (int from = 0; from < total; from += view.capacity()) {
            int n = Math.min(view.capacity(), total - from);
            view.clear();
            view.put(src.slice(from, n));
            out.write(chunk.array(), 0, n * Float.BYTES);
        }
    }

    private static void writeShorts(ShortBuffer src, OutputStream out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        ShortBuffer view = chunk.asShortBuffer();
        int total = src.capacity();
        for (int from = 0; from < total; from += view.capacity()) {
            int n = Math.min(view.capacity(), total - from);
            view.clear();
            view.put(src.slice(from, n));
            out.write(chunk.array(), 0, n * Short.BYTES);
        }
    }

    private static void writeBytes(ByteBuffer src, OutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        int total = src.capacity();
        for (int from = 0; from < total; from += chunk.length) {
            int n = Math.min(chunk.length, total - from);
            src.get(from, chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }
}
