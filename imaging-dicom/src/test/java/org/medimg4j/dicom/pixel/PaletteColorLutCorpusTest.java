package org.medimg4j.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;

/**
 * Palettes of the corpus against pydicom 2.3.1's {@code apply_color_lut} (Debian python3-pydicom), the values
 * computed once with /usr/bin/python3 and written here: the RGB of eleven indices and each channel's sum over all
 * 256 indices, for the standard's well-known palettes (plain and segmented LUT data) and for a PALETTE COLOR image
 * with segmented LUTs.
 */
class PaletteColorLutCorpusTest {

    private static final int[] INDICES = {0, 1, 2, 63, 64, 127, 128, 129, 200, 254, 255};

    private static PaletteColorLut palette(String file) throws Exception {
        Path p = Corpus.root().resolve("files").resolve(file);
        try (DicomFile f = DicomFile.read(p)) {
            return PaletteColorLut.of(f.dataSet());
        }
    }

    /** Expected: R,G,B at each of {@link #INDICES}, then the sums of R, G and B over indices 0..255. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pydicom/palettes/fall.dcm|255,255,0 255,254,0 255,253,0 255,192,0 255,191,0 255,128,0 255,127,0 255,126,0"
                + " 255,55,0 255,1,0 255,0,0|65280,32640,0",
        "pydicom/palettes/hotiron.dcm|0,0,0 2,0,0 4,0,0 126,0,0 128,0,0 254,0,0 255,0,0 255,2,0 255,144,36"
                + " 255,252,252 255,255,255|48896,16257,8319",
        "pydicom/palettes/hotmetalblue.dcm|0,0,0 0,0,2 0,0,4 0,0,123 0,0,125 114,15,103 116,17,97 119,19,91"
                + " 255,152,88 255,253,252 255,255,255|31960,17527,26095",
        "pydicom/palettes/pet.dcm|0,0,0 0,2,1 0,4,3 0,128,125 1,126,127 126,1,253 128,0,255 130,2,252 255,144,32"
                + " 255,252,250 255,255,255|32577,24386,32578",
        "pydicom/palettes/pet20step.dcm|0,0,0 0,0,0 0,0,0 80,80,128 96,96,176 48,144,48 80,192,80 80,192,80"
                + " 208,144,0 255,255,255 255,255,255|33014,29603,22051",
        "pydicom/palettes/spring.dcm|255,0,255 255,1,254 255,2,253 255,63,192 255,64,191 255,127,128 255,128,127"
                + " 255,129,126 255,200,55 255,254,1 255,255,0|65280,32640,32640",
        "pydicom/palettes/summer.dcm|0,255,0 0,255,0 0,254,0 0,224,0 0,223,0 0,192,0 0,191,2 0,191,4 0,155,145"
                + " 0,128,252 0,128,254|0,49024,16383",
        "pydicom/palettes/winter.dcm|0,0,255 0,1,255 0,2,254 0,63,224 0,64,223 0,127,192 1,128,191 2,129,191"
                + " 72,200,155 126,254,128 127,255,128|8192,32640,49024",
        "synthetic/palette_segmented_spring.dcm|255,0,255 255,1,254 255,2,253 255,63,192 255,64,191 255,127,128"
                + " 255,128,127 255,129,126 255,200,55 255,254,1 255,255,0|65280,32640,32640"})
    void wellKnownPalettesMatchPydicom(String file, String rgbAtIndices, String channelSums) throws Exception {
        PaletteColorLut lut = palette(file);
        assertEquals(256, lut.entries());
        assertEquals(0, lut.firstMappedValue());
        assertEquals(8, lut.outputBits());
        String[] expected = rgbAtIndices.split(" ");
        for (int i = 0; i < INDICES.length; i++) {
            int v = INDICES[i];
            assertEquals(expected[i], lut.red(v) + "," + lut.green(v) + "," + lut.blue(v), file + " index " + v);
        }
        long[] sums = new long[3];
        for (int v = 0; v < 256; v++) {
            sums[0] += lut.red(v);
            sums[1] += lut.green(v);
            sums[2] += lut.blue(v);
        }
        assertEquals(channelSums, sums[0] + "," + sums[1] + "," + sums[2], file + " channel sums");
    }

    @Test
    void paletteColorImageMapsToPydicomRgb() throws Exception {
        Path p = Corpus.root().resolve("files/synthetic/palette_segmented_spring.dcm");
        try (DicomFile f = DicomFile.read(p)) {
            DicomImage image = DicomImage.of(f);
            assertEquals("PALETTE COLOR", image.decodedPhotometric(), "decoding gives the indices");
            SampleBuffer indices = image.decodeFrame(0);
            PaletteColorLut lut = PaletteColorLut.of(f.dataSet());
            FrameInfo info = image.frameInfo();
            SampleBuffer rgb = lut.apply(info, indices);
            FrameInfo out = lut.outputInfo(info);
            assertEquals(3, out.samplesPerPixel());
            assertEquals("RGB", out.photometric());
            int columns = info.columns();
            assertEquals(78, indices.get(5 * columns + 17));
            assertArrayEquals(new int[] {255, 0, 255}, rgbAt(rgb, 0));
            assertArrayEquals(new int[] {255, 78, 177}, rgbAt(rgb, 5 * columns + 17));
            assertArrayEquals(new int[] {255, 58, 197}, rgbAt(rgb, 31 * columns + 63));
            long[] sums = new long[3];
            for (int i = 0; i < out.samples(); i++) {
                sums[i % 3] += rgb.get(i);
            }
            assertArrayEquals(new long[] {522240, 260096, 262144}, sums);
        }
    }

    private static int[] rgbAt(SampleBuffer rgb, int pixel) {
        return new int[] {rgb.get(3 * pixel), rgb.get(3 * pixel + 1), rgb.get(3 * pixel + 2)};
    }
}
