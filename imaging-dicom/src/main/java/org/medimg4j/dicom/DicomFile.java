package org.medimg4j.dicom;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medimg4j.dicom.charset.SpecificCharacterSet;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.parse.BufferSource;
import org.medimg4j.dicom.parse.ByteSource;
import org.medimg4j.dicom.parse.FileParser;
import org.medimg4j.dicom.parse.PathSource;
import org.medimg4j.dicom.parse.StreamSource;
import org.medimg4j.dicom.parse.TagNames;

/**
 * A DICOM file (PS3.10) or bare data set, read: its File Meta Information, its data set, its transfer syntax, and
 * lazy access to its Pixel Data.
 *
 * <p>Reading: a Part 10 file has a 128-byte preamble, "DICM" and the meta group (explicit VR little endian); a bare
 * data set has none of them, and its encoding is detected from its first bytes. Deflated data sets are inflated.
 * Malformed input fails with a {@link DicomException} naming the file, the byte offset and the tag; tolerated
 * deviations are listed in {@link #warnings()}.
 *
 * <p>Pixel Data is never loaded by {@code read}: {@link #pixelData()} says where it is and reads any part of it on
 * demand. From a {@link Path}, the file is read through a {@link java.nio.channels.FileChannel}: {@code read}
 * closes it before returning, the first pixel read reopens it and keeps it open until {@link #close()}. From an
 * {@link InputStream}, the stream is read into memory up to the end (or, metadata-only, up to Pixel Data) and not
 * closed. From a {@link ByteBuffer}, the buffer is used in place, not copied. A deflated data set is inflated into
 * memory whatever the input.
 */
public final class DicomFile implements Closeable {

    private final String sourceName;
    private final Path path;
    private final Attributes meta;
    private final Attributes dataSet;
    private final FileParser.Result parsed;
    private final List<String> warnings;
    private final ByteSource fileSource;

    private DicomFile(String sourceName, Path path, FileParser.Result parsed, ByteSource fileSource) {
        this.sourceName = sourceName;
        this.path = path;
        this.parsed = parsed;
        this.fileSource = fileSource;
        List<String> w = new ArrayList<>(parsed.warnings());
        this.meta = parsed.meta() == null ? Attributes.empty()
                : AttributesAssembler.assemble(parsed.meta(), SpecificCharacterSet.DEFAULT, sourceName, fileSource, w);
        this.dataSet = AttributesAssembler.assemble(parsed.dataSet(), SpecificCharacterSet.DEFAULT, sourceName,
                parsed.dataSource(), w);
        this.warnings = List.copyOf(w);
    }

    /**
     * Reads a file, all of it but its pixel bytes.
     *
     * @param path the file
     * @return the file
     * @throws DicomException when the file is not DICOM, is malformed, or has an unknown transfer syntax
     * @throws IOException    when the file cannot be read
     */
    public static DicomFile read(Path path) throws IOException {
        return read(path, ReadOptions.DEFAULT);
    }

    /**
     * @param path    the file
     * @param options e.g. {@link ReadOptions#metadataOnly()}
     * @return the file
     * @throws DicomException when the file is not DICOM, is malformed, or has an unknown transfer syntax
     * @throws IOException    when the file cannot be read
     */
    public static DicomFile read(Path path, ReadOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        PathSource source = new PathSource(path);
        try {
            return new DicomFile(path.toString(), path, parse(source, options), source);
        } finally {
            // Metadata-only scans must not hold thousands of files open; pixel reads reopen it.
            source.close();
        }
    }

    /**
     * Reads a stream into memory (up to its end, or up to Pixel Data for a metadata-only read). The stream is not
     * closed.
     *
     * @param in   the stream
     * @param name the name used in messages
     * @return the file
     * @throws DicomException when the data is not DICOM or is malformed
     * @throws IOException    when the stream fails
     */
    public static DicomFile read(InputStream in, String name) throws IOException {
        return read(in, name, ReadOptions.DEFAULT);
    }

    /**
     * @param in      the stream (not closed)
     * @param name    the name used in messages
     * @param options e.g. {@link ReadOptions#metadataOnly()}
     * @return the file
     * @throws DicomException when the data is not DICOM or is malformed
     * @throws IOException    when the stream fails
     */
    public static DicomFile read(InputStream in, String name, ReadOptions options) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        StreamSource source = new StreamSource(in, 0, Objects.requireNonNull(name, "name"));
        try {
            return new DicomFile(name, null, parse(source, options), source);
        } finally {
            source.stopReading();
        }
    }

    /**
     * Reads from a buffer, its position to its limit. The bytes are not copied: do not change them while the file
     * is in use.
     *
     * @param buffer the bytes of a DICOM file or bare data set
     * @param name   the name used in messages
     * @return the file
     * @throws DicomException when the data is not DICOM or is malformed
     */
    public static DicomFile read(ByteBuffer buffer, String name) throws IOException {
        return read(buffer, name, ReadOptions.DEFAULT);
    }

    /**
     * @param buffer  the bytes, from its position to its limit (not copied)
     * @param name    the name used in messages
     * @param options e.g. {@link ReadOptions#metadataOnly()}
     * @return the file
     * @throws DicomException when the data is not DICOM or is malformed
     */
    public static DicomFile read(ByteBuffer buffer, String name, ReadOptions options) throws IOException {
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(options, "options");
        BufferSource source = new BufferSource(buffer, Objects.requireNonNull(name, "name"));
        return new DicomFile(name, null, parse(source, options), source);
    }

    private static FileParser.Result parse(ByteSource source, ReadOptions options) throws IOException {
        try {
            return FileParser.parse(source, options.stopBeforePixelData(), options.maxSequenceDepth());
        } catch (RuntimeException e) {
            // The parser checks every length before using it; this is a safety net, so that a case it missed
            // still surfaces as the documented DicomException (with the cause kept for the bug report).
            throw new DicomException(source.name() + ": unexpected failure while parsing (" + e + ")", e);
        }
    }

    /** @return the file path, or the name given with the stream or buffer */
    public String sourceName() {
        return sourceName;
    }

    /** @return the file, when read from a path */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** @return whether the input had a File Meta Information group (a Part 10 file) */
    public boolean hasFileMetaInformation() {
        return parsed.meta() != null;
    }

    /** @return the File Meta Information group (0002,xxxx); empty for a bare data set */
    public Attributes fileMetaInformation() {
        return meta;
    }

    /** @return the data set (without the meta group) */
    public Attributes dataSet() {
        return dataSet;
    }

    /**
     * @return the transfer syntax: as the meta group declares it, or detected for a bare data set or a meta group
     *         without one (then one of the three uncompressed syntaxes)
     */
    public TransferSyntax transferSyntax() {
        return parsed.transferSyntax();
    }

    /** @return whether {@link #transferSyntax()} was detected from the data rather than declared */
    public boolean isTransferSyntaxDetected() {
        return parsed.transferSyntaxDetected();
    }

    /**
     * @return whether the data set's top level is in explicit VR; usually what the transfer syntax says, but some
     *         writers declare explicit VR and write implicit VR (see {@link #warnings()})
     */
    public boolean isExplicitVr() {
        return parsed.explicitVr();
    }

    /** @return the byte order of the data set's binary values */
    public ByteOrder byteOrder() {
        return parsed.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** @return whether a metadata-only read stopped at Pixel Data (then absent from {@link #dataSet()}) */
    public boolean stoppedBeforePixelData() {
        return parsed.stoppedBeforePixelData();
    }

    /** @return deviations from the standard that were tolerated, each with its byte offset */
    public List<String> warnings() {
        return warnings;
    }

    /** @return the top-level Pixel Data (7FE0,0010), if present and read */
    public Optional<PixelData> pixelData() {
        return pixelData(Tag.PixelData);
    }

    /**
     * @param tag (7FE0,0010) Pixel Data, (7FE0,0008) Float Pixel Data or (7FE0,0009) Double Float Pixel Data
     * @return that top-level element's pixel access, if present and read
     */
    public Optional<PixelData> pixelData(int tag) {
        return dataSet.get(tag).flatMap(Attribute::pixelData);
    }

    /** Releases the file opened by pixel reads, if any; a later pixel read opens it again. */
    @Override
    public void close() throws IOException {
        fileSource.close();
        parsed.dataSource().close();
    }

    /** @return "(gggg,eeee) Keyword" for messages */
    static String describe(int tag) {
        return TagNames.describe(tag);
    }

    @Override
    public String toString() {
        return "DicomFile[" + sourceName + ", " + transferSyntax() + ", " + dataSet.size() + " attributes]";
    }
}
