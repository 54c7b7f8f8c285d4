package org.medimg4j.core.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;

/**
 * Writes a file so that a reader sees either the old file or the whole new one, never a part — what every writer
 * of this library (NIfTI, DICOM, ImageJ TIFF) promises. The content goes to a new hidden file next to the target
 * (same directory, so the rename stays on one file system), is forced to disk, then renamed over the target
 * atomically (a plain replacing move where the file system has no atomic one). On any failure the temporary
 * file is deleted and the target is left as it was.
 *
 * <p>The temporary file is created here rather than with {@link Files#createTempFile}, which makes it owner-only
 * (0600) on POSIX: the rename would pass that on to the result, which should get the usual permissions.
 */
public final class AtomicFile {

    private static final Random NAMES = new SecureRandom();

    /** Fills the temporary file; it exists, empty, when called. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param temporary the file to write (open it for writing, or hand its path to a library that writes)
         * @throws IOException when writing fails
         */
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * @param target  the file to (re)place
     * @param content writes the new content into the temporary file it is given
     * @throws IOException when the temporary file cannot be created (the directory is missing, not a directory,
     *                     not writable), the content fails, or the rename fails; nothing is left behind then
     */
    public static void write(Path target, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path t = Objects.requireNonNull(target, "target").toAbsolutePath();
        Path tmp = createTemporary(t);
        boolean moved = false;
        try {
            content.writeTo(tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);   // the rename must not reach the disk before the bytes it publishes
            }
            try {
                Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, t, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static Path createTemporary(Path target) throws IOException {
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        while (true) {
            long suffix;
            synchronized (NAMES) {
                suffix = NAMES.nextLong();
            }
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(suffix) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                // a 64-bit random name collided; try another
            }
        }
    }
}
