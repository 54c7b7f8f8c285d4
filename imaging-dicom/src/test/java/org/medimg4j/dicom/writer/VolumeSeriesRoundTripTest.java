package org.medimg4j.dicom.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.lut.ModalityLut;
import org.medimg4j.dicom.pixel.DicomImage;

/** Write a volume, read each file back with DicomFile + DicomImage: same geometry, same voxels within the rescale. */
class VolumeSeriesRoundTripTest {

    /** The geometry contract of the issue, mm. */
    private static final double GEOMETRY_TOLERANCE_MM = 1e-4;
    /** What 16-character Decimal Strings actually keep for coordinates within ±1000 mm (see DecimalString). */
    private static final double DS_PRECISION_MM = 1e-9;

    private static double[] xyz(Point3 p) {
        return new double[] {p.x(), p.y(), p.z()};
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }

    /** Reads every file back and checks geometry, UIDs and voxels; returns the geometry re-stacked from the files. */
    private static Geometry readBack(WrittenSeries s, Volume v, boolean exact) throws IOException {
        Geometry g = v.geometry();
        int nx = g.nx();
        int ny = g.ny();
        assertEquals(g.nz(), s.files().size());
        assertEquals(new HashSet<>(s.sopInstanceUids()).size(), s.sopInstanceUids().size(), "SOP UIDs distinct");
        double worstPosition = 0;
        double[] first = null;
        double[] last = null;
        double[] iop = null;
        double[] spacing = null;
        for (int k = 0; k < g.nz(); k++) {
            DicomFile f = DicomFile.read(s.files().get(k));
            Attributes a = f.dataSet();
            assertTrue(f.warnings().isEmpty(), f.warnings().toString());
            assertEquals(s.studyInstanceUid(), a.getUid(Tag.StudyInstanceUID).orElseThrow());
            assertEquals(s.seriesInstanceUid(), a.getUid(Tag.SeriesInstanceUID).orElseThrow());
            assertEquals(s.frameOfReferenceUid(), a.getUid(Tag.FrameOfReferenceUID).orElseThrow());
            assertEquals(s.sopInstanceUids().get(k), a.getUid(Tag.SOPInstanceUID).orElseThrow());
            assertEquals(k + 1, a.getInt(Tag.InstanceNumber).getAsInt());

            double[] ipp = a.getDoubles(Tag.ImagePositionPatient);
            double[] expected = xyz(g.indexToWorld(0, 0, k));
            assertClose(expected, ipp, GEOMETRY_TOLERANCE_MM, "Image Position (Patient) of slice " + k);
            for (int c = 0; c < 3; c++) {
                worstPosition = Math.max(worstPosition, Math.abs(expected[c] - ipp[c]));
            }
            iop = a.getDoubles(Tag.ImageOrientationPatient);
            double[] i = xyz(g.axis(0));
            double[] j = xyz(g.axis(1));
            assertClose(new double[] {i[0], i[1], i[2], j[0], j[1], j[2]}, iop, 1e-12, "Image Orientation (Patient)");
            spacing = a.getDoubles(Tag.PixelSpacing);
            assertClose(new double[] {g.spacing(1), g.spacing(0)}, spacing, 1e-12, "Pixel Spacing = row\\column");
            Point3 n = g.planeNormal();
            assertEquals(expected[0] * n.x() + expected[1] * n.y() + expected[2] * n.z(),
                    a.getDouble(Tag.SliceLocation).getAsDouble(), DS_PRECISION_MM, "Slice Location");
            if (k == 0) {
                first = ipp;
            }
            last = ipp;

            // voxels: stored × slope + intercept within slope/2 of each value
            double slope = a.getDouble(Tag.RescaleSlope).orElse(1);
            double intercept = a.getDouble(Tag.RescaleIntercept).orElse(0);
            assertEquals(s.rescaleSlope(), slope, 0, "the slope written is the slope reported");
            assertEquals(s.rescaleIntercept(), intercept, 0, "the intercept written is the intercept reported");
            DicomImage img = DicomImage.of(f);
            assertEquals(ny, img.frameInfo().rows());
            assertEquals(nx, img.frameInfo().columns());
            SampleBuffer stored = img.decodeFrame(0);
            float[] lutOut = new float[nx * ny];
            ModalityLut.read(a, true).apply(stored, false, nx * ny, lutOut, 0);
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int idx = y * nx + x;
                    float value = v.get(k, y, x);
                    double back = (short) stored.get(idx) * slope + intercept;
                    if (exact) {
                        assertEquals(value, back, 0, "voxel (" + k + ", " + y + ", " + x + ")");
                        assertEquals(value, lutOut[idx], 0);
                    } else {
                        assertEquals(value, back, slope / 2 * (1 + 1e-9),
                                "voxel (" + k + ", " + y + ", " + x + ") within slope/2");
                        // the reader's float path adds float rounding only
                        assertEquals(value, lutOut[idx], slope / 2 + 4 * Math.ulp(Math.abs(value) + 1));
                    }
                }
            }
        }
        assertTrue(worstPosition < DS_PRECISION_MM, "positions keep " + worstPosition + " mm");
        // re-stack: origin = first position, i, j from the orientation, k along the positions
        double[] k = new double[3];
        double len = 0;
        for (int c = 0; c < 3; c++) {
            k[c] = last[c] - first[c];
            len += k[c] * k[c];
        }
        len = Math.sqrt(len);
        double sz = g.nz() > 1 ? len / (g.nz() - 1) : g.spacing(2);
        double[] kUnit = g.nz() > 1 ? new double[] {k[0] / len, k[1] / len, k[2] / len} : xyz(g.axis(2));
        double[] d = {iop[0], iop[3], kUnit[0], iop[1], iop[4], kUnit[1], iop[2], iop[5], kUnit[2]};
        return Geometry.builder().size(nx, ny, g.nz()).spacing(spacing[1], spacing[0], sz)
                .origin(first[0], first[1], first[2]).direction(d).allowShear(!g.isOrthonormal()).build();
    }

    @Test
    void obliqueFloatHuComesBackWithinHalfASlopeAndSameGeometry(@TempDir Path dir) throws IOException {
        Geometry g = WriterFixtures.oblique(7, 5, 4);
        Volume v = WriterFixtures.floatHu(g);
        WrittenSeries s = VolumeSeriesWriter.ct(WriterFixtures.options(11)).write(v, dir);
        assertNotEquals(1.0, s.rescaleSlope(), "float HU needs a slope");
        assertEquals(s.rescaleSlope() / 2, s.maxError());
        assertTrue(s.rescaleSlope() < 0.07, "4025 HU over ~65530 codes: " + s.rescaleSlope());
        Geometry back = readBack(s, v, false);
        assertTrue(back.equalsWithin(g, GEOMETRY_TOLERANCE_MM), back + " vs " + g);
        assertTrue(back.equalsWithin(g, DS_PRECISION_MM), back + " vs " + g);
        Attributes a = DicomFile.read(s.files().get(0)).dataSet();
        assertEquals("HU", a.getString(Tag.RescaleType).orElseThrow());
        assertEquals("ISO_IR 192", a.getString(Tag.SpecificCharacterSet).orElseThrow());
        assertEquals("Müller^Jürgen", a.getString(Tag.PatientName).orElseThrow());
        assertEquals(2.5, a.getDouble(Tag.SliceThickness).getAsDouble());
        assertEquals(2.5, a.getDouble(Tag.SpacingBetweenSlices).getAsDouble());
        assertFalse(a.contains(Tag.GantryDetectorTilt));
    }

    @Test
    void int16HuComesBackExactly(@TempDir Path dir) throws IOException {
        Geometry g = WriterFixtures.oblique(6, 4, 3);
        Volume v = WriterFixtures.int16Hu(g);
        WrittenSeries s = VolumeSeriesWriter.ct(WriterFixtures.options(12)).write(v, dir);
        assertEquals(1.0, s.rescaleSlope());
        assertEquals(0.0, s.rescaleIntercept());
        assertEquals(0.0, s.maxError());
        assertTrue(readBack(s, v, true).equalsWithin(g, DS_PRECISION_MM));
    }

    @Test
    void integerFloatHuIsStoredExactlyToo(@TempDir Path dir) throws IOException {
        Geometry g = Geometry.of(5, 4, 2, 0.5, 0.5, 1);
        float[] hu = new float[40];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = -1024 + 97 * i;
        }
        Volume v = Volume.builder(g).unit(IntensityUnit.HU).floats(hu).build();
        WrittenSeries s = VolumeSeriesWriter.ct(WriterFixtures.options(13)).write(v, dir);
        assertEquals(1.0, s.rescaleSlope());
        assertEquals(0.0, s.rescaleIntercept());
        readBack(s, v, true);
    }

    @Test
    void integersBeyondInt16KeepSlopeOneWithAnIntegerIntercept(@TempDir Path dir) throws IOException {
        Geometry g = Geometry.of(6, 5, 2, 1, 1, 1);
        float[] vals = new float[60];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = 1000 * i;   // 0 .. 59000: wider than int16, narrower than 65536
        }
        Volume v = Volume.builder(g).floats(vals).build();
        WrittenSeries s = VolumeSeriesWriter.ct(WriterFixtures.options(14)).write(v, dir);
        assertEquals(1.0, s.rescaleSlope());
        assertEquals(59000 - 32767, s.rescaleIntercept());
        readBack(s, v, true);
        assertEquals("US", DicomFile.read(s.files().get(0)).dataSet().getString(Tag.RescaleType).orElseThrow(),
                "arbitrary units are not HU");
    }

    @Test
    void gantryTiltedGridKeepsEveryVoxelInPlace(@TempDir Path dir) throws IOException {
        Geometry g = WriterFixtures.sheared(6, 5, 4);
        assertFalse(g.isOrthonormal());
        Volume v = WriterFixtures.int16Hu(g);
        WrittenSeries s = VolumeSeriesWriter.ct(WriterFixtures.options(15)).write(v, dir);
        Geometry back = readBack(s, v, true);
        assertTrue(back.equalsWithin(g, DS_PRECISION_MM), back + " vs " + g);
        Attributes a = DicomFile.read(s.files().get(0)).dataSet();
        // k = +z, j = (0, cos 15°, sin 15°): k leans towards +j, so the tilt is −15° (dcm2niix's sign)
        assertEquals(-15, a.getDouble(Tag.GantryDetectorTilt).getAsDouble(), 1e-9);
        double planeDistance = 3 * Math.cos(Math.toRadians(15));
        assertEquals(planeDistance, a.getDouble(Tag.SliceThickness).getAsDouble(), 1e-12);
        assertEquals(planeDistance, a.getDouble(Tag.SpacingBetweenSlices).getAsDouble(), 1e-12);
    }

    @Test
    void obliqueMrIntegerSignalComesBackExactlyWithoutRescale(@TempDir Path dir) throws IOException {
        Geometry g = WriterFixtures.oblique(6, 5, 3);
        Volume v = WriterFixtures.mrSignal(g);
        MrAcquisition mr = MrAcquisition.builder().scanningSequence("SE").repetitionTimeMs(500).echoTimeMs(15)
                .echoTrainLength(1).magneticFieldStrengthT(1.5).build();
        WrittenSeries s = VolumeSeriesWriter.mr(WriterFixtures.options(16), mr).write(v, dir);
        assertTrue(readBack(s, v, true).equalsWithin(g, DS_PRECISION_MM));
        Attributes a = DicomFile.read(s.files().get(0)).dataSet();
        assertEquals("MR", a.getString(Tag.Modality).orElseThrow());
        assertFalse(a.contains(Tag.RescaleSlope), "MR Image IOD has no Modality LUT");
        assertEquals(500, a.getDouble(Tag.RepetitionTime).getAsDouble());
        assertEquals(15, a.getDouble(Tag.EchoTime).getAsDouble());
        assertEquals(1.5, a.getDouble(Tag.MagneticFieldStrength).getAsDouble());
        assertEquals(List.of("SE"), a.getStrings(Tag.ScanningSequence));
        assertEquals(VolumeSeriesWriter.MR_IMAGE_STORAGE, a.getUid(Tag.SOPClassUID).orElseThrow());
    }

    @Test
    void floatMrKeepsItsValuesThroughRescale(@TempDir Path dir) throws IOException {
        Geometry g = WriterFixtures.oblique(5, 4, 2);
        Volume v = WriterFixtures.floatHu(g).withUnit(IntensityUnit.ARBITRARY);
        WrittenSeries s = VolumeSeriesWriter.mr(WriterFixtures.options(17), MrAcquisition.defaults()).write(v, dir);
        readBack(s, v, false);
    }

    @Test
    void sameSeedAndOptionsGiveTheSameUidsAndGivenUidsAreUsed(@TempDir Path dir) throws IOException {
        Volume v = WriterFixtures.int16Hu(Geometry.of(3, 3, 2, 1, 1, 1));
        WrittenSeries a = VolumeSeriesWriter.ct(WriterFixtures.options(18)).write(v, dir.resolve("a"));
        WrittenSeries b = VolumeSeriesWriter.ct(WriterFixtures.options(18)).write(v, dir.resolve("b"));
        assertEquals(a.sopInstanceUids(), b.sopInstanceUids());
        assertEquals(a.seriesInstanceUid(), b.seriesInstanceUid());
        SeriesOptions fixed = WriterFixtures.options(19).toBuilder().studyInstanceUid("1.2.3.4")
                .frameOfReferenceUid("1.2.3.5").build();
        WrittenSeries c = VolumeSeriesWriter.ct(fixed).write(v, dir.resolve("c"));
        assertEquals("1.2.3.4", c.studyInstanceUid());
        assertEquals("1.2.3.5", c.frameOfReferenceUid());
        assertEquals("1.2.3.4", DicomFile.read(c.files().get(1)).dataSet().getUid(Tag.StudyInstanceUID).orElseThrow());
    }

    @Test
    void aGivenWindowIsWrittenAndTheDefaultSpansTheData(@TempDir Path dir) throws IOException {
        Volume v = WriterFixtures.int16Hu(Geometry.of(4, 4, 2, 1, 1, 1));   // -1024 .. 3071 somewhere
        SeriesOptions lung = WriterFixtures.options(21).toBuilder().window(new DisplayWindow(-600, 1500, "LUNG"))
                .build();
        Attributes a = DicomFile.read(VolumeSeriesWriter.ct(lung).write(v, dir.resolve("lung")).files().get(0))
                .dataSet();
        assertEquals(-600, a.getDouble(Tag.WindowCenter).getAsDouble());
        assertEquals(1500, a.getDouble(Tag.WindowWidth).getAsDouble());
        assertEquals("LUNG", a.getString(Tag.WindowCenterWidthExplanation).orElseThrow());
        a = DicomFile.read(VolumeSeriesWriter.ct(WriterFixtures.options(22)).write(v, dir.resolve("auto")).files()
                .get(1)).dataSet();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float f : v.toFloatArray()) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        double c = a.getDouble(Tag.WindowCenter).getAsDouble();
        double w = a.getDouble(Tag.WindowWidth).getAsDouble();
        assertEquals(min, c - 0.5 - (w - 1) / 2, 1e-9, "LINEAR lower end (PS3.3 C.11.2.1.2.1)");
        assertEquals(max, c - 0.5 + (w - 1) / 2, 1e-9, "LINEAR upper end");
        assertFalse(a.contains(Tag.WindowCenterWidthExplanation));
    }

    @Test
    void theDirectoryIsCreatedAndHoldsOnlyTheSeriesFiles(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("nested/series");
        WrittenSeries s = VolumeSeriesWriter.ct(WriterFixtures.options(20))
                .write(WriterFixtures.int16Hu(Geometry.of(3, 3, 3, 1, 1, 1)), out);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("IM00001.dcm", "IM00002.dcm", "IM00003.dcm"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(out.toAbsolutePath().resolve("IM00002.dcm"), s.files().get(1));
    }
}
