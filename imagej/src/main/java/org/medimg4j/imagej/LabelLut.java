package org.medimg4j.imagej;

import ij.process.LUT;
import java.awt.Color;

/**
 * The colour table an 8-bit label image is shown with in ImageJ: label 0 (background) black, labels 1..255 each
 * in its own bright colour. Hues step by the golden ratio of a turn, so that neighbouring label numbers (the usual
 * case: 1, 2, 3 for a few organs) get clearly different colours; saturation and brightness alternate so that
 * labels far apart in number but close in hue still differ. Every one of the 256 entries is distinct.
 */
public final class LabelLut {

    /** A turn divided by the golden ratio: the hue step that spreads any run of labels most evenly. */
    private static final double GOLDEN_TURN = 0.6180339887498949;

    private LabelLut() {
    }

    /** @return the label colour table, 256 entries; display range 0..255 keeps label ↔ entry one to one */
    public static LUT create() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int label = 1; label < 256; label++) {
            int rgb = rgb(label);
            r[label] = (byte) (rgb >> 16);
            g[label] = (byte) (rgb >> 8);
            b[label] = (byte) rgb;
        }
        LUT lut = new LUT(r, g, b);
        lut.min = 0;
        lut.max = 255;
        return lut;
    }

    /**
     * @param label 0..255
     * @return the colour of {@code label} as 0xRRGGBB; 0 (black) for label 0
     * @throws IllegalArgumentException naming the label, outside 0..255
     */
    public static int rgb(int label) {
        if (label < 0 || label > 255) {
            throw new IllegalArgumentException("label must be 0..255, got " + label);
        }
        if (label == 0) {
            return 0;
        }
        double turns = (label - 1) * GOLDEN_TURN;
        float hue = (float) (turns - Math.floor(turns));
        float saturation = (label & 1) == 1 ? 1f : 0.7f;
        float brightness = (label & 2) == 0 ? 1f : 0.8f;
        return Color.HSBtoRGB(hue, saturation, brightness) & 0xFFFFFF;
    }
}
