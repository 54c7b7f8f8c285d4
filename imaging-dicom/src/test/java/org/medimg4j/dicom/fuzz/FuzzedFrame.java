package org.medimg4j.dicom.fuzz;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.codec.FrameDecoder;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;

/**
 * One decoder fuzz input: a frame format read from the input's first {@value #HEADER_BYTES} bytes and the
 * compressed frame that follows. The format stays inside what the pixel layer can hand a decoder (1 to 256 rows
 * and columns, 1 or 3 samples, Bits Allocated 8/16/32, 1 ≤ Bits Stored ≤ Bits Allocated), so that every input the
 * fuzzer makes is a legal call and anything but a {@link DicomException} is the decoder's fault. Small frames keep
 * each execution in the microseconds, which is what lets a 10-second run try tens of thousands of inputs.
 *
 * <p>Header layout (the seeds' generator, {@code make_seeds.py} beside the inputs, writes the same):
 * <pre>
 * byte 0  rows - 1                 byte 1  columns - 1
 * byte 2  bit 0: 3 samples per pixel (else 1); bits 1-2: Bits Allocated index in (8, 16, 32, 8);
 *         bit 3: signed; bit 4: planar configuration 1; bits 5-7: index into {@link #PHOTOMETRICS}
 * byte 3  Bits Stored - 1, taken modulo Bits Allocated
 * </pre>
 *
 * @param info       the frame format the decoder is told
 * @param codestream the compressed frame: the input after the header (position {@value #HEADER_BYTES}, so that
 *                   decoders are held to "from its position to its limit")
 */
record FuzzedFrame(FrameInfo info, ByteBuffer codestream) {

    /** Bytes of frame format in front of the codestream. */
    static final int HEADER_BYTES = 4;

    /** Photometric Interpretations a fuzzed frame may claim, by the 3-bit index in header byte 2. */
    static final List<String> PHOTOMETRICS = List.of("MONOCHROME2", "MONOCHROME1", "RGB", "YBR_FULL",
            "YBR_FULL_422", "YBR_RCT", "YBR_ICT", "PALETTE COLOR");

    private static final int[] BITS_ALLOCATED = {8, 16, 32, 8};

    /**
     * @param input the fuzzer's bytes
     * @return the frame, or empty when the input is shorter than the header (nothing to decode)
     */
    static Optional<FuzzedFrame> of(byte[] input) {
        if (input.length < HEADER_BYTES) {
            return Optional.empty();
        }
        int rows = (input[0] & 0xFF) + 1;
        int columns = (input[1] & 0xFF) + 1;
        int flags = input[2] & 0xFF;
        int samples = (flags & 1) != 0 ? 3 : 1;
        int bitsAllocated = BITS_ALLOCATED[flags >> 1 & 3];
        boolean signed = (flags & 8) != 0;
        int planar = flags >> 4 & 1;
        String photometric = PHOTOMETRICS.get(flags >> 5);
        int bitsStored = (input[3] & 0xFF) % bitsAllocated + 1;
        FrameInfo info = new FrameInfo(rows, columns, samples, bitsAllocated, bitsStored, signed, planar, photometric);
        return Optional.of(new FuzzedFrame(info, ByteBuffer.wrap(input, HEADER_BYTES, input.length - HEADER_BYTES)));
    }

    /**
     * Decodes the frame into a new buffer of the size the format calls for. A {@link DicomException} is the
     * decoder refusing bad input, which is what it should do; anything else it throws propagates to the fuzzer.
     *
     * @param decoder the decoder under test
     * @return whether the decoder accepted the frame
     */
    boolean decodeWith(FrameDecoder decoder) {
        SampleBuffer out = SampleBuffer.allocate(info);
        try {
            decoder.decode(codestream, info, out);
            return true;
        } catch (DicomException refused) {
            return false;
        }
    }
}
