package org.medimg4j.dicom.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReadParamJava;
import java.awt.Point;
import java.io.IOException;
import java.nio.ByteBuffer;
import jj2000.j2k.codestream.HeaderInfo;
import jj2000.j2k.codestream.reader.BitstreamReaderAgent;
import jj2000.j2k.codestream.reader.HeaderDecoder;
import jj2000.j2k.decoder.DecoderSpecs;
import jj2000.j2k.entropy.decoder.EntropyDecoder;
import jj2000.j2k.image.DataBlk;
import jj2000.j2k.image.DataBlkInt;
import jj2000.j2k.image.ImgDataConverter;
import jj2000.j2k.image.invcomptransf.InvCompTransf;
import jj2000.j2k.quantization.dequantizer.Dequantizer;
import jj2000.j2k.roi.ROIDeScaler;
import jj2000.j2k.wavelet.synthesis.InverseWT;
import org.medimg4j.dicom.DicomException;

/**
 * Decodes JPEG 2000 frames: transfer syntaxes 1.2.840.10008.1.2.4.90 (lossless only) and .91 (lossless or lossy),
 * PS3.5 A.4.4 — a bare ISO/IEC 15444-1 codestream, or one wrapped in a JP2 file. 1 or 3 components, 8 or 16 Bits
 * Allocated, signed or unsigned, reversible 5/3 or irreversible 9/7 wavelet, any tiling and progression.
 *
 * <p>Values: the components' reconstructed sample values (DC level shift undone, clamped to the component's
 * nominal range as OpenJPEG does), interleaved per pixel. The inverse multiple-component transform that the COD
 * marker asks for (RCT for YBR_RCT, ICT for YBR_ICT) is part of JPEG 2000 decoding, so those frames come out as
 * RGB; no colour management (JP2 colour boxes, ICC profiles) is applied. A stream whose signedness or bit depth
 * differs from the data set is written as the stream says; the pixel layer's masking to Bits Stored reconciles them
 * ({@code J2K_pixelrep_mismatch.dcm}).
 *
 * <p>The arithmetic is JJ2000's ({@code com.github.jai-imageio:jai-imageio-jpeg2000}), driven through its codestream
 * API rather than its ImageIO reader, so there is no colour model or raster in between. Before JJ2000 sees a
 * frame, its codestream's structure is checked ({@link J2kCodestream}) and SIZ is compared with {@code info}, so a
 * truncated frame or one whose size disagrees with the data set is rejected before anything is allocated. Every
 * exception from JJ2000, and every warning of lost data, becomes a {@link DicomException}. Stateless and
 * thread-safe: each call builds its own decoding chain.
 */
public final class Jpeg2000Decoder implements FrameDecoder {

    /** Creates a decoder; it holds no state, so one instance may serve every thread. */
    public Jpeg2000Decoder() {
        // stateless
    }

    @Override
    public void decode(ByteBuffer frame, FrameInfo info, SampleBuffer out) throws DicomException {
        checkOutput(info, out);
        byte[] a;
        int from;
        if (frame.hasArray()) {
            a = frame.array();
            from = frame.arrayOffset() + frame.position();
        } else {
            a = new byte[frame.remaining()];
            frame.duplicate().get(a);
            from = 0;
        }
        J2kFileFormat.Span span = J2kFileFormat.locate(a, from, from + frame.remaining());
        J2kCodestream codestream = J2kCodestream.scan(a, span, from);
        checkAgainstDataSet(codestream, info);
        J2kByteInput input;
        if (codestream.needsCopy()) {
            byte[] copy = codestream.copyForDecoder(a);
            input = new J2kByteInput(copy, 0, copy.length);
        } else {
            input = new J2kByteInput(a, codestream.start(), codestream.end() - codestream.start());
        }
        String dataLoss;
        try (J2kMessageLog log = J2kMessageLog.install()) {
            decodeTiles(input, info, out);
            dataLoss = log.firstDataLoss();
        } catch (DicomException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        } catch (Error e) {
            // JJ2000 signals some bad codestreams with plain Errors (e.g. "Requested bitrate is too small",
            // NotImplementedError for Psot over 2^31). A VirtualMachineError is not the codestream's fault.
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            throw corrupt(e);
        }
        if (dataLoss != null) {
            throw new DicomException("JPEG 2000: the codestream is truncated or corrupt (JJ2000: " + dataLoss.trim()
                    + ")");
        }
    }

    private static DicomException corrupt(Throwable e) {
        if (e instanceof J2kByteInput.Overrun) {
            return new DicomException("JPEG 2000: corrupt codestream: its packet headers ask for data past its end ("
                    + e.getMessage() + ")", e);
        }
        String what = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage().trim();
        return new DicomException("JPEG 2000: corrupt codestream (JJ2000 " + what + ")", e);
    }

    private static void checkOutput(FrameInfo info, SampleBuffer out) throws DicomException {
        if (info.bitsAllocated() != 8 && info.bitsAllocated() != 16) {
            throw new DicomException("JPEG 2000: Bits Allocated " + info.bitsAllocated()
                    + " is not supported (8 or 16)");
        }
        out.requireFits(info);
    }

    /** SIZ must describe the frame the data set describes: this also bounds what JJ2000 will allocate. */
    private static void checkAgainstDataSet(J2kCodestream cs, FrameInfo info) throws DicomException {
        if (cs.width() != info.columns() || cs.height() != info.rows()) {
            throw new DicomException("JPEG 2000: offset 0: SIZ says " + cs.width() + " × " + cs.height()
                    + " (columns × rows) but the data set says " + info.columns() + " × " + info.rows());
        }
        if (cs.components() != info.samplesPerPixel()) {
            throw new DicomException("JPEG 2000: offset 0: SIZ has " + cs.components()
                    + " components but Samples per Pixel is " + info.samplesPerPixel());
        }
        if (!cs.fullResolution()) {
            throw new DicomException("JPEG 2000: offset 0: SIZ subsamples a component; DICOM JPEG 2000 images have"
                    + " every component at full resolution and this decoder supports no other");
        }
        for (int c = 0; c < cs.components(); c++) {
            if (cs.precision(c) > info.bitsAllocated()) {
                throw new DicomException("JPEG 2000: offset 0: SIZ gives component " + c + " " + cs.precision(c)
                        + " bits, more than Bits Allocated " + info.bitsAllocated());
            }
        }
    }

    /** Runs JJ2000's decoding chain (as its own decoder application does) and copies each tile into {@code out}. */
    private static void decodeTiles(J2kByteInput in, FrameInfo info, SampleBuffer out) throws IOException {
        J2KImageReadParamJava param = new J2KImageReadParamJava();
        HeaderInfo headerInfo = new HeaderInfo();
        HeaderDecoder header = new HeaderDecoder(in, param, headerInfo);
        int components = header.getNumComps();
        DecoderSpecs specs = header.getDecoderSpecs();
        int[] depth = new int[components];
        for (int c = 0; c < components; c++) {
            depth[c] = header.getOriginalBitDepth(c);
        }
        BitstreamReaderAgent bitstream = BitstreamReaderAgent.createInstance(in, header, param, specs, false,
                headerInfo);
        EntropyDecoder entropy = header.createEntropyDecoder(bitstream, param);
        ROIDeScaler roi = header.createROIDeScaler(entropy, param, specs);
        Dequantizer dequantizer = header.createDequantizer(roi, depth, specs);
        InverseWT wavelet = InverseWT.createInstance(dequantizer, specs);
        wavelet.setImgResLevel(bitstream.getImgRes());
        // 0 fraction bits: the 9/7 path's floats are rounded to integers here, half away from zero.
        ImgDataConverter converter = new ImgDataConverter(wavelet, 0);
        InvCompTransf image = new InvCompTransf(converter, specs, depth);

        int columns = info.columns();
        int rows = info.rows();
        int imageX = header.getImgULX();
        int imageY = header.getImgULY();
        Point tiles = image.getNumTiles(null);
        DataBlkInt request = new DataBlkInt();
        for (int ty = 0; ty < tiles.y; ty++) {
            for (int tx = 0; tx < tiles.x; tx++) {
                image.setTile(tx, ty);
                int tile = image.getTileIdx();
                for (int c = 0; c < components; c++) {
                    int w = image.getTileCompWidth(tile, c);
                    int h = image.getTileCompHeight(tile, c);
                    int x0 = image.getCompULX(c) - imageX;
                    int y0 = image.getCompULY(c) - imageY;
                    if (x0 < 0 || y0 < 0 || (long) x0 + w > columns || (long) y0 + h > rows) {
                        throw new DicomException("JPEG 2000: tile " + tile + " component " + c + " at (" + x0 + ", "
                                + y0 + ") size " + w + " × " + h + " lies outside the " + columns + " × " + rows
                                + " image");
                    }
                    if (w == 0 || h == 0) {
                        continue;
                    }
                    request.ulx = 0;
                    request.uly = 0;
                    request.w = w;
                    request.h = h;
                    DataBlk block = image.getInternCompData(request, c);
                    if (!(block instanceof DataBlkInt) || block.w != w || block.h != h) {
                        throw new DicomException("JPEG 2000: JJ2000 returned no integer samples for tile " + tile
                                + " component " + c);
                    }
                    int bits = image.getNomRangeBits(c);
                    boolean signed = header.isOriginalSigned(c);
                    int dst = out.offset() + (y0 * columns + x0) * components + c;
                    copy((DataBlkInt) block, image.getFixedPoint(c), bits, signed, out, dst, columns * components,
                            components);
                }
            }
        }
    }

    /**
     * Copies one tile-component: undoes the DC level shift for unsigned components (G.1.2), rounds away fixed-point
     * fraction bits if any, and clamps to the component's range — irreversible (9/7) decoding can overshoot it.
     */
    private static void copy(DataBlkInt block, int fractionBits, int bits, boolean signed, SampleBuffer out, int dst,
                             int dstRowStride, int step) {
        int shift = signed ? 0 : 1 << (bits - 1);
        int min = signed ? -(1 << (bits - 1)) : 0;
        int max = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
        int round = fractionBits > 0 ? 1 << (fractionBits - 1) : 0;
        int[] src = block.getDataInt();
        int w = block.w;
        int h = block.h;
        if (out.kind() == SampleBuffer.Kind.BYTES) {
            byte[] o = out.bytes();
            for (int y = 0; y < h; y++) {
                int s = block.offset + y * block.scanw;
                int d = dst + y * dstRowStride;
                for (int x = 0; x < w; x++, s++, d += step) {
                    int v = ((src[s] + round) >> fractionBits) + shift;
                    o[d] = (byte) (v < min ? min : v > max ? max : v);
                }
            }
        } else {
            short[] o = out.shorts();
            for (int y = 0; y < h; y++) {
                int s = block.offset + y * block.scanw;
                int d = dst + y * dstRowStride;
                for (int x = 0; x < w; x++, s++, d += step) {
                    int v = ((src[s] + round) >> fractionBits) + shift;
                    o[d] = (short) (v < min ? min : v > max ? max : v);
                }
            }
        }
    }
}
