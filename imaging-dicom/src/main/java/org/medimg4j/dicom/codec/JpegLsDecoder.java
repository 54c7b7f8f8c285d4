package org.medimg4j.dicom.codec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.medimg4j.dicom.DicomException;

/**
 * JPEG-LS decoder (ITU-T T.87 | ISO/IEC 14495-1) for the transfer syntaxes JPEG-LS Lossless
 * (1.2.840.10008.1.2.4.80) and JPEG-LS Near-Lossless (1.2.840.10008.1.2.4.81), in pure Java.
 *
 * <p>Reads SOF55 frames of 1 to 4 components with 2 to 16 bits per sample, scans with NEAR ≥ 0 and any interleave
 * mode (none, line, sample), preset coding parameters and oversize dimensions (LSE ids 1 and 4), restart intervals
 * (DRI/RSTm). The samples are written as stored, with no colour transform (DICOM does not use the HP colour
 * transforms of JPEG-LS part 2). Not supported, and rejected with a {@link DicomException} saying so: mapping
 * tables (LSE ids 2 and 3), sub-sampled components, point transforms.
 *
 * <p>Streams of encoders known to derive their coding parameters otherwise than T.87 (CharLS before 2.1 and the
 * DCMTK that bundles it, for 2- to 7-bit samples; JAI ImageIO for 13 to 16 bits without an LSE segment; CharLS with
 * an LSE MAXVAL below 2^P − 1) are read as their encoder meant them: see {@link JpegLsEncoderQuirks}.
 *
 * <p>Errors name the codec and the byte offset in the frame, e.g. {@code "JPEG-LS: offset 200: entropy-coded data
 * ends at marker FFC8 before the scan is complete"}. Decoding time is linear in the frame's samples and bytes
 * whatever the input, and memory beyond the caller's buffer is two lines per component.
 *
 * <p>Stateless and thread-safe.
 */
public final class JpegLsDecoder implements FrameDecoder {

    /** Transfer Syntax UID of JPEG-LS Lossless Image Compression. */
    public static final String LOSSLESS_UID = "1.2.840.10008.1.2.4.80";
    /** Transfer Syntax UID of JPEG-LS Lossy (Near-Lossless) Image Compression. */
    public static final String NEAR_LOSSLESS_UID = "1.2.840.10008.1.2.4.81";

    /** Creates a decoder; it holds no state. */
    public JpegLsDecoder() {
        // stateless
    }

    /**
     * @param transferSyntaxUid a Transfer Syntax UID
     * @return whether this decoder reads pixel data of that transfer syntax
     */
    public static boolean decodes(String transferSyntaxUid) {
        return LOSSLESS_UID.equals(transferSyntaxUid) || NEAR_LOSSLESS_UID.equals(transferSyntaxUid);
    }

    @Override
    public void decode(ByteBuffer frame, FrameInfo info, SampleBuffer out) throws DicomException {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(out, "out");
        if (SampleBuffer.kindFor(info.bitsAllocated()) == null) {
            throw new DicomException("JPEG-LS: Bits Allocated " + info.bitsAllocated() + " is not 8, 16 or 32");
        }
        out.requireFits(info);
        byte[] data;
        int base;
        if (frame.hasArray()) {
            data = frame.array();
            base = frame.arrayOffset() + frame.position();
        } else {
            data = new byte[frame.remaining()];
            frame.duplicate().get(data);
            base = 0;
        }
        decode(data, base, base + frame.remaining(), info, out);
    }

    private static void decode(byte[] data, int base, int limit, FrameInfo info, SampleBuffer out)
            throws DicomException {
        JpegLsHeader header = new JpegLsHeader(data, base, limit);
        JpegLsBitReader in = new JpegLsBitReader(data, base, limit);
        header.readStartOfImage();
        boolean[] decoded = null;
        while (true) {
            int marker = header.readMarker();
            if (marker == JpegLsHeader.EOI) {
                checkComplete(header, decoded, header.position() - 2 - base);
                return;
            }
            if (marker != JpegLsHeader.SOS) {
                header.readSegment(marker);
                continue;
            }
            JpegLsHeader.Scan scan = header.readScan();
            // Every scan: an LSE segment (id 4) between scans could change the dimensions.
            checkFrame(header, info, scan.offset());
            if (decoded == null) {
                decoded = new boolean[header.components()];
            }
            for (int c : scan.components()) {
                if (decoded[c]) {
                    throw corrupt(scan.offset(), "component " + (c + 1) + " is coded in a second scan");
                }
                decoded[c] = true;
            }
            decodeScan(header, scan, in, info, out);
            int next = in.markerPosition();
            if (next < 0) {
                throw corrupt(limit - base, "the codestream ends after the scan without the EOI marker (truncated)");
            }
            header.seek(next);
        }
    }

    /**
     * Decodes one scan by T.87; when that fails or leaves data unread and the stream could come from an encoder
     * that deviates from T.87 ({@link JpegLsEncoderQuirks}), retries with that encoder's parameters.
     */
    private static void decodeScan(JpegLsHeader header, JpegLsHeader.Scan scan, JpegLsBitReader in, FrameInfo info,
                                   SampleBuffer out) throws DicomException {
        JpegLsParameters standard = header.parameters(scan);
        if (standard.maxval() >= 1L << info.bitsAllocated()) {
            throw corrupt(scan.offset(), "MAXVAL " + standard.maxval() + " does not fit Bits Allocated "
                    + info.bitsAllocated());
        }
        int start = header.position();
        DicomException failure = null;
        try {
            decodeScan(header, scan, standard, in, start, out);
            if (in.unusedBits() <= JpegLsEncoderQuirks.PADDING_BITS) {
                return;
            }
        } catch (DicomException e) {
            failure = e;
        }
        List<JpegLsParameters> alternatives = JpegLsEncoderQuirks.alternatives(header.precision(), header.presets(),
                scan.near(), standard);
        if (alternatives.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            return; // read to the end by T.87, with bytes to spare: keep it
        }
        for (JpegLsParameters p : alternatives) {
            try {
                decodeScan(header, scan, p, in, start, out);
                if (in.unusedBits() <= JpegLsEncoderQuirks.PADDING_BITS) {
                    return;
                }
            } catch (DicomException e) {
                // not this encoder either
            }
        }
        if (failure != null) {
            throw failure;
        }
        decodeScan(header, scan, standard, in, start, out);
    }

    private static void decodeScan(JpegLsHeader header, JpegLsHeader.Scan scan, JpegLsParameters p,
                                   JpegLsBitReader in, int start, SampleBuffer out) throws DicomException {
        in.start(start);
        new JpegLsScanDecoder(in, p, header.width(), header.height(), scan.components(), header.components(),
                header.restartInterval(), out).decode(scan.interleave() == 2);
    }

    /** The frame header against the data set's Image Pixel module, before anything is written. */
    private static void checkFrame(JpegLsHeader header, FrameInfo info, int offset) throws DicomException {
        if (header.width() != info.columns() || header.height() != info.rows()) {
            throw corrupt(offset, "the frame is " + header.width() + " x " + header.height() + " (columns x rows); "
                    + "the data set says Columns " + info.columns() + ", Rows " + info.rows());
        }
        if (header.components() != info.samplesPerPixel()) {
            throw corrupt(offset, "the frame has " + header.components() + " components; the data set says "
                    + "Samples per Pixel " + info.samplesPerPixel());
        }
        if (header.precision() > info.bitsAllocated()) {
            throw corrupt(offset, "sample precision " + header.precision() + " exceeds Bits Allocated "
                    + info.bitsAllocated());
        }
    }

    private static void checkComplete(JpegLsHeader header, boolean[] decoded, int offset) throws DicomException {
        if (!header.frameSeen()) {
            throw corrupt(offset, "EOI before any SOF55 frame header");
        }
        if (decoded == null) {
            throw corrupt(offset, "EOI before any scan");
        }
        for (int c = 0; c < decoded.length; c++) {
            if (!decoded[c]) {
                throw corrupt(offset, "EOI before component " + (c + 1) + " of " + decoded.length
                        + " was coded (a scan is missing)");
            }
        }
    }

    /** @return the exception for a codestream fault at byte {@code offset} of the frame */
    static DicomException corrupt(int offset, String what) {
        return new DicomException("JPEG-LS: offset " + offset + ": " + what);
    }
}
