package org.medimg4j.dicom.codec;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Small lossless JPEG 2000 codestreams made in the test with JJ2000's encoder (jai-imageio's J2KImageWriter), so
 * that bad-input tests need no corpus and know the exact values. Patterns are analytic: value = f(x, y, c).
 */
final class J2kTestImages {

    private J2kTestImages() {
    }

    /** A 16-bit grey pattern value at (x, y), using the full 16 bits. */
    static int gray16(int x, int y) {
        return (x * 1031 + y * 7919 + x * y * 13) & 0xFFFF;
    }

    /** An 8-bit colour pattern value at (x, y) for component c. */
    static int rgb8(int x, int y, int c) {
        return (x * (3 + c) + y * (5 + 2 * c) + c * 60) & 0xFF;
    }

    /** @return a lossless codestream of a {@code columns} × {@code rows} 16-bit grey image, tiled if tile > 0 */
    static byte[] gray16Codestream(int columns, int rows, int tile) {
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = image.getRaster();
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                r.setSample(x, y, 0, gray16(x, y));
            }
        }
        return encode(image, tile, false);
    }

    /** @return a lossless codestream of a {@code columns} × {@code rows} 8-bit RGB image, through the RCT */
    static byte[] rgb8Codestream(int columns, int rows, int tile) {
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster r = image.getRaster();
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                for (int c = 0; c < 3; c++) {
                    r.setSample(x, y, c, rgb8(x, y, c));
                }
            }
        }
        return encode(image, tile, true);
    }

    private static byte[] encode(BufferedImage image, int tile, boolean componentTransform) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg2000");
        ImageWriter writer = null;
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (w.getDefaultWriteParam() instanceof J2KImageWriteParam) {
                writer = w;
            }
        }
        if (writer == null) {
            throw new IllegalStateException("jai-imageio's JPEG 2000 writer is not registered");
        }
        J2KImageWriteParam param = (J2KImageWriteParam) writer.getDefaultWriteParam();
        param.setLossless(true);
        param.setWriteCodeStreamOnly(true);
        param.setComponentTransformation(componentTransform);
        param.setNumDecompositionLevels(3);
        if (tile > 0) {
            param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
            param.setTiling(tile, tile, 0, 0);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
