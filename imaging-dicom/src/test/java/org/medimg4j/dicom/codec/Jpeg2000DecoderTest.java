package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.DicomException;

/**
 * {@link Jpeg2000Decoder} against the conformance corpus (every .90/.91 row, exact or within tolerance) and on
 * synthetic codestreams made by {@link J2kTestImages}, intact and damaged.
 */
class Jpeg2000DecoderTest {

    private static final Jpeg2000Decoder DECODER = new Jpeg2000Decoder();
    private static final FrameInfo GRAY16_48X40 = new FrameInfo(40, 48, 1, 16, 16, false, 0, "MONOCHROME2");
    private static final FrameInfo RGB8_40X24 = new FrameInfo(24, 40, 3, 8, 8, false, 0, "YBR_RCT");

    @TestFactory
    List<DynamicTest> decodesEveryCorpusJpeg2000RowWithinItsTolerance() throws IOException {
        List<CorpusFrames.Row> rows = CorpusFrames.rows(ts -> ts.endsWith(".4.90") || ts.endsWith(".4.91"));
        // 10 lossless-only (.90) and 8 .91 rows with pixel data; a shrinking manifest must not pass unnoticed.
        assertTrue(rows.size() >= 18, "JPEG 2000 rows in the manifest: " + rows.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (CorpusFrames.Row row : rows) {
            tests.add(dynamicTest(row.name(), () -> assertNull(CorpusFrames.check(row, DECODER))));
        }
        return tests;
    }

    @Test
    void decodesYbrRctInJp2WrapperWithMiscountedTileParts() throws IOException {
        CorpusFrames.Row row = corpusRow("pydicom/GDCMJ2K_TextGBR.dcm");
        assertEquals("YBR_RCT", row.photometric());
        assertEquals("RGB", row.decodedPhotometric());
        byte[] frame = bytes(CorpusFrames.frames(row.file(), 1).get(0));
        J2kFileFormat.Span span = J2kFileFormat.locate(frame, 0, frame.length);
        assertTrue(span.start() > 0, "the codestream sits inside a JP2 jp2c box");
        J2kCodestream cs = J2kCodestream.scan(frame, span, 0);
        assertEquals(16, cs.tiles());
        assertEquals(1, cs.multipleComponentTransform());
        assertTrue(cs.tilePartCountsWrong(), "GDCM wrote TNsot 5 for tiles of 6 tile-parts");
        assertNull(CorpusFrames.check(row, DECODER));
    }

    @Test
    void decodesUnsignedStreamForSignedDataSet() throws IOException {
        CorpusFrames.Row row = corpusRow("pydicom/J2K_pixelrep_mismatch.dcm");
        byte[] frame = bytes(CorpusFrames.frames(row.file(), 1).get(0));
        J2kCodestream cs = J2kCodestream.scan(frame, J2kFileFormat.locate(frame, 0, frame.length), 0);
        assertTrue(row.info().signed());
        assertFalse(cs.signed(0), "the stream carries the values as unsigned");
        assertNull(CorpusFrames.check(row, DECODER));
    }

    @Test
    void refusesMarkerCodesInsidePacketData() throws IOException {
        // FF FF inside packet data hangs JJ2000's packet-header reader (jai-imageio-jpeg2000 1.4.0): the guard in
        // J2kCodestream must refuse it before decoding, quickly
        CorpusFrames.Row row = corpusRow("pydicom/J2K_pixelrep_mismatch.dcm");
        byte[] frame = bytes(CorpusFrames.frames(row.file(), 1).get(0));
        int sod = -1;
        for (int i = 0; i + 1 < frame.length; i++) {
            if ((frame[i] & 0xFF) == 0xFF && (frame[i + 1] & 0xFF) == 0x93) {
                sod = i;
                break;
            }
        }
        assertTrue(sod > 0, "the test frame has an SOD marker");
        frame[sod + 40] = (byte) 0xFF;
        frame[sod + 41] = (byte) 0xFF;
        FrameInfo info = row.info();
        DicomException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> assertThrows(DicomException.class,
                        () -> DECODER.decode(ByteBuffer.wrap(frame), info, SampleBuffer.allocate(info))),
                "a hang here means the guard let the pair through to JJ2000");
        assertTrue(e.getMessage().contains("FF FF"), e.getMessage());
    }

    @Test
    void rejectsCorruptCodestreamOfEmbeddedSequenceDelimiterFile() throws IOException {
        java.nio.file.Path file = Corpus.root().resolve("files/pydicom/JPEG2000-embedded-sequence-delimiter.dcm");
        ByteBuffer frame = CorpusFrames.frames(file, 1).get(0);
        FrameInfo info = new FrameInfo(1024, 256, 1, 16, 16, true, 0, "MONOCHROME2");
        DicomException e = assertThrows(DicomException.class,
                () -> DECODER.decode(frame, info, SampleBuffer.allocate(info)));
        assertTrue(e.getMessage().startsWith("JPEG 2000: offset "), e.getMessage());
    }

    @Test
    void decodesTiledGrayExactly() throws DicomException {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 16);
        assertGray(decode(cs, GRAY16_48X40), 48, 40);
    }

    @Test
    void decodesTiledRgbThroughInverseRctExactly() throws DicomException {
        byte[] cs = J2kTestImages.rgb8Codestream(40, 24, 16);
        SampleBuffer out = decode(cs, RGB8_40X24);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 40; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(J2kTestImages.rgb8(x, y, c), out.get((y * 40 + x) * 3 + c), "(" + x + "," + y + ") c" + c);
                }
            }
        }
    }

    @Test
    void writesFromTheBufferOffsetAndReadsFromTheBufferPosition() throws DicomException {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 0);
        byte[] padded = new byte[cs.length + 7];
        System.arraycopy(cs, 0, padded, 5, cs.length);
        ByteBuffer in = ByteBuffer.wrap(padded, 5, cs.length);
        short[] array = new short[48 * 40 + 3];
        DECODER.decode(in, GRAY16_48X40, SampleBuffer.of(array, 3));
        assertEquals(0, array[0]);
        assertGray(SampleBuffer.of(array, 3), 48, 40);
        ByteBuffer direct = ByteBuffer.allocateDirect(cs.length).put(cs).flip();
        assertGray(decode(direct, GRAY16_48X40), 48, 40);
        assertGray(decode(ByteBuffer.wrap(cs).asReadOnlyBuffer(), GRAY16_48X40), 48, 40);
    }

    @Test
    void leavesTheFrameBytesUnchangedWhenRepairingTileParts() throws IOException {
        CorpusFrames.Row row = corpusRow("pydicom/GDCMJ2K_TextGBR.dcm");
        ByteBuffer frame = CorpusFrames.frames(row.file(), 1).get(0);
        byte[] before = bytes(frame.duplicate());
        DECODER.decode(frame.duplicate(), row.info(), SampleBuffer.allocate(row.info()));
        assertArrayEquals(before, bytes(frame.duplicate()));
    }

    @Test
    void decodesCodestreamWithoutEocExactly() throws DicomException {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 16);
        byte[] cut = Arrays.copyOf(cs, cs.length - 2);
        assertEquals(0xFFD9, J2kCodestream.u16(cs, cs.length - 2));
        assertGray(decode(cut, GRAY16_48X40), 48, 40);
        byte[] padded = Arrays.copyOf(cut, cut.length + 1);
        assertGray(decode(padded, GRAY16_48X40), 48, 40);
    }

    @Test
    void decodesLastTilePartWithPsotZero() throws DicomException {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 16);
        int lastSot = sotOffsets(cs).get(sotOffsets(cs).size() - 1);
        Arrays.fill(cs, lastSot + 6, lastSot + 10, (byte) 0);
        byte[] padded = Arrays.copyOf(cs, cs.length + 1); // a DICOM pad byte after EOC
        assertGray(decode(padded, GRAY16_48X40), 48, 40);
    }

    @Test
    void rejectsTruncatedCodestreams() {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 16);
        for (int length : new int[] {0, 1, 3, 20, 60, 112, cs.length / 2, cs.length - 3}) {
            byte[] cut = Arrays.copyOf(cs, length);
            DicomException e = assertThrows(DicomException.class, () -> decode(cut, GRAY16_48X40), "length " + length);
            assertTrue(e.getMessage().startsWith("JPEG 2000: "), e.getMessage());
            if (length >= 60) {
                assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            }
        }
    }

    @Test
    void rejectsLastTilePartWithPsotZeroButNoEoc() {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 0);
        int sot = sotOffsets(cs).get(0);
        Arrays.fill(cs, sot + 6, sot + 10, (byte) 0);
        byte[] cut = Arrays.copyOf(cs, cs.length - 40);
        DicomException e = assertThrows(DicomException.class, () -> decode(cut, GRAY16_48X40));
        assertTrue(e.getMessage().contains("Psot 0") && e.getMessage().contains("EOC"), e.getMessage());
    }

    @Test
    void rejectsTileWithFewerTilePartsThanTnsot() {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 16);
        int sot = sotOffsets(cs).get(4);
        cs[sot + 11] = 2; // tile 4 now claims two tile-parts but has one
        DicomException e = assertThrows(DicomException.class, () -> decode(cs, GRAY16_48X40));
        assertTrue(e.getMessage().contains("tile 4 has 1 of its 2 tile-parts"), e.getMessage());
    }

    @Test
    void rejectsSizThatDisagreesWithTheDataSet() {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 0);
        FrameInfo taller = new FrameInfo(41, 48, 1, 16, 16, false, 0, "MONOCHROME2");
        DicomException e = assertThrows(DicomException.class, () -> decode(cs, taller));
        assertTrue(e.getMessage().contains("SIZ says 48 × 40") && e.getMessage().contains("48 × 41"), e.getMessage());
        FrameInfo colour = new FrameInfo(40, 48, 3, 16, 16, false, 0, "RGB");
        e = assertThrows(DicomException.class, () -> decode(cs, colour));
        assertTrue(e.getMessage().contains("1 components but Samples per Pixel is 3"), e.getMessage());
        FrameInfo eightBit = new FrameInfo(40, 48, 1, 8, 8, false, 0, "MONOCHROME2");
        e = assertThrows(DicomException.class, () -> decode(cs, eightBit));
        assertTrue(e.getMessage().contains("16 bits, more than Bits Allocated 8"), e.getMessage());
        FrameInfo wide = new FrameInfo(40, 48, 1, 32, 32, false, 0, "MONOCHROME2");
        e = assertThrows(DicomException.class, () -> DECODER.decode(ByteBuffer.wrap(cs), wide, SampleBuffer.allocate(wide)));
        assertTrue(e.getMessage().contains("Bits Allocated 32 is not supported"), e.getMessage());
    }

    @Test
    void rejectsAbsurdSizBeforeAllocating() {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 0);
        // Xsiz = Ysiz = 65535 with 1 × 1 tiles: 4 billion tiles.
        byte[] huge = cs.clone();
        putInt(huge, 8, 65535);
        putInt(huge, 12, 65535);
        putInt(huge, 24, 1);
        putInt(huge, 28, 1);
        DicomException e = assertThrows(DicomException.class, () -> decode(huge, GRAY16_48X40));
        assertTrue(e.getMessage().contains("SIZ asks for 65535 × 65535 tiles"), e.getMessage());
        // Xsiz = Ysiz = 2^32 − 1 with 1 × 1 tiles: a tile count that overflows a long if multiplied unchecked.
        byte[] overflow = huge.clone();
        putInt(overflow, 8, -1);
        putInt(overflow, 12, -1);
        e = assertThrows(DicomException.class, () -> decode(overflow, GRAY16_48X40));
        assertTrue(e.getMessage().contains("SIZ asks for 4294967295 × 4294967295 tiles"), e.getMessage());
        // A plausible grid but 65535 × 65535 pixels: refused by the comparison with the data set.
        byte[] big = cs.clone();
        putInt(big, 8, 65535);
        putInt(big, 12, 65535);
        putInt(big, 24, 65535);
        putInt(big, 28, 65535);
        e = assertThrows(DicomException.class, () -> decode(big, GRAY16_48X40));
        assertTrue(e.getMessage().contains("SIZ says 65535 × 65535"), e.getMessage());
    }

    @Test
    void decodesPart1ProfilesThatJj2000Refuses() throws DicomException {
        for (int rsiz : new int[] {3, 4, 0x0106, 0x0400}) {
            byte[] cs = J2kTestImages.gray16Codestream(48, 40, 16);
            cs[6] = (byte) (rsiz >> 8);
            cs[7] = (byte) rsiz;
            byte[] before = cs.clone();
            assertGray(decode(cs, GRAY16_48X40), 48, 40);
            assertArrayEquals(before, cs, "the frame's bytes are not modified");
        }
    }

    @Test
    void rejectsPart2AndHighThroughputCapabilities() {
        for (int rsiz : new int[] {0x8000, 0x4000}) {
            byte[] cs = J2kTestImages.gray16Codestream(48, 40, 0);
            cs[6] = (byte) (rsiz >> 8);
            cs[7] = (byte) rsiz;
            DicomException e = assertThrows(DicomException.class, () -> decode(cs, GRAY16_48X40));
            assertTrue(e.getMessage().startsWith("JPEG 2000: offset 2: SIZ capabilities Rsiz "), e.getMessage());
            assertTrue(e.getMessage().contains(rsiz == 0x8000 ? "Part 2" : "High-Throughput"), e.getMessage());
        }
    }

    @Test
    void rejectsLayerCountThatWouldExhaustMemory() {
        // 65535 layers (legal) and 4 × 4 code-blocks: JJ2000 would keep 65535-long arrays for each included
        // code-block; on a 512 × 512 frame that is tens of gigabytes (an OutOfMemoryError, seen with -Xmx1g).
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 0);
        int cod = 2 + 2 + 41;
        assertEquals(0xFF52, J2kCodestream.u16(cs, cod));
        cs[cod + 6] = (byte) 0xFF;
        cs[cod + 7] = (byte) 0xFF;
        cs[cod + 10] = 0;
        cs[cod + 11] = 0;
        DicomException e = assertThrows(DicomException.class, () -> decode(cs, GRAY16_48X40));
        assertTrue(e.getMessage().startsWith("JPEG 2000: offset 0: 65535 quality layers with code-blocks of 16 samples"
                + " would need about 3"), e.getMessage());
    }

    @Test
    void rejectsHighThroughputCodestreams() {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 0);
        int afterSiz = 2 + 2 + 41;
        byte[] cap = {(byte) 0xFF, 0x50, 0, 8, 0, 2, 0, 0, 0, 0};
        byte[] ht = new byte[cs.length + cap.length];
        System.arraycopy(cs, 0, ht, 0, afterSiz);
        System.arraycopy(cap, 0, ht, afterSiz, cap.length);
        System.arraycopy(cs, afterSiz, ht, afterSiz + cap.length, cs.length - afterSiz);
        DicomException e = assertThrows(DicomException.class, () -> decode(ht, GRAY16_48X40));
        assertTrue(e.getMessage().contains("offset 45: CAP marker"), e.getMessage());
    }

    @Test
    void decodesCodestreamInJp2BoxesOfEveryLengthForm() throws DicomException {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 16);
        byte[] signature = {0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10, (byte) 0x87, 10};
        byte[] ftyp = {0, 0, 0, 20, 'f', 't', 'y', 'p', 'j', 'p', '2', ' ', 0, 0, 0, 0, 'j', 'p', '2', ' '};
        // LBox = length; LBox = 1 with an 8-byte XLBox; LBox = 0 (to the end of the file), followed by padding.
        for (int form = 0; form < 3; form++) {
            java.io.ByteArrayOutputStream jp2 = new java.io.ByteArrayOutputStream();
            jp2.writeBytes(signature);
            jp2.writeBytes(ftyp);
            byte[] header = switch (form) {
                case 0 -> new byte[] {0, 0, 0, 0, 'j', 'p', '2', 'c'};
                case 1 -> new byte[] {0, 0, 0, 1, 'j', 'p', '2', 'c', 0, 0, 0, 0, 0, 0, 0, 0};
                default -> new byte[] {0, 0, 0, 0, 'j', 'p', '2', 'c'};
            };
            if (form == 0) {
                putInt(header, 0, header.length + cs.length);
            } else if (form == 1) {
                putInt(header, 12, header.length + cs.length);
            }
            jp2.writeBytes(header);
            jp2.writeBytes(cs);
            if (form == 2) {
                jp2.write(0); // an odd-length fragment's pad byte
            }
            assertGray(decode(jp2.toByteArray(), GRAY16_48X40), 48, 40);
        }
    }

    @Test
    void rejectsFramesThatAreNotJpeg2000() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0};
        DicomException e = assertThrows(DicomException.class, () -> decode(jpeg, GRAY16_48X40));
        assertTrue(e.getMessage().contains("neither a codestream's SOC marker"), e.getMessage());
        byte[] jp2 = {0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10, (byte) 0x87, 10, 0, 0, 0x7F, 0, 'j', 'p', '2', 'c', 0};
        e = assertThrows(DicomException.class, () -> decode(jp2, GRAY16_48X40));
        assertTrue(e.getMessage().contains("offset 12: JP2 box 'jp2c' declares 32512 bytes but 9 remain"), e.getMessage());
    }

    @Test
    void mutatedCodestreamsGiveValuesOrDicomExceptionInBoundedTime() {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 16);
        byte[] rgb = J2kTestImages.rgb8Codestream(40, 24, 16);
        int[] rejected = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            java.util.Random random = new java.util.Random(20240611L);
            for (int i = 0; i < 300; i++) {
                boolean colour = i % 3 == 2;
                byte[] m = (colour ? rgb : cs).clone();
                // Half the mutations hit the headers (first 120 bytes), where JJ2000 takes its sizes from.
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int p = random.nextBoolean() ? random.nextInt(Math.min(120, m.length)) : random.nextInt(m.length);
                    m[p] = (byte) random.nextInt(256);
                }
                FrameInfo info = colour ? RGB8_40X24 : GRAY16_48X40;
                try {
                    DECODER.decode(ByteBuffer.wrap(m), info, SampleBuffer.allocate(info));
                } catch (DicomException e) {
                    assertTrue(e.getMessage().startsWith("JPEG 2000: "), e.getMessage());
                    rejected[0]++;
                }
            }
        });
        assertTrue(rejected[0] > 50, "mutations rejected: " + rejected[0]);
    }

    @Test
    void decodesConcurrentlyWithTheSameValues() throws Exception {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 16);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SampleBuffer>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> decode(cs, GRAY16_48X40)));
            }
            for (Future<SampleBuffer> r : results) {
                assertGray(r.get(), 48, 40);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsOutputBufferOfTheWrongWidth() {
        byte[] cs = J2kTestImages.gray16Codestream(48, 40, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DECODER.decode(ByteBuffer.wrap(cs), GRAY16_48X40, SampleBuffer.of(new byte[48 * 40], 0)));
        assertTrue(e.getMessage().contains("out is a BYTES buffer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DECODER.decode(ByteBuffer.wrap(cs), GRAY16_48X40, SampleBuffer.of(new short[48 * 40], 1)));
        assertTrue(e.getMessage().contains("out holds 1919 samples"), e.getMessage());
    }

    private static void assertGray(SampleBuffer out, int columns, int rows) {
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                assertEquals(J2kTestImages.gray16(x, y), out.get(y * columns + x), "(" + x + "," + y + ")");
            }
        }
    }

    private static SampleBuffer decode(byte[] codestream, FrameInfo info) throws DicomException {
        return decode(ByteBuffer.wrap(codestream), info);
    }

    private static SampleBuffer decode(ByteBuffer frame, FrameInfo info) throws DicomException {
        SampleBuffer out = SampleBuffer.allocate(info);
        DECODER.decode(frame, info, out);
        return out;
    }

    private static CorpusFrames.Row corpusRow(String name) throws IOException {
        return CorpusFrames.rows(ts -> true).stream().filter(r -> r.name().equals("files/" + name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the manifest"));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    /** @return the offsets of the SOT markers of a bare codestream, found by walking its marker segments */
    private static List<Integer> sotOffsets(byte[] cs) {
        List<Integer> out = new ArrayList<>();
        int p = 2;
        while (p + 4 <= cs.length) {
            int marker = J2kCodestream.u16(cs, p);
            if (marker == 0xFFD9) {
                break;
            }
            if (marker == 0xFF90) {
                out.add(p);
                p += J2kCodestream.u32(cs, p + 6);
            } else {
                p += 2 + J2kCodestream.u16(cs, p + 2);
            }
        }
        return out;
    }

    private static void putInt(byte[] a, int p, int v) {
        a[p] = (byte) (v >>> 24);
        a[p + 1] = (byte) (v >>> 16);
        a[p + 2] = (byte) (v >>> 8);
        a[p + 3] = (byte) v;
    }
}
