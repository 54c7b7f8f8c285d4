package org.medimg4j.dicom.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.medimg4j.dicom.DicomException;

/**
 * A {@link ByteSource} over a file, read with positional {@link FileChannel} reads, so that pixel data is read only
 * when asked for and concurrent frame reads do not contend for a file position. The channel is opened on the first
 * read and kept until {@link #close()}; a read after that reopens it, and refuses to go on if the file's size
 * changed since it was first opened (it was rewritten, and the parsed offsets no longer hold).
 */
public final class PathSource implements ByteSource {

    private final Path path;
    private final String name;
    private final AtomicLong bytesRead = new AtomicLong();
    private FileChannel channel;
    private long size = -1;

    /** @param path the file */
    public PathSource(Path path) {
        this.path = path;
        this.name = path.toString();
    }

    private synchronized FileChannel channel() throws IOException {
        if (channel == null) {
            FileChannel c = FileChannel.open(path, StandardOpenOption.READ);
            long s = c.size();
            if (size >= 0 && s != size) {
                c.close();
                throw new DicomException(name + ": the file changed since it was read (" + size + " bytes then, "
                        + s + " now)");
            }
            size = s;
            channel = c;
        }
        return channel;
    }

    @Override
    public int read(long position, byte[] dst, int off, int len) throws IOException {
        return read(position, ByteBuffer.wrap(dst, off, len));
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        FileChannel c = channel();
        int total = 0;
        long p = position;
        while (dst.hasRemaining() && p < size) {
            int n = c.read(dst, p);
            if (n < 0) {
                break;
            }
            p += n;
            total += n;
        }
        bytesRead.addAndGet(total);
        return total;
    }

    @Override
    public long available(long position, long wanted) throws IOException {
        return Math.max(0, Math.min(wanted, size() - position));
    }

    @Override
    public long size() throws IOException {
        synchronized (this) {
            if (size >= 0) {
                return size;
            }
        }
        channel();
        return size;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the bytes read from the file so far (a measure of how little a metadata-only read reads) */
    public long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
