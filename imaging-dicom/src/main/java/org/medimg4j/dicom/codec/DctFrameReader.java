package org.medimg4j.dicom.codec;

import org.medimg4j.dicom.DicomException;

/**
 * Reads one DCT JPEG codestream (T.81 B.2) marker by marker: tables (DQT, DHT), the restart interval (DRI), the
 * frame header (SOF0/SOF1), and each scan (SOS), whose entropy-coded data {@link DctScan} decodes into the
 * component planes. APPn, COM and other segments are skipped; stray bytes between segments are skipped as libjpeg
 * does; a missing EOI at the end of the data is accepted. One instance per decode.
 */
final class DctFrameReader {

    private final byte[] data;
    private final int base;
    private final int end;
    private int pos;

    /** Dequantisation tables by Tq, natural order; replaced (never changed in place) when redefined. */
    private final int[][] quant = new int[4][];
    private final DctHuffman[] dcTables = new DctHuffman[4];
    private final DctHuffman[] acTables = new DctHuffman[4];
    private int restartInterval;

    private DctComponent[] comps;
    private int precision;
    private DctScan scan;

    /**
     * @param data the bytes holding the frame
     * @param base index of the frame's first byte
     * @param end  index after its last byte
     */
    DctFrameReader(byte[] data, int base, int end) {
        this.data = data;
        this.base = base;
        this.end = end;
    }

    /** @return the frame's components in frame-header order, every one decoded */
    DctComponent[] components() {
        return comps;
    }

    /** @return sample precision P, 8 or 12 */
    int precision() {
        return precision;
    }

    /**
     * Reads the codestream to EOI (or the end of the data).
     *
     * @param info the frame description the header must agree with
     * @param maxPrecision the widest precision the output buffer can hold
     */
    void read(FrameInfo info, int maxPrecision) throws DicomException {
        if (end - base < 2 || data[base] != (byte) 0xFF || data[base + 1] != (byte) 0xD8) {
            throw JpegBaselineDecoder.error(0, "no SOI marker (FFD8): not a JPEG codestream");
        }
        pos = base + 2;
        while (true) {
            int marker = nextMarker();
            if (marker < 0 || marker == 0xD9) {
                break; // EOI, or the data end without one
            }
            int at = pos - 2 - base;
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // no segment; a stray SOI/RST/TEM carries nothing
            }
            if (pos + 2 > end) {
                throw JpegBaselineDecoder.error(at, String.format("marker FF%02X has no segment length", marker));
            }
            int length = (data[pos] & 0xFF) << 8 | data[pos + 1] & 0xFF;
            if (length < 2 || pos + length > end) {
                throw JpegBaselineDecoder.error(at, String.format("segment FF%02X of length %d runs past the end"
                        + " of the data (%d bytes left)", marker, length, end - pos));
            }
            int seg = pos + 2;
            int segEnd = pos + length;
            pos = segEnd;
            switch (marker) {
                case 0xC0, 0xC1 -> frameHeader(seg, segEnd, at, info, maxPrecision);
                case 0xC4 -> huffmanTables(seg, segEnd);
                case 0xDB -> quantTables(seg, segEnd);
                case 0xDD -> {
                    if (length != 4) {
                        throw JpegBaselineDecoder.error(at, "DRI segment length " + length + ", expected 4");
                    }
                    restartInterval = (data[seg] & 0xFF) << 8 | data[seg + 1] & 0xFF;
                }
                case 0xDA -> pos = scan(seg, segEnd, at);
                case 0xC2, 0xC6, 0xCA, 0xCE -> throw unsupported(at, marker, "progressive DCT");
                case 0xC3, 0xC7, 0xCB, 0xCF -> throw unsupported(at, marker, "lossless (use the JPEG lossless"
                        + " decoder)");
                case 0xC5 -> throw unsupported(at, marker, "hierarchical");
                case 0xC9 -> throw unsupported(at, marker, "arithmetic-coded");
                default -> {
                    // APPn, COM, DNL, DHP, EXP, JPGn, DAC: nothing the decoding needs
                }
            }
        }
        if (comps == null) {
            throw JpegBaselineDecoder.error(pos - base, "the codestream ends without a frame header (SOF0/SOF1)");
        }
        for (DctComponent c : comps) {
            if (!c.coded) {
                throw JpegBaselineDecoder.error(pos - base, "the codestream ends before component " + c.id
                        + " was coded in a scan");
            }
        }
    }

    private static DicomException unsupported(int at, int marker, String process) {
        return JpegBaselineDecoder.error(at, String.format("SOF%d (FF%02X, %s) is not supported; this decoder"
                + " reads sequential Huffman DCT (SOF0, SOF1)", marker - 0xC0, marker, process));
    }

    /** @return the next marker code with {@link #pos} after it, or -1 at the end of the data */
    private int nextMarker() {
        while (pos < end) {
            if (data[pos] != (byte) 0xFF) {
                pos++; // garbage between segments (libjpeg warns "extraneous bytes before marker")
                continue;
            }
            int p = pos + 1;
            while (p < end && data[p] == (byte) 0xFF) {
                p++;
            }
            if (p >= end) {
                break;
            }
            pos = p + 1;
            if (data[p] != 0) {
                return data[p] & 0xFF;
            }
        }
        pos = end;
        return -1;
    }

    private void frameHeader(int p, int segEnd, int at, FrameInfo info, int maxPrecision) throws DicomException {
        if (comps != null) {
            throw JpegBaselineDecoder.error(at, "a second frame header (SOF): one frame per codestream");
        }
        if (segEnd - p < 6) {
            throw JpegBaselineDecoder.error(at, "SOF segment too short");
        }
        precision = data[p] & 0xFF;
        int height = (data[p + 1] & 0xFF) << 8 | data[p + 2] & 0xFF;
        int width = (data[p + 3] & 0xFF) << 8 | data[p + 4] & 0xFF;
        int nf = data[p + 5] & 0xFF;
        if (precision != 8 && precision != 12) {
            throw JpegBaselineDecoder.error(at, "sample precision " + precision + ", expected 8 or 12");
        }
        if (precision > maxPrecision) {
            throw JpegBaselineDecoder.error(at, "sample precision " + precision + " does not fit Bits Allocated "
                    + info.bitsAllocated());
        }
        if (height == 0) {
            throw JpegBaselineDecoder.error(at, "frame height 0 (height defined by a DNL segment) is not supported");
        }
        if (width != info.columns() || height != info.rows()) {
            throw JpegBaselineDecoder.error(at, "frame is " + width + " x " + height + ", but the data set says"
                    + " Columns " + info.columns() + ", Rows " + info.rows());
        }
        if (nf != info.samplesPerPixel()) {
            throw JpegBaselineDecoder.error(at, "frame has " + nf + " components, but Samples per Pixel is "
                    + info.samplesPerPixel());
        }
        if (segEnd - p != 6 + 3 * nf) {
            throw JpegBaselineDecoder.error(at, "SOF segment length " + (segEnd - p + 2) + " does not fit " + nf
                    + " components");
        }
        int hMax = 1;
        int vMax = 1;
        for (int i = 0; i < nf; i++) {
            int hv = data[p + 7 + 3 * i] & 0xFF;
            int h = hv >> 4;
            int v = hv & 15;
            int tq = data[p + 8 + 3 * i] & 0xFF;
            if (h < 1 || h > 4 || v < 1 || v > 4) {
                throw JpegBaselineDecoder.error(at, "component " + i + " has sampling factors " + h + "x" + v
                        + ", expected 1..4");
            }
            if (tq > 3) {
                throw JpegBaselineDecoder.error(at, "component " + i + " uses quantisation table " + tq
                        + ", expected 0..3");
            }
            hMax = Math.max(hMax, h);
            vMax = Math.max(vMax, v);
        }
        long mcusWide = (width + 8L * hMax - 1) / (8L * hMax);
        long mcusHigh = (height + 8L * vMax - 1) / (8L * vMax);
        DctComponent[] cs = new DctComponent[nf];
        for (int i = 0; i < nf; i++) {
            int id = data[p + 6 + 3 * i] & 0xFF;
            int hv = data[p + 7 + 3 * i] & 0xFF;
            for (int j = 0; j < i; j++) {
                if (cs[j].id == id) {
                    throw JpegBaselineDecoder.error(at, "component identifier " + id + " appears twice");
                }
            }
            long planeSize = mcusWide * (hv >> 4) * 8 * mcusHigh * (hv & 15) * 8;
            if (planeSize > Integer.MAX_VALUE - 8) {
                throw JpegBaselineDecoder.error(at, "a component plane of " + planeSize + " samples does not fit a"
                        + " Java array");
            }
            cs[i] = new DctComponent(id, hv >> 4, hv & 15, data[p + 8 + 3 * i] & 0xFF, width, height, hMax, vMax);
        }
        comps = cs;
        scan = new DctScan(data, base, end, new DctIdct(precision));
    }

    private void huffmanTables(int p, int segEnd) throws DicomException {
        while (p < segEnd) {
            int tc = (data[p] & 0xFF) >> 4;
            int th = data[p] & 15;
            if (tc > 1 || th > 3) {
                throw JpegBaselineDecoder.error(p - base, "Huffman table class " + tc + " / destination " + th
                        + ", expected 0..1 / 0..3");
            }
            if (p + 17 > segEnd) {
                throw JpegBaselineDecoder.error(p - base, "DHT segment ends inside the code-length counts");
            }
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = data[p + 1 + i] & 0xFF;
                total += counts[i];
            }
            p += 17;
            if (total > 256 || p + total > segEnd) {
                throw JpegBaselineDecoder.error(p - base, "Huffman table of " + total + " symbols"
                        + (total > 256 ? ", more than 256" : " runs past the DHT segment"));
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = data[p + i] & 0xFF;
            }
            DctHuffman table = new DctHuffman(counts, symbols, tc == 1, p - 17 - base);
            p += total;
            (tc == 0 ? dcTables : acTables)[th] = table;
        }
    }

    private void quantTables(int p, int segEnd) throws DicomException {
        while (p < segEnd) {
            int pq = (data[p] & 0xFF) >> 4;
            int tq = data[p] & 15;
            if (pq > 1 || tq > 3) {
                throw JpegBaselineDecoder.error(p - base, "quantisation table precision " + pq + " / destination "
                        + tq + ", expected 0..1 / 0..3");
            }
            int bytes = pq == 0 ? 64 : 128;
            if (p + 1 + bytes > segEnd) {
                throw JpegBaselineDecoder.error(p - base, "DQT segment ends inside table " + tq);
            }
            int[] table = new int[64];
            for (int i = 0; i < 64; i++) {
                int q = pq == 0 ? data[p + 1 + i] & 0xFF
                        : (data[p + 1 + 2 * i] & 0xFF) << 8 | data[p + 2 + 2 * i] & 0xFF;
                table[DctScan.NATURAL_ORDER[i]] = q; // DQT lists the values in zig-zag order
            }
            quant[tq] = table;
            p += 1 + bytes;
        }
    }

    /** @return where the scan's entropy-coded data stopped */
    private int scan(int p, int segEnd, int at) throws DicomException {
        if (comps == null) {
            throw JpegBaselineDecoder.error(at, "SOS before the frame header (SOF)");
        }
        int ns = data[p] & 0xFF;
        if (ns < 1 || ns > comps.length) {
            throw JpegBaselineDecoder.error(at, "scan of " + ns + " components in a frame of " + comps.length);
        }
        if (segEnd - p != 4 + 2 * ns) {
            throw JpegBaselineDecoder.error(at, "SOS segment length " + (segEnd - p + 2) + " does not fit " + ns
                    + " components");
        }
        DctComponent[] sc = new DctComponent[ns];
        for (int i = 0; i < ns; i++) {
            int id = data[p + 1 + 2 * i] & 0xFF;
            int td = (data[p + 2 + 2 * i] & 0xFF) >> 4;
            int ta = data[p + 2 + 2 * i] & 15;
            DctComponent c = null;
            for (DctComponent f : comps) {
                if (f.id == id) {
                    c = f;
                }
            }
            if (c == null) {
                throw JpegBaselineDecoder.error(at, "scan names component " + id + ", not in the frame header");
            }
            for (int j = 0; j < i; j++) {
                if (sc[j] == c) {
                    throw JpegBaselineDecoder.error(at, "scan names component " + id + " twice");
                }
            }
            if (td > 3 || dcTables[td] == null || ta > 3 || acTables[ta] == null) {
                throw JpegBaselineDecoder.error(at, "scan uses Huffman tables DC " + td + " / AC " + ta
                        + " for component " + id + ", not defined before it");
            }
            if (quant[c.tq] == null) {
                throw JpegBaselineDecoder.error(at, "component " + id + " uses quantisation table " + c.tq
                        + ", not defined before the scan");
            }
            c.dcTable = dcTables[td];
            c.acTable = acTables[ta];
            c.quant = quant[c.tq];
            sc[i] = c;
        }
        // Ss, Se, Ah/Al are 0, 63, 0 in a sequential scan; like libjpeg, other values are ignored (pydicom's
        // JPEG-lossy.dcm has Se = 0 and decodes as a normal sequential scan)
        return scan.decode(sc, segEnd, restartInterval);
    }
}
