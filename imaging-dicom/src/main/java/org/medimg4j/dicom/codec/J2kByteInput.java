package org.medimg4j.dicom.codec;

import java.io.IOException;
import jj2000.j2k.io.EndianType;
import jj2000.j2k.io.RandomAccessIO;

/**
 * JJ2000's random-access input over a byte array range, read-only, big endian (JPEG 2000 byte order, ISO/IEC
 * 15444-1 A.1.2). JJ2000 reads its input a byte at a time; over jai-imageio's {@code ImageInputStream} adapter
 * that costs 1.3–5× the whole decode time on the corpus files, over a plain array it is negligible.
 *
 * <p>Reading or seeking past the end throws {@link Overrun}, an unchecked exception, not the
 * {@code EOFException} the interface names. Workaround for JJ2000 (jai-imageio-jpeg2000 1.4.0): it catches an
 * {@code IOException} from its input while reading a tile's packets or a code-block's data, prints its stack trace
 * to {@code System.err} ({@code FileBitstreamReaderAgent.setTile}, {@code JJ2KExceptionHandler}) and throws an
 * {@code Error} or {@code ThreadDeath}. An unchecked exception passes those handlers silently to
 * {@link Jpeg2000Decoder}, which reports it as a {@code DicomException}. A codestream that passed
 * {@link J2kCodestream}'s checks is never read past its end unless its packet headers are corrupt
 * ({@code Jpeg2000DecoderTest.mutatedCodestreamsGiveValuesOrDicomExceptionInBoundedTime}).
 */
final class J2kByteInput implements RandomAccessIO {

    /** A read or seek past the end of the codestream. */
    static final class Overrun extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Overrun(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] data;
    private final int start;
    private final int length;
    private int pos;

    /** Reads {@code data[start .. start + length)}; positions count from {@code start}. */
    J2kByteInput(byte[] data, int start, int length) {
        this.data = data;
        this.start = start;
        this.length = length;
    }

    @Override
    public void close() {
        // nothing to release: the array belongs to the caller
    }

    @Override
    public int getPos() {
        return pos;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public void seek(int off) throws IOException {
        if (off < 0 || off > length) {
            throw new Overrun("seek to " + off + " outside a codestream of " + length + " bytes");
        }
        pos = off;
    }

    @Override
    public int read() throws IOException {
        if (pos >= length) {
            throw new Overrun("read past the end of a codestream of " + length + " bytes");
        }
        return data[start + pos++] & 0xFF;
    }

    @Override
    public void readFully(byte[] b, int off, int n) throws IOException {
        if (n < 0 || n > length - pos) {
            throw new Overrun("reading " + n + " bytes at " + pos + " runs past the end of a codestream of "
                    + length + " bytes");
        }
        System.arraycopy(data, start + pos, b, off, n);
        pos += n;
    }

    @Override
    public byte readByte() throws IOException {
        return (byte) read();
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return read();
    }

    @Override
    public short readShort() throws IOException {
        return (short) readUnsignedShort();
    }

    @Override
    public int readUnsignedShort() throws IOException {
        if (length - pos < 2) {
            throw new Overrun("read past the end of a codestream of " + length + " bytes");
        }
        int i = start + pos;
        pos += 2;
        return (data[i] & 0xFF) << 8 | (data[i + 1] & 0xFF);
    }

    @Override
    public int readInt() throws IOException {
        if (length - pos < 4) {
            throw new Overrun("read past the end of a codestream of " + length + " bytes");
        }
        int i = start + pos;
        pos += 4;
        return (data[i] & 0xFF) << 24 | (data[i + 1] & 0xFF) << 16 | (data[i + 2] & 0xFF) << 8 | (data[i + 3] & 0xFF);
    }

    @Override
    public long readUnsignedInt() throws IOException {
        return readInt() & 0xFFFFFFFFL;
    }

    @Override
    public long readLong() throws IOException {
        return (long) readInt() << 32 | (readInt() & 0xFFFFFFFFL);
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    @Override
    public int getByteOrdering() {
        return EndianType.BIG_ENDIAN;
    }

    @Override
    public int skipBytes(int n) throws IOException {
        if (n < 0 || n > length - pos) {
            throw new Overrun("skipping " + n + " bytes at " + pos + " runs past the end of a codestream of "
                    + length + " bytes");
        }
        pos += n;
        return n;
    }

    @Override
    public void write(int b) throws IOException {
        throw readOnly();
    }

    @Override
    public void writeByte(int v) throws IOException {
        throw readOnly();
    }

    @Override
    public void writeShort(int v) throws IOException {
        throw readOnly();
    }

    @Override
    public void writeInt(int v) throws IOException {
        throw readOnly();
    }

    @Override
    public void writeLong(long v) throws IOException {
        throw readOnly();
    }

    @Override
    public void writeFloat(float v) throws IOException {
        throw readOnly();
    }

    @Override
    public void writeDouble(double v) throws IOException {
        throw readOnly();
    }

    @Override
    public void flush() {
        // read-only: nothing to flush
    }

    private static IOException readOnly() {
        return new IOException("J2kByteInput is read-only");
    }
}
