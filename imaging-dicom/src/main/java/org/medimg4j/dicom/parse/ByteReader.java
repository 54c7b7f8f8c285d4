package org.medimg4j.dicom.parse;

import java.io.IOException;

/**
 * Sequential reading of a {@link ByteSource} through a small window (8 KiB), so that parsing a data set costs a
 * few positional reads and skipping a large value (Pixel Data) reads none of its bytes. Byte order is chosen per
 * call because one file can mix them (an implicit VR little endian CP-246 sequence inside a big endian data set).
 * Callers check {@link #ensure(int)} or {@link #available(long)} before reading; reading past the data is a bug
 * and throws {@link IllegalStateException}.
 */
public final class ByteReader {

    private static final int WINDOW = 8 * 1024;

    private final ByteSource source;
    private final byte[] window = new byte[WINDOW];
    private long windowStart;
    private int windowLength;
    private int index;

    /**
     * @param source the bytes
     * @param start  the position to start reading at
     */
    public ByteReader(ByteSource source, long start) {
        this.source = source;
        this.windowStart = start;
    }

    /** @return the source read from */
    public ByteSource source() {
        return source;
    }

    /** @return the absolute position of the next byte */
    public long position() {
        return windowStart + index;
    }

    /** Moves to an absolute position (forward or back). */
    public void seek(long position) {
        if (position >= windowStart && position <= windowStart + windowLength) {
            index = (int) (position - windowStart);
        } else {
            windowStart = position;
            windowLength = 0;
            index = 0;
        }
    }

    /** Moves forward by {@code n} bytes without reading them. */
    public void skip(long n) {
        seek(position() + n);
    }

    /**
     * @param n bytes wanted, at most the window size
     * @return whether {@code n} bytes follow the current position
     */
    public boolean ensure(int n) throws IOException {
        if (windowLength - index >= n) {
            return true;
        }
        // Slide: keep the unread tail, fill the rest of the window from the source.
        int tail = windowLength - index;
        System.arraycopy(window, index, window, 0, tail);
        windowStart += index;
        index = 0;
        windowLength = tail;
        while (windowLength < n) {
            int r = source.read(windowStart + windowLength, window, windowLength, WINDOW - windowLength);
            if (r <= 0) {
                return false;
            }
            windowLength += r;
        }
        return true;
    }

    /** @return how many of the next {@code wanted} bytes exist (at most {@code wanted}) */
    public long available(long wanted) throws IOException {
        long inWindow = windowLength - index;
        if (inWindow >= wanted) {
            return wanted;
        }
        return source.available(position(), wanted);
    }

    private void need(int n) throws IOException {
        if (!ensure(n)) {
            throw new IllegalStateException("read past the end at " + position() + " (caller must check ensure)");
        }
    }

    /** @return the byte at the current position plus {@code ahead}, without moving; requires ensure(ahead + 1) */
    public int peek(int ahead) {
        return window[index + ahead] & 0xFF;
    }

    /** @return an unsigned byte */
    public int u8() throws IOException {
        need(1);
        return window[index++] & 0xFF;
    }

    /** @return an unsigned 16-bit value */
    public int u16(boolean bigEndian) throws IOException {
        need(2);
        int a = window[index] & 0xFF;
        int b = window[index + 1] & 0xFF;
        index += 2;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    /** @return an unsigned 32-bit value */
    public long u32(boolean bigEndian) throws IOException {
        need(4);
        long a = window[index] & 0xFF;
        long b = window[index + 1] & 0xFF;
        long c = window[index + 2] & 0xFF;
        long d = window[index + 3] & 0xFF;
        index += 4;
        return bigEndian ? (a << 24) | (b << 16) | (c << 8) | d : (d << 24) | (c << 16) | (b << 8) | a;
    }

    /** @return a tag: group then element, each 16 bits in the given order, group in the high half */
    public int tag(boolean bigEndian) throws IOException {
        int group = u16(bigEndian);
        int element = u16(bigEndian);
        return (group << 16) | element;
    }

    /**
     * Reads {@code len} bytes; the caller has checked with {@link #available(long)} that they exist.
     *
     * @return a new array holding them
     */
    public byte[] bytes(int len) throws IOException {
        byte[] out = new byte[len];
        int inWindow = Math.min(len, windowLength - index);
        System.arraycopy(window, index, out, 0, inWindow);
        index += inWindow;
        int done = inWindow;
        if (done < len) {
            if (len - done < WINDOW / 2) {
                need(len - done);
                System.arraycopy(window, index, out, done, len - done);
                index += len - done;
            } else {
                // Large value: straight from the source, past the window.
                long p = position();
                while (done < len) {
                    int r = source.read(p, out, done, len - done);
                    if (r <= 0) {
                        throw new IllegalStateException("read past the end at " + p + " (caller must check)");
                    }
                    p += r;
                    done += r;
                }
                seek(p);
            }
        }
        return out;
    }
}
