package org.medimg4j.dicom.codec;

import org.medimg4j.dicom.DicomException;

/**
 * Reads the marker segments of a JPEG-LS codestream (ITU-T T.87 Annex C) and keeps what they declare: the frame
 * (SOF55), the preset coding parameters (LSE), the restart interval (DRI). Scan headers (SOS) are returned one by
 * one; the entropy-coded data that follows each is the scan decoder's.
 */
final class JpegLsHeader {

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    private static final int DRI = 0xDD;
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;
    private static final int COM = 0xFE;

    /** One scan header. @param components frame component index of each scan component, in scan order */
    record Scan(int[] components, int near, int interleave, int offset) {
    }

    private final byte[] data;
    private final int base;
    private final int limit;
    /** array index of the next byte to read */
    private int pos;

    private boolean frameSeen;
    private int precision;
    private int width;
    private int height;
    private int[] componentIds = new int[0];
    private int maxval;
    private int t1;
    private int t2;
    private int t3;
    private int reset;
    private int restartInterval;

    JpegLsHeader(byte[] data, int base, int limit) {
        this.data = data;
        this.base = base;
        this.limit = limit;
        this.pos = base;
    }

    /** Checks that the codestream starts with SOI. */
    void readStartOfImage() throws DicomException {
        if (limit - base < 2 || data[base] != (byte) 0xFF || data[base + 1] != (byte) SOI) {
            throw JpegLsDecoder.corrupt(0, "the codestream does not start with the SOI marker FFD8");
        }
        pos = base + 2;
    }

    /** @return the code of the marker at the read position (after any 0xFF fill bytes), which it then passes */
    int readMarker() throws DicomException {
        int at = pos;
        if (pos >= limit) {
            throw JpegLsDecoder.corrupt(pos - base, "the codestream ends without the EOI marker (truncated)");
        }
        if (data[pos] != (byte) 0xFF) {
            throw JpegLsDecoder.corrupt(pos - base, String.format("expected a marker, found byte %02X",
                    data[pos] & 0xFF));
        }
        while (pos < limit && data[pos] == (byte) 0xFF) {
            pos++;
        }
        if (pos >= limit) {
            throw JpegLsDecoder.corrupt(at - base, "the codestream ends inside a marker (truncated)");
        }
        return data[pos++] & 0xFF;
    }

    /** Moves the read position to array index {@code position} (the marker after a scan). */
    void seek(int position) {
        pos = position;
    }

    /** @return the array index of the next byte to read */
    int position() {
        return pos;
    }

    /** Reads the segment of {@code marker}, anything but SOS, EOI and SOI: SOF55, LSE, DRI, APPn, COM. */
    void readSegment(int marker) throws DicomException {
        int at = pos - 2 - base;
        if (marker == SOF55) {
            readFrame(at);
        } else if (marker == LSE) {
            readPresets(at);
        } else if (marker == DRI) {
            int len = segmentLength(at);
            if (len < 4 || len > 6) {
                throw JpegLsDecoder.corrupt(at, "DRI segment length " + len + " is not 4, 5 or 6");
            }
            restartInterval = (int) bigEndian(len - 2);
        } else if ((marker >= 0xE0 && marker <= 0xEF) || marker == COM) {
            int len = segmentLength(at); // before the +=, which would read pos first
            pos += len - 2;
        } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            throw JpegLsDecoder.corrupt(at, String.format("frame marker FF%02X is a JPEG (ITU-T T.81) frame, not "
                    + "JPEG-LS (SOF55, FFF7)", marker));
        } else {
            throw JpegLsDecoder.corrupt(at, String.format("unexpected marker FF%02X", marker));
        }
    }

    private void readFrame(int at) throws DicomException {
        if (frameSeen) {
            throw JpegLsDecoder.corrupt(at, "a second SOF55 frame header");
        }
        int len = segmentLength(at, 8);
        precision = u8();
        height = u16();
        width = u16();
        int nf = u8();
        if (len != 8 + 3 * nf) {
            throw JpegLsDecoder.corrupt(at, "SOF55 length " + len + " does not match " + nf + " components");
        }
        if (precision < 2 || precision > 16) {
            throw JpegLsDecoder.corrupt(at, "sample precision " + precision + " is outside 2..16");
        }
        if (nf == 0) {
            throw JpegLsDecoder.corrupt(at, "SOF55 declares no components");
        }
        componentIds = new int[nf];
        for (int i = 0; i < nf; i++) {
            componentIds[i] = u8();
            int sampling = u8();
            u8(); // Tq: 0 in JPEG-LS
            for (int j = 0; j < i; j++) {
                if (componentIds[j] == componentIds[i]) {
                    throw JpegLsDecoder.corrupt(at, "component id " + componentIds[i] + " appears twice in SOF55");
                }
            }
            if (sampling != 0x11) {
                throw JpegLsDecoder.corrupt(at, String.format("component %d has sampling factors %d x %d; "
                        + "sub-sampled JPEG-LS is not used in DICOM and not supported", componentIds[i],
                        sampling >> 4, sampling & 15));
            }
        }
        frameSeen = true;
    }

    private void readPresets(int at) throws DicomException {
        int len = segmentLength(at, 4);
        int id = u8();
        switch (id) {
            case 1 -> {
                if (len != 13) {
                    throw JpegLsDecoder.corrupt(at, "LSE preset parameters length " + len + ", expected 13");
                }
                maxval = u16();
                t1 = u16();
                t2 = u16();
                t3 = u16();
                reset = u16();
            }
            case 2, 3 -> throw JpegLsDecoder.corrupt(at, "JPEG-LS mapping tables (LSE id " + id
                    + ") are not supported");
            case 4 -> {
                int wxy = u8();
                if (wxy < 2 || wxy > 4 || len != 4 + 2 * wxy) {
                    throw JpegLsDecoder.corrupt(at, "LSE oversize dimensions: Wxy " + wxy + ", length " + len);
                }
                if (!frameSeen) {
                    throw JpegLsDecoder.corrupt(at, "LSE oversize dimensions before the SOF55 frame header");
                }
                long h = bigEndian(wxy);
                long w = bigEndian(wxy);
                if (h > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
                    throw JpegLsDecoder.corrupt(at, "LSE oversize dimensions " + w + " x " + h + " too large");
                }
                height = (int) h;
                width = (int) w;
            }
            default -> throw JpegLsDecoder.corrupt(at, "unknown LSE segment id " + id);
        }
    }

    /** Reads an SOS segment (the SOS marker already passed). */
    Scan readScan() throws DicomException {
        int at = pos - 2 - base;
        if (!frameSeen) {
            throw JpegLsDecoder.corrupt(at, "SOS before the SOF55 frame header");
        }
        int len = segmentLength(at, 3);
        int ns = u8();
        if (ns < 1 || ns > componentIds.length || len != 6 + 2 * ns) {
            throw JpegLsDecoder.corrupt(at, "SOS declares " + ns + " components (length " + len + ") in a frame of "
                    + componentIds.length);
        }
        int[] indexes = new int[ns];
        for (int i = 0; i < ns; i++) {
            int id = u8();
            int mapping = u8();
            int index = -1;
            for (int j = 0; j < componentIds.length; j++) {
                if (componentIds[j] == id) {
                    index = j;
                }
            }
            if (index < 0) {
                throw JpegLsDecoder.corrupt(at, "SOS names component " + id + ", which the frame does not have");
            }
            for (int j = 0; j < i; j++) {
                if (indexes[j] == index) {
                    throw JpegLsDecoder.corrupt(at, "SOS names component " + id + " twice");
                }
            }
            if (mapping != 0) {
                throw JpegLsDecoder.corrupt(at, "component " + id + " uses mapping table " + mapping
                        + "; JPEG-LS mapping tables are not supported");
            }
            indexes[i] = index;
        }
        int near = u8();
        int ilv = u8();
        int pointTransform = u8() & 0x0F;
        if (ilv > 2) {
            throw JpegLsDecoder.corrupt(at, "interleave mode ILV " + ilv + " is not 0, 1 or 2");
        }
        if (ns > 1 && ilv == 0) {
            throw JpegLsDecoder.corrupt(at, "ILV 0 (no interleave) with " + ns + " components in one scan");
        }
        if (pointTransform != 0) {
            throw JpegLsDecoder.corrupt(at, "point transform " + pointTransform + " is not supported");
        }
        // One component: the interleave mode means nothing, whatever the encoder wrote (T.87 C.2.3).
        return new Scan(indexes, near, ns == 1 ? 0 : ilv, at);
    }

    private int segmentLength(int at) throws DicomException {
        return segmentLength(at, 2);
    }

    /** Reads a segment's length field and checks that the segment has at least {@code min} bytes and fits. */
    private int segmentLength(int at, int min) throws DicomException {
        if (limit - pos < 2) {
            throw JpegLsDecoder.corrupt(at, "the codestream ends inside a marker segment (truncated)");
        }
        int len = u16();
        if (len < min) {
            throw JpegLsDecoder.corrupt(at, "segment length " + len + " is shorter than the " + min
                    + " bytes its fields need");
        }
        if (len - 2 > limit - pos) {
            throw JpegLsDecoder.corrupt(at, "segment length " + len + " runs past the end of the codestream ("
                    + (limit - pos) + " bytes left)");
        }
        return len;
    }

    private int u8() {
        return data[pos++] & 0xFF;
    }

    private int u16() {
        int v = (data[pos] & 0xFF) << 8 | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    private long bigEndian(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = v << 8 | (data[pos++] & 0xFF);
        }
        return v;
    }

    boolean frameSeen() {
        return frameSeen;
    }

    int precision() {
        return precision;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int components() {
        return componentIds.length;
    }

    int restartInterval() {
        return restartInterval;
    }

    /** @return the scan's coding parameters by T.87, from the presets in force and its NEAR */
    JpegLsParameters parameters(Scan scan) throws DicomException {
        return JpegLsParameters.of(precision, maxval, t1, t2, t3, reset, scan.near(), scan.offset());
    }

    /** @return the LSE preset values in force {@code {MAXVAL, T1, T2, T3, RESET}}, 0 where defaulted */
    int[] presets() {
        return new int[] {maxval, t1, t2, t3, reset};
    }
}
