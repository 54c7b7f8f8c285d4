package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.DicomException;

/**
 * Truncated and randomly corrupted streams give a {@link DicomException} naming the codec and a byte offset, or a
 * decoded frame; never another exception or a hang. Every truncation before the end of the entropy-coded data must fail: the decoder
 * does not invent missing data.
 */
class JpegBaselineDecoderRobustnessTest {

    private static final JpegBaselineDecoder DECODER = new JpegBaselineDecoder();
    private static final Pattern PREFIX = Pattern.compile("^JPEG baseline/extended: byte offset (\\d+) in the frame: ");
    /** Far beyond the milliseconds one decode of these small frames takes: only a hang can reach it. */
    private static final Duration PER_DECODE = Duration.ofSeconds(2);

    private record Sample(String name, byte[] jpeg, FrameInfo info) {
    }

    /** Streams of every structure: colour with restarts, non-interleaved 12-bit, grey, subsampled YCbCr. */
    private static List<Sample> madeStreams() {
        List<Sample> s = new ArrayList<>();
        DctTestEncoder a = new DctTestEncoder(8, 40, 24, new int[][] {{2, 2}, {1, 1}, {1, 1}}, 1);
        a.restartInterval = 2;
        a.fillBytes = true;
        s.add(new Sample("8-bit 4:2:0 restarts", a.encode(), info(a, "YBR_FULL_422")));
        DctTestEncoder b = new DctTestEncoder(12, 33, 20, new int[][] {{1, 2}, {1, 1}, {1, 1}}, 2);
        b.scans = new int[][] {{1}, {0}, {2}};
        b.extraSegments = true;
        s.add(new Sample("12-bit non-interleaved", b.encode(), info(b, "RGB")));
        DctTestEncoder c = new DctTestEncoder(12, 50, 30, new int[][] {{1, 1}}, 3);
        c.restartInterval = 5;
        s.add(new Sample("12-bit grey restarts", c.encode(), info(c, "MONOCHROME2")));
        return s;
    }

    private static FrameInfo info(DctTestEncoder e, String photometric) {
        return new FrameInfo(e.height, e.width, e.factors.length, e.precision == 8 ? 8 : 16, e.precision, false, 0,
                photometric);
    }

    private static List<Sample> corpusStreams() throws IOException {
        List<Sample> s = new ArrayList<>();
        for (String name : new String[] {"files/dcmtk/ct_u12_jpeg_extended_q85.dcm",
            "files/dcmtk/rgb8_jpeg_baseline_ybr422.dcm", "files/pydicom/SC_rgb_dcmtk_+eb+cy+n1.dcm",
            "files/gdcm/gray8_jpeg_lossy_q85.dcm"}) {
            CorpusFrames.Row row = JpegBaselineDecoderCorpusTest.jpegRows().stream()
                    .filter(r -> r.name().equals(name)).findFirst().orElseThrow();
            ByteBuffer frame = CorpusFrames.frames(row.file(), 1).get(0);
            byte[] jpeg = new byte[frame.remaining()];
            frame.get(jpeg);
            s.add(new Sample(name, jpeg, row.info()));
        }
        return s;
    }

    /** @return the outcome: the samples, or null after a well-formed DicomException */
    private static int[] outcome(String what, byte[] jpeg, FrameInfo info) {
        SampleBuffer out = SampleBuffer.allocate(info);
        long t0 = System.nanoTime();
        try {
            DECODER.decode(ByteBuffer.wrap(jpeg), info, out);
        } catch (DicomException e) {
            Matcher m = PREFIX.matcher(e.getMessage());
            assertTrue(m.find(), what + ": message names the codec and offset: " + e.getMessage());
            long offset = Long.parseLong(m.group(1));
            assertTrue(offset <= jpeg.length, what + ": offset " + offset + " within the " + jpeg.length + " bytes");
            return null;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": " + e, e);
        } finally {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < PER_DECODE.toMillis(), what + ": decode took " + ms + " ms");
        }
        int[] v = new int[(int) info.samples()];
        for (int i = 0; i < v.length; i++) {
            v[i] = out.get(i);
        }
        return v;
    }

    /** @return the index after the last entropy-coded byte: before EOI and the fill bytes ahead of it */
    private static int dataEnd(byte[] jpeg) {
        int end = jpeg.length;
        for (int i = jpeg.length - 2; i >= 0; i--) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) 0xD9) {
                end = i;
                break;
            }
        }
        while (end > 0 && jpeg[end - 1] == (byte) 0xFF) {
            end--;
        }
        return end;
    }

    private static void truncateEverywhere(Sample s) {
        int[] full = outcome(s.name(), s.jpeg(), s.info());
        assertTrue(full != null, s.name() + " decodes whole");
        int dataEnd = dataEnd(s.jpeg());
        // every prefix of small streams; of larger ones, every prefix in the headers and ~600 in the data
        int step = Math.max(1, s.jpeg().length / 600);
        for (int len = 0; len <= s.jpeg().length; len += len < 700 ? 1 : step) {
            byte[] cut = Arrays.copyOf(s.jpeg(), len);
            int[] got = outcome(s.name() + " cut to " + len, cut, s.info());
            if (len < dataEnd) {
                assertTrue(got == null, s.name() + " cut to " + len + " of " + s.jpeg().length + " decoded");
            } else {
                assertArrayEquals(full, got, s.name() + " cut at or after EOI");
            }
        }
    }

    @Test
    void everyTruncationOfMadeStreamsFailsCleanlyBeforeTheDataEnd() {
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            for (Sample s : madeStreams()) {
                truncateEverywhere(s);
            }
        });
    }

    @Test
    void truncatedCorpusFramesFailCleanlyBeforeEoi() throws IOException {
        List<Sample> samples = corpusStreams();
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            for (Sample s : samples) {
                truncateEverywhere(s);
            }
        });
    }

    /** Overwrites, inserts, deletes and marker-like bytes at random, seeded so that a failure can be replayed. */
    private static byte[] corrupt(byte[] jpeg, Random rnd) {
        byte[] b = jpeg.clone();
        int kind = rnd.nextInt(6);
        int at = rnd.nextInt(b.length);
        switch (kind) {
            case 0 -> {
                for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 1 -> b[at] = (byte) (b[at] ^ 1 << rnd.nextInt(8));
            case 2 -> {
                b[at] = (byte) 0xFF;
                if (at + 1 < b.length) {
                    b[at + 1] = (byte) (0xC0 + rnd.nextInt(64));
                }
            }
            case 3 -> {
                int n = 1 + rnd.nextInt(Math.min(64, b.length - at));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                b = out;
            }
            case 4 -> {
                byte[] ins = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(ins);
                byte[] out = new byte[b.length + ins.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(ins, 0, out, at, ins.length);
                System.arraycopy(b, at, out, at + ins.length, b.length - at);
                b = out;
            }
            default -> {
                // header bytes are where structure lives: hit the first 400 bytes harder
                int h = rnd.nextInt(Math.min(400, b.length));
                b[h] = (byte) rnd.nextInt(256);
            }
        }
        return b;
    }

    private static void fuzz(List<Sample> samples, long seed, int iterations) {
        Random rnd = new Random(seed);
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            Sample s = samples.get(i % samples.size());
            byte[] b = corrupt(s.jpeg(), rnd);
            if (outcome(s.name() + " corruption " + i + " (seed " + seed + ")", b, s.info()) == null) {
                refused++;
            } else {
                decoded++;
            }
        }
        // both outcomes occur: corrupt entropy data often still decodes, broken structure is refused
        assertTrue(refused > iterations / 10 && decoded > 0, "refused " + refused + ", decoded " + decoded);
    }

    @Test
    void randomCorruptionOfMadeStreamsGivesDicomExceptionOrAFrame() {
        List<Sample> samples = madeStreams();
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> fuzz(samples, 20240501L, 6000));
    }

    @Test
    void randomCorruptionOfCorpusFramesGivesDicomExceptionOrAFrame() throws IOException {
        List<Sample> samples = corpusStreams();
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> fuzz(samples, 7L, 2000));
    }

    @Test
    void outcomeRejectsAnUnexpectedExceptionType() {
        // the harness itself can fail: a non-DicomException is reported, not swallowed
        FrameInfo info = new FrameInfo(1, 1, 1, 8, 8, false, 0, "MONOCHROME2");
        try {
            outcome("null frame", null, info);
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage().contains("null frame"));
            return;
        }
        fail("a NullPointerException passed the harness");
    }
}
