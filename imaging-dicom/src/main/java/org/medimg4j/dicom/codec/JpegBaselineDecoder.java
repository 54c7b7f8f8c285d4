package org.medimg4j.dicom.codec;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.medimg4j.dicom.DicomException;

/**
 * Decodes JPEG Baseline (1.2.840.10008.1.2.4.50, 8-bit) and JPEG Extended (1.2.840.10008.1.2.4.51, 12-bit)
 * frames: sequential DCT with Huffman coding, SOF0 and SOF1 (ITU T.81 / ISO 10918-1), 1 or 3 components, sampling
 * factors 1..4, interleaved and non-interleaved scans, 8- and 16-bit quantisation tables, restart intervals.
 * Progressive (SOF2), lossless (SOF3; see the JPEG lossless decoder), hierarchical and arithmetic-coded streams
 * are refused with a {@link DicomException}: the conformance corpus has none under these transfer syntaxes.
 *
 * <h2>Values</h2>
 * Monochrome frames give the decoded samples. Three-component frames whose Photometric Interpretation is
 * YBR_FULL, YBR_FULL_422 (or another YBR_ value) are converted to RGB exactly as IJG libjpeg 6b does by default,
 * which is how DCMTK, the corpus' reference, decodes them: chroma upsampled with the "fancy" triangular filter
 * ({@link DctUpsampler}), then the fixed-point JFIF YCbCr→RGB transform ({@link DctColor}). Frames labelled RGB
 * (or anything else) get no colour transform, whatever JFIF or Adobe markers the stream carries: the DICOM
 * attribute decides (PS3.5 8.2.1; corpus README, decoded_photometric rule). The inverse DCT is libjpeg's integer
 * "islow" ({@link DctIdct}), so lossy frames match the references sample for sample, not just within tolerance.
 *
 * <h2>Why our own decoder</h2>
 * The options were the JDK's ImageIO JPEG reader (native libjpeg: IJG 6b as OpenJDK bundles it, the system's
 * libjpeg-turbo where a distribution links that, as Debian does), TwelveMonkeys {@code imageio-jpeg} (which wraps
 * that reader) and this one. The JDK reader agrees exactly with the corpus on
 * every 8-bit row when its raster (unconverted) output is used, but rejects every 12-bit stream ("Unsupported JPEG
 * data precision 12"), so JPEG Extended would need a second decoder anyway; it also decides colour conversion
 * from the stream's markers, its upsampling depends on which libjpeg the JDK was built with (libjpeg-turbo
 * filters vertical-only 2:1 chroma, 6b and DCMTK replicate it), costs an ImageReader and stream wrapper per frame, and cannot write into a caller's
 * {@code short[]}. TwelveMonkeys inherits the same native core and precision limit and adds a dependency. Our
 * decoder is one code path for 8 and 12 bits, follows the DICOM attribute for colour, reproduces libjpeg's
 * arithmetic, writes straight into the caller's array, and reports corrupt data as a {@link DicomException} with
 * the byte offset instead of native-library warnings.
 *
 * <h2>Bad input</h2>
 * Truncated or corrupt streams throw {@link DicomException} whose message starts with {@value #CODEC} and names
 * the byte offset in the frame. Unlike libjpeg, which pads missing entropy-coded data with zeros and returns a
 * partly grey image with a warning, an MCU that runs past the data is an error. Stateless and thread-safe.
 */
public final class JpegBaselineDecoder implements FrameDecoder {

    /** How error messages name this codec. */
    static final String CODEC = "JPEG baseline/extended";

    /** Creates a decoder; it holds no state, one instance may serve every thread. */
    public JpegBaselineDecoder() {
        // stateless
    }

    /**
     * Decodes one frame.
     *
     * @param frame the frame's JPEG codestream (SOI …), from its position to its limit; the position is not moved
     * @param info  rows, columns and samples per pixel must match the frame header; Photometric Interpretation
     *              decides the colour transform
     * @param out   8-bit precision fits every buffer kind; 12-bit needs SHORTS or INTS
     * @throws DicomException if the codestream is corrupt, truncated, of an unsupported JPEG process, or does not
     *                        match {@code info} or {@code out}
     */
    @Override
    public void decode(ByteBuffer frame, FrameInfo info, SampleBuffer out) throws DicomException {
        if (info.samplesPerPixel() != 1 && info.samplesPerPixel() != 3) {
            throw error(0, "Samples per Pixel " + info.samplesPerPixel() + ", expected 1 or 3");
        }
        if (out.capacity() < info.samples()) {
            throw error(0, "the output buffer holds " + out.capacity() + " samples, the frame needs "
                    + info.samples());
        }
        byte[] data;
        int base;
        int end;
        if (frame.hasArray()) {
            data = frame.array();
            base = frame.arrayOffset() + frame.position();
            end = frame.arrayOffset() + frame.limit();
        } else {
            data = new byte[frame.remaining()];
            frame.duplicate().get(data);
            base = 0;
            end = data.length;
        }
        int maxPrecision = out.kind() == SampleBuffer.Kind.BYTES ? 8 : 16;
        DctFrameReader reader = new DctFrameReader(data, base, end);
        reader.read(info, maxPrecision);
        String pi = info.photometric() == null ? "" : info.photometric().trim().toUpperCase(Locale.ROOT);
        boolean ycc = info.samplesPerPixel() == 3 && pi.startsWith("YBR");
        DctColor.write(reader.components(), info.columns(), info.rows(), reader.precision(), ycc, out);
    }

    /** @return an exception naming the codec and the byte offset in the frame */
    static DicomException error(int offset, String what) {
        return new DicomException(CODEC + ": byte offset " + offset + " in the frame: " + what);
    }
}
