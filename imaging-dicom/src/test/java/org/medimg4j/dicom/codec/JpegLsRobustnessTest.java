package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.DicomException;

/**
 * Truncated and corrupted JPEG-LS codestreams end in a {@link DicomException} naming the codec and the offset, or,
 * for corruption that happens to leave a valid codestream, in a result — never another exception, and each within
 * a time bound (a hang guard, not a speed test). Seeded, so a failure names an input that can be replayed.
 */
class JpegLsRobustnessTest {

    /** Far above any decode here (milliseconds); only a hang or a runaway loop reaches it. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final JpegLsDecoder decoder = new JpegLsDecoder();

    /** A valid stream and the frame it belongs to. */
    private record Sample(String name, byte[] jls, FrameInfo info) {
    }

    private static List<Sample> samples() throws IOException {
        List<Sample> out = new ArrayList<>();
        for (CorpusFrames.Row row : CorpusFrames.rows(ts -> ts.endsWith(".4.80") || ts.endsWith(".4.81"))) {
            if (row.name().contains("pydicom/MR_small") || row.name().contains("rgb8") || row.name().contains("near")) {
                ByteBuffer f = CorpusFrames.frames(row.file(), row.frames()).get(0);
                byte[] jls = new byte[f.remaining()];
                f.get(jls);
                out.add(new Sample(row.name(), jls, row.info()));
            }
        }
        for (int ilv = 0; ilv <= 2; ilv++) {
            JpegLsTestEncoder.Settings s = new JpegLsTestEncoder.Settings(24, 18, 3, 12, ilv == 1 ? 2 : 0, ilv, 4, null);
            byte[] jls = JpegLsTestEncoder.encode(s, JpegLsRoundTripTest.image(s, 4095, ilv)).codestream();
            out.add(new Sample("encoder ILV " + ilv + " with restarts", jls,
                    new FrameInfo(18, 24, 3, 16, 12, false, 0, "RGB")));
        }
        return out;
    }

    @Test
    void everyTruncationIsRejectedWithTheCodecAndOffset() throws IOException {
        int tried = 0;
        for (Sample s : samples()) {
            int eoi = lastEoi(s.jls());
            int step = Math.max(1, eoi / 100);
            for (int len = 0; len < eoi + 2; len += len < 64 ? 1 : step) {
                byte[] cut = Arrays.copyOf(s.jls(), len);
                String what = s.name() + " cut to " + len + " of " + s.jls().length + " bytes";
                DicomException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(DicomException.class,
                        () -> decoder.decode(ByteBuffer.wrap(cut), s.info(), SampleBuffer.allocate(s.info())), what),
                        what);
                assertTrue(e.getMessage().startsWith("JPEG-LS: offset "), what + ": " + e.getMessage());
                tried++;
            }
        }
        assertTrue(tried > 700, "truncations tried: " + tried);
    }

    @Test
    void randomCorruptionGivesADicomExceptionOrAResultNeverAnotherError() throws IOException {
        List<Sample> samples = samples();
        Random rnd = new Random(20240611L);
        int rejected = 0;
        int decoded = 0;
        for (int iteration = 0; iteration < 2500; iteration++) {
            Sample s = samples.get(iteration % samples.size());
            byte[] bad = corrupt(s.jls(), rnd);
            String what = s.name() + ", iteration " + iteration + " of seed 20240611";
            Throwable t = assertTimeoutPreemptively(BOUND, () -> {
                try {
                    decoder.decode(ByteBuffer.wrap(bad), s.info(), SampleBuffer.allocate(s.info()));
                    return null;
                } catch (DicomException e) {
                    return e;
                } catch (RuntimeException | Error e) {
                    return e;
                }
            }, what);
            if (t == null) {
                decoded++;
            } else if (t instanceof DicomException) {
                assertTrue(t.getMessage().startsWith("JPEG-LS: offset "), what + ": " + t.getMessage());
                rejected++;
            } else {
                fail(what + ": " + t, t);
            }
        }
        assertTrue(rejected > 1000 && decoded > 40, "rejected " + rejected + ", decoded " + decoded);
    }

    /**
     * Either one byte of the second half (entropy-coded data) set to another value below 0xFF, which keeps the
     * marker structure and sends the decoder through wrong but well-formed codes; or one to four random edits
     * anywhere: a byte set to a random value or to 0xFF, a byte inserted or removed.
     */
    private static byte[] corrupt(byte[] jls, Random rnd) {
        byte[] b = jls.clone();
        if (rnd.nextBoolean()) {
            int at = b.length / 2 + rnd.nextInt(b.length / 2 - 2);
            b[at] = (byte) ((b[at] + 1 + rnd.nextInt(254)) % 255);
            return b;
        }
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            // Headers are short: aim a third of the edits at the first 40 bytes.
            int at = rnd.nextInt(3) == 0 ? rnd.nextInt(Math.min(40, b.length)) : rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0, 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> b[at] = (byte) 0xFF;
                case 3 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
            }
        }
        return b;
    }

    private static int lastEoi(byte[] jls) {
        for (int i = jls.length - 2; i >= 0; i--) {
            if (jls[i] == (byte) 0xFF && jls[i + 1] == (byte) 0xD9) {
                return i;
            }
        }
        throw new AssertionError("no EOI");
    }
}
