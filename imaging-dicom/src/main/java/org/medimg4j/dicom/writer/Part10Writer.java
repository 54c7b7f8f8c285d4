package org.medimg4j.dicom.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.medimg4j.core.file.AtomicFile;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Writes a {@link DataSet} as a DICOM Part 10 file (PS3.10 7.1): a 128-byte zero preamble, "DICM", the File Meta
 * Information group (0002) and the data set, all in explicit VR little endian (transfer syntax
 * {@value #EXPLICIT_VR_LITTLE_ENDIAN}), elements in ascending tag order, sequences with defined lengths.
 *
 * <p>The meta group (PS3.10 7.1, table 7.1-1) holds (0002,0000) File Meta Information Group Length (the byte count
 * of the rest of the group), (0002,0001) version 00\01, Media Storage SOP Class and Instance UID copied from the
 * data set's SOP Class UID (0008,0016) and SOP Instance UID (0008,0018), which must therefore be present, the
 * transfer syntax, the Implementation Class UID {@link UidGenerator#IMPLEMENTATION_CLASS_UID} and the
 * Implementation Version Name {@value #IMPLEMENTATION_VERSION_NAME}. Group lengths are written for the meta group
 * only: elsewhere they are retired (PS3.5 7.2).
 *
 * <p>Files are written whole or not at all: the bytes go to a temporary file in the target directory, are forced
 * to the device, and the temporary file is then renamed onto the target (atomically where the file system can);
 * on any failure the temporary file is deleted. Stateless and thread-safe.
 */
public final class Part10Writer {

    /** Explicit VR Little Endian (PS3.5 A.2), the transfer syntax of everything written here. */
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    /** The version of medimg4j written into every file, without a "-SNAPSHOT" qualifier. */
    public static final String IMPLEMENTATION_VERSION = "0.1.0";

    /**
     * Implementation Version Name (0002,0013): "MEDIMG4J_" and {@link #IMPLEMENTATION_VERSION}; SH, at most 16
     * characters.
     */
    public static final String IMPLEMENTATION_VERSION_NAME = "MEDIMG4J_" + IMPLEMENTATION_VERSION;

    private static final int PREAMBLE_LENGTH = 128;
    private static final Part10Writer INSTANCE = new Part10Writer();

    private Part10Writer() {
    }

    /** @return the writer */
    public static Part10Writer create() {
        return INSTANCE;
    }

    /**
     * @param dataSet the data set, with SOP Class UID (0008,0016) and SOP Instance UID (0008,0018)
     * @return the File Meta Information for it (without its group length, which {@link #encode} computes)
     * @throws IllegalArgumentException naming "dataSet" when either UID is missing
     */
    public DataSet fileMetaInformation(DataSet dataSet) {
        String sopClass = requireUid(dataSet, Tag.SOPClassUID);
        String sopInstance = requireUid(dataSet, Tag.SOPInstanceUID);
        return new DataSet(new DicomElement[] {
            DicomElement.bytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1}),
            DicomElement.text(Tag.MediaStorageSOPClassUID, VR.UI, sopClass),
            DicomElement.text(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstance),
            DicomElement.text(Tag.TransferSyntaxUID, VR.UI, EXPLICIT_VR_LITTLE_ENDIAN),
            DicomElement.text(Tag.ImplementationClassUID, VR.UI, UidGenerator.IMPLEMENTATION_CLASS_UID),
            DicomElement.text(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME)});
    }

    /**
     * @param dataSet the data set, with SOP Class UID and SOP Instance UID
     * @return the whole Part 10 file: preamble, "DICM", meta group, data set
     * @throws IllegalArgumentException naming "dataSet" when a UID is missing or the file would exceed 2 GiB
     */
    public byte[] encode(DataSet dataSet) {
        Objects.requireNonNull(dataSet, "dataSet");
        DataSet meta = fileMetaInformation(dataSet);
        DicomElement groupLength = DicomElement.longs(Tag.FileMetaInformationGroupLength, VR.UL, meta.encodedLength());
        ByteBuffer out = ExplicitLeEncoder.allocate(PREAMBLE_LENGTH + 4 + groupLength.encodedLength()
                + meta.encodedLength() + dataSet.encodedLength());
        out.position(PREAMBLE_LENGTH);
        out.put((byte) 'D').put((byte) 'I').put((byte) 'C').put((byte) 'M');
        ExplicitLeEncoder.encode(new DataSet(new DicomElement[] {groupLength}), out);
        ExplicitLeEncoder.encode(meta, out);
        ExplicitLeEncoder.encode(dataSet, out);
        if (out.hasRemaining()) {
            throw new IllegalStateException("encoder wrote " + out.position() + " of " + out.capacity() + " bytes");
        }
        return out.array();
    }

    /**
     * Writes {@code dataSet} to {@code file}, replacing a file of that name, through a temporary file in the same
     * directory that is renamed onto {@code file} once complete. The directory must exist.
     *
     * @param file    the target file
     * @param dataSet the data set, with SOP Class UID and SOP Instance UID
     * @return {@code file}
     * @throws DicomWriteException naming the directory or file when it cannot be written; nothing is then left
     *                             under {@code file}'s name or the temporary name
     */
    public Path write(Path file, DataSet dataSet) throws DicomWriteException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = encode(dataSet);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new DicomWriteException("cannot write DICOM file " + target + ": a directory of that name is in the"
                    + " way", target, null);
        }
        if (!Files.isDirectory(dir)) {
            throw new DicomWriteException("cannot write DICOM file " + target + ": cannot create a file in directory "
                    + dir + " (" + (Files.exists(dir) ? "not a directory" : "no such directory") + ")", dir, null);
        }
        try {
            AtomicFile.write(target, tmp -> {
                try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                    while (b.hasRemaining()) {
                        c.write(b);
                    }
                }
            });
            return file;
        } catch (IOException e) {
            throw new DicomWriteException("cannot write DICOM file " + target + " (" + e + ")", target, e);
        }
    }

    private static String requireUid(DataSet ds, int tag) {
        DicomElement e = ds.get(tag).orElseThrow(() -> new IllegalArgumentException(
                "dataSet must hold " + DicomElement.name(tag) + " to be written as a Part 10 file"));
        String uid = new String(e.rawValue(), java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "").strip();
        if (uid.isEmpty()) {
            throw new IllegalArgumentException("dataSet must hold a value in " + DicomElement.name(tag)
                    + " to be written as a Part 10 file");
        }
        return uid;
    }
}
