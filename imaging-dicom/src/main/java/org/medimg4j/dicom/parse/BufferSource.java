package org.medimg4j.dicom.parse;

import java.nio.ByteBuffer;

/**
 * A {@link ByteSource} over a caller's {@link ByteBuffer}, from its position to its limit when created; position 0
 * is the buffer's position. The bytes are not copied: the caller must not change them while the file is in use.
 */
public final class BufferSource implements ByteSource {

    private final ByteBuffer buffer;
    private final String name;

    /**
     * @param buffer the bytes of a DICOM file or data set (a read-only duplicate is kept)
     * @param name   the name used in messages
     */
    public BufferSource(ByteBuffer buffer, String name) {
        this.buffer = buffer.slice().asReadOnlyBuffer();
        this.name = name;
    }

    /**
     * @param bytes the bytes of a DICOM file or data set (not copied)
     * @param length number of valid bytes from the start of {@code bytes}
     * @param name   the name used in messages
     */
    public BufferSource(byte[] bytes, int length, String name) {
        this(ByteBuffer.wrap(bytes, 0, length), name);
    }

    @Override
    public int read(long position, byte[] dst, int off, int len) {
        int n = (int) Math.min(len, Math.max(0, buffer.limit() - position));
        if (n > 0) {
            buffer.get((int) position, dst, off, n);
        }
        return n;
    }

    @Override
    public int read(long position, ByteBuffer dst) {
        int n = (int) Math.min(dst.remaining(), Math.max(0, buffer.limit() - position));
        if (n > 0) {
            dst.put(buffer.slice((int) position, n));
        }
        return n;
    }

    @Override
    public long available(long position, long wanted) {
        return Math.max(0, Math.min(wanted, buffer.limit() - position));
    }

    @Override
    public long size() {
        return buffer.limit();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
