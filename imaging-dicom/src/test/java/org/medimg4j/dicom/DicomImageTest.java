package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.codec.FrameDecoders;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.pixel.DicomImage;
import org.medimg4j.dicom.pixel.Monochrome1;
import org.medimg4j.dicom.pixel.PaletteColorLut;

/**
 * {@link DicomImage} on data sets written for the purpose: the Image Pixel checks and every other bad-input rule
 * (a {@link DicomException} naming the file and the tag, before anything large is allocated), decoding into a
 * caller's array, and the display helpers {@link PaletteColorLut} and {@link Monochrome1}.
 */
class DicomImageTest {

    /** A native explicit VR little endian image: rows x columns, 16-bit signed, {@code frames} frames of v = i. */
    private static DicomBytes image(int rows, int columns, String frames, Consumer<DicomBytes> extra) {
        DicomBytes d = DicomBytes.explicitLe()
                .us(Tag.SamplesPerPixel, 1).text(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        if (frames != null) {
            d.text(Tag.NumberOfFrames, VR.IS, frames);
        }
        if (rows >= 0) {
            d.us(Tag.Rows, rows);
        }
        d.us(Tag.Columns, columns).us(Tag.BitsAllocated, 16).us(Tag.BitsStored, 12).us(Tag.HighBit, 11)
                .us(Tag.PixelRepresentation, 1);
        extra.accept(d);
        return d;
    }

    private static byte[] nativeFile(DicomBytes header, int pixelBytes) {
        ByteBuffer px = ByteBuffer.allocate(pixelBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < pixelBytes / 2; i++) {
            px.putShort((short) (i | 0xF000)); // junk above Bits Stored
        }
        header.element(Tag.PixelData, VR.OW, px.array());
        return DicomBytes.part10("1.2.840.10008.1.2.1", header.bytes());
    }

    private static DicomException refused(byte[] file) {
        return assertThrows(DicomException.class, () -> DicomImage.of(DicomBytes.read(file)));
    }

    private static void assertNames(DicomException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "\"" + p + "\" not in: " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("test.dcm: "), e.getMessage());
    }

    @Test
    void decodesStoredValuesIntoACallersArrayAtAnOffset() throws Exception {
        DicomImage image = DicomImage.of(DicomBytes.read(nativeFile(image(2, 3, "2", d -> { }), 24)));
        assertEquals(2, image.frameCount());
        assertEquals("MONOCHROME2", image.decodedPhotometric());
        assertTrue(image.isDecodable());
        short[] array = new short[10];
        image.decodeFrame(1, SampleBuffer.of(array, 4));
        // frame 1 holds i = 6..11 with junk in bits 12-15: masked to 12 bits, then signed (bit 11 clear)
        assertArrayEquals(new short[] {0, 0, 0, 0, 6, 7, 8, 9, 10, 11}, array);
        assertEquals(1, image.decodeFrame(0).get(1));
    }

    @Test
    void eightBitSamplesInBigEndianOwSwapWithTheirWordPartnerAtOddFrameOffsets() throws Exception {
        // 3 frames of 1 x 3 8-bit samples s = 10..18 in OW words, big endian: bytes s1 s0 s3 s2 ... pad s8.
        byte[] ow = {11, 10, 13, 12, 15, 14, 17, 16, 0, 18};
        DicomBytes d = DicomBytes.explicitBe().us(Tag.SamplesPerPixel, 1)
                .text(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2").text(Tag.NumberOfFrames, VR.IS, "3")
                .us(Tag.Rows, 1).us(Tag.Columns, 3).us(Tag.BitsAllocated, 8).us(Tag.BitsStored, 8)
                .us(Tag.PixelRepresentation, 0).element(Tag.PixelData, VR.OW, ow);
        DicomImage image = DicomImage.of(DicomBytes.read(DicomBytes.part10("1.2.840.10008.1.2.2", d.bytes())));
        for (int f = 0; f < 3; f++) {
            SampleBuffer b = image.decodeFrame(f);
            assertEquals(List.of(10 + 3 * f, 11 + 3 * f, 12 + 3 * f), List.of(b.get(0), b.get(1), b.get(2)),
                    "frame " + f + " (starts at byte " + 3 * f + ")");
        }
    }

    @Test
    void imagePixelAttributesOutOfRangeNameTheirTag() {
        assertNames(refused(nativeFile(image(-1, 3, null, d -> { }), 12)), "(0028,0010) Rows", "absent");
        assertNames(refused(nativeFile(image(0, 3, null, d -> { }), 12)), "offset ", "(0028,0010) Rows is 0");
        assertNames(refused(nativeFile(image(2, 0, null, d -> { }), 12)), "(0028,0011) Columns is 0");
        assertNames(refused(nativeFile(image(2, 3, "1A", d -> { }), 12)), "(0028,0008) NumberOfFrames", "1A");
        byte[] bits12 = nativeFile(DicomBytes.explicitLe().us(Tag.Rows, 2).us(Tag.Columns, 3)
                .us(Tag.BitsAllocated, 12), 12);
        assertNames(refused(bits12), "(0028,0100) BitsAllocated is 12, expected 1, 8, 16 or 32");
        byte[] stored17 = nativeFile(DicomBytes.explicitLe().us(Tag.Rows, 2).us(Tag.Columns, 3)
                .us(Tag.BitsAllocated, 16).us(Tag.BitsStored, 17), 12);
        assertNames(refused(stored17), "(0028,0101) BitsStored is 17");
        byte[] samples2 = nativeFile(DicomBytes.explicitLe().us(Tag.SamplesPerPixel, 2).us(Tag.Rows, 2)
                .us(Tag.Columns, 3).us(Tag.BitsAllocated, 16), 24);
        assertNames(refused(samples2), "(0028,0002) SamplesPerPixel is 2, expected 1 or 3");
        byte[] sign2 = nativeFile(DicomBytes.explicitLe().us(Tag.Rows, 2).us(Tag.Columns, 3)
                .us(Tag.BitsAllocated, 16).us(Tag.PixelRepresentation, 2), 12);
        assertNames(refused(sign2), "(0028,0103) PixelRepresentation is 2");
    }

    @Test
    void pixelDataShorterThanTheFramesIsRefused() {
        DicomException e = refused(nativeFile(image(2, 3, "3", d -> { }), 24));
        assertNames(e, "(7FE0,0010) PixelData: 24 bytes", "Number of Frames 3 needs 36");
    }

    @Test
    void absurdDimensionsFailBeforeAnyAllocation() {
        // 65535 x 65535 is more samples than one Java array holds: refused from the header alone.
        assertNames(refused(nativeFile(image(65535, 65535, "100000", d -> { }), 64)),
                "(0028,0010) Rows 65535", "more than one array holds");
        // A frame that fits, but 2^31 - 1 of them in 64 bytes.
        assertNames(refused(nativeFile(image(4096, 4096, "2147483647", d -> { }), 64)), "needs 72057594004373504");
    }

    @Test
    void missingPixelDataAndMetadataOnlyReadsAreRefused() throws Exception {
        byte[] noPixels = DicomBytes.part10("1.2.840.10008.1.2.1", image(2, 3, null, d -> { }).bytes());
        assertNames(refused(noPixels), "no (7FE0,0010) PixelData");
        DicomFile metadataOnly = DicomBytes.read(nativeFile(image(2, 3, null, d -> { }), 12),
                ReadOptions.metadataOnly());
        assertNames(assertThrows(DicomException.class, () -> DicomImage.of(metadataOnly)), "metadata-only");
    }

    /** Encapsulated Pixel Data holding {@code fragments}, with an empty Basic Offset Table. */
    private static byte[] encapsulated(String syntax, String frames, byte[]... fragments) {
        DicomBytes items = DicomBytes.explicitLe().tag(0xFFFEE000).u32(0);
        for (byte[] f : fragments) {
            items.tag(0xFFFEE000).u32(f.length).raw(f);
        }
        items.tag(0xFFFEE0DD).u32(0);
        DicomBytes d = DicomBytes.explicitLe().us(Tag.SamplesPerPixel, 1)
                .text(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2").text(Tag.NumberOfFrames, VR.IS, frames)
                .us(Tag.Rows, 2).us(Tag.Columns, 2).us(Tag.BitsAllocated, 8).us(Tag.BitsStored, 8)
                .us(Tag.PixelRepresentation, 0);
        d.header(Tag.PixelData, VR.OB, DicomBytes.UNDEFINED).raw(items.bytes());
        return DicomBytes.part10(syntax, d.bytes());
    }

    /** A valid RLE frame of 2 x 2 8-bit samples: header (1 segment at 64), then a literal run of 4 bytes. */
    private static byte[] rleFrame(int a, int b, int c, int d) {
        ByteBuffer f = ByteBuffer.allocate(70).order(ByteOrder.LITTLE_ENDIAN);
        f.putInt(0, 1).putInt(4, 64);
        f.put(64, (byte) 3).put(65, (byte) a).put(66, (byte) b).put(67, (byte) c).put(68, (byte) d);
        return f.array();
    }

    @Test
    void encapsulatedFramesDecodeOneByOneAndCodecErrorsNameFileAndFrame() throws Exception {
        byte[] corrupt = rleFrame(1, 2, 3, 4);
        ByteBuffer.wrap(corrupt).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 15);
        DicomImage image = DicomImage.of(DicomBytes.read(encapsulated("1.2.840.10008.1.2.5", "2",
                rleFrame(9, 8, 7, 6), corrupt)));
        SampleBuffer f0 = image.decodeFrame(0);
        assertEquals(List.of(9, 8, 7, 6), List.of(f0.get(0), f0.get(1), f0.get(2), f0.get(3)));
        DicomException e = assertThrows(DicomException.class, () -> image.decodeFrame(1));
        assertNames(e, "(7FE0,0010) PixelData frame 1 of 2 (1.2.840.10008.1.2.5)");
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void transferSyntaxWithoutDecoderIsNamedByUid() throws Exception {
        DicomImage mpeg = DicomImage.of(DicomBytes.read(encapsulated("1.2.840.10008.1.2.4.100", "1",
                new byte[] {0, 0, 1, (byte) 0xB3})));
        assertFalse(mpeg.isDecodable());
        assertNames(assertThrows(DicomException.class, () -> mpeg.decodeFrame(0)), "1.2.840.10008.1.2.4.100",
                "no decoder");
        assertThrows(IllegalArgumentException.class,
                () -> FrameDecoders.standard().with(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, (f, i, o) -> { }));
    }

    @Test
    void encapsulatedDataWithoutFragmentsOrSplittableFramesIsRefused() throws Exception {
        assertNames(refused(encapsulated("1.2.840.10008.1.2.5", "1")), "(7FE0,0010) PixelData", "no fragments");
        // three frames declared, two fragments, no offset table and no JPEG markers to split them by
        DicomImage image = DicomImage.of(DicomBytes.read(encapsulated("1.2.840.10008.1.2.5", "3",
                rleFrame(1, 2, 3, 4), rleFrame(1, 2, 3, 4))));
        assertNames(assertThrows(DicomException.class, () -> image.decodeFrame(2)), "(7FE0,0010) PixelData",
                "Number of Frames is 3");
    }

    @Test
    void callerMistakesAreIllegalArguments() throws Exception {
        DicomImage image = DicomImage.of(DicomBytes.read(nativeFile(image(2, 3, "2", d -> { }), 24)));
        IndexOutOfBoundsException range = assertThrows(IndexOutOfBoundsException.class, () -> image.decodeFrame(2));
        assertTrue(range.getMessage().contains("frame 2 of 2"), range.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> image.decodeFrame(0, SampleBuffer.of(new byte[6], 0)));
        assertTrue(kind.getMessage().startsWith("out"), kind.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> image.decodeFrame(0, SampleBuffer.of(new short[8], 3)));
        assertTrue(small.getMessage().startsWith("out holds 5"), small.getMessage());
    }

    @Test
    void corpusMalformedPixelFilesAreDicomExceptionsNamingTheFile() throws Exception {
        Path dir = Corpus.file("malformed");
        List<String> lines = Files.readAllLines(dir.resolve("manifest.tsv"));
        int n = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (!f[1].equals("pixels")) {
                continue;
            }
            Path file = dir.resolve(f[0]);
            try (DicomFile dicom = DicomFile.read(file)) {
                DicomException e = assertThrows(DicomException.class, () -> {
                    DicomImage image = DicomImage.of(dicom);
                    for (int i = 0; i < image.frameCount(); i++) {
                        image.decodeFrame(i);
                    }
                }, f[0]);
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                assertFalse(e.getMessage().contains("codec failure"), "a codec missed a check: " + e.getMessage());
            }
            n++;
        }
        assertEquals(7, n);
    }

    @Test
    void paletteDescriptorsReadSignedFirstValuesAndClampOutOfRangeIndices() throws Exception {
        ByteBuffer red = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : new int[] {1000, 2000, 3000, 4000}) {
            red.putShort((short) v);
        }
        DicomBytes d = DicomBytes.explicitLe().us(Tag.PixelRepresentation, 1);
        for (int t : new int[] {Tag.RedPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableDescriptor,
            Tag.BluePaletteColorLookupTableDescriptor}) {
            d.us(t, 4, 0xFFFE, 16); // first mapped value -2, written as US
        }
        d.element(Tag.RedPaletteColorLookupTableData, VR.OW, red.array())
                .element(Tag.GreenPaletteColorLookupTableData, VR.OW, red.array())
                .element(Tag.BluePaletteColorLookupTableData, VR.OW, red.array());
        PaletteColorLut lut = PaletteColorLut.of(DicomBytes.read(DicomBytes.part10("1.2.840.10008.1.2.1",
                d.bytes())).dataSet());
        assertEquals(-2, lut.firstMappedValue());
        assertEquals(16, lut.outputBits());
        assertEquals(List.of(1000, 1000, 2000, 4000, 4000),
                List.of(lut.red(-100), lut.red(-2), lut.red(-1), lut.red(1), lut.red(30000)));
        FrameInfo indices = new FrameInfo(1, 3, 1, 16, 16, true, 0, "PALETTE COLOR");
        SampleBuffer rgb = lut.apply(indices, SampleBuffer.of(new short[] {-2, 0, 7}, 0));
        assertArrayEquals(new short[] {1000, 1000, 1000, 3000, 3000, 3000, 4000, 4000, 4000}, rgb.shorts());
    }

    @Test
    void paletteWithoutDataOrWithBadDescriptorIsRefusedNamingTheTag() throws Exception {
        DicomBytes noData = DicomBytes.explicitLe();
        DicomBytes badBits = DicomBytes.explicitLe();
        for (int t : new int[] {Tag.RedPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableDescriptor,
            Tag.BluePaletteColorLookupTableDescriptor}) {
            noData.us(t, 4, 0, 8);
            badBits.us(t, 4, 0, 12);
        }
        assertNames(assertThrows(DicomException.class, () -> PaletteColorLut.of(DicomBytes.read(
                DicomBytes.part10("1.2.840.10008.1.2.1", noData.bytes())).dataSet())),
                "(0028,1201) RedPaletteColorLookupTableData", "(0028,1221)");
        assertNames(assertThrows(DicomException.class, () -> PaletteColorLut.of(DicomBytes.read(
                DicomBytes.part10("1.2.840.10008.1.2.1", badBits.bytes())).dataSet())),
                "(0028,1101) RedPaletteColorLookupTableDescriptor", "bits per entry 12");
    }

    @Test
    void monochrome1InvertsOverTheBitsStoredRange() {
        FrameInfo u12 = new FrameInfo(1, 3, 1, 16, 12, false, 0, "MONOCHROME1");
        SampleBuffer u = SampleBuffer.of(new short[] {0, 100, 4095}, 0);
        FrameInfo after = Monochrome1.toMonochrome2(u12, u);
        assertEquals("MONOCHROME2", after.photometric());
        assertArrayEquals(new short[] {4095, 3995, 0}, u.shorts());
        FrameInfo s8 = new FrameInfo(1, 3, 1, 8, 8, true, 0, "MONOCHROME1");
        SampleBuffer s = SampleBuffer.of(new byte[] {-128, 0, 127}, 0);
        Monochrome1.invert(s8, s);
        assertArrayEquals(new byte[] {127, -1, -128}, s.bytes());
        FrameInfo mono2 = new FrameInfo(1, 3, 1, 8, 8, false, 0, "MONOCHROME2");
        SampleBuffer m = SampleBuffer.of(new byte[] {1, 2, 3}, 0);
        assertEquals(mono2, Monochrome1.toMonochrome2(mono2, m));
        assertArrayEquals(new byte[] {1, 2, 3}, m.bytes(), "MONOCHROME2 is left alone");
    }
}
