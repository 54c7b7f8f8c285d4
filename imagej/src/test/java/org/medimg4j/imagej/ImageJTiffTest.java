package org.medimg4j.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.imagej.ImagePlusVolumesTest.assertVolumeEquals;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.LUT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

class ImageJTiffTest {

    @TempDir
    Path dir;

    @Test
    void imageJOpensAnInt16CtWithSpacingOriginHuCalibrationAndWindow() throws Exception {
        Geometry g = TestVolumes.axisAligned();
        Volume v = TestVolumes.int16Hu(g);
        Path file = dir.resolve("ct.tif");
        ImageJTiff.write(v, WindowLevel.of(40, 400), file);

        // ImageJ's own reader, knowing nothing of medimg4j
        ImagePlus imp = IJ.openImage(file.toString());
        assertEquals(ImagePlus.GRAY16, imp.getType());
        assertEquals(TestVolumes.NZ, imp.getStackSize());
        Calibration cal = imp.getCalibration();
        assertEquals("mm", cal.getUnit());
        // x/y pixel size travels as a TIFF rational resolution: close, not exact
        assertEquals(0.7, cal.pixelWidth, 1e-6);
        assertEquals(0.8, cal.pixelHeight, 1e-6);
        assertEquals(2.5, cal.pixelDepth, 0);
        assertEquals(-120.25, cal.getX(0), 1e-4);
        assertEquals(33.5, cal.getY(0), 1e-4);
        assertEquals(-401.125 + 2 * 2.5, cal.getZ(2), 1e-9);
        assertEquals("HU", cal.getValueUnit());
        int raw = imp.getStack().getProcessor(3).get(5, 3);
        assertEquals(v.get(2, 3, 5), cal.getCValue(raw), 0, "the calibrated value of a voxel is its HU");
        assertEquals(-160 + 32768, imp.getDisplayRangeMin(), 0);
        assertEquals(240 + 32768, imp.getDisplayRangeMax(), 0);

        Volume back = ImageJTiff.read(file);
        assertVolumeEquals(v, back);
    }

    @Test
    void everyVoxelTypeRoundTripsExactlyWithFullGeometry() throws Exception {
        Geometry[] geometries = {TestVolumes.axisAligned(), TestVolumes.oblique(), TestVolumes.sheared()};
        for (int gi = 0; gi < geometries.length; gi++) {
            Geometry g = geometries[gi];
            Volume[] volumes = {TestVolumes.int16Hu(g), TestVolumes.float32(g), TestVolumes.uint8(g)};
            for (Volume v : volumes) {
                Path file = dir.resolve("v" + gi + "-" + v.voxelType() + ".tif");
                ImageJTiff.write(v, file);
                assertVolumeEquals(v, ImageJTiff.read(file));
            }
        }
    }

    @Test
    void singleSliceAndMultiChannelVolumesRoundTrip() throws Exception {
        Geometry flat = Geometry.builder().size(8, 6, 1).spacing(0.139, 0.139, 1).origin(-3, 4, 0).build();
        Volume xray = TestVolumes.uint8(flat);
        Path one = dir.resolve("xray.tif");
        ImageJTiff.write(xray, one);
        assertEquals(1, IJ.openImage(one.toString()).getStackSize());
        assertVolumeEquals(xray, ImageJTiff.read(one));

        Geometry g = TestVolumes.axisAligned();
        float[] f = new float[2 * (int) g.voxelCount()];
        for (int i = 0; i < f.length; i++) {
            f[i] = -i / 3f;
        }
        Volume twoChannels = Volume.builder(g).channels(2).unit(IntensityUnit.PROBABILITY).floats(f).build();
        Path hyper = dir.resolve("hyper.tif");
        ImageJTiff.write(twoChannels, hyper);
        ImagePlus imp = IJ.openImage(hyper.toString());
        assertEquals(2, imp.getNChannels());
        assertEquals(TestVolumes.NZ, imp.getNSlices());
        assertVolumeEquals(twoChannels, ImageJTiff.read(hyper));
    }

    @Test
    void labelsRoundTripAndImageJShowsThemInLabelColours() throws Exception {
        LabelVolume labels = TestVolumes.labels(TestVolumes.oblique());
        Path file = dir.resolve("labels.tif");
        ImageJTiff.write(labels, file);

        ImagePlus imp = IJ.openImage(file.toString());
        assertEquals(8, imp.getBitDepth());
        LUT lut = imp.getProcessor().getLut();
        for (int label : new int[] {0, 1, 3, 255}) {
            assertEquals(LabelLut.rgb(label), lut.getRGB(label) & 0xFFFFFF);
        }
        assertEquals(0.48828125, imp.getCalibration().pixelWidth, 1e-6);

        LabelVolume back = ImageJTiff.readLabels(file);
        assertArrayEquals(labels.toByteArray(), back.toByteArray());
        assertEquals(labels.geometry(), back.geometry());
        assertEquals(labels.metadata(), back.metadata());
    }

    @Test
    void writingReplacesAnExistingFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("out.tif");
        Files.writeString(file, "old content");
        Volume v = TestVolumes.float32(TestVolumes.axisAligned());
        ImageJTiff.write(v, file);
        assertVolumeEquals(v, ImageJTiff.read(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void fileInTheWayOfTheDirectoryIsATypedErrorNamingItAndNothingIsWritten() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "not a directory");
        Path target = blocker.resolve("ct.tif");
        ImageJInteropException e = assertThrows(ImageJInteropException.class,
                () -> ImageJTiff.write(TestVolumes.int16Hu(TestVolumes.axisAligned()), target));
        assertEquals(blocker.toString(), e.source());
        assertTrue(e.getMessage().contains("is not a directory (a file is in the way)"), e.getMessage());
        assertEquals(List.of(blocker), list(dir));
        assertEquals("not a directory", Files.readString(blocker));

        Path missing = dir.resolve("no-such-dir").resolve("ct.tif");
        e = assertThrows(ImageJInteropException.class,
                () -> ImageJTiff.write(TestVolumes.labels(TestVolumes.axisAligned()), missing));
        assertTrue(e.getMessage().contains("no-such-dir: directory does not exist"), e.getMessage());
    }

    @Test
    void directoryAsTargetIsATypedErrorNamingIt() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub.tif"));
        ImageJInteropException e = assertThrows(ImageJInteropException.class,
                () -> ImageJTiff.write(TestVolumes.uint8(TestVolumes.axisAligned()), sub));
        assertTrue(e.getMessage().startsWith(sub.toString() + ": is a directory"), e.getMessage());
        assertEquals(List.of(sub), list(dir));
    }

    @Test
    void readingAMissingOrNonTiffFileIsATypedErrorNamingIt() throws Exception {
        Path missing = dir.resolve("missing.tif");
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImageJTiff.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());

        Path text = dir.resolve("notes.tif");
        Files.writeString(text, "these are not pixels");
        e = assertThrows(ImageJInteropException.class, () -> ImageJTiff.read(text));
        assertTrue(e.getMessage().startsWith(text + ": is not a TIFF file"), e.getMessage());
    }

    @Test
    void truncatedTiffIsATypedErrorNotAShortVolume() throws Exception {
        Path file = dir.resolve("ct.tif");
        ImageJTiff.write(TestVolumes.int16Hu(TestVolumes.axisAligned()), file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImageJTiff.read(cut));
        assertEquals(cut + ": ImageJ could not open it as an image", e.getMessage());
    }

    @Test
    void eightBitLabelFileReadAsLabelsButSixteenBitIsRefused() throws Exception {
        Path ct = dir.resolve("ct.tif");
        ImageJTiff.write(TestVolumes.int16Hu(TestVolumes.axisAligned()), ct);
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImageJTiff.readLabels(ct));
        assertTrue(e.getMessage().contains("this one is 16-bit"), e.getMessage());
        assertEquals(ct.toString(), e.source());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
