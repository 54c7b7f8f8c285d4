package org.medimg4j.dicom.codec;

import java.nio.ByteBuffer;
import org.medimg4j.dicom.DicomException;

/**
 * JPEG lossless, process 14 (ITU T.81 Annex H, Huffman coding): transfer syntaxes 1.2.840.10008.1.2.4.57 (any
 * predictor 1–7) and 1.2.840.10008.1.2.4.70 (selection value 1). Precision 2–16 bits, 1 to 4 components in
 * interleaved scans or one scan per component, point transform, restart intervals. Components are written as
 * stored, in the order of the frame header, with no colour conversion (the corpus' decoded_photometric rule).
 *
 * <p>Markers: SOI, SOF3, DHT, DRI, SOS, RSTm, DNL, EOI; APPn, COM and other segments are skipped. Other SOF types
 * (DCT, differential, arithmetic) and DAC are refused. Tolerated, as real files have them: fill bytes (FF) before
 * any marker, bytes between the end of a scan's entropy-coded data and the next marker, trailing padding, and a
 * missing EOI when every component has been decoded.
 *
 * <p>Refused with a {@link DicomException} naming the codec and the byte offset in the frame: a stream that ends or
 * reaches a marker before all samples are decoded (detected by {@link LosslessBitReader#overrun()}), invalid
 * Huffman codes, undefined tables, frame header values that disagree with {@link FrameInfo}, and restart intervals
 * that are not whole rows (libjpeg's rule too, since prediction restarts per row).
 *
 * <p>Speed: Huffman decoding with a 12-bit lookup that usually yields the difference in one step
 * ({@link LosslessHuffmanTable}), a 64-bit bit buffer, one predictor loop per row
 * ({@link LosslessRowPredictor}), rows written straight into the caller's array.
 */
public final class JpegLosslessDecoder implements FrameDecoder {

    static final String CODEC = "JPEG lossless";

    /** Creates a decoder; it holds no state and may be shared between threads. */
    public JpegLosslessDecoder() {
    }

    @Override
    public void decode(ByteBuffer frame, FrameInfo info, SampleBuffer out) throws DicomException {
        if (info.rows() <= 0 || info.columns() <= 0) {
            throw new DicomException(CODEC + ": rows " + info.rows() + " x columns " + info.columns()
                    + " is not a positive frame size");
        }
        if (SampleBuffer.kindFor(info.bitsAllocated()) == null) {
            throw new DicomException(CODEC + ": Bits Allocated " + info.bitsAllocated() + " is not 8, 16 or 32");
        }
        out.requireFits(info);
        int length = frame.remaining();
        byte[] data;
        int base;
        if (frame.hasArray()) {
            data = frame.array();
            base = frame.arrayOffset() + frame.position();
        } else {
            data = new byte[length];
            frame.duplicate().get(data);
            base = 0;
        }
        new Session(data, base, base + length, info, out).run();
    }

    /** The state of decoding one frame: the stream, the tables and frame header seen so far. */
    private static final class Session {
        private final byte[] data;
        private final int base;
        private final int end;
        private final FrameInfo info;
        private final SampleBuffer out;
        private final LosslessHuffmanTable[] tables = new LosslessHuffmanTable[4];
        private int pos;
        private int restartInterval;
        // Frame header (SOF3)
        private boolean haveFrame;
        private int precision;
        private int lines;
        private int[] componentIds;
        private int[] sampling;
        private boolean[] decoded;

        Session(byte[] data, int base, int end, FrameInfo info, SampleBuffer out) {
            this.data = data;
            this.base = base;
            this.end = end;
            this.info = info;
            this.out = out;
            this.pos = base;
        }

        private DicomException error(int at, String what) {
            return new DicomException(CODEC + ": offset " + (at - base) + ": " + what);
        }

        void run() throws DicomException {
            if (end - base < 2 || (data[base] & 0xFF) != 0xFF || (data[base + 1] & 0xFF) != 0xD8) {
                throw error(base, "the stream does not start with SOI (FF D8)");
            }
            pos = base + 2;
            while (true) {
                int at = pos;
                int marker = nextMarker();
                if (marker < 0 || marker == 0xD9) {
                    break; // EOI, or the data end without it (accepted if every sample was decoded)
                }
                switch (marker) {
                    case 0xC3 -> readFrameHeader(at);
                    case 0xC0, 0xC1, 0xC2, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                            throw error(at, String.format("SOF%d (FF %02X) is not lossless process 14 (SOF3)",
                                    marker - 0xC0, marker));
                    case 0xCC -> throw error(at, "DAC: arithmetic coding is not supported");
                    case 0xC4 -> readHuffmanTables(at);
                    case 0xDD -> readRestartInterval(at);
                    case 0xDA -> readScan(at);
                    case 0xD8 -> throw error(at, "a second SOI inside the stream");
                    case 0x01, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7 -> {
                        // TEM and stray restart markers stand alone (no length); nothing to do
                    }
                    default -> skipSegment(at); // APPn, COM, DNL, DQT, DHP, EXP, JPG extensions
                }
            }
            if (!haveFrame) {
                throw error(pos, "no SOF3 frame header before the end of the stream");
            }
            for (int c = 0; c < decoded.length; c++) {
                if (!decoded[c]) {
                    throw error(pos, "the stream ends before component " + componentIds[c] + " was decoded");
                }
            }
        }

        /** @return the marker code (the byte after FF) at {@link #pos}, skipping fill bytes; −1 at the data end */
        private int nextMarker() throws DicomException {
            if (pos >= end) {
                return -1;
            }
            if ((data[pos] & 0xFF) != 0xFF) {
                throw error(pos, String.format("expected a marker (FF xx), found %02X", data[pos] & 0xFF));
            }
            while (pos < end && (data[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= end) {
                return -1;
            }
            return data[pos++] & 0xFF;
        }

        /** Reads a segment's length field at {@link #pos} and checks the segment lies inside the data. */
        private int segmentLength(int at, int minimum) throws DicomException {
            if (pos + 2 > end) {
                throw error(at, "marker segment length runs past the end of the data");
            }
            int len = u16(pos);
            if (len < minimum || pos + len > end) {
                throw error(at, "marker segment length " + len + (len < minimum ? " is below " + minimum
                        : " runs past the end of the data (" + (end - pos) + " bytes left)"));
            }
            return len;
        }

        private int u16(int at) {
            return (data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF);
        }

        private void skipSegment(int at) throws DicomException {
            pos += segmentLength(at, 2);
        }

        private void readRestartInterval(int at) throws DicomException {
            int len = segmentLength(at, 4);
            restartInterval = u16(pos + 2);
            pos += len;
        }

        private void readFrameHeader(int at) throws DicomException {
            if (haveFrame) {
                throw error(at, "a second frame header (SOF3)");
            }
            int len = segmentLength(at, 8);
            int p = pos + 2;
            precision = data[p] & 0xFF;
            lines = u16(p + 1);
            int columns = u16(p + 3);
            int nf = data[p + 5] & 0xFF;
            if (len != 8 + 3 * nf) {
                throw error(at, "SOF3 length " + len + " does not match " + nf + " components");
            }
            if (precision < 2 || precision > 16) {
                throw error(at, "sample precision " + precision + " is outside 2-16 (T.81 Table B.2)");
            }
            if (precision > info.bitsAllocated()) {
                throw error(at, "sample precision " + precision + " exceeds Bits Allocated " + info.bitsAllocated());
            }
            if (columns != info.columns() || (lines != 0 && lines != info.rows())) {
                throw error(at, "frame header says " + lines + " lines x " + columns + " columns; the data set says "
                        + info.rows() + " x " + info.columns());
            }
            if (lines == 0) {
                lines = info.rows(); // defined by a DNL segment after the first scan (T.81 B.2.5)
            }
            if (nf != info.samplesPerPixel()) {
                throw error(at, "frame header has " + nf + " components; Samples per Pixel is "
                        + info.samplesPerPixel());
            }
            componentIds = new int[nf];
            sampling = new int[nf];
            decoded = new boolean[nf];
            for (int c = 0; c < nf; c++) {
                componentIds[c] = data[p + 6 + 3 * c] & 0xFF;
                sampling[c] = data[p + 7 + 3 * c] & 0xFF;
                for (int k = 0; k < c; k++) {
                    if (componentIds[k] == componentIds[c]) {
                        throw error(at, "component id " + componentIds[c] + " appears twice in SOF3");
                    }
                }
                if (sampling[c] != sampling[0]) {
                    throw error(at, "component " + componentIds[c] + " is subsampled (H,V "
                            + (sampling[c] >> 4) + "," + (sampling[c] & 15) + " vs " + (sampling[0] >> 4) + ","
                            + (sampling[0] & 15) + "); lossless DICOM images are not subsampled");
                }
            }
            haveFrame = true;
            pos += len;
        }

        private void readHuffmanTables(int at) throws DicomException {
            int len = segmentLength(at, 2);
            int p = pos + 2;
            int segEnd = pos + len;
            while (p < segEnd) {
                if (p + 17 > segEnd) {
                    throw error(p, "DHT table runs past its segment");
                }
                int tc = (data[p] & 0xFF) >> 4;
                int th = data[p] & 0x0F;
                int[] counts = new int[16];
                int total = 0;
                for (int i = 0; i < 16; i++) {
                    counts[i] = data[p + 1 + i] & 0xFF;
                    total += counts[i];
                }
                if (total > 256 || p + 17 + total > segEnd) {
                    throw error(p, "DHT table of " + total + " codes runs past its segment");
                }
                if (th > 3 || tc > 1) {
                    throw error(p, "DHT table class " + tc + " id " + th + " is not valid (T.81 B.2.4.2)");
                }
                byte[] values = new byte[total];
                System.arraycopy(data, p + 17, values, 0, total);
                if (tc == 0) { // class 1 (AC) tables are never used by a lossless scan
                    try {
                        tables[th] = new LosslessHuffmanTable(counts, values);
                    } catch (IllegalArgumentException e) {
                        throw error(p, "DHT table " + th + ": " + e.getMessage());
                    }
                }
                p += 17 + total;
            }
            pos = segEnd;
        }

        private void readScan(int at) throws DicomException {
            if (!haveFrame) {
                throw error(at, "SOS before the frame header (SOF3)");
            }
            int len = segmentLength(at, 6);
            int p = pos + 2;
            int ns = data[p] & 0xFF;
            if (ns < 1 || ns > 4 || len != 6 + 2 * ns) {
                throw error(at, "SOS with " + ns + " components and length " + len + " is not valid");
            }
            int[] comps = new int[ns];
            LosslessHuffmanTable[] scanTables = new LosslessHuffmanTable[ns];
            for (int i = 0; i < ns; i++) {
                int id = data[p + 1 + 2 * i] & 0xFF;
                int td = (data[p + 2 + 2 * i] & 0xFF) >> 4;
                int c = 0;
                while (c < componentIds.length && componentIds[c] != id) {
                    c++;
                }
                if (c == componentIds.length) {
                    throw error(at, "SOS names component " + id + ", which the frame header does not have");
                }
                if (decoded[c]) {
                    throw error(at, "component " + id + " is in a second scan");
                }
                for (int k = 0; k < i; k++) {
                    if (comps[k] == c) {
                        throw error(at, "component " + id + " appears twice in one scan");
                    }
                }
                if (td > 3 || tables[td] == null) {
                    throw error(at, "SOS uses Huffman table " + td + ", which no DHT defined");
                }
                comps[i] = c;
                scanTables[i] = tables[td];
            }
            int predictor = data[p + 1 + 2 * ns] & 0xFF;
            int pt = data[p + 3 + 2 * ns] & 0x0F;
            if (predictor < 1 || predictor > 7) {
                throw error(at, "selection value (predictor) " + predictor + " is not 1-7 (T.81 Table H.1)");
            }
            if (pt >= precision) {
                throw error(at, "point transform " + pt + " is not below the precision " + precision);
            }
            if (ns > 1 && sampling[0] != 0x11) {
                throw error(at, "interleaved scan of components with sampling factors " + (sampling[0] >> 4) + ","
                        + (sampling[0] & 15) + " (only 1,1 is supported)");
            }
            int columns = info.columns();
            if (restartInterval > 0 && restartInterval % columns != 0) {
                throw error(at, "restart interval " + restartInterval + " is not a whole number of rows of "
                        + columns + " (lossless prediction restarts per row)");
            }
            pos += len;
            decodeScan(comps, scanTables, predictor, pt);
            for (int c : comps) {
                decoded[c] = true;
            }
        }

        private void decodeScan(int[] comps, LosslessHuffmanTable[] scanTables, int predictor, int pt)
                throws DicomException {
            int nc = comps.length;
            int columns = info.columns();
            int n = columns * nc;
            int[] prev = new int[n];
            int[] cur = new int[n];
            int[] diff = new int[n];
            int initial = 1 << (precision - pt - 1);
            int rowsPerInterval = restartInterval == 0 ? Integer.MAX_VALUE : restartInterval / columns;
            LosslessBitReader reader = new LosslessBitReader(data, base, end, pos);
            int spp = info.samplesPerPixel();
            int rowInInterval = 0;
            for (int y = 0; y < lines; y++) {
                if (rowInInterval == rowsPerInterval) {
                    reader.restart();
                    rowInInterval = 0;
                }
                reader.decodeDifferences(diff, n, scanTables);
                if (reader.overrun()) {
                    throw reader.truncated("in row " + y + " of " + lines);
                }
                LosslessRowPredictor.reconstruct(prev, cur, diff, nc, n, predictor, rowInInterval == 0, initial);
                store(cur, y, comps, spp, pt);
                int[] t = prev;
                prev = cur;
                cur = t;
                rowInInterval++;
            }
            pos = reader.position();
            // Whatever lies between the last code and the next marker (padding, or junk some encoders leave) is
            // skipped; the marker loop resumes at the next FF that starts a marker.
            while (pos < end && !((data[pos] & 0xFF) == 0xFF && pos + 1 < end && (data[pos + 1] & 0xFF) != 0)) {
                pos++;
            }
        }

        /** The usual single-component case: a plain copy the JIT can vectorise. */
        private void storeContiguous(int[] row, int at, int pt) {
            int n = row.length;
            switch (out.kind()) {
                case BYTES -> {
                    byte[] o = out.bytes();
                    for (int i = 0; i < n; i++) {
                        o[at + i] = (byte) (row[i] << pt);
                    }
                }
                case SHORTS -> {
                    short[] o = out.shorts();
                    for (int i = 0; i < n; i++) {
                        o[at + i] = (short) (row[i] << pt);
                    }
                }
                case INTS -> {
                    int[] o = out.ints();
                    for (int i = 0; i < n; i++) {
                        o[at + i] = row[i] << pt;
                    }
                }
            }
        }

        /** Writes one reconstructed row (scan components interleaved) into the frame, shifted left by Pt. */
        private void store(int[] row, int y, int[] comps, int spp, int pt) {
            int nc = comps.length;
            int columns = info.columns();
            int rowStart = out.offset() + y * columns * spp;
            if (nc == 1 && spp == 1) {
                storeContiguous(row, rowStart, pt);
                return;
            }
            switch (out.kind()) {
                case BYTES -> {
                    byte[] o = out.bytes();
                    for (int c = 0; c < nc; c++) {
                        int at = rowStart + comps[c];
                        for (int i = c; i < row.length; i += nc) {
                            o[at] = (byte) (row[i] << pt);
                            at += spp;
                        }
                    }
                }
                case SHORTS -> {
                    short[] o = out.shorts();
                    for (int c = 0; c < nc; c++) {
                        int at = rowStart + comps[c];
                        for (int i = c; i < row.length; i += nc) {
                            o[at] = (short) (row[i] << pt);
                            at += spp;
                        }
                    }
                }
                case INTS -> {
                    int[] o = out.ints();
                    for (int c = 0; c < nc; c++) {
                        int at = rowStart + comps[c];
                        for (int i = c; i < row.length; i += nc) {
                            o[at] = row[i] << pt;
                            at += spp;
                        }
                    }
                }
            }
        }
    }
}
