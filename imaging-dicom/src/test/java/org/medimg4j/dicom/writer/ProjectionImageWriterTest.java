package org.medimg4j.dicom.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.pixel.DicomImage;

class ProjectionImageWriterTest {

    private static int[] storedValues(Path file) throws IOException {
        DicomImage img = DicomImage.of(DicomFile.read(file));
        SampleBuffer b = img.decodeFrame(0);
        int n = img.frameInfo().rows() * img.frameInfo().columns();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = b.get(i);   // unsigned
        }
        return out;
    }

    @Test
    void dxStoresIntegerDetectorValuesExactlyWithImagerPixelSpacing(@TempDir Path dir) throws IOException {
        Volume image = WriterFixtures.xray(40, 30);   // 0 .. 4000, spacing 0.143 (columns) x 0.15 (rows)
        WrittenSeries s = ProjectionImageWriter.dx(WriterFixtures.options(31), ProjectionAcquisition.builder()
                .viewPosition("PA").imageLaterality("U").build()).write(image, dir);
        assertEquals(1, s.files().size());
        assertEquals(0.0, s.maxError());
        Attributes a = DicomFile.read(s.files().get(0)).dataSet();
        assertEquals(ProjectionImageWriter.DX_IMAGE_STORAGE, a.getUid(Tag.SOPClassUID).orElseThrow());
        assertEquals("DX", a.getString(Tag.Modality).orElseThrow());
        assertEquals("FOR PRESENTATION", a.getString(Tag.PresentationIntentType).orElseThrow());
        assertArrayEquals(new double[] {0.15, 0.143}, a.getDoubles(Tag.ImagerPixelSpacing));
        assertFalse(a.contains(Tag.ImagePositionPatient), "projection images have no position");
        assertEquals(List.of("L", "P"), a.getStrings(Tag.PatientOrientation));
        assertEquals("MONOCHROME2", a.getString(Tag.PhotometricInterpretation).orElseThrow());
        assertEquals("IDENTITY", a.getString(Tag.PresentationLUTShape).orElseThrow());
        assertEquals(12, a.getInt(Tag.BitsStored).getAsInt(), "4000 needs 12 bits");
        assertEquals(11, a.getInt(Tag.HighBit).getAsInt());
        assertEquals(0, a.getInt(Tag.PixelRepresentation).getAsInt());
        assertEquals(1.0, a.getDouble(Tag.RescaleSlope).getAsDouble());
        assertEquals(0.0, a.getDouble(Tag.RescaleIntercept).getAsDouble());
        assertEquals("51185008", a.getSequence(Tag.AnatomicRegionSequence).get(0).getString(Tag.CodeValue).orElseThrow());
        assertEquals("399066004", a.getSequence(Tag.ViewCodeSequence).get(0).getString(Tag.CodeValue).orElseThrow());
        int[] stored = storedValues(s.files().get(0));
        float[] values = image.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], stored[i], 0, "pixel " + i);
        }
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (float v : values) {
            max = Math.max(max, (int) v);
            min = Math.min(min, (int) v);
        }
        // PS3.3 C.11.2.1.2.1: LINEAR maps [c − 0.5 − (w−1)/2, c − 0.5 + (w−1)/2] onto the output: exactly [min, max]
        double c = a.getDouble(Tag.WindowCenter).getAsDouble();
        double w = a.getDouble(Tag.WindowWidth).getAsDouble();
        assertEquals(min, c - 0.5 - (w - 1) / 2, 1e-9);
        assertEquals(max, c - 0.5 + (w - 1) / 2, 1e-9);
    }

    @Test
    void bitsStoredGrowsWithTheLargestValue(@TempDir Path dir) throws IOException {
        Geometry g = Geometry.of(4, 2, 1, 0.2, 0.2, 1);
        Volume image = Volume.ofFloats(g, new float[] {0, 1, 2, 3, 40000, 5, 6, 7});
        WrittenSeries s = ProjectionImageWriter.dx(SeriesOptions.defaults(), ProjectionAcquisition.defaults())
                .write(image, dir);
        Attributes a = DicomFile.read(s.files().get(0)).dataSet();
        assertEquals(16, a.getInt(Tag.BitsStored).getAsInt());
        assertArrayEquals(new int[] {0, 1, 2, 3, 40000, 5, 6, 7}, storedValues(s.files().get(0)));
    }

    @Test
    void crRecordsTheMappingOfNonIntegerValuesAsRescale(@TempDir Path dir) throws IOException {
        Volume image = WriterFixtures.floatHu(WriterFixtures.oblique(20, 10, 1));
        WrittenSeries s = ProjectionImageWriter.cr(WriterFixtures.options(32), ProjectionAcquisition.defaults())
                .write(image, dir);
        Attributes a = DicomFile.read(s.files().get(0)).dataSet();
        assertEquals(ProjectionImageWriter.CR_IMAGE_STORAGE, a.getUid(Tag.SOPClassUID).orElseThrow());
        assertEquals(16, a.getInt(Tag.BitsStored).getAsInt());
        double slope = a.getDouble(Tag.RescaleSlope).getAsDouble();
        double intercept = a.getDouble(Tag.RescaleIntercept).getAsDouble();
        assertEquals(s.rescaleSlope(), slope, 0);
        assertEquals(s.rescaleIntercept(), intercept, 0);
        int[] stored = storedValues(s.files().get(0));
        float[] values = image.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], stored[i] * slope + intercept, slope / 2 * (1 + 1e-9), "pixel " + i);
        }
    }

    @Test
    void dxKeepsAnIdentityModalityLutAndReportsTheMappingInstead(@TempDir Path dir) throws IOException {
        Volume image = WriterFixtures.floatHu(WriterFixtures.oblique(20, 10, 1));
        WrittenSeries s = ProjectionImageWriter.dx(WriterFixtures.options(33), ProjectionAcquisition.defaults())
                .write(image, dir);
        Attributes a = DicomFile.read(s.files().get(0)).dataSet();
        assertEquals(1.0, a.getDouble(Tag.RescaleSlope).getAsDouble(), "PS3.3 C.8.11.3.1: DX slope is 1");
        assertEquals(0.0, a.getDouble(Tag.RescaleIntercept).getAsDouble());
        assertTrue(s.rescaleSlope() != 1);
        int[] stored = storedValues(s.files().get(0));
        float[] values = image.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], stored[i] * s.rescaleSlope() + s.rescaleIntercept(), s.maxError() * (1 + 1e-9));
        }
        // the window is in stored values, spanning them
        double c = a.getDouble(Tag.WindowCenter).getAsDouble();
        double w = a.getDouble(Tag.WindowWidth).getAsDouble();
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int v : stored) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertEquals(lo, c - 0.5 - (w - 1) / 2, 1e-9);
        assertEquals(hi, c - 0.5 + (w - 1) / 2, 1e-9);
        assertTrue(hi - lo > 65000, "the values use the whole 16-bit range: " + lo + " .. " + hi);
    }

    @Test
    void patientOrientationNamesTheRowAndColumnDirections() {
        assertEquals("L", ProjectionImageWriter.patientOrientation(new Point3(1, 0, 0)));
        assertEquals("A", ProjectionImageWriter.patientOrientation(new Point3(0, -1, 0)));
        assertEquals("F", ProjectionImageWriter.patientOrientation(new Point3(0, 0, -1)));
        assertEquals("RH", ProjectionImageWriter.patientOrientation(new Point3(-0.8, 0, 0.6)));
        assertEquals("PL", ProjectionImageWriter.patientOrientation(new Point3(0.36, 0.9, 0.24)));
        assertEquals("H", ProjectionImageWriter.patientOrientation(new Point3(0, 0.0001, 1)));
    }
}
