package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Cross-checks the decoder against the JDK's ImageIO JPEG reader (native libjpeg, islow IDCT, fancy upsampling)
 * on streams the JDK's writer makes with sampling factors, restart intervals, sizes and qualities the corpus does
 * not have. Both decoders see the same bytes, so the values must agree exactly: without colour transform against
 * the reader's raster, with YCbCr→RGB against its converted image.
 */
class JpegBaselineDecoderImageIoTest {

    private static final JpegBaselineDecoder DECODER = new JpegBaselineDecoder();
    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    /** Luma factors, chroma factors, width, height, restart interval, quality. */
    static Stream<Arguments> colourCases() {
        int[][][] factors = {
            {{1, 1}, {1, 1}}, {{2, 1}, {1, 1}}, {{1, 2}, {1, 1}}, {{2, 2}, {1, 1}}, {{4, 1}, {1, 1}},
            {{1, 4}, {1, 1}}, {{4, 2}, {1, 1}}, {{2, 4}, {1, 1}}, {{3, 1}, {1, 1}}, {{3, 2}, {1, 1}},
            {{1, 3}, {1, 1}}, {{4, 1}, {2, 1}}, {{2, 2}, {1, 2}}, {{2, 2}, {2, 1}}, {{1, 1}, {2, 2}},
        };
        int[][] sizes = {{1, 1}, {2, 3}, {3, 2}, {5, 7}, {17, 9}, {37, 23}, {64, 64}, {100, 61}};
        Stream.Builder<Arguments> b = Stream.builder();
        int i = 0;
        for (int[][] f : factors) {
            for (int[] s : sizes) {
                int restart = i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 5;
                float quality = i % 4 == 0 ? 1.0f : i % 4 == 1 ? 0.9f : i % 4 == 2 ? 0.5f : 0.1f;
                b.add(Arguments.of(f[0][0], f[0][1], f[1][0], f[1][1], s[0], s[1], restart, quality));
                i++;
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "Y {0}x{1}, C {2}x{3}, {4}x{5} px, DRI {6}, q {7}")
    @MethodSource("colourCases")
    void colourStreamsEqualLibjpegExactly(int yh, int yv, int ch, int cv, int width, int height, int restart,
                                          float quality) throws IOException {
        BufferedImage img = pattern(width, height, BufferedImage.TYPE_3BYTE_BGR, 31L * width + height);
        byte[] jpeg = encode(img, new int[][] {{yh, yv}, {ch, cv}, {ch, cv}}, restart, quality);

        int hMax = Math.max(yh, ch);
        int vMax = Math.max(yv, cv);
        boolean lumaH1v2 = hMax == yh && vMax == 2 * yv;
        boolean chromaH1v2 = hMax == ch && vMax == 2 * cv;
        // no colour transform (Photometric RGB): the raster, upsampled but not converted
        int[] raw = decode(jpeg, width, height, 3, "RGB");
        int[] expected = jdkRaster(jpeg);
        if (!lumaH1v2 && !chromaH1v2) {
            assertArrayEquals(expected, raw);
            // YBR_FULL_422: YCbCr→RGB as libjpeg does it, which the JDK applies for a JFIF stream
            assertArrayEquals(jdkRgb(jpeg), decode(jpeg, width, height, 3, "YBR_FULL_422"));
        } else {
            // Vertical-only 2:1: libjpeg 6b (DCMTK, the corpus reference) replicates rows, while the JDK here links
            // libjpeg-turbo, which filters them (its h1v2_fancy_upsample). Compare what both do alike and check
            // that the 6b rule holds: rows of the subsampled component come in equal pairs.
            for (int c = 0; c < 3; c++) {
                boolean h1v2 = c == 0 ? lumaH1v2 : chromaH1v2;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int i = (y * width + x) * 3 + c;
                        if (!h1v2) {
                            assertEquals(expected[i], raw[i], "component " + c + " at " + x + "," + y);
                        } else if ((y & 1) == 1) {
                            assertEquals(raw[i - 3 * width], raw[i], "component " + c + " rows replicated");
                        }
                    }
                }
            }
        }
    }

    static Stream<Arguments> greyCases() {
        return Stream.of(Arguments.of(1, 1, 1, 1, 0, 0.9f), Arguments.of(2, 2, 15, 9, 0, 0.9f),
                Arguments.of(1, 1, 512, 64, 7, 1.0f), Arguments.of(2, 1, 33, 65, 2, 0.3f),
                Arguments.of(1, 1, 8, 8, 1, 0.75f), Arguments.of(4, 4, 131, 37, 3, 0.95f),
                Arguments.of(1, 3, 70, 70, 0, 0.05f));
    }

    @ParameterizedTest(name = "grey factors {0}x{1}, {2}x{3} px, DRI {4}, q {5}")
    @MethodSource("greyCases")
    void greyStreamsEqualLibjpegExactly(int h, int v, int width, int height, int restart, float quality)
            throws IOException {
        BufferedImage img = pattern(width, height, BufferedImage.TYPE_BYTE_GRAY, 7L * width + height);
        byte[] jpeg = encode(img, new int[][] {{h, v}}, restart, quality);
        assertArrayEquals(jdkRaster(jpeg), decode(jpeg, width, height, 1, "MONOCHROME2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bufferKinds")
    void eightBitSamplesFitEveryBufferKind(String kind) throws IOException {
        BufferedImage img = pattern(20, 12, BufferedImage.TYPE_3BYTE_BGR, 5);
        byte[] jpeg = encode(img, new int[][] {{2, 2}, {1, 1}, {1, 1}}, 0, 0.8f);
        FrameInfo info = new FrameInfo(12, 20, 3, kind.equals("BYTES") ? 8 : kind.equals("SHORTS") ? 16 : 32, 8,
                false, 0, "YBR_FULL");
        SampleBuffer out = switch (kind) {
            case "BYTES" -> SampleBuffer.of(new byte[720 + 5], 5);
            case "SHORTS" -> SampleBuffer.of(new short[720 + 5], 5);
            default -> SampleBuffer.of(new int[720 + 5], 5);
        };
        DECODER.decode(ByteBuffer.wrap(jpeg), info, out);
        int[] expected = jdkRgb(jpeg);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out.get(i), "sample " + i);
        }
    }

    static Stream<String> bufferKinds() {
        return Stream.of("BYTES", "SHORTS", "INTS");
    }

    /** A smooth gradient with seeded noise and a sharp edge: small and large coefficients both occur. */
    static BufferedImage pattern(int width, int height, int type, long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, type);
        var r = img.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int b = 0; b < r.getNumBands(); b++) {
                    int v = (x * 255 / Math.max(1, width - 1) + y * (b + 1) * 7 + rnd.nextInt(40)
                            + (x > width / 2 ? 90 : 0)) % 256;
                    r.setSample(x, y, b, v);
                }
            }
        }
        return img;
    }

    /** Encodes with the JDK's writer, with the given sampling factors per component and restart interval. */
    static byte[] encode(BufferedImage img, int[][] factors, int restart, float quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            IIOMetadata md = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
            IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(FORMAT);
            NodeList specs = root.getElementsByTagName("componentSpec");
            assertEquals(factors.length, specs.getLength());
            for (int i = 0; i < factors.length; i++) {
                ((Element) specs.item(i)).setAttribute("HsamplingFactor", Integer.toString(factors[i][0]));
                ((Element) specs.item(i)).setAttribute("VsamplingFactor", Integer.toString(factors[i][1]));
            }
            if (restart > 0) {
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restart));
                root.getElementsByTagName("markerSequence").item(0)
                        .insertBefore(dri, root.getElementsByTagName("sof").item(0));
            }
            md.setFromTree(FORMAT, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                w.setOutput(out);
                w.write(null, new IIOImage(img, null, md), p);
            }
            byte[] jpeg = bytes.toByteArray();
            assertTrue(restart == 0 || hasRestartMarker(jpeg) || img.getWidth() * img.getHeight() <= 64 * 16,
                    "restart markers written");
            return jpeg;
        } finally {
            w.dispose();
        }
    }

    private static boolean hasRestartMarker(byte[] jpeg) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if (jpeg[i] == (byte) 0xFF && (jpeg[i + 1] & 0xF8) == 0xD0) {
                return true;
            }
        }
        return false;
    }

    static int[] decode(byte[] jpeg, int width, int height, int samples, String photometric) throws IOException {
        FrameInfo info = new FrameInfo(height, width, samples, 8, 8, false, 0, photometric);
        SampleBuffer out = SampleBuffer.allocate(info);
        DECODER.decode(ByteBuffer.wrap(jpeg), info, out);
        int[] v = new int[(int) info.samples()];
        for (int i = 0; i < v.length; i++) {
            v[i] = out.get(i);
        }
        return v;
    }

    private static int[] jdkRaster(byte[] jpeg) throws IOException {
        ImageReader r = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            r.setInput(in);
            Raster raster = r.readRaster(0, null);
            return raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
        } finally {
            r.dispose();
        }
    }

    private static int[] jdkRgb(byte[] jpeg) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        int w = img.getWidth();
        int h = img.getHeight();
        int[] v = new int[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int i = (y * w + x) * 3;
                v[i] = rgb >> 16 & 0xFF;
                v[i + 1] = rgb >> 8 & 0xFF;
                v[i + 2] = rgb & 0xFF;
            }
        }
        return v;
    }
}
