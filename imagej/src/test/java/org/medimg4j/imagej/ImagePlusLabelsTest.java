package org.medimg4j.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.LabelVolume;

class ImagePlusLabelsTest {

    @Test
    void labelLutIsBlackForBackgroundAndDistinctForEveryLabel() {
        LUT lut = LabelLut.create();
        assertEquals(256, lut.getMapSize());
        assertEquals(0, lut.getRGB(0) & 0xFFFFFF);
        Set<Integer> colours = new HashSet<>();
        for (int label = 0; label < 256; label++) {
            int rgb = lut.getRGB(label) & 0xFFFFFF;
            assertEquals(LabelLut.rgb(label), rgb);
            colours.add(rgb);
            if (label > 0) {
                int brightest = Math.max(rgb >> 16 & 0xFF, Math.max(rgb >> 8 & 0xFF, rgb & 0xFF));
                assertTrue(brightest >= 200, "label " + label + " is bright enough to see on black: " + brightest);
            }
        }
        assertEquals(256, colours.size(), "every entry distinct");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelLut.rgb(256));
        assertTrue(e.getMessage().contains("label must be 0..255, got 256"), e.getMessage());
    }

    @Test
    void labelVolumeBecomesAn8BitImageWithTheLabelLutAndItsCalibration() {
        Geometry g = TestVolumes.axisAligned();
        LabelVolume labels = TestVolumes.labels(g);
        ImagePlus imp = ImagePlusLabels.toImagePlus(labels);

        assertEquals(8, imp.getBitDepth());
        assertEquals(TestVolumes.NZ, imp.getStackSize());
        assertEquals(labels.get(2, 3, 5), imp.getStack().getProcessor(3).get(5, 3));
        // display range 0..255: label n is LUT entry n, so each label keeps its colour
        assertEquals(0, imp.getDisplayRangeMin(), 0);
        assertEquals(255, imp.getDisplayRangeMax(), 0);
        LUT lut = imp.getProcessor().getLut();
        for (int label : new int[] {0, 1, 2, 5, 255}) {
            assertEquals(LabelLut.rgb(label), lut.getRGB(label) & 0xFFFFFF);
        }
        assertEquals(0.7, imp.getCalibration().pixelWidth, 0);
        assertEquals(2.5, imp.getCalibration().pixelDepth, 0);
        assertEquals(ImageJProperties.CONTENT_LABELS, imp.getProp(ImageJProperties.CONTENT));
    }

    @Test
    void labelRoundTripIsExactInLabelsGeometryAndMetadata() throws Exception {
        for (Geometry g : new Geometry[] {TestVolumes.axisAligned(), TestVolumes.oblique(), TestVolumes.sheared()}) {
            LabelVolume labels = TestVolumes.labels(g);
            LabelVolume back = ImagePlusLabels.toLabelVolume(ImagePlusLabels.toImagePlus(labels));
            assertArrayEquals(labels.toByteArray(), back.toByteArray());
            assertEquals(g, back.geometry());
            assertEquals(labels.metadata(), back.metadata());
        }
    }

    @Test
    void plainEightBitImageIsReadAsLabelsOnItsCalibration() throws Exception {
        ByteProcessor bp = new ByteProcessor(3, 2);
        bp.set(2, 1, 7);
        ImagePlus imp = new ImagePlus("mask", bp);
        imp.getCalibration().pixelWidth = 0.5;
        imp.getCalibration().pixelHeight = 0.5;
        imp.getCalibration().setUnit("mm");
        LabelVolume labels = ImagePlusLabels.toLabelVolume(imp);
        assertEquals(7, labels.get(0, 1, 2));
        assertEquals(1, labels.count(7));
        assertArrayEquals(new double[] {0.5, 0.5, 1}, labels.geometry().spacing(), 0);
    }

    @Test
    void multiChannelImageIsRefusedAsLabelsNamingChannels() {
        ij.ImageStack stack = new ij.ImageStack(3, 2);
        stack.addSlice(new ByteProcessor(3, 2));
        stack.addSlice(new ByteProcessor(3, 2));
        ImagePlus imp = new ImagePlus("two", stack);
        imp.setDimensions(2, 1, 1);
        ImageJInteropException e = assertThrows(ImageJInteropException.class,
                () -> ImagePlusLabels.toLabelVolume(imp));
        assertTrue(e.getMessage().contains("labels need one channel, this image has 2"), e.getMessage());
    }

    @Test
    void sixteenBitImageIsRefusedAsLabelsNamingItsDepth() {
        ImagePlus imp = new ImagePlus("ct", new ShortProcessor(3, 2));
        ImageJInteropException e = assertThrows(ImageJInteropException.class,
                () -> ImagePlusLabels.toLabelVolume(imp));
        assertTrue(e.getMessage().contains("labels need an 8-bit image, this one is 16-bit"), e.getMessage());
        assertTrue(e.getMessage().startsWith("ImagePlus \"ct\""), e.getMessage());
    }
}
