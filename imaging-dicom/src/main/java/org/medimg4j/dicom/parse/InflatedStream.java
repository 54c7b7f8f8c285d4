package org.medimg4j.dicom.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.medimg4j.dicom.DicomException;

/**
 * The inflated bytes of a Deflated Explicit VR Little Endian data set (PS3.5 A.5): a raw deflate stream (RFC 1951,
 * no zlib header) that starts right after the file meta group. Some writers wrongly emit a zlib header (RFC 1950);
 * it is recognised by its check bits and accepted.
 *
 * <p>Written here rather than with {@link java.util.zip.InflaterInputStream} because a raw ("nowrap") inflater may
 * need one dummy byte past the end of its input to finish (see {@link Inflater#Inflater(boolean)}), and because a
 * corrupt stream must become a {@link DicomException} naming the file.
 */
final class InflatedStream extends InputStream {

    private final InputStream compressed;
    private final Inflater inflater;
    private final byte[] input = new byte[16 * 1024];
    private final String name;
    private boolean dummyGiven;

    /**
     * @param compressed the bytes after the meta group, from their first byte
     * @param zlibHeader whether they start with a zlib header (non-conformant, tolerated)
     * @param name       the file name for messages
     */
    InflatedStream(InputStream compressed, boolean zlibHeader, String name) {
        this.compressed = compressed;
        this.inflater = new Inflater(!zlibHeader);
        this.name = name;
    }

    /** @return whether two bytes start a zlib header: deflate method, 32 KiB window at most, check bits right */
    static boolean isZlibHeader(int cmf, int flg) {
        return (cmf & 0x0F) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (inflater.finished()) {
                return -1;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new DicomException(name + ": the deflated data set is corrupt after " + inflater.getBytesRead()
                        + " compressed bytes (" + e.getMessage() + ")", e);
            }
            if (n > 0) {
                return n;
            }
            if (inflater.needsDictionary()) {
                throw new DicomException(name + ": the deflated data set asks for a preset dictionary, which DICOM "
                        + "does not use");
            }
            if (inflater.needsInput()) {
                int r = compressed.read(input, 0, input.length);
                if (r < 0) {
                    if (dummyGiven) {
                        // Truncated: the parser reports where the data set ends early.
                        return -1;
                    }
                    dummyGiven = true;
                    inflater.setInput(new byte[1]);
                } else {
                    inflater.setInput(input, 0, r);
                }
            }
        }
    }

    @Override
    public void close() {
        inflater.end();
    }
}
