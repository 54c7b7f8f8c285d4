package org.medimg4j.core.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;

/**
 * Reads single-file NIfTI-1 images ({@code .nii}, and gzip-compressed {@code .nii.gz}) into a {@link Volume} or
 * {@link LabelVolume} in DICOM's LPS frame, millimetres.
 *
 * <h2>What is read</h2>
 * <ul>
 *   <li>Compression is detected from the gzip magic bytes (1f 8b), not the file name; byte order from
 *       {@code sizeof_hdr}, which is 348 in the file's order.</li>
 *   <li>Datatypes UINT8, INT8, INT16, UINT16, INT32, FLOAT32 and FLOAT64. UINT8 and INT16 data without scaling
 *       ({@code scl_slope} 0 or 1, {@code scl_inter} 0) keep their type; everything else becomes FLOAT32 with
 *       {@code value·scl_slope + scl_inter} applied (FLOAT64 and large INT32 values lose precision).</li>
 *   <li>Dimensions: {@code dim[0]} 1..7; 1-D and 2-D images get ny = 1 / nz = 1; {@code dim[4] > 1} becomes
 *       channels; anything above 1 in {@code dim[5..7]} is refused.</li>
 *   <li>Geometry from the sform, else the qform, else pixdim alone, converted RAS → LPS and to mm; see
 *       {@link NiftiGeometry} for the precedence. A sheared sform is refused.</li>
 *   <li>Header extensions are skipped (voxels start at {@code vox_offset}); intensity units are not stored in
 *       NIfTI, so the volume is {@link IntensityUnit#ARBITRARY} unless the caller names the unit.</li>
 *   <li>Metadata attributes: {@code nifti.transform} ("sform", "qform" or "pixdim": which transform gave the
 *       geometry) and {@code nifti.descrip} (the header's description, when not empty).</li>
 * </ul>
 *
 * <h2>Bad input</h2>
 * Every malformed file fails with a {@link NiftiException} naming the file and the field. Absurd dimensions fail
 * with a message, never an {@link OutOfMemoryError}: before allocating, the size the dimensions imply is checked
 * against a volume's 2³¹-element limit, the heap, the file's length (uncompressed) and what the compressed size
 * can expand to (deflate cannot exceed 1032:1). Where the source cannot vouch for its length (a stream, or a gzip
 * file whose ISIZE trailer is below the size needed, e.g. a multi-member gzip), at most 64 MiB is allocated up
 * front and the voxel array doubles as data arrives, so a lying header costs at most about twice the data that
 * really is there.
 */
public final class NiftiReader {

    /** The largest element count a {@link Volume} buffer can hold. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** zlib's deflate cannot compress by more than 1032:1 (zlib technical details, "maximum compression"). */
    private static final long DEFLATE_MAX_RATIO = 1032;
    /** Slack for gzip headers and a stream's own framing, bytes. */
    private static final long GZIP_SLACK_BYTES = 1 << 16;
    private static final int BUFFER_BYTES = 1 << 16;
    /**
     * Output bytes allocated up front when the source does not vouch for its length (a stream, a gzip file whose
     * trailer is not conclusive); beyond this the output grows as data arrives.
     */
    private static final long UNVOUCHED_INITIAL_BYTES = 64L << 20;

    private NiftiReader() {
    }

    /**
     * @param file a .nii or .nii.gz file
     * @return its voxels and geometry (LPS mm), in {@link IntensityUnit#ARBITRARY}
     * @throws NiftiException if the file is not a valid, supported NIfTI-1 image (the message names the field)
     * @throws IOException    if it cannot be read
     */
    public static Volume read(Path file) throws IOException {
        return read(file, IntensityUnit.ARBITRARY);
    }

    /**
     * @param file a .nii or .nii.gz file
     * @param unit what the (scaled) voxel values mean, e.g. {@link IntensityUnit#HU} for a CT
     * @return its voxels and geometry (LPS mm)
     * @throws NiftiException if the file is not a valid, supported NIfTI-1 image
     * @throws IOException    if it cannot be read
     */
    public static Volume read(Path file, IntensityUnit unit) throws IOException {
        Objects.requireNonNull(unit, "unit");
        try (InputStream in = Files.newInputStream(file)) {
            return readVolume(in, Origin.of(file), unit);
        }
    }

    /**
     * Reads from a stream, e.g. a classpath resource. The stream is consumed (through a buffer, so possibly past
     * the voxel data) and not closed. With no length to check the dimensions against, the voxel array grows as
     * data arrives (see the class comment).
     *
     * @param in   a .nii or .nii.gz byte stream
     * @param name the file name used in messages
     * @return its voxels and geometry (LPS mm), in {@link IntensityUnit#ARBITRARY}
     * @throws NiftiException if the stream is not a valid, supported NIfTI-1 image
     * @throws IOException    if it cannot be read
     */
    public static Volume read(InputStream in, String name) throws IOException {
        return read(in, name, IntensityUnit.ARBITRARY);
    }

    /**
     * As {@link #read(InputStream, String)}, with the voxels' unit.
     *
     * @param unit what the (scaled) voxel values mean
     */
    public static Volume read(InputStream in, String name, IntensityUnit unit) throws IOException {
        Objects.requireNonNull(unit, "unit");
        return readVolume(in, Origin.ofStream(name), unit);
    }

    /**
     * Reads a segmentation: any integer datatype (or float data holding whole numbers) with values 0..255 after
     * scaling, one channel.
     *
     * @param file a .nii or .nii.gz file
     * @return its labels and geometry (LPS mm)
     * @throws NiftiException if the file is invalid, has several channels, or a value is not a label 0..255
     * @throws IOException    if it cannot be read
     */
    public static LabelVolume readLabels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabelVolume(in, Origin.of(file));
        }
    }

    /**
     * As {@link #readLabels(Path)} from a stream, which is not closed.
     *
     * @param name the file name used in messages
     */
    public static LabelVolume readLabels(InputStream in, String name) throws IOException {
        return readLabelVolume(in, Origin.ofStream(name));
    }

    private static Volume readVolume(InputStream raw, Origin origin, IntensityUnit unit) throws IOException {
        String name = origin.name();
        Opened o = open(raw, origin);
        NiftiHeader h = o.header;
        boolean keepType = !h.isScaled()
                && (h.datatype() == NiftiDatatype.UINT8 || h.datatype() == NiftiDatatype.INT16);
        int outBytes = keepType ? h.datatype().bytes : Float.BYTES;
        Volume.Builder b = Volume.builder(o.geometry).channels(h.channels()).unit(unit).metadata(o.metadata());
        try (InputStream in = o.stream) {
            checkHeap(h, outBytes, name);
            NiftiVoxelDecoder decoder = new NiftiVoxelDecoder(in, h, name, o.initialElements(outBytes));
            if (keepType && h.datatype() == NiftiDatatype.UINT8) {
                b.unsignedBytes(decoder.readUint8());
            } else if (keepType) {
                b.shorts(decoder.readInt16());
            } else {
                b.floats(decoder.readFloat32());
            }
            verifyGzipTrailer(o);
        } catch (ZipException | EOFException e) {
            throw o.gzip ? corruptGzip(name, e) : e;
        } catch (OutOfMemoryError e) {
            // the only allocations here are the voxel arrays: a failed one leaves nothing half-built behind
            throw outOfHeap(h, name);
        }
        return b.build();
    }

    private static LabelVolume readLabelVolume(InputStream raw, Origin origin) throws IOException {
        String name = origin.name();
        Opened o = open(raw, origin);
        NiftiHeader h = o.header;
        try (InputStream in = o.stream) {
            if (h.channels() != 1) {
                throw new NiftiException(name, "dim[4] = " + h.channels() + ": a label volume has one channel,"
                        + " expected dim[4] = 1");
            }
            checkHeap(h, 1, name);
            byte[] labels = new NiftiVoxelDecoder(in, h, name, o.initialElements(1)).readLabels();
            verifyGzipTrailer(o);
            return LabelVolume.of(o.geometry, labels).withMetadata(o.metadata());
        } catch (ZipException | EOFException e) {
            throw o.gzip ? corruptGzip(name, e) : e;
        } catch (OutOfMemoryError e) {
            throw outOfHeap(h, name);
        }
    }

    /**
     * Where the bytes come from.
     *
     * @param name            the file or stream name, for messages
     * @param fileBytes       the file's length, or -1 for a stream of unknown length
     * @param gzipTrailerSize the last 4 bytes of the file as an unsigned little-endian number (a gzip file's
     *                        ISIZE: its uncompressed size modulo 2³², when it has a single member), or -1
     */
    private record Origin(String name, long fileBytes, long gzipTrailerSize) {

        static Origin ofStream(String name) {
            return new Origin(Objects.requireNonNull(name, "name"), -1, -1);
        }

        static Origin of(Path file) throws IOException {
            long size = Files.size(file);
            long trailer = -1;
            if (size >= 4) {
                try (SeekableByteChannel ch = Files.newByteChannel(file)) {
                    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                    ch.position(size - 4);
                    while (b.hasRemaining() && ch.read(b) >= 0) {
                        // a file channel delivers the 4 bytes at once; the loop only guards the contract
                    }
                    trailer = b.hasRemaining() ? -1 : b.getInt(0) & 0xFFFFFFFFL;
                }
            }
            return new Origin(file.toString(), size, trailer);
        }
    }

    /**
     * A stream positioned at vox_offset, with its header and geometry.
     *
     * @param gzip        whether the file is gzip-compressed
     * @param dataVouched whether the source is known to hold all the voxel data (an uncompressed file long
     *                    enough, or a gzip file whose trailer says so), so the output can be allocated at once
     */
    private record Opened(InputStream stream, NiftiHeader header, Geometry geometry, String transform,
                          boolean gzip, boolean dataVouched) {

        /** @return output elements to allocate before reading: all, or a bounded start that grows with the data */
        int initialElements(int bytesPerElement) {
            long all = header.elementCount();
            return (int) (dataVouched ? all : Math.min(all, UNVOUCHED_INITIAL_BYTES / bytesPerElement));
        }

        VolumeMetadata metadata() {
            VolumeMetadata m = VolumeMetadata.EMPTY.withAttribute("nifti.transform", transform);
            return header.descrip().isEmpty() ? m : m.withAttribute("nifti.descrip", header.descrip());
        }
    }

    /**
     * Detects gzip, parses and checks the header, derives the geometry and skips to the voxel data: everything
     * that can fail before a voxel array is allocated. The caller closes the returned stream, which ends the
     * gzip inflater's native memory and closes {@code raw} unless it is a caller's stream (shielded).
     */
    private static Opened open(InputStream raw, Origin origin) throws IOException {
        String name = origin.name();
        long fileBytes = origin.fileBytes();
        BufferedInputStream buffered = new BufferedInputStream(origin.fileBytes() < 0 ? new CloseShield(raw) : raw,
                BUFFER_BYTES);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b; // RFC 1952 ID1, ID2
        InputStream in = buffered;
        try {
            if (gzip) {
                in = new GZIPInputStream(buffered, BUFFER_BYTES);
            }
            byte[] head = in.readNBytes(NiftiHeader.MIN_VOX_OFFSET);
            if (head.length < NiftiHeader.MIN_VOX_OFFSET) {
                throw new NiftiException(name, "truncated: " + head.length + (gzip ? " decompressed" : "")
                        + " bytes, shorter than the 348-byte NIfTI-1 header and its 4 extension bytes");
            }
            NiftiHeader h = NiftiHeader.parse(head, name);
            checkSize(h, name, fileBytes, gzip);
            Geometry g = NiftiGeometry.toGeometry(h, name);
            long skip = h.voxOffset() - NiftiHeader.MIN_VOX_OFFSET;
            if (skip > 0) {
                long skipped = skipFully(in, skip);
                if (skipped < skip) {
                    throw new NiftiException(name, "truncated: the data ends at byte " + (NiftiHeader.MIN_VOX_OFFSET
                            + skipped) + ", before vox_offset " + h.voxOffset());
                }
            }
            String transform = NiftiGeometry.sourceOf(h).name().toLowerCase(java.util.Locale.ROOT);
            long needed = h.voxOffset() + h.dataBytes();
            boolean vouched = fileBytes >= 0 && !gzip
                    || gzip && needed < (1L << 32) && origin.gzipTrailerSize() >= needed;
            return new Opened(in, h, g, transform, gzip, vouched);
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (gzip && (e instanceof ZipException || e instanceof EOFException)) {
                throw corruptGzip(name, (IOException) e);
            }
            throw e;
        }
    }

    /** Keeps a caller's stream open when the reader closes its own wrappers around it. */
    private static final class CloseShield extends FilterInputStream {
        CloseShield(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
            // the caller opened the stream and closes it
        }
    }

    /**
     * Reads a gzip stream to its end: gzip checks its CRC-32 and length only in the trailer, after the last data
     * byte, so stopping at the end of the voxels would let a corrupted stream that still inflates pass unnoticed.
     */
    private static void verifyGzipTrailer(Opened o) throws IOException {
        if (o.gzip) {
            byte[] rest = new byte[BUFFER_BYTES];
            while (o.stream.read(rest) >= 0) {
                // bytes after the voxel data (unusual, but allowed) are read only to reach the trailer
            }
        }
    }

    /** @return the bytes skipped: {@code n}, or fewer if the stream ended (extensions lie in between) */
    private static long skipFully(InputStream in, long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, BUFFER_BYTES)];
        long done = 0;
        while (done < n) {
            int got = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (got < 0) {
                break;
            }
            done += got;
        }
        return done;
    }

    /** Refuses dimensions that the file (or the heap) cannot back, before anything is allocated. */
    private static void checkSize(NiftiHeader h, String name, long fileBytes, boolean gzip) throws NiftiException {
        String dims = "dim " + h.nx() + "x" + h.ny() + "x" + h.nz() + "x" + h.channels();
        if (h.elementCount() > MAX_ELEMENTS) {
            throw new NiftiException(name, dims + " = " + h.elementCount() + " voxels, more than a volume can hold"
                    + " (" + MAX_ELEMENTS + "); expected dims whose product fits a Java array");
        }
        long needed = h.voxOffset() + h.dataBytes();
        if (fileBytes >= 0 && !gzip && needed > fileBytes) {
            throw new NiftiException(name, "voxel data is shorter than the dimensions require: " + dims + " of "
                    + h.datatype() + " needs " + h.dataBytes() + " bytes after vox_offset " + h.voxOffset()
                    + ", but the file has " + Math.max(0, fileBytes - h.voxOffset()));
        }
        if (fileBytes >= 0 && gzip && needed > fileBytes * DEFLATE_MAX_RATIO + GZIP_SLACK_BYTES) {
            throw new NiftiException(name, "voxel data is shorter than the dimensions require: " + dims + " of "
                    + h.datatype() + " needs " + needed + " bytes, more than a " + fileBytes + "-byte gzip file can"
                    + " hold (deflate compresses at most " + DEFLATE_MAX_RATIO + ":1)");
        }
    }

    private static void checkHeap(NiftiHeader h, int bytesPerVoxel, String name) throws NiftiException {
        long bytes = h.elementCount() * bytesPerVoxel;
        if (bytes > Runtime.getRuntime().maxMemory()) {
            throw outOfHeap(h, name);
        }
    }

    private static NiftiException outOfHeap(NiftiHeader h, String name) {
        return new NiftiException(name, "dim " + h.nx() + "x" + h.ny() + "x" + h.nz() + "x" + h.channels() + " of "
                + h.datatype() + " does not fit the Java heap (max " + Runtime.getRuntime().maxMemory()
                + " bytes); raise -Xmx or crop the image");
    }

    private static NiftiException corruptGzip(String name, IOException e) {
        return new NiftiException(name, "gzip stream is corrupt or truncated (" + e.getMessage() + ")", e);
    }
}
