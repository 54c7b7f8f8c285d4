package org.medimg4j.dicom.parse;

import static org.medimg4j.dicom.parse.DataSetParser.ITEM;
import static org.medimg4j.dicom.parse.DataSetParser.SEQUENCE_DELIMITATION;
import static org.medimg4j.dicom.parse.DataSetParser.UNDEFINED;

import java.io.IOException;
import java.util.Arrays;
import org.medimg4j.dicom.VR;

/**
 * Walks encapsulated Pixel Data (PS3.5 A.4): the Basic Offset Table item, then fragment items, then the sequence
 * delimiter. Each item is stepped over by its declared length (checked against what is left first), so bytes such
 * as FE FF DD E0 inside a fragment are never taken for a delimiter; fragment bytes are not read, only their places
 * recorded.
 */
final class EncapsulatedScanner {

    private final DataSetParser parser;
    private final ByteReader in;

    EncapsulatedScanner(DataSetParser parser, ByteReader in) {
        this.parser = parser;
        this.in = in;
    }

    /**
     * Reads the items after an undefined-length Pixel Data header, leaving the reader after the sequence delimiter.
     *
     * @param tag          the Pixel Data tag
     * @param pos          position of its header
     * @param stored       its VR as stored
     * @param headerLength its header length
     * @param limit        the end of the enclosing item, or of the data
     * @param explicitVr   whether the enclosing data set is explicit VR
     * @param be           whether it is big endian
     * @return the element, with its fragment table
     */
    ParsedElement scan(int tag, long pos, VR stored, int headerLength, long limit, boolean explicitVr, boolean be)
            throws IOException {
        long botPos = in.position();
        if (!in.ensure(8)) {
            throw parser.fail(botPos, tag, "encapsulated Pixel Data ends before its Basic Offset Table item");
        }
        int first = in.tag(be);
        long botLength = in.u32(be);
        long[] bot = new long[0];
        long[] itemOffsets = new long[16];
        long[] lengths = new long[16];
        int n = 0;
        boolean closed = false;
        if (first == SEQUENCE_DELIMITATION) {
            parser.warn(botPos, "encapsulated Pixel Data has no Basic Offset Table item");
            closed = true;
        } else if (first != ITEM) {
            throw parser.fail(botPos, tag, "expected the Basic Offset Table item (FFFE,E000), found "
                    + TagNames.describe(first));
        } else {
            if (botLength == UNDEFINED || botLength % 4 != 0) {
                throw parser.fail(botPos, tag, "Basic Offset Table length " + botLength + " is not a multiple of 4");
            }
            parser.checkLength(limit, botPos + 8, botLength, botPos, tag, "Basic Offset Table");
            byte[] b = in.bytes((int) botLength);
            bot = new long[b.length / 4];
            java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(b)
                    .order(be ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < bot.length; i++) {
                bot[i] = view.getInt(4 * i) & 0xFFFFFFFFL;
            }
        }
        while (!closed) {
            long ip = in.position();
            if (ip + 8 > limit || !in.ensure(8)) {
                throw parser.fail(ip, tag, "encapsulated Pixel Data ends without a sequence delimiter (FFFE,E0DD)"
                        + " after " + n + " fragments");
            }
            int t = in.tag(be);
            long len = in.u32(be);
            if (t == SEQUENCE_DELIMITATION) {
                closed = true;
            } else if (t != ITEM) {
                throw parser.fail(ip, tag, "expected a fragment item (FFFE,E000) or the sequence delimiter, found "
                        + TagNames.describe(t) + " after " + n + " fragments");
            } else {
                if (len == UNDEFINED) {
                    throw parser.fail(ip, tag, "fragment " + n + " has undefined length");
                }
                parser.checkLength(limit, ip + 8, len, ip, tag, "fragment " + n);
                if (n == itemOffsets.length) {
                    itemOffsets = Arrays.copyOf(itemOffsets, n * 2);
                    lengths = Arrays.copyOf(lengths, n * 2);
                }
                itemOffsets[n] = ip;
                lengths[n] = len;
                n++;
                in.skip(len);
            }
        }
        ParsedElement.Fragments fragments = new ParsedElement.Fragments(bot, Arrays.copyOf(itemOffsets, n),
                Arrays.copyOf(lengths, n));
        VR vr = stored == VR.UN || stored == VR.OW ? VR.OB : stored;
        return new ParsedElement(tag, vr, stored, explicitVr, be, pos, headerLength, -1,
                ParsedElement.Kind.ENCAPSULATED, null, null, fragments);
    }
}
