package org.medimg4j.dicom.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.medimg4j.dicom.DicomException;

/**
 * A {@link ByteSource} over an {@link InputStream} (a caller's stream, or the inflater of a deflated data set): the
 * bytes are pulled in as the parser asks for them and kept in memory, so that pixel data can be read after parsing.
 * The stream is read no further than needed: a metadata-only read stops before Pixel Data. At most about 2 GiB can
 * be held; beyond that the read fails with a {@link DicomException}.
 */
public final class StreamSource implements ByteSource {

    /** Largest array the JVM reliably allocates. */
    private static final int MAX_BYTES = Integer.MAX_VALUE - 16;
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final long base;
    private final String name;
    private byte[] data = new byte[CHUNK];
    private int length;
    private boolean eof;

    /**
     * @param in   the stream; never closed by this source
     * @param base the position of the stream's first byte (0, or for an inflated data set the file offset where the
     *             deflated stream starts)
     * @param name the name used in messages
     */
    public StreamSource(InputStream in, long base, String name) {
        this.in = in;
        this.base = base;
        this.name = name;
    }

    /** Pulls bytes until {@code end} (relative) is held or the stream ends. */
    private void fill(long end) throws IOException {
        while (length < end && !eof) {
            if (length == data.length) {
                if (length >= MAX_BYTES) {
                    throw new DicomException(name + ": more than " + MAX_BYTES
                            + " bytes; a stream this large cannot be held in memory (read the file by its path)");
                }
                // Grow by the data actually arriving, never by a declared length: a bogus length only reads to EOF.
                data = Arrays.copyOf(data, (int) Math.min(MAX_BYTES, (long) data.length * 2));
            }
            int n = in.read(data, length, (int) Math.min(data.length - length, Math.max(CHUNK, end - length)));
            if (n < 0) {
                eof = true;
            } else {
                length += n;
            }
        }
    }

    @Override
    public synchronized int read(long position, byte[] dst, int off, int len) throws IOException {
        long rel = position - base;
        if (rel < 0) {
            throw new IllegalArgumentException("position " + position + " is before the stream's start " + base);
        }
        fill(rel + len);
        int n = (int) Math.min(len, Math.max(0, length - rel));
        if (n > 0) {
            System.arraycopy(data, (int) rel, dst, off, n);
        }
        return n;
    }

    @Override
    public synchronized int read(long position, ByteBuffer dst) throws IOException {
        long rel = position - base;
        fill(rel + dst.remaining());
        int n = (int) Math.min(dst.remaining(), Math.max(0, length - rel));
        if (n > 0) {
            dst.put(data, (int) rel, n);
        }
        return n;
    }

    @Override
    public synchronized long available(long position, long wanted) throws IOException {
        long rel = position - base;
        fill(Math.min(rel + wanted, (long) MAX_BYTES + 1));
        return Math.max(0, Math.min(wanted, length - rel));
    }

    @Override
    public synchronized long size() {
        return eof ? base + length : -1;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the bytes pulled from the stream so far */
    public synchronized long bytesRead() {
        return length;
    }

    /**
     * Stops pulling from the stream: what is held stays readable, reads past it see the end. Called when parsing
     * is over, so that a caller's stream is never read after {@code DicomFile.read} returns.
     */
    public synchronized void stopReading() {
        eof = true;
    }

    /** Does not close the stream, which belongs to whoever opened it. */
    @Override
    public void close() {
        // the caller's stream is the caller's to close
    }
}
