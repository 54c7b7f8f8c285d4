package org.medimg4j.dicom.codec;

import java.nio.ByteBuffer;
import org.medimg4j.dicom.DicomException;

/**
 * Decodes one frame of encapsulated Pixel Data (PS3.5 A.4) — the bytes of that frame's fragments, concatenated —
 * into a caller-supplied {@link SampleBuffer}, samples interleaved per pixel (planar configuration 0), rows top to
 * bottom. Stateless and thread-safe.
 *
 * <p>Values: the stored sample values, with no Modality LUT, VOI or palette applied. Colour conversion happens
 * only where it is part of the codec as {@code ../shared/dicom-corpus/README.md} ("decoded_photometric rule")
 * states it: a JPEG baseline/extended decoder turns YBR_FULL/YBR_FULL_422 into RGB as libjpeg does; JPEG 2000
 * undoes its RCT/ICT; every other codec gives the components as stored.
 *
 * <p>Bad input (truncated or corrupt codestream, a codestream whose size disagrees with {@code info}) throws a
 * {@link DicomException} naming the codec, the byte offset in the frame and what was expected — never an
 * array index exception, an OutOfMemoryError or a hang.
 */
public interface FrameDecoder {

    /**
     * @param frame the frame's compressed bytes, from its position to its limit (not modified; the position may
     *              be moved)
     * @param info  the frame's dimensions and sample format
     * @param out   where the samples go; must hold {@link FrameInfo#samples()} from its offset
     * @throws DicomException if the codestream is invalid or does not match {@code info}
     */
    void decode(ByteBuffer frame, FrameInfo info, SampleBuffer out) throws DicomException;
}
