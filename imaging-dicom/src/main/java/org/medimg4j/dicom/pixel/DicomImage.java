package org.medimg4j.dicom.pixel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.PixelData;
import org.medimg4j.dicom.TransferSyntax;
import org.medimg4j.dicom.codec.FrameDecoder;
import org.medimg4j.dicom.codec.FrameDecoders;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * The decoded frames of a DICOM image, one at a time: {@code DicomImage.of(file)} checks the Image Pixel module
 * and where the pixels are, then {@link #decodeFrame(int, SampleBuffer)} reads and decodes one frame — only that
 * frame's bytes (native) or fragments (encapsulated) — into a caller's array. Other frames are neither loaded nor
 * decoded, so frame 900 of a large multi-frame object costs one frame.
 *
 * <p>Values are the <em>stored</em> pixel values (PS3.3 C.7.6.3): masked to Bits Stored and sign-extended when
 * Pixel Representation is 1 ({@link StoredValues}), samples interleaved per pixel, rows top to bottom; no Modality
 * LUT (rescale), VOI, palette lookup or MONOCHROME1 inversion ({@link PaletteColorLut} and {@link Monochrome1}
 * do those for display). The colour space is {@link #decodedPhotometric()}, by the rule of the conformance
 * corpus: what DCMTK's decoders give by default and pydicom gives for native data.
 *
 * <p>Buffers: {@code byte[]} for Bits Allocated 1 (one 0/1 value per pixel) and 8, {@code short[]} for 16,
 * {@code int[]} for 32 (read signed or unsigned as {@link FrameInfo#signed()} says). Codecs come from a
 * {@link FrameDecoders} registry, {@link FrameDecoders#standard()} by default.
 *
 * <p>Errors are {@link DicomException}s naming the file: an absent or out-of-range Image Pixel attribute, native
 * Pixel Data shorter than Rows × Columns × Samples × Bits Allocated × frames, no fragments, a transfer syntax
 * without a decoder (named by UID), and codec failures (with the frame number added). Instances are immutable
 * and thread-safe; the underlying file stays open for reads until {@link DicomFile#close()}.
 */
public final class DicomImage {

    private final String sourceName;
    private final TransferSyntax syntax;
    private final ImagePixelModule module;
    private final FrameInfo storedInfo;
    private final FrameInfo decodedInfo;
    private final PixelData pixels;
    private final EncapsulatedFrames encapsulated;
    private final FrameDecoders decoders;

    private DicomImage(String sourceName, TransferSyntax syntax, ImagePixelModule module, PixelData pixels,
                       EncapsulatedFrames encapsulated, FrameDecoders decoders) {
        this.sourceName = sourceName;
        this.syntax = syntax;
        this.module = module;
        this.storedInfo = module.frameInfo();
        this.pixels = pixels;
        this.encapsulated = encapsulated;
        this.decoders = decoders;
        FrameInfo s = storedInfo;
        this.decodedInfo = new FrameInfo(s.rows(), s.columns(), s.samplesPerPixel(), s.bitsAllocated(),
                s.bitsStored(), s.signed(), 0, decodedPhotometric(syntax, s));
    }

    /**
     * @param file a file read with its Pixel Data (not metadata-only)
     * @return its image, decoded with {@link FrameDecoders#standard()}
     * @throws DicomException naming the file when it has no usable Pixel Data or Image Pixel module
     */
    public static DicomImage of(DicomFile file) throws DicomException {
        return of(file, FrameDecoders.standard());
    }

    /**
     * @param file     a file read with its Pixel Data (not metadata-only)
     * @param decoders the codecs to decode encapsulated frames with
     * @return its image
     * @throws DicomException naming the file (and tag) when there is no Pixel Data (7FE0,0010), when an Image Pixel
     *                        attribute is absent or out of range, when native Pixel Data is shorter than the frames
     *                        need, or when encapsulated Pixel Data has no fragment
     */
    public static DicomImage of(DicomFile file, FrameDecoders decoders) throws DicomException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(decoders, "decoders");
        String name = file.sourceName();
        if (file.stoppedBeforePixelData()) {
            throw new DicomException(name + ": read metadata-only, without its Pixel Data: read it again in full");
        }
        PixelData pixels = file.pixelData().orElse(null);
        if (pixels == null) {
            boolean floats = file.dataSet().contains(Tag.FloatPixelData)
                    || file.dataSet().contains(Tag.DoubleFloatPixelData);
            throw new DicomException(name + ": no (7FE0,0010) PixelData" + (floats
                    ? " (Float and Double Float Pixel Data are not decoded)" : ""));
        }
        ImagePixelModule module = ImagePixelModule.read(file.dataSet());
        TransferSyntax ts = file.transferSyntax();
        EncapsulatedFrames frames = null;
        if (ts.isEncapsulated() || pixels.isEncapsulated()) {
            if (!pixels.isEncapsulated() || !ts.isEncapsulated()) {
                throw new DicomException(name + ": offset " + pixels.elementOffset() + ", (7FE0,0010) PixelData is "
                        + (pixels.isEncapsulated() ? "encapsulated" : "native") + ", but the transfer syntax "
                        + ts.uid() + " says " + (ts.isEncapsulated() ? "encapsulated" : "native"));
            }
            if (module.bitsAllocated() == 1) {
                throw new DicomException(name + ": (0028,0100) BitsAllocated 1 in encapsulated Pixel Data ("
                        + ts.uid() + "): no codec packs single bits");
            }
            frames = EncapsulatedFrames.of(pixels, module.numberOfFrames(), name);
        } else {
            checkNativeLength(name, module, pixels);
        }
        return new DicomImage(name, ts, module, pixels, frames, decoders);
    }

    private static void checkNativeLength(String name, ImagePixelModule module, PixelData pixels)
            throws DicomException {
        long frameBits = NativePixels.frameBits(module.frameInfo());
        long needBytes;
        try {
            needBytes = (Math.multiplyExact(frameBits, (long) module.numberOfFrames()) + 7) / 8;
        } catch (ArithmeticException e) {
            needBytes = Long.MAX_VALUE;
        }
        if (pixels.length() < needBytes) {
            throw new DicomException(name + ": offset " + pixels.elementOffset() + ", (7FE0,0010) PixelData: "
                    + pixels.length() + " bytes, but Rows " + module.rows() + " x Columns " + module.columns()
                    + " x Samples " + module.samplesPerPixel() + " x Bits Allocated " + module.bitsAllocated()
                    + " x Number of Frames " + module.numberOfFrames() + " needs "
                    + (needBytes == Long.MAX_VALUE ? "more than 2^63" : Long.toString(needBytes)));
        }
    }

    /**
     * The decoded_photometric rule of the conformance corpus: which colour space the stored values of a frame are
     * in once decoded. Three-sample JPEG baseline/extended frames are RGB (the codec converts YCbCr as libjpeg
     * does); JPEG 2000 undoes YBR_RCT / YBR_ICT (RGB); native YBR_FULL_422 is upsampled to YBR_FULL; everything
     * else stays as the file says (MONOCHROME1 not inverted, PALETTE COLOR as indices).
     *
     * @param syntax the transfer syntax
     * @param stored the frame format as stored
     * @return the photometric interpretation of the decoded values
     */
    public static String decodedPhotometric(TransferSyntax syntax, FrameInfo stored) {
        String pi = stored.photometric();
        if (stored.samplesPerPixel() != 3) {
            return pi;
        }
        if (syntax == TransferSyntax.JPEG_BASELINE || syntax == TransferSyntax.JPEG_EXTENDED) {
            return "RGB";
        }
        if ((syntax == TransferSyntax.JPEG_2000_LOSSLESS || syntax == TransferSyntax.JPEG_2000)
                && ("YBR_RCT".equals(pi) || "YBR_ICT".equals(pi))) {
            return "RGB";
        }
        return "YBR_FULL_422".equals(pi) ? "YBR_FULL" : pi;
    }

    /** @return the file name used in messages */
    public String sourceName() {
        return sourceName;
    }

    /** @return the transfer syntax the pixels are encoded in */
    public TransferSyntax transferSyntax() {
        return syntax;
    }

    /** @return the Image Pixel module as read (values as in the data set, defaults filled in) */
    public ImagePixelModule pixelModule() {
        return module;
    }

    /** @return Number of Frames */
    public int frameCount() {
        return module.numberOfFrames();
    }

    /** @return one frame's format as stored: the file's photometric interpretation and planar configuration */
    public FrameInfo storedFrameInfo() {
        return storedInfo;
    }

    /**
     * @return one decoded frame's format: as {@link #storedFrameInfo()} but with {@link #decodedPhotometric()} and
     *         planar configuration 0 (samples interleaved)
     */
    public FrameInfo frameInfo() {
        return decodedInfo;
    }

    /** @return the colour space of the decoded values (see {@link #decodedPhotometric(TransferSyntax, FrameInfo)}) */
    public String decodedPhotometric() {
        return decodedInfo.photometric();
    }

    /** @return whether a codec is needed and {@code decoders} has one (always true for native Pixel Data) */
    public boolean isDecodable() {
        return encapsulated == null || decoders.forSyntax(syntax).isPresent();
    }

    /** @return a new zeroed buffer for one frame, of the array type Bits Allocated calls for */
    public SampleBuffer newFrameBuffer() {
        return SampleBuffer.allocate(decodedInfo);
    }

    /**
     * Decodes one frame into a new buffer.
     *
     * @param frame from 0 to {@link #frameCount()} - 1
     * @return the stored values of the frame (see the class comment)
     * @throws DicomException naming the file and frame when the frame cannot be decoded
     * @throws IOException    when reading fails
     */
    public SampleBuffer decodeFrame(int frame) throws IOException {
        SampleBuffer out = newFrameBuffer();
        decodeFrame(frame, out);
        return out;
    }

    /**
     * Decodes one frame into a caller's buffer, reading only that frame's bytes.
     *
     * @param frame from 0 to {@link #frameCount()} - 1
     * @param out   a buffer of the kind Bits Allocated calls for (BYTES for 1 and 8, SHORTS for 16, INTS for 32)
     *              with room for {@code rows × columns × samples} samples from its offset
     * @throws IndexOutOfBoundsException naming the frame when it is out of range
     * @throws IllegalArgumentException  naming {@code out} when it is of the wrong kind or too small
     * @throws DicomException            naming the file and frame when the frame cannot be decoded: truncated or
     *                                   corrupt data, or a transfer syntax without a decoder (named by its UID)
     * @throws IOException               when reading fails
     */
    public void decodeFrame(int frame, SampleBuffer out) throws IOException {
        decode(frame, out, false);
    }

    /**
     * Decodes one frame like {@link #decodeFrame(int, SampleBuffer)} and says how many bits its values use: for
     * native 16-bit frames measured on the bytes as they are read ({@link SampleBits}, about 0.1 ns per
     * sample), otherwise Bits Stored. A loader uses it to rescale a slice in 16-bit arithmetic when the results
     * cannot overflow.
     *
     * @return the smallest b such that every value lies in [−2^(b−1), 2^(b−1) − 1] (signed) or [0, 2^b − 1]
     *         (unsigned); at most Bits Stored
     * @throws IOException as {@link #decodeFrame(int, SampleBuffer)}
     */
    public int decodeFrameMeasuringBits(int frame, SampleBuffer out) throws IOException {
        return decode(frame, out, true);
    }

    private int decode(int frame, SampleBuffer out, boolean measure) throws IOException {
        int bits = decodedInfo.bitsStored();
        if (frame < 0 || frame >= frameCount()) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frameCount() + " frames");
        }
        checkBuffer(out);
        if (encapsulated == null) {
            try {
                if (measure) {
                    bits = NativePixels.readFrameMeasuringBits(pixels, frame, storedInfo, out);
                } else {
                    NativePixels.readFrame(pixels, frame, storedInfo, out);
                }
            } catch (DicomException e) {
                throw new DicomException(where(frame) + e.getMessage(), e);
            }
        } else {
            FrameDecoder decoder = decoders.require(syntax, sourceName);
            ByteBuffer bytes = encapsulated.read(frame);
            try {
                decoder.decode(bytes, storedInfo, out);
            } catch (DicomException e) {
                throw new DicomException(where(frame) + e.getMessage(), e);
            } catch (RuntimeException e) {
                // Codecs check their input; this is a safety net that keeps the documented contract for a case
                // one of them missed, with the cause kept for the bug report.
                throw new DicomException(where(frame) + "codec failure (" + e + ")", e);
            }
        }
        StoredValues.normalize(decodedInfo, out);
        return bits;
    }

    /**
     * @param frame from 0
     * @return the frame's compressed bytes (its fragments concatenated), for encapsulated Pixel Data
     * @throws IllegalStateException when the Pixel Data is native
     * @throws IOException           when reading fails
     */
    public ByteBuffer encodedFrame(int frame) throws IOException {
        if (encapsulated == null) {
            throw new IllegalStateException(sourceName + ": native Pixel Data has no encoded frames");
        }
        return encapsulated.read(frame);
    }

    private String where(int frame) {
        return sourceName + ": (7FE0,0010) PixelData frame " + frame + " of " + frameCount() + " (" + syntax.uid()
                + "): ";
    }

    private void checkBuffer(SampleBuffer out) {
        Objects.requireNonNull(out, "out");
        SampleBuffer.Kind want = switch (module.bitsAllocated()) {
            case 1, 8 -> SampleBuffer.Kind.BYTES;
            case 16 -> SampleBuffer.Kind.SHORTS;
            default -> SampleBuffer.Kind.INTS;
        };
        if (out.kind() != want) {
            throw new IllegalArgumentException("out is a " + out.kind() + " buffer; Bits Allocated "
                    + module.bitsAllocated() + " needs " + want);
        }
        if (out.capacity() < module.frameSamples()) {
            throw new IllegalArgumentException("out holds " + out.capacity() + " samples from its offset; a frame has "
                    + module.frameSamples());
        }
    }

    @Override
    public String toString() {
        return "DicomImage[" + sourceName + ", " + syntax.uid() + ", " + frameCount() + " x " + module.rows() + " x "
                + module.columns() + " x " + module.samplesPerPixel() + ", " + module.bitsAllocated() + " bits, "
                + decodedPhotometric() + "]";
    }
}
