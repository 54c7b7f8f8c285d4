package org.medimg4j.dicom.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.lut.VoiFunction;
import org.medimg4j.dicom.lut.VoiWindow;

class ProjectionImageReaderTest {

    private static final ProjectionImageReader READER = ProjectionImageReader.standard();

    private static ProjectionImage read(XrayBytes x) throws IOException {
        return READER.read(x.read());
    }

    private static float[] values(ProjectionImage image) {
        return image.volume().toFloatArray();
    }

    @Test
    void pixelSpacingTakesPrecedenceOverImagerPixelSpacingAndItsFactor() throws IOException {
        ProjectionImage image = read(new XrayBytes().text(Tag.EstimatedRadiographicMagnificationFactor, VR.DS, "1.2")
                .text(Tag.ImagerPixelSpacing, VR.DS, "0.6\\0.5").text(Tag.PixelSpacing, VR.DS, "0.5\\0.4")
                .text(Tag.PixelSpacingCalibrationType, VR.CS, "GEOMETRY"));
        assertEquals(SpacingSource.PIXEL_SPACING, image.spacingSource());
        assertArrayEquals(new double[] {0.4, 0.5, 1.0}, image.volume().geometry().spacing(), 1e-12);
        assertEquals("GEOMETRY", image.spacing().calibrationType());
        assertEquals(List.of(), image.warnings());
        assertEquals("PixelSpacing", image.volume().metadata().attributes().get("spacingSource"));
    }

    @Test
    void pixelSpacingEqualToTheDetectorsIsUsedAsIsWithAWarning() throws IOException {
        ProjectionImage image = read(new XrayBytes().text(Tag.EstimatedRadiographicMagnificationFactor, VR.DS, "1.25")
                .text(Tag.ImagerPixelSpacing, VR.DS, "0.15\\0.14").text(Tag.PixelSpacing, VR.DS, "0.15\\0.14"));
        assertEquals(SpacingSource.PIXEL_SPACING, image.spacingSource());
        assertArrayEquals(new double[] {0.14, 0.15, 1.0}, image.volume().geometry().spacing(), 1e-12);
        assertEquals(1, image.warnings().size());
        assertTrue(image.warnings().get(0).contains("not corrected by the magnification factor 1.25"),
                image.warnings().toString());
    }

    @Test
    void imagerPixelSpacingIsDividedByTheMagnificationFactor() throws IOException {
        ProjectionImage image = read(new XrayBytes().text(Tag.EstimatedRadiographicMagnificationFactor, VR.DS, "1.25")
                .text(Tag.ImagerPixelSpacing, VR.DS, "0.15\\0.14"));
        assertEquals(SpacingSource.IMAGER_PIXEL_SPACING_CORRECTED, image.spacingSource());
        // column spacing = 0.14 / 1.25, row spacing = 0.15 / 1.25
        assertArrayEquals(new double[] {0.112, 0.12, 1.0}, image.volume().geometry().spacing(), 1e-12);
        assertEquals(List.of(), image.warnings());
    }

    @Test
    void imagerPixelSpacingWithoutFactorIsTheDetectorSpacing() throws IOException {
        ProjectionImage image = read(new XrayBytes().text(Tag.ImagerPixelSpacing, VR.DS, "0.3\\0.7"));
        assertEquals(SpacingSource.IMAGER_PIXEL_SPACING, image.spacingSource());
        assertArrayEquals(new double[] {0.7, 0.3, 1.0}, image.volume().geometry().spacing(), 1e-12);
    }

    @Test
    void noSpacingAssumesOneMillimetreAndWarns() throws IOException {
        ProjectionImage image = read(new XrayBytes());
        assertEquals(SpacingSource.NONE, image.spacingSource());
        assertArrayEquals(new double[] {1, 1, 1}, image.volume().geometry().spacing(), 0);
        assertEquals(List.of(ProjectionSpacing.NO_SPACING_WARNING), image.warnings());
        assertTrue(image.warnings().get(0).startsWith("no pixel spacing: 1 mm assumed"));
    }

    @Test
    void geometryIsColumnsByRowsAtTheOriginWithIdentityDirection() throws IOException {
        ProjectionImage image = read(new XrayBytes().pixels(2, 3, (short) 10, (short) 11, (short) 12, (short) 20,
                (short) 21, (short) 22).text(Tag.PixelSpacing, VR.DS, "2\\1"));
        Volume v = image.volume();
        assertArrayEquals(new int[] {3, 2, 1}, v.geometry().size());
        assertArrayEquals(new double[] {0, 0, 0}, new double[] {v.geometry().origin().x(), v.geometry().origin().y(),
            v.geometry().origin().z()}, 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, v.geometry().direction(), 0);
        assertEquals(12, v.get(0, 0, 2), 0);   // row 0, column 2
        assertEquals(20, v.get(0, 1, 0), 0);   // row 1, column 0
        assertEquals(IntensityUnit.ARBITRARY, v.unit());
        assertEquals("DX", v.metadata().modality());
        assertEquals("1.2.3.4.5", v.metadata().seriesInstanceUid());
    }

    @Test
    void monochrome1WithoutRescaleIsInvertedOverBitsStored() throws IOException {
        ProjectionImage image = read(new XrayBytes().photometric("MONOCHROME1")
                .pixels(1, 4, (short) 0, (short) 1, (short) 4000, (short) 4095));
        assertTrue(image.inverted());
        assertEquals(VoxelType.INT16, image.volume().voxelType());
        assertArrayEquals(new float[] {4095, 4094, 95, 0}, values(image), 0);
        assertEquals("true", image.volume().metadata().attributes().get("inverted"));
    }

    @Test
    void monochrome1WithInverseShapeIsInvertedOnceNotTwice() throws IOException {
        ProjectionImage image = read(new XrayBytes().photometric("MONOCHROME1").shape("INVERSE")
                .pixels(1, 2, (short) 100, (short) 3000));
        assertTrue(image.inverted());
        assertArrayEquals(new float[] {3995, 1095}, values(image), 0);
        assertFalse(image.warnings().stream().anyMatch(w -> w.contains("PresentationLUTShape")), image.warnings()
                .toString());
    }

    @Test
    void monochrome2WithInverseShapeIsInvertedWithAWarning() throws IOException {
        XrayBytes x = new XrayBytes().shape("INVERSE").pixels(1, 2, (short) 100, (short) 3000);
        ProjectionImage image = read(x);
        assertTrue(image.inverted());
        assertEquals("INVERSE", image.presentationLutShape());
        assertArrayEquals(new float[] {3995, 1095}, values(image), 0);
        assertTrue(image.warnings().stream().anyMatch(w -> w.contains("INVERSE contradicts MONOCHROME2")),
                image.warnings().toString());

        ProjectionImage photometricOnly = READER.withInversionPolicy(GrayscaleInversion.Policy.PHOTOMETRIC_ONLY)
                .read(x.read());
        assertFalse(photometricOnly.inverted());
        assertArrayEquals(new float[] {100, 3000}, values(photometricOnly), 0);
    }

    @Test
    void monochrome2WithIdentityShapeIsLeftAlone() throws IOException {
        ProjectionImage image = read(new XrayBytes().shape("IDENTITY").pixels(1, 2, (short) 100, (short) 3000));
        assertFalse(image.inverted());
        assertArrayEquals(new float[] {100, 3000}, values(image), 0);
        assertEquals(List.of(ProjectionSpacing.NO_SPACING_WARNING), image.warnings());
    }

    @Test
    void monochrome1WithRescaleIsInvertedInOutputUnitsOverTheOutputRange() throws IOException {
        // 12-bit stored 0..4095, y = 2x − 100: output range [−100, 8090], so v' = (−100 + 8090) − (2x − 100) = 8090 − 2x
        ProjectionImage image = read(new XrayBytes().photometric("MONOCHROME1").rescale("2", "-100")
                .pixels(1, 3, (short) 0, (short) 50, (short) 4095));
        assertEquals(VoxelType.INT16, image.volume().voxelType());
        assertEquals(-100, image.outputMin(), 0);
        assertEquals(8090, image.outputMax(), 0);
        assertArrayEquals(new float[] {8090, 7990, -100}, values(image), 0);
    }

    @Test
    void fractionalRescaleGivesFloatValuesInvertedOverTheOutputRange() throws IOException {
        // y = 0.5x − 100 over [0, 4095]: range [−100, 1947.5]; x = 3 → −98.5 → 1847.5 + 98.5 = 1946
        ProjectionImage image = read(new XrayBytes().photometric("MONOCHROME1").rescale("0.5", "-100")
                .pixels(1, 2, (short) 3, (short) 4095));
        assertEquals(VoxelType.FLOAT32, image.volume().voxelType());
        assertArrayEquals(new float[] {1946, -100}, values(image), 0);
    }

    @Test
    void windowOfAnInvertedImageShowsWhatTheFilesWindowShowsInverted() throws IOException {
        // Window c 1000, w 2001 (LINEAR) on modality values y = 2x − 100; the display of MONOCHROME1 is
        // 1 − window(y). Expected values from PS3.3 C.11.2.1.2.1, by hand: window(y) = (y − 999.5)/2000 + 0.5.
        short[] stored = {0, 300, 500, 550, 600, 4095};
        ProjectionImage image = read(new XrayBytes().photometric("MONOCHROME1").rescale("2", "-100")
                .window("1000", "2001").pixels(1, 6, stored));
        float[] unit = image.windowedToUnit().toFloatArray();
        for (int i = 0; i < stored.length; i++) {
            double y = 2.0 * stored[i] - 100;
            double w = y <= 999.5 - 1000 ? 0 : y > 999.5 + 1000 ? 1 : (y - 999.5) / 2000 + 0.5;
            assertEquals(1 - w, unit[i], 1e-6, "stored " + stored[i]);
        }
        VoiWindow mirrored = image.windows().get(0);
        assertEquals(8090 - 100 + 1 - 1000, mirrored.center(), 0);   // sum + 1 − c
        assertEquals(2001, mirrored.width(), 0);
        assertEquals(1000, image.voi().windows().get(0).center(), 0);
        assertEquals(IntensityUnit.NORMALIZED, image.windowedToUnit().unit());
    }

    @Test
    void withoutVoiTheImageIsScaledFromItsMinimumToItsMaximum() throws IOException {
        ProjectionImage image = read(new XrayBytes().pixels(1, 3, (short) 100, (short) 200, (short) 500));
        assertArrayEquals(new float[] {0, 0.25f, 1}, image.windowedToUnit().toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {0.25f, 0.5f, 1},
                image.windowedToUnit(VoiWindow.of(200, 400, VoiFunction.LINEAR_EXACT)).toFloatArray(), 1e-7f);
        // a core window: [100, 300] → 100 gives 0, 200 gives 0.5, 500 is clamped to 1
        assertArrayEquals(new float[] {0, 0.5f, 1},
                image.windowedToUnit(WindowLevel.of(200, 200)).toFloatArray(), 1e-7f);
    }

    @Test
    void sixteenBitUnsignedDoesNotFitInt16AndStaysFloat() throws IOException {
        ProjectionImage image = read(new XrayBytes().bits(16, 16, false).pixels(1, 2, (short) 65535, (short) 7));
        assertEquals(VoxelType.FLOAT32, image.volume().voxelType());
        assertArrayEquals(new float[] {65535, 7}, values(image), 0);
    }

    @Test
    void signedMonochrome1IsInvertedAsMinusOneMinusV() throws IOException {
        ProjectionImage image = read(new XrayBytes().photometric("MONOCHROME1").bits(16, 16, true)
                .pixels(1, 3, (short) -32768, (short) 0, (short) 100));
        assertEquals(VoxelType.INT16, image.volume().voxelType());
        assertArrayEquals(new float[] {32767, -1, -101}, values(image), 0);
    }

    @Test
    void eightBitImagesAreRead() throws IOException {
        ProjectionImage image = read(new XrayBytes().modality("CR").bits(8, 8, false).photometric("MONOCHROME1")
                .pixels(1, 2, (short) 0, (short) 200));
        assertArrayEquals(new float[] {255, 55}, values(image), 0);
        assertEquals("CR", image.modality());
    }

    @Test
    void presentationLutSequenceIsReportedNotApplied() throws IOException {
        DicomBytes item = DicomBytes.explicitLe().us(Tag.LUTDescriptor, 2, 0, 8).us(Tag.LUTData, 255, 0);
        byte[] seq = DicomBytes.explicitLe().sequence(Tag.PresentationLUTSequence, VR.SQ,
                DicomBytes.explicitLe().item(item)).bytes();
        ProjectionImage image = read(new XrayBytes().rawElement(Tag.PresentationLUTSequence, seq));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, values(image), 0);
        assertTrue(image.warnings().stream().anyMatch(w -> w.contains("(2050,0010) PresentationLUTSequence not"
                + " applied")), image.warnings().toString());
    }

    @Test
    void threeSampleImagesAreRefusedNamingTheFile() throws IOException {
        XrayBytes rgb = new XrayBytes().photometric("RGB").bits(8, 8, false).samples(3);
        DicomException e = assertThrows(DicomException.class, () -> read(rgb));
        assertTrue(e.getMessage().startsWith("test.dcm: (0028,0002) SamplesPerPixel is 3"), e.getMessage());
    }

    @Test
    void multiFrameImagesAreRefusedNamingTheFile() throws IOException {
        DicomException e = assertThrows(DicomException.class, () -> read(new XrayBytes().modality("RF").frames(2)));
        assertTrue(e.getMessage().startsWith("test.dcm: (0028,0008) NumberOfFrames is 2"), e.getMessage());
    }

    @Test
    void otherModalitiesAndPaletteImagesAreRefused() throws IOException {
        DicomException ct = assertThrows(DicomException.class, () -> read(new XrayBytes().modality("CT")));
        assertTrue(ct.getMessage().contains("test.dcm: (0008,0060) Modality \"CT\" is not a projection"),
                ct.getMessage());
        DicomException none = assertThrows(DicomException.class, () -> read(new XrayBytes().remove(Tag.Modality)));
        assertTrue(none.getMessage().contains("(0008,0060) Modality is absent"), none.getMessage());
        DicomException palette = assertThrows(DicomException.class,
                () -> read(new XrayBytes().photometric("PALETTE COLOR")));
        assertTrue(palette.getMessage().contains("(0028,0004) PhotometricInterpretation is PALETTE COLOR"),
                palette.getMessage());
    }

    @Test
    void malformedSpacingAndMagnificationAreRefusedNamingTheTag() throws IOException {
        DicomException one = assertThrows(DicomException.class,
                () -> read(new XrayBytes().text(Tag.PixelSpacing, VR.DS, "0.5")));
        assertTrue(one.getMessage().contains("(0028,0030) PixelSpacing") && one.getMessage().contains("expected 2"),
                one.getMessage());
        DicomException zero = assertThrows(DicomException.class,
                () -> read(new XrayBytes().text(Tag.ImagerPixelSpacing, VR.DS, "0\\0.1")));
        assertTrue(zero.getMessage().contains("(0018,1164) ImagerPixelSpacing"), zero.getMessage());
        DicomException factor = assertThrows(DicomException.class, () -> read(new XrayBytes()
                .text(Tag.ImagerPixelSpacing, VR.DS, "0.1\\0.1")
                .text(Tag.EstimatedRadiographicMagnificationFactor, VR.DS, "0")));
        assertTrue(factor.getMessage().contains("(0018,1114) EstimatedRadiographicMagnificationFactor"),
                factor.getMessage());
    }

    @Test
    void malformedWindowIsRefusedNamingTheTags() throws IOException {
        DicomException e = assertThrows(DicomException.class, () -> read(new XrayBytes().window("1\\2", "3")));
        assertTrue(e.getMessage().contains("(0028,1050) WindowCenter") && e.getMessage().contains("(0028,1051)"),
                e.getMessage());
    }
}
