package org.medimg4j.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import java.lang.reflect.Array;

/**
 * The validated shape of an {@link ImagePlus} about to become a volume: width × height pixels, channels × slices
 * images in ImageJ's stack order (channel fastest, then slice), one time point, all of one grayscale type.
 *
 * @param width    pixels per row (nx)
 * @param height   rows (ny)
 * @param channels channels (c)
 * @param slices   slices (nz)
 * @param bitDepth 8, 16 or 32
 * @param stack    the images
 */
record StackLayout(int width, int height, int channels, int slices, int bitDepth, ImageStack stack) {

    /**
     * @return the layout of {@code imp}
     * @throws ImageJInteropException naming the type or dimension, for an RGB image, a time series or a stack
     *                                whose size is not channels × slices
     */
    static StackLayout of(ImagePlus imp, String source) throws ImageJInteropException {
        int bitDepth = imp.getBitDepth();
        if (bitDepth == 24) {
            throw new ImageJInteropException(source, "type RGB (24-bit colour) is not supported; convert it to"
                    + " 8-bit, 16-bit or 32-bit grayscale in ImageJ first");
        }
        if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32) {
            throw new ImageJInteropException(source, "bit depth " + bitDepth + " is not supported (8, 16 or 32)");
        }
        int width = imp.getWidth();
        int height = imp.getHeight();
        int channels = imp.getNChannels();
        int slices = imp.getNSlices();
        int frames = imp.getNFrames();
        if (frames != 1) {
            throw new ImageJInteropException(source, "has " + frames + " frames (time points); a volume holds one:"
                    + " split the time series in ImageJ (Image › Stacks › Tools) or re-order its dimensions");
        }
        ImageStack stack = imp.getStack();
        if (stack == null || stack.getSize() != channels * slices) {
            throw new ImageJInteropException(source, "stack size " + (stack == null ? 0 : stack.getSize())
                    + " is not channels x slices = " + channels + " x " + slices);
        }
        if (stack.getWidth() != width || stack.getHeight() != height) {
            throw new ImageJInteropException(source, "stack images are " + stack.getWidth() + "x" + stack.getHeight()
                    + " but the image is " + width + "x" + height);
        }
        long voxels = (long) width * height * channels * slices;
        if (voxels > Integer.MAX_VALUE - 8) {
            throw new ImageJInteropException(source, width + "x" + height + "x" + slices + " pixels x " + channels
                    + " channel(s) exceed a Java buffer's 2^31 elements");
        }
        return new StackLayout(width, height, channels, slices, bitDepth, stack);
    }

    /**
     * @param c channel, from 0
     * @param z slice, from 0
     * @return the pixels of that image (a virtual stack reads it now)
     * @throws ImageJInteropException naming the image, if its pixels are not of the image's type or not
     *                                width × height of them (an ImageStack does not stop a caller storing such)
     */
    Object pixels(int c, int z, String source) throws ImageJInteropException {
        int n = z * channels + c + 1;
        Object pixels = stack.getPixels(n);
        Class<?> expected = switch (bitDepth) {
            case 8 -> byte[].class;
            case 16 -> short[].class;
            default -> float[].class;
        };
        int plane = width * height;
        if (pixels == null || pixels.getClass() != expected) {
            throw new ImageJInteropException(source, "stack image " + n + " holds "
                    + (pixels == null ? "no pixels" : pixels.getClass().getSimpleName()) + ", expected "
                    + expected.getSimpleName() + " like the rest of the image");
        }
        int length = Array.getLength(pixels);
        if (length != plane) {
            throw new ImageJInteropException(source, "stack image " + n + " holds " + length
                    + " pixels, expected width x height = " + plane);
        }
        return pixels;
    }
}
