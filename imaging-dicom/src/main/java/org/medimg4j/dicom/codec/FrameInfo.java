package org.medimg4j.dicom.codec;

/**
 * What a decoder needs to know about one frame, from the Image Pixel module (PS3.3 C.7.6.3).
 *
 * @param rows                (0028,0010)
 * @param columns             (0028,0011)
 * @param samplesPerPixel     (0028,0002): 1 or 3
 * @param bitsAllocated       (0028,0100): 8, 16 or 32 for encapsulated data
 * @param bitsStored          (0028,0101)
 * @param signed              Pixel Representation (0028,0103) is 1
 * @param planarConfiguration (0028,0006) as stored (0 = R1G1B1R2…, 1 = RRR…GGG…BBB); decoders always output 0
 * @param photometric         Photometric Interpretation (0028,0004), e.g. "MONOCHROME2", "YBR_FULL_422", "RGB"
 */
public record FrameInfo(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
                        boolean signed, int planarConfiguration, String photometric) {

    /** @return samples in one frame: rows × columns × samples per pixel */
    public long samples() {
        return (long) rows * columns * samplesPerPixel;
    }
}
