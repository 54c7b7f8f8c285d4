package org.medimg4j.dicom.codec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.TransferSyntax;

/**
 * Which {@link FrameDecoder} decodes the encapsulated Pixel Data of each transfer syntax. Immutable and thread-safe;
 * the decoders it holds are stateless, so one registry serves every file and thread.
 *
 * <p>{@link #standard()} maps:
 * <ul>
 *   <li>JPEG Baseline (1.2.840.10008.1.2.4.50) and Extended (.51) → {@link JpegBaselineDecoder}</li>
 *   <li>JPEG Lossless Process 14 (.57) and SV1 (.70) → {@link JpegLosslessDecoder}</li>
 *   <li>JPEG-LS lossless (.80) and near-lossless (.81) → {@link JpegLsDecoder}</li>
 *   <li>JPEG 2000 lossless-only (.90) and lossless/lossy (.91) → {@link Jpeg2000Decoder}</li>
 *   <li>RLE Lossless (1.2.840.10008.1.2.5) → {@link RleDecoder}</li>
 * </ul>
 * Native syntaxes need no codec (the pixel layer reads them directly); other encapsulated syntaxes (MPEG, HEVC,
 * HTJ2K, JPEG XL, retired JPEG processes) have none, and {@link #require} names them.
 */
public final class FrameDecoders {

    private static final FrameDecoders STANDARD = standardMap();

    private final Map<TransferSyntax, FrameDecoder> decoders;

    private FrameDecoders(Map<TransferSyntax, FrameDecoder> decoders) {
        this.decoders = Collections.unmodifiableMap(decoders);
    }

    private static FrameDecoders standardMap() {
        Map<TransferSyntax, FrameDecoder> m = new EnumMap<>(TransferSyntax.class);
        FrameDecoder jpeg = new JpegBaselineDecoder();
        m.put(TransferSyntax.JPEG_BASELINE, jpeg);
        m.put(TransferSyntax.JPEG_EXTENDED, jpeg);
        FrameDecoder lossless = new JpegLosslessDecoder();
        m.put(TransferSyntax.JPEG_LOSSLESS, lossless);
        m.put(TransferSyntax.JPEG_LOSSLESS_SV1, lossless);
        FrameDecoder j2k = new Jpeg2000Decoder();
        m.put(TransferSyntax.JPEG_2000_LOSSLESS, j2k);
        m.put(TransferSyntax.JPEG_2000, j2k);
        m.put(TransferSyntax.RLE_LOSSLESS, new RleDecoder());
        FrameDecoder jpegLs = new JpegLsDecoder();
        m.put(TransferSyntax.JPEG_LS_LOSSLESS, jpegLs);
        m.put(TransferSyntax.JPEG_LS_NEAR_LOSSLESS, jpegLs);
        return new FrameDecoders(m);
    }

    /** @return the registry of medimg4j's own decoders (see the class comment) */
    public static FrameDecoders standard() {
        return STANDARD;
    }

    /**
     * @param syntax  an encapsulated transfer syntax
     * @param decoder the decoder to use for it
     * @return a new registry with {@code syntax} mapped to {@code decoder} (replacing any previous mapping)
     * @throws IllegalArgumentException naming {@code syntax} when it is not an encapsulated transfer syntax
     */
    public FrameDecoders with(TransferSyntax syntax, FrameDecoder decoder) {
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(decoder, "decoder");
        if (!syntax.isEncapsulated()) {
            throw new IllegalArgumentException("syntax " + syntax + " is not encapsulated: its pixels need no codec");
        }
        Map<TransferSyntax, FrameDecoder> m = new EnumMap<>(TransferSyntax.class);
        m.putAll(decoders);
        m.put(syntax, decoder);
        return new FrameDecoders(m);
    }

    /** @return the decoder for {@code syntax}, if this registry has one */
    public Optional<FrameDecoder> forSyntax(TransferSyntax syntax) {
        return Optional.ofNullable(decoders.get(Objects.requireNonNull(syntax, "syntax")));
    }

    /**
     * @param syntax     an encapsulated transfer syntax
     * @param sourceName the file, for the message
     * @return its decoder
     * @throws DicomException naming the file and the transfer syntax UID when there is none
     */
    public FrameDecoder require(TransferSyntax syntax, String sourceName) throws DicomException {
        FrameDecoder d = decoders.get(Objects.requireNonNull(syntax, "syntax"));
        if (d == null) {
            throw new DicomException(sourceName + ": (0002,0010) TransferSyntaxUID " + syntax.uid() + " ("
                    + syntax.description() + "): no decoder for its Pixel Data");
        }
        return d;
    }

    @Override
    public String toString() {
        return "FrameDecoders" + decoders.keySet();
    }
}
