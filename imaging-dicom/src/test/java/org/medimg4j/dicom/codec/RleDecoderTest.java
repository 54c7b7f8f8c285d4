package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.DicomException;

class RleDecoderTest {

    private static final String RLE = "1.2.840.10008.1.2.5";
    private final RleDecoder decoder = new RleDecoder();

    @Test
    void decodesEveryCorpusRleFileToTheOracleHashes() throws Exception {
        List<CorpusFrames.Row> rows = CorpusFrames.rows(RLE::equals);
        assertFalse(rows.isEmpty(), "the manifest lists RLE files");
        List<String> failures = new ArrayList<>();
        for (CorpusFrames.Row row : rows) {
            String result = CorpusFrames.check(row, decoder);
            if (result != null) {
                failures.add(result);
            }
        }
        assertEquals(List.of(), failures, rows.size() + " RLE files");
    }

    @Test
    void refusesCorpusFileWhoseHeaderDeclaresFifteenSegments() throws Exception {
        // malformed/README.md: 16 x 16, 8 bits, 1 sample; the header says 15 segments.
        ByteBuffer frame = malformedFrame("rle_bad_segment_count.dcm");
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(frame, info(16, 16, 1, 8), SampleBuffer.allocate(info(16, 16, 1, 8))));
        assertTrue(e.getMessage().contains("RLE") && e.getMessage().contains("segment count 15, expected 1"),
                e.getMessage());
    }

    @Test
    void refusesCorpusFileWhoseSegmentOffsetLiesPastTheFragment() throws Exception {
        ByteBuffer frame = malformedFrame("rle_segment_offset_past_end.dcm");
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(frame, info(16, 16, 1, 8), SampleBuffer.allocate(info(16, 16, 1, 8))));
        assertTrue(e.getMessage().contains("segment 1 offset 100000 is past the end of the 80-byte fragment"),
                e.getMessage());
    }

    private static ByteBuffer malformedFrame(String name) throws Exception {
        return CorpusFrames.frames(Corpus.root().resolve("malformed").resolve(name), 1).get(0);
    }

    @ParameterizedTest(name = "{0} bits, {1} samples")
    @CsvSource({"8, 1", "8, 3", "16, 1", "16, 3", "32, 1", "32, 3"})
    void decodesEveryBitsAllocatedAndSampleCountExactly(int bits, int spp) throws Exception {
        FrameInfo info = info(23, 37, spp, bits);
        long[] values = pattern(info, 11);
        byte[] fragment = RleTestEncoder.encode(values, spp, bits / 8);
        SampleBuffer out = SampleBuffer.allocate(info);
        decoder.decode(ByteBuffer.wrap(fragment), info, out);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i] & mask(bits), out.get(i) & mask(bits), "sample " + i);
        }
    }

    @Test
    void writesFromTheBufferOffsetAndReadsFromTheFramePosition() throws Exception {
        FrameInfo info = info(4, 5, 3, 16);
        long[] values = pattern(info, 3);
        byte[] fragment = RleTestEncoder.encode(values, 3, 2);
        ByteBuffer direct = ByteBuffer.allocateDirect(fragment.length + 7);
        direct.position(7);
        direct.put(fragment).position(7);
        short[] array = new short[10 + values.length];
        decoder.decode(direct, info, SampleBuffer.of(array, 10));
        for (int i = 0; i < 10; i++) {
            assertEquals(0, array[i], "nothing written before the offset");
        }
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i] & 0xFFFF, array[10 + i] & 0xFFFF);
        }
    }

    @Test
    void longRunsAndNoOpHeadersDecode() throws Exception {
        FrameInfo info = info(3, 200, 1, 8);
        // 600 bytes: 128 x 7, 128 x 7, 44 x 7 (three repeat runs), a no-op, then 300 literal-and-run bytes.
        byte[] plane = new byte[600];
        Arrays.fill(plane, 0, 300, (byte) 7);
        for (int i = 300; i < 600; i++) {
            plane[i] = (byte) (i * 31 / 7);
        }
        byte[] seg = RleTestEncoder.packBits(plane);
        byte[] withNoOp = new byte[seg.length + 1];
        withNoOp[0] = (byte) -128;
        System.arraycopy(seg, 0, withNoOp, 1, seg.length);
        SampleBuffer out = SampleBuffer.allocate(info);
        decoder.decode(ByteBuffer.wrap(RleTestEncoder.assemble(List.of(withNoOp))), info, out);
        assertArrayEquals(plane, out.bytes());
    }

    @Test
    void refusesFragmentShorterThanTheHeader() {
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(ByteBuffer.wrap(new byte[40]),
                info(2, 2, 1, 8), SampleBuffer.allocate(info(2, 2, 1, 8))));
        assertTrue(e.getMessage().contains("fragment of 40 bytes is shorter than the 64-byte RLE header"),
                e.getMessage());
    }

    @Test
    void refusesSegmentCountThatDisagreesWithSamplesTimesBytes() throws Exception {
        FrameInfo eight = info(4, 4, 1, 8);
        byte[] twoSegments = RleTestEncoder.encode(new long[16], 1, 2); // a 16-bit encoding of one sample
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(ByteBuffer.wrap(twoSegments), eight, SampleBuffer.allocate(eight)));
        assertTrue(e.getMessage().contains("segment count 2, expected 1"), e.getMessage());

        FrameInfo rgb16 = info(4, 4, 3, 16);
        byte[] three = RleTestEncoder.encode(new long[48], 3, 1);
        e = assertThrows(DicomException.class,
                () -> decoder.decode(ByteBuffer.wrap(three), rgb16, SampleBuffer.allocate(rgb16)));
        assertTrue(e.getMessage().contains("segment count 3, expected 6 (3 samples x 2 bytes"), e.getMessage());
    }

    @Test
    void refusesOffsetsThatDoNotIncreaseOrPointIntoTheHeader() throws Exception {
        FrameInfo info = info(4, 4, 1, 16);
        byte[] good = RleTestEncoder.encode(pattern(info, 1), 1, 2);
        byte[] swapped = good.clone();
        putInt(swapped, 8, getInt(good, 4)); // segment 2 starts where segment 1 does
        DicomException e = assertThrows(DicomException.class,
                () -> decoder.decode(ByteBuffer.wrap(swapped), info, SampleBuffer.allocate(info)));
        assertTrue(e.getMessage().contains("segment 2 offset 64 is not after segment 1's offset 64"), e.getMessage());

        byte[] inHeader = good.clone();
        putInt(inHeader, 4, 12);
        e = assertThrows(DicomException.class,
                () -> decoder.decode(ByteBuffer.wrap(inHeader), info, SampleBuffer.allocate(info)));
        assertTrue(e.getMessage().contains("segment 1 offset 12 is inside the 64-byte header"), e.getMessage());
    }

    @Test
    void refusesSegmentThatDecodesToFewerBytesThanRowsTimesColumns() throws Exception {
        FrameInfo info = info(4, 4, 1, 8);
        byte[] seg = {(byte) -9, 5}; // 10 bytes of 5, but the plane is 16
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(
                ByteBuffer.wrap(RleTestEncoder.assemble(List.of(seg))), info, SampleBuffer.allocate(info)));
        assertTrue(e.getMessage().contains("segment 1 of 1 decodes to 10 bytes, expected rows x columns = 16"),
                e.getMessage());
    }

    @Test
    void refusesSegmentThatDecodesToMoreBytesThanRowsTimesColumns() throws Exception {
        FrameInfo info = info(4, 4, 1, 8);
        byte[] exact = {(byte) -15, 5};
        byte[] oneMore = {(byte) -15, 5, 0, 9};
        byte[] overrun = {(byte) -127, 5}; // a single run of 128 into a 16-byte plane
        for (byte[] seg : List.of(oneMore, overrun)) {
            DicomException e = assertThrows(DicomException.class, () -> decoder.decode(
                    ByteBuffer.wrap(RleTestEncoder.assemble(List.of(seg))), info, SampleBuffer.allocate(info)));
            assertTrue(e.getMessage().contains("segment 1 of 1 decodes to more than rows x columns = 16 bytes"),
                    e.getMessage());
        }
        SampleBuffer out = SampleBuffer.allocate(info);
        decoder.decode(ByteBuffer.wrap(RleTestEncoder.assemble(List.of(exact))), info, out);
        assertEquals(5, out.get(15));
    }

    @Test
    void namesTheSegmentThatIsShortInAMultiSegmentFrame() throws Exception {
        FrameInfo info = info(2, 3, 3, 8);
        byte[] full = {(byte) -5, 1};
        byte[] shortSeg = {(byte) -3, 2};
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(
                ByteBuffer.wrap(RleTestEncoder.assemble(List.of(full, shortSeg, full))), info,
                SampleBuffer.allocate(info)));
        assertTrue(e.getMessage().contains("segment 2 of 3 decodes to 4 bytes"), e.getMessage());
    }

    @Test
    void acceptsOneZeroPadByteAfterAFullSegment() throws Exception {
        FrameInfo info = info(1, 3, 1, 8);
        byte[] padded = {2, 1, 2, 3, 0};
        SampleBuffer out = SampleBuffer.allocate(info);
        decoder.decode(ByteBuffer.wrap(RleTestEncoder.assemble(List.of(padded))), info, out);
        assertArrayEquals(new byte[] {1, 2, 3}, out.bytes());
    }

    @Test
    void refusesBitsAllocatedAndSamplesItCannotHold() {
        FrameInfo twelve = new FrameInfo(2, 2, 1, 12, 12, false, 0, "MONOCHROME2");
        DicomException e = assertThrows(DicomException.class, () -> decoder.decode(ByteBuffer.wrap(new byte[64]),
                twelve, SampleBuffer.of(new short[4], 0)));
        assertTrue(e.getMessage().contains("Bits Allocated 12"), e.getMessage());
        FrameInfo two = info(2, 2, 2, 8);
        e = assertThrows(DicomException.class, () -> decoder.decode(ByteBuffer.wrap(new byte[64]), two,
                SampleBuffer.allocate(two)));
        assertTrue(e.getMessage().contains("Samples per Pixel 2"), e.getMessage());
    }

    @Test
    void everyTruncationOfAValidFrameIsRefused() throws Exception {
        FrameInfo info = info(9, 13, 3, 16);
        byte[] fragment = RleTestEncoder.encode(pattern(info, 5), 3, 2);
        // The last segment may end in one pad byte, whose loss is harmless; every shorter cut must fail.
        int lastSegmentEnd = fragment.length - (fragment[fragment.length - 1] == 0 ? 1 : 0);
        for (int cut = 0; cut < lastSegmentEnd; cut++) {
            byte[] cutFrame = Arrays.copyOf(fragment, cut);
            assertThrows(DicomException.class, () -> decoder.decode(ByteBuffer.wrap(cutFrame), info,
                    SampleBuffer.allocate(info)), "cut at " + cut);
        }
    }

    @Test
    void randomCorruptionEndsInAnExceptionOrAFrameQuickly() throws Exception {
        FrameInfo info = info(16, 24, 3, 16);
        byte[] fragment = RleTestEncoder.encode(pattern(info, 9), 3, 2);
        Random random = new Random(20240611L);
        int refused = 0;
        int decoded = 0;
        try (RleJpegLosslessBoundedDecode bounded = new RleJpegLosslessBoundedDecode()) {
            for (int iteration = 0; iteration < 3000; iteration++) {
                byte[] bad = fragment.clone();
                int flips = 1 + random.nextInt(8);
                for (int k = 0; k < flips; k++) {
                    // Bias towards the header and run headers, where corruption matters most.
                    int at = random.nextInt(4) == 0 ? random.nextInt(64) : random.nextInt(bad.length);
                    bad[at] = (byte) random.nextInt(256);
                }
                int cut = random.nextInt(5) == 0 ? random.nextInt(bad.length + 1) : bad.length;
                byte[] input = Arrays.copyOf(bad, cut);
                String message = bounded.decode(decoder, input, info, "iteration " + iteration);
                boolean ok = message == null;
                if (!ok && !message.startsWith("RLE Lossless: ")) {
                    fail("message does not name the codec: " + message);
                }
                if (ok) {
                    decoded++;
                } else {
                    refused++;
                }
            }
        }
        assertTrue(refused > 100 && decoded > 100, "refused " + refused + ", decoded " + decoded);
    }

    static FrameInfo info(int rows, int columns, int spp, int bits) {
        return new FrameInfo(rows, columns, spp, bits, bits, false, 0, spp == 3 ? "RGB" : "MONOCHROME2");
    }

    private static long mask(int bits) {
        return bits == 32 ? 0xFFFFFFFFL : (1L << bits) - 1;
    }

    /** Smooth areas (long runs) mixed with noise (literal runs) in every byte plane. */
    private static long[] pattern(FrameInfo info, long seed) {
        Random r = new Random(seed);
        int n = (int) info.samples();
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            int pixel = i / info.samplesPerPixel();
            int x = pixel % info.columns();
            v[i] = x < info.columns() / 3 ? 0x12345678L * (i % info.samplesPerPixel() + 1)
                    : r.nextLong() & mask(info.bitsAllocated());
            v[i] &= mask(info.bitsAllocated());
        }
        return v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
        b[at + 2] = (byte) (v >> 16);
        b[at + 3] = (byte) (v >> 24);
    }
}
