package org.medimg4j.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;
import org.medimg4j.core.volume.VoxelType;

class ImagePlusVolumesTest {

    @Test
    void testsRunHeadlessSoImageJOpensNoWindow() {
        assertTrue(GraphicsEnvironment.isHeadless(), "surefire must start the JVM with java.awt.headless=true");
    }

    @Test
    void int16HuBecomesUnsigned16BitWithImageJsSignedCalibration() {
        Volume v = TestVolumes.int16Hu(TestVolumes.axisAligned());
        ImagePlus imp = ImagePlusVolumes.toImagePlus(v);

        assertEquals(ImagePlus.GRAY16, imp.getType());
        assertEquals(TestVolumes.NZ, imp.getStackSize());
        assertEquals(TestVolumes.NX, imp.getWidth());
        assertEquals(TestVolumes.NY, imp.getHeight());
        Calibration cal = imp.getCalibration();
        assertEquals(Calibration.STRAIGHT_LINE, cal.getFunction());
        assertArrayEquals(new double[] {-32768, 1}, cal.getCoefficients());
        assertEquals("HU", cal.getValueUnit());
        assertTrue(cal.isSigned16Bit());
        // voxel (z=2, y=3, x=5): raw is value + 32768 and ImageJ's calibrated value is the HU
        int raw = imp.getStack().getProcessor(3).get(5, 3);
        assertEquals(v.get(2, 3, 5) + 32768, raw);
        assertEquals(v.get(2, 3, 5), cal.getCValue(raw), 0);
        // the extremes of int16 map to the ends of ImageJ's unsigned range
        assertEquals(0, imp.getStack().getProcessor(1).get(1, 0));
        assertEquals(65535, imp.getStack().getProcessor(1).get(2, 0));
    }

    @Test
    void spatialCalibrationIsSpacingInMmAndOriginMakesImageJCoordinatesLps() {
        Geometry g = TestVolumes.axisAligned();
        ImagePlus imp = ImagePlusVolumes.toImagePlus(TestVolumes.float32(g));
        Calibration cal = imp.getCalibration();

        assertEquals("mm", cal.getUnit());
        assertEquals(0.7, cal.pixelWidth, 0);
        assertEquals(0.8, cal.pixelHeight, 0);
        assertEquals(2.5, cal.pixelDepth, 0);
        assertEquals(120.25 / 0.7, cal.xOrigin, 1e-12);
        for (int[] ijk : new int[][] {{0, 0, 0}, {7, 5, 3}, {3, 1, 2}}) {
            Point3 p = g.indexToWorld(ijk[0], ijk[1], ijk[2]);
            assertEquals(p.x(), cal.getX(ijk[0]), 1e-9);
            assertEquals(p.y(), cal.getY(ijk[1]), 1e-9);
            assertEquals(p.z(), cal.getZ(ijk[2]), 1e-9);
        }
    }

    @Test
    void obliqueVolumeGetsImageJCoordinatesAlongItsOwnAxes() {
        Geometry g = TestVolumes.oblique();
        Calibration cal = ImagePlusVolumes.toImagePlus(TestVolumes.float32(g)).getCalibration();
        double[] d = g.direction();
        Point3 p = g.indexToWorld(5, 2, 3);
        // D is orthonormal, so its inverse is its transpose: ImageJ's (x, y, z) = Dᵀ·p
        assertEquals(d[0] * p.x() + d[3] * p.y() + d[6] * p.z(), cal.getX(5), 1e-9);
        assertEquals(d[1] * p.x() + d[4] * p.y() + d[7] * p.z(), cal.getY(2), 1e-9);
        assertEquals(d[2] * p.x() + d[5] * p.y() + d[8] * p.z(), cal.getZ(3), 1e-9);
    }

    @Test
    void displayRangeIsTheWindowOrElseTheDataRange() {
        Volume v = TestVolumes.int16Hu(TestVolumes.axisAligned());
        ImagePlus windowed = ImagePlusVolumes.toImagePlus(v, WindowLevel.of(40, 400));
        // ImageJ keeps a 16-bit display range in raw values: HU + 32768
        assertEquals(-160 + 32768, windowed.getDisplayRangeMin(), 0);
        assertEquals(240 + 32768, windowed.getDisplayRangeMax(), 0);

        float[] f = new float[TestVolumes.NX * TestVolumes.NY * TestVolumes.NZ];
        for (int i = 0; i < f.length; i++) {
            f[i] = i - 10.5f;
        }
        f[3] = Float.NaN;
        f[4] = Float.POSITIVE_INFINITY;
        ImagePlus data = ImagePlusVolumes.toImagePlus(Volume.ofFloats(TestVolumes.axisAligned(), f));
        assertEquals(-10.5, data.getDisplayRangeMin(), 0);
        assertEquals(f.length - 1 - 10.5, data.getDisplayRangeMax(), 0);
    }

    @Test
    void roundTripRestoresVoxelsGeometryUnitAndMetadataExactly() throws Exception {
        for (Geometry g : new Geometry[] {TestVolumes.axisAligned(), TestVolumes.oblique(), TestVolumes.sheared()}) {
            for (Volume v : new Volume[] {TestVolumes.int16Hu(g), TestVolumes.float32(g), TestVolumes.uint8(g)}) {
                Volume back = ImagePlusVolumes.toVolume(ImagePlusVolumes.toImagePlus(v));
                assertVolumeEquals(v, back);
            }
        }
    }

    @Test
    void shearedGeometryStaysSheared() throws Exception {
        Volume back = ImagePlusVolumes.toVolume(ImagePlusVolumes.toImagePlus(TestVolumes.uint8(TestVolumes.sheared())));
        assertFalse(back.geometry().isOrthonormal());
        assertEquals(TestVolumes.sheared(), back.geometry());
    }

    @Test
    void multiChannelVolumeBecomesAGrayscaleHyperstackAndComesBack() throws Exception {
        Geometry g = TestVolumes.axisAligned();
        int n = (int) g.voxelCount();
        float[] v = new float[3 * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5f - 100;
        }
        Volume vol = Volume.builder(g).channels(3).floats(v).build();
        ImagePlus imp = ImagePlusVolumes.toImagePlus(vol, WindowLevel.of(0, 50));

        CompositeImage ci = assertInstanceOf(CompositeImage.class, imp);
        assertEquals(CompositeImage.GRAYSCALE, ci.getMode());
        assertEquals(3, imp.getNChannels());
        assertEquals(TestVolumes.NZ, imp.getNSlices());
        assertEquals(1, imp.getNFrames());
        // ImageJ's order is channel fastest: image (c=2, z=1) is stack image 1·3 + 2 + 1
        float[] px = (float[]) imp.getStack().getPixels(1 * 3 + 2 + 1);
        assertEquals(vol.get(2, 1, 0, 0), px[0], 0);
        for (int c = 1; c <= 3; c++) {
            assertEquals(-25, ci.getChannelLut(c).min, 0);
            assertEquals(25, ci.getChannelLut(c).max, 0);
        }
        assertVolumeEquals(vol, ImagePlusVolumes.toVolume(imp));
    }

    @Test
    void imageWithoutPropertiesTakesItsGeometryFromTheCalibration() throws Exception {
        ImageStack stack = new ImageStack(4, 3);
        stack.addSlice(new ShortProcessor(4, 3));
        stack.addSlice(new ShortProcessor(4, 3));
        ImagePlus imp = new ImagePlus("plain", stack);
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = 0.5;
        cal.pixelHeight = 0.25;
        cal.pixelDepth = 0.3;
        cal.setUnit("cm");
        cal.xOrigin = 10;
        cal.yOrigin = -4;
        cal.zOrigin = 2;
        cal.setFunction(Calibration.STRAIGHT_LINE, new double[] {-32768, 1}, "HU");
        imp.getStack().getProcessor(2).set(1, 2, 32768 - 1000);

        Volume v = ImagePlusVolumes.toVolume(imp);

        Geometry g = v.geometry();
        assertArrayEquals(new int[] {4, 3, 2}, g.size());
        assertArrayEquals(new double[] {5, 2.5, 3}, g.spacing(), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, g.direction());
        assertArrayEquals(new double[] {-50, 10, -6}, g.origin().toArray(), 1e-12);
        assertEquals(VoxelType.INT16, v.voxelType());
        assertEquals(IntensityUnit.HU, v.unit());
        assertEquals(VolumeMetadata.EMPTY, v.metadata());
        assertEquals(-1000, v.get(1, 2, 1), 0);
        assertEquals(-32768, v.get(0, 0, 0), 0);
    }

    @Test
    void uncalibratedImageHasOneMillimetrePixels() throws Exception {
        Volume v = ImagePlusVolumes.toVolume(new ImagePlus("raw", new ByteProcessor(5, 4)));
        assertEquals(Geometry.of(5, 4, 1, 1, 1, 1), v.geometry());
        assertEquals(VoxelType.UINT8, v.voxelType());
        assertEquals(IntensityUnit.ARBITRARY, v.unit());
    }

    @Test
    void unsigned16BitImageBecomesFloatBecauseInt16CannotHoldIt() throws Exception {
        ShortProcessor sp = new ShortProcessor(3, 2);
        sp.set(0, 0, 65535);
        sp.set(2, 1, 40000);
        Volume v = ImagePlusVolumes.toVolume(new ImagePlus("u16", sp));
        assertEquals(VoxelType.FLOAT32, v.voxelType());
        assertEquals(65535, v.get(0, 0, 0), 0);
        assertEquals(40000, v.get(0, 1, 2), 0);
    }

    @Test
    void otherValueCalibrationsGiveTheCalibratedValuesAsFloat() throws Exception {
        // as ImageJ opens a CT DICOM with Rescale Intercept −1024: raw + 32768 stored, c0 = −1024 − 32768
        ShortProcessor sp = new ShortProcessor(3, 2);
        sp.set(1, 1, 32768 + 1024 + 40);
        ImagePlus imp = new ImagePlus("dicom-like", sp);
        imp.getCalibration().setFunction(Calibration.STRAIGHT_LINE, new double[] {-1024 - 32768, 1}, "HU");
        Volume v = ImagePlusVolumes.toVolume(imp);
        assertEquals(VoxelType.FLOAT32, v.voxelType());
        assertEquals(IntensityUnit.HU, v.unit());
        assertEquals(40, v.get(0, 1, 1), 0);
        assertEquals(-1024 - 32768, v.get(0, 0, 0), 0);

        ByteProcessor bp = new ByteProcessor(2, 2);
        bp.set(1, 0, 200);
        ImagePlus b = new ImagePlus("8-bit scaled", bp);
        b.getCalibration().setFunction(Calibration.STRAIGHT_LINE, new double[] {-10, 0.5}, "mg/ml");
        Volume bv = ImagePlusVolumes.toVolume(b);
        assertEquals(VoxelType.FLOAT32, bv.voxelType());
        assertEquals(90, bv.get(0, 0, 1), 0);
        assertEquals(IntensityUnit.ARBITRARY, bv.unit());
    }

    @Test
    void propertiesMissingFromImageJAreReadFromTheInfoText() throws Exception {
        Volume v = TestVolumes.float32(TestVolumes.oblique());
        ImagePlus made = ImagePlusVolumes.toImagePlus(v);
        // a copy that kept the Info text but lost the image properties (as some tools do)
        ImagePlus copy = new ImagePlus("copy", made.getStack());
        copy.setCalibration(made.getCalibration());
        copy.setProperty("Info", made.getInfoProperty());
        // (not getProp: ImageJ's getProp falls back to "key=value" lines of the Info text itself)
        assertNull(copy.getImageProperties() == null ? null
                : copy.getImageProperties().getProperty(ImageJProperties.DIRECTION));
        assertVolumeEquals(v, ImagePlusVolumes.toVolume(copy));
    }

    @Test
    void metadataWithNewlinesBackslashesAndEqualsSurvives() throws Exception {
        Volume v = TestVolumes.int16Hu(TestVolumes.axisAligned());
        ImagePlus imp = ImagePlusVolumes.toImagePlus(v);
        assertFalse(imp.getProp(ImageJProperties.ATTRIBUTE_PREFIX + "Note").contains("\n"));
        assertEquals(TestVolumes.CT_METADATA, ImagePlusVolumes.toVolume(imp).metadata());
    }

    @Test
    void rgbImageIsRefusedNamingItsType() {
        ImagePlus rgb = new ImagePlus("photo", new ColorProcessor(4, 4));
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(rgb));
        assertTrue(e.getMessage().contains("RGB"), e.getMessage());
        assertTrue(e.getMessage().contains("photo"), e.getMessage());
    }

    @Test
    void timeSeriesIsRefusedNamingFrames() {
        ImageStack stack = new ImageStack(2, 2);
        for (int i = 0; i < 4; i++) {
            stack.addSlice(new FloatProcessor(2, 2));
        }
        ImagePlus imp = new ImagePlus("movie", stack);
        imp.setDimensions(1, 2, 2);
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains("2 frames"), e.getMessage());
    }

    @Test
    void stackImageOfTheWrongSizeIsRefusedNamingIt() {
        ImageStack stack = new ImageStack(3, 2);
        stack.addSlice(new FloatProcessor(3, 2));
        stack.addSlice(new FloatProcessor(3, 2));
        stack.addSlice(new FloatProcessor(3, 2));
        stack.setPixels(new float[5], 2);
        ImagePlus imp = new ImagePlus("ragged", stack);
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains("stack image 2 holds 5 pixels"), e.getMessage());
    }

    @Test
    void stackImageOfAnotherTypeIsRefusedNamingIt() {
        ImageStack stack = new ImageStack(3, 2);
        stack.addSlice(new FloatProcessor(3, 2));
        stack.addSlice(new FloatProcessor(3, 2));
        ImagePlus imp = new ImagePlus("mixed", stack);
        stack.setPixels(new short[6], 2);
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains("stack image 2 holds short[], expected float[]"), e.getMessage());
    }

    @Test
    void nonPositivePixelSizeIsRefusedNamingTheField() {
        ImagePlus imp = new ImagePlus("flat", new FloatProcessor(2, 2));
        imp.getCalibration().pixelHeight = 0;
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains("pixelHeight must be a positive finite number, got 0.0"), e.getMessage());
    }

    @Test
    void storedSizeThatNoLongerMatchesTheImageIsRefused() {
        ImagePlus imp = ImagePlusVolumes.toImagePlus(TestVolumes.float32(TestVolumes.axisAligned()));
        imp.getStack().deleteLastSlice();
        imp.setStack(imp.getStack());
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains(ImageJProperties.SIZE + " is 8x6x4 but the image is 8x6x3"),
                e.getMessage());
    }

    @Test
    void recalibrationInImageJAfterExportIsRefusedNamingTheField() {
        ImagePlus imp = ImagePlusVolumes.toImagePlus(TestVolumes.float32(TestVolumes.axisAligned()));
        imp.getCalibration().pixelHeight = 1.6;
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains("pixelHeight = 1.6 mm disagrees with " + ImageJProperties.SPACING),
                e.getMessage());

        ImagePlus moved = ImagePlusVolumes.toImagePlus(TestVolumes.float32(TestVolumes.axisAligned()));
        moved.getCalibration().zOrigin += 1;
        ImageJInteropException m = assertThrows(ImageJInteropException.class,
                () -> ImagePlusVolumes.toVolume(moved));
        assertTrue(m.getMessage().contains("zOrigin"), m.getMessage());
    }

    @Test
    void malformedPropertyIsRefusedNamingTheKey() {
        ImagePlus imp = ImagePlusVolumes.toImagePlus(TestVolumes.float32(TestVolumes.axisAligned()));
        imp.setProp(ImageJProperties.DIRECTION, "1 0 0 0 1 0 0 0");
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains(ImageJProperties.DIRECTION + " must hold 9 numbers"), e.getMessage());

        imp.setProp(ImageJProperties.DIRECTION, "1 0 0 0 1 0 0 0 x");
        e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains(ImageJProperties.DIRECTION + " value 9 \"x\" is not a number"),
                e.getMessage());

        imp.setProp(ImageJProperties.DIRECTION, "1 0 0 0 1 0 0 0.5 1");
        e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains("stored geometry") && e.getMessage().contains("orthonormal"),
                e.getMessage());
    }

    @Test
    void unknownVersionOrUnitIsRefusedNamingTheKey() {
        ImagePlus imp = ImagePlusVolumes.toImagePlus(TestVolumes.float32(TestVolumes.axisAligned()));
        imp.setProp(ImageJProperties.VERSION, "2");
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains(ImageJProperties.VERSION + " is \"2\""), e.getMessage());

        imp.setProp(ImageJProperties.VERSION, "1");
        imp.setProp(ImageJProperties.UNIT, "FURLONGS");
        e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains(ImageJProperties.UNIT + " \"FURLONGS\""), e.getMessage());
    }

    @Test
    void lengthUnitImageJCannotConvertIsRefusedNamingIt() {
        ImagePlus imp = new ImagePlus("odd", new FloatProcessor(2, 2));
        imp.getCalibration().setUnit("parsec");
        imp.getCalibration().pixelWidth = 2;
        ImageJInteropException e = assertThrows(ImageJInteropException.class, () -> ImagePlusVolumes.toVolume(imp));
        assertTrue(e.getMessage().contains("\"parsec\" of pixelWidth"), e.getMessage());
    }

    static void assertVolumeEquals(Volume expected, Volume actual) {
        assertEquals(expected.voxelType(), actual.voxelType());
        assertEquals(expected.channels(), actual.channels());
        assertEquals(expected.geometry(), actual.geometry(), "geometry restored exactly");
        assertEquals(expected.geometry().isOrthonormal(), actual.geometry().isOrthonormal());
        assertEquals(expected.unit(), actual.unit());
        assertEquals(expected.metadata(), actual.metadata());
        switch (expected.voxelType()) {
            case FLOAT32 -> {
                float[] e = new float[expected.floats().capacity()];
                float[] a = new float[actual.floats().capacity()];
                expected.floats().get(e);
                actual.floats().get(a);
                assertArrayEquals(e, a);
            }
            case INT16 -> {
                short[] e = new short[expected.shorts().capacity()];
                short[] a = new short[actual.shorts().capacity()];
                expected.shorts().get(e);
                actual.shorts().get(a);
                assertArrayEquals(e, a);
            }
            case UINT8 -> {
                byte[] e = new byte[expected.unsignedBytes().capacity()];
                byte[] a = new byte[actual.unsignedBytes().capacity()];
                expected.unsignedBytes().get(e);
                actual.unsignedBytes().get(a);
                assertArrayEquals(e, a);
            }
        }
    }
}
