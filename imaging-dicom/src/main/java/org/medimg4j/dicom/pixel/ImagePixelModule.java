package org.medimg4j.dicom.pixel;

import java.util.Optional;
import org.medimg4j.dicom.Attribute;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.dictionary.DataDictionary;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * How a data set's pixels are laid out: the Image Pixel module (PS3.3 C.7.6.3) and Number of Frames (C.7.6.6),
 * read and checked before any pixel is touched, so that a hostile header (65535 × 65535 × 100000 frames) fails
 * here instead of in an allocation.
 *
 * <p>Checks: Rows and Columns present, 1 to 65535; Bits Allocated 1, 8, 16 or 32; Bits Stored 1 to Bits
 * Allocated (1 when Bits Allocated is 1); Samples per Pixel 1 or 3 (1 for 1-bit data); Pixel Representation and
 * Planar Configuration 0 or 1; Number of Frames an integer; one frame's samples fit one Java array. Tolerated, as
 * pydicom and DCMTK tolerate them: Bits Stored absent (= Bits Allocated), Samples per Pixel absent (1), Pixel
 * Representation / Planar Configuration absent (0), Number of Frames absent or 0 (1), Photometric Interpretation
 * absent (MONOCHROME2 for one sample, RGB for three). High Bit is not checked: only Bits Stored decides which bits
 * hold the value (PS3.5 8.1.1).
 *
 * @param rows                (0028,0010) Rows, pixels
 * @param columns             (0028,0011) Columns, pixels
 * @param samplesPerPixel     (0028,0002) 1 or 3
 * @param bitsAllocated       (0028,0100) 1, 8, 16 or 32
 * @param bitsStored          (0028,0101) 1 to bitsAllocated
 * @param pixelRepresentation (0028,0103) 0 unsigned, 1 two's complement, as in the data set
 * @param planarConfiguration (0028,0006) 0 (interleaved) or 1 (by plane); 0 for one sample per pixel
 * @param photometric         (0028,0004) e.g. "MONOCHROME2", "RGB", "YBR_FULL_422", "PALETTE COLOR"
 * @param numberOfFrames      (0028,0008) 1 when absent
 */
public record ImagePixelModule(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
                               int pixelRepresentation, int planarConfiguration, String photometric,
                               int numberOfFrames) {

    /** The largest number of samples one frame may have: the largest Java array. */
    private static final long MAX_FRAME_SAMPLES = Integer.MAX_VALUE - 8;

    /**
     * @throws IllegalArgumentException naming the first parameter out of the ranges {@link #read} checks
     */
    public ImagePixelModule {
        requireArg(rows >= 1 && rows <= 0xFFFF, "rows", rows);
        requireArg(columns >= 1 && columns <= 0xFFFF, "columns", columns);
        requireArg(samplesPerPixel == 1 || samplesPerPixel == 3, "samplesPerPixel", samplesPerPixel);
        requireArg(bitsAllocated == 1 || bitsAllocated == 8 || bitsAllocated == 16 || bitsAllocated == 32,
                "bitsAllocated", bitsAllocated);
        requireArg(bitsStored >= 1 && bitsStored <= bitsAllocated, "bitsStored", bitsStored);
        requireArg(pixelRepresentation == 0 || pixelRepresentation == 1, "pixelRepresentation", pixelRepresentation);
        requireArg(planarConfiguration == 0 || planarConfiguration == 1, "planarConfiguration", planarConfiguration);
        requireArg(numberOfFrames >= 1, "numberOfFrames", numberOfFrames);
        requireArg((long) rows * columns * samplesPerPixel <= MAX_FRAME_SAMPLES, "rows x columns x samplesPerPixel",
                (long) rows * columns * samplesPerPixel);
        java.util.Objects.requireNonNull(photometric, "photometric");
    }

    private static void requireArg(boolean ok, String name, long value) {
        if (!ok) {
            throw new IllegalArgumentException(name + " " + value + " is out of range");
        }
    }

    /**
     * Reads and checks the module.
     *
     * @param dataSet a top-level data set
     * @return the module
     * @throws DicomException naming the file, offset and tag of the first attribute that is absent or out of range
     */
    public static ImagePixelModule read(Attributes dataSet) throws DicomException {
        String file = dataSet.sourceName();
        int rows = dataSet.requireInt(Tag.Rows);
        check(dataSet, Tag.Rows, rows >= 1 && rows <= 0xFFFF, rows, "1 to 65535");
        int columns = dataSet.requireInt(Tag.Columns);
        check(dataSet, Tag.Columns, columns >= 1 && columns <= 0xFFFF, columns, "1 to 65535");
        int bitsAllocated = dataSet.requireInt(Tag.BitsAllocated);
        check(dataSet, Tag.BitsAllocated, bitsAllocated == 1 || bitsAllocated == 8 || bitsAllocated == 16
                || bitsAllocated == 32, bitsAllocated, "1, 8, 16 or 32");
        int bitsStored = optionalInt(dataSet, Tag.BitsStored, bitsAllocated);
        check(dataSet, Tag.BitsStored, bitsStored >= 1 && bitsStored <= bitsAllocated, bitsStored,
                "1 to Bits Allocated (" + bitsAllocated + ")");
        int samples = optionalInt(dataSet, Tag.SamplesPerPixel, 1);
        check(dataSet, Tag.SamplesPerPixel, samples == 1 || samples == 3, samples, "1 or 3");
        check(dataSet, Tag.SamplesPerPixel, bitsAllocated != 1 || samples == 1, samples, "1 for 1-bit pixels");
        int pixelRepresentation = optionalInt(dataSet, Tag.PixelRepresentation, 0);
        check(dataSet, Tag.PixelRepresentation, pixelRepresentation == 0 || pixelRepresentation == 1,
                pixelRepresentation, "0 or 1");
        int planar = samples == 1 ? 0 : optionalInt(dataSet, Tag.PlanarConfiguration, 0);
        check(dataSet, Tag.PlanarConfiguration, planar == 0 || planar == 1, planar, "0 or 1");
        int frames = optionalInt(dataSet, Tag.NumberOfFrames, 1);
        check(dataSet, Tag.NumberOfFrames, frames >= 0, frames, "a positive number");
        frames = Math.max(frames, 1);
        String photometric = dataSet.getString(Tag.PhotometricInterpretation)
                .map(String::trim).filter(s -> !s.isEmpty())
                .orElse(samples == 1 ? "MONOCHROME2" : "RGB");
        long frameSamples = (long) rows * columns * samples;
        if (frameSamples > MAX_FRAME_SAMPLES) {
            throw new DicomException(file + ": " + describe(Tag.Rows) + " " + rows + " x " + describe(Tag.Columns)
                    + " " + columns + " x " + samples + " samples per pixel = " + frameSamples
                    + " samples in one frame, more than one array holds (" + MAX_FRAME_SAMPLES + ")");
        }
        return new ImagePixelModule(rows, columns, samples, bitsAllocated, bitsAllocated == 1 ? 1 : bitsStored,
                pixelRepresentation, planar, photometric, frames);
    }

    /**
     * @return the format of one frame as stored (the photometric interpretation of the file); for 1-bit data
     *         unsigned with Bits Stored 1, whatever Pixel Representation says (a bit is 0 or 1)
     */
    public FrameInfo frameInfo() {
        return new FrameInfo(rows, columns, samplesPerPixel, bitsAllocated, bitsStored,
                pixelRepresentation == 1 && bitsAllocated != 1, planarConfiguration, photometric);
    }

    /** @return samples in one frame: rows × columns × samples per pixel */
    public long frameSamples() {
        return (long) rows * columns * samplesPerPixel;
    }

    private static int optionalInt(Attributes ds, int tag, int absent) throws DicomException {
        Optional<Attribute> a = ds.get(tag);
        if (a.isEmpty() || a.get().isEmpty()) {
            return absent;
        }
        // Present: it must parse (an IS of "1A" is an error, not 1).
        return ds.requireInt(tag);
    }

    private static void check(Attributes ds, int tag, boolean ok, int value, String expected) throws DicomException {
        if (!ok) {
            String where = ds.get(tag).map(a -> "offset " + a.offset() + ", ").orElse("");
            throw new DicomException(ds.sourceName() + ": " + where + describe(tag) + " is " + value + ", expected "
                    + expected);
        }
    }

    private static String describe(int tag) {
        return DataDictionary.format(tag) + " " + DataDictionary.standard().keyword(tag);
    }
}
