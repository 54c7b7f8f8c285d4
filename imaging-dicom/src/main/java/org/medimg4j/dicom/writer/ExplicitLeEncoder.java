package org.medimg4j.dicom.writer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.medimg4j.dicom.VR;

/**
 * Encodes a {@link DataSet} in explicit VR little endian (PS3.5 7.1.2, A.2) into a buffer of exactly the size
 * {@link DataSet#encodedLength()} announces. Sequences and their items are written with defined lengths (PS3.5
 * 7.5.1): the lengths are known before a byte is written, and a reader then never has to search for delimiters.
 */
final class ExplicitLeEncoder {

    /** An item's header: the (FFFE,E000) tag and a 4-byte length. */
    static final int ITEM_HEADER_LENGTH = 8;

    private static final int ITEM = 0xFFFEE000;

    private ExplicitLeEncoder() {
    }

    /** @return a little-endian heap buffer of {@code length} bytes, for {@link #encode} */
    static ByteBuffer allocate(long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("encoded data of " + length + " bytes exceeds the 2 GiB one file"
                    + " may hold here");
        }
        return ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes every element of {@code ds} at the buffer's position. */
    static void encode(DataSet ds, ByteBuffer out) {
        for (DicomElement e : ds.elements()) {
            encode(e, out);
        }
    }

    private static void encode(DicomElement e, ByteBuffer out) {
        VR vr = e.vr();
        out.putShort((short) (e.tag() >>> 16)).putShort((short) e.tag());
        out.put((byte) vr.name().charAt(0)).put((byte) vr.name().charAt(1));
        long length = e.valueLength();
        if (vr.hasLongLength()) {
            out.putShort((short) 0).putInt((int) length);
        } else {
            out.putShort((short) length);
        }
        if (vr == VR.SQ) {
            for (DataSet item : e.items()) {
                out.putShort((short) (ITEM >>> 16)).putShort((short) ITEM).putInt((int) item.encodedLength());
                encode(item, out);
            }
        } else {
            out.put(e.rawValue());
        }
    }
}
