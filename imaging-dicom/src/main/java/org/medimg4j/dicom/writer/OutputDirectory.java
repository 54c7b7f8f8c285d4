package org.medimg4j.dicom.writer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory a series goes to, and the files written there by one call: created when missing, refused with a
 * {@link DicomWriteException} naming it when it cannot be, and emptied of this call's files when a later file
 * fails, so that a failed write leaves neither a partial file nor a partial series.
 */
final class OutputDirectory {

    private final Path dir;
    private final boolean created;
    /** Guarded by itself: slices may be written from several threads. */
    private final List<Path> written = new ArrayList<>();

    private OutputDirectory(Path dir, boolean created) {
        this.dir = dir;
        this.created = created;
    }

    /**
     * @param dir the output directory
     * @return it, created with its parents when missing
     * @throws DicomWriteException naming {@code dir} when a file is in the way or it cannot be created
     */
    static OutputDirectory prepare(Path dir) throws DicomWriteException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return new OutputDirectory(abs, false);
        }
        if (Files.exists(abs)) {
            throw new DicomWriteException("output directory " + abs + " is not a directory: a file is in the way",
                    abs, null);
        }
        try {
            Files.createDirectories(abs);
        } catch (FileAlreadyExistsException e) {
            throw new DicomWriteException("cannot create output directory " + abs + ": " + e.getFile()
                    + " is a file, not a directory", abs, e);
        } catch (IOException | SecurityException e) {
            throw new DicomWriteException("cannot create output directory " + abs + " (" + e + ")", abs, e);
        }
        return new OutputDirectory(abs, true);
    }

    /** @return the directory, absolute */
    Path path() {
        return dir;
    }

    /** Writes one file through {@link Part10Writer#write}, remembering it for {@link #rollBack}; thread-safe. */
    Path write(String fileName, DataSet dataSet) throws DicomWriteException {
        Path file = dir.resolve(fileName);
        Part10Writer.create().write(file, dataSet);
        synchronized (written) {
            written.add(file);
        }
        return file;
    }

    /** @return the files written so far, in the order they were completed */
    List<Path> written() {
        synchronized (written) {
            return List.copyOf(written);
        }
    }

    /**
     * Deletes the files this call wrote, and the directory if this call created it and it is empty; failures to
     * delete are added to {@code failure} as suppressed exceptions.
     */
    void rollBack(Throwable failure) {
        for (Path p : written()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        synchronized (written) {
            written.clear();
        }
        if (created) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // not empty (someone else wrote there meanwhile): leave it
                failure.addSuppressed(e);
            }
        }
    }
}
