package org.medimg4j.dicom.parse;

import java.io.IOException;
import java.io.InputStream;

/** The bytes of a {@link ByteSource} from a position to its end, as a stream (the input of the inflater). */
final class SourceInputStream extends InputStream {

    private final ByteSource source;
    private long position;

    SourceInputStream(ByteSource source, long start) {
        this.source = source;
        this.position = start;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = source.read(position, b, off, len);
        if (n <= 0) {
            return -1;
        }
        position += n;
        return n;
    }
}
