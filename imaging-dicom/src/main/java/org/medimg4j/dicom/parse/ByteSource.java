package org.medimg4j.dicom.parse;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Random access to the bytes of a DICOM file or stream, by absolute position (bytes from the start of the file; for
 * a deflated data set, positions in the inflated stream continue from where the deflated stream starts in the
 * file). The parser reads through a {@link ByteReader}; pixel data is read from here on demand.
 *
 * <p>Implementations are safe for concurrent reads once parsing is over, so that frames can be read in parallel.
 */
public interface ByteSource extends Closeable {

    /**
     * Reads up to {@code len} bytes at {@code position}; fewer only at the end of the data.
     *
     * @return the number of bytes read, 0 when {@code position} is at or past the end
     * @throws IOException when the underlying file or stream fails
     */
    int read(long position, byte[] dst, int off, int len) throws IOException;

    /**
     * Reads into {@code dst} from its position to its limit, at {@code position}; fewer bytes only at the end.
     *
     * @return the number of bytes read
     * @throws IOException when the underlying file or stream fails
     */
    int read(long position, ByteBuffer dst) throws IOException;

    /**
     * @param position a position
     * @param wanted   bytes wanted from there
     * @return how many of them exist (at most {@code wanted}); a stream source pulls them in to know, in steps,
     *         so that a bogus length makes it read to the end of the stream, never allocate the length
     * @throws IOException when the underlying file or stream fails
     */
    long available(long position, long wanted) throws IOException;

    /** @return the position one past the last byte, or -1 while a stream source has not reached its end */
    long size() throws IOException;

    /** @return the file or stream name used in messages */
    String name();

    /**
     * Releases the file handle, if any. Path sources reopen the file on the next read (and check that its size
     * did not change); in-memory sources just stay readable.
     */
    @Override
    void close() throws IOException;
}
