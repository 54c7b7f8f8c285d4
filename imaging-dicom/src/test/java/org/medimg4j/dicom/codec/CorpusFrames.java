package org.medimg4j.dicom.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.medimg4j.dicom.pixel.FrameDigest;
import org.medimg4j.dicom.pixel.StoredValues;

/**
 * Test fixture for codec tests: the conformance corpus' manifest, and the compressed frames of an encapsulated
 * file found by a deliberately small reader (explicit VR little endian data sets, which every encapsulated corpus
 * file is), so that codecs can be proven against the oracles independently of the parser.
 */
public final class CorpusFrames {

    private CorpusFrames() {
    }

    /** One row of {@code manifest.tsv}. */
    public record Row(Path file, String name, String transferSyntax, int rows, int columns, int frames,
                      int samplesPerPixel, int bitsAllocated, int bitsStored, int pixelRepresentation,
                      String photometric, String decodedPhotometric, boolean lossless, List<String> frameSha256,
                      int tolerance, Path referenceRaw) {

        /** @return the frame format a decoder gets for this row */
        public FrameInfo info() {
            return new FrameInfo(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, pixelRepresentation == 1,
                    0, photometric);
        }
    }

    /**
     * @return the corpus folder: system property {@code medimg4j.corpus}, else the first {@code shared/dicom-corpus}
     *         or {@code ../shared/dicom-corpus} found walking up from the working directory; the test is skipped when
     *         there is none, unless {@code medimg4j.corpus.required} is true, when it fails
     */
    public static Path corpus() {
        String prop = System.getProperty("medimg4j.corpus");
        if (prop != null && Files.isDirectory(Paths.get(prop))) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String rel : new String[] {"shared/dicom-corpus", "../shared/dicom-corpus"}) {
                Path p = dir.resolve(rel);
                if (Files.isRegularFile(p.resolve("manifest.tsv"))) {
                    return p.normalize();
                }
            }
        }
        if (Boolean.getBoolean("medimg4j.corpus.required")) {
            throw new AssertionError("the DICOM corpus is required (-Dmedimg4j.corpus.required=true) but was not found;"
                    + " set -Dmedimg4j.corpus=PATH");
        }
        Assumptions.abort("DICOM corpus not found (set -Dmedimg4j.corpus=PATH)");
        return null;
    }

    /** @return the manifest rows with pixel data whose transfer syntax satisfies {@code syntax} */
    public static List<Row> rows(Predicate<String> syntax) throws IOException {
        Path corpus = corpus();
        List<String> lines = Files.readAllLines(corpus.resolve("manifest.tsv"));
        String[] head = lines.get(0).split("\t", -1);
        List<Row> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            java.util.Map<String, String> m = new java.util.HashMap<>();
            for (int i = 0; i < head.length; i++) {
                m.put(head[i], i < f.length ? f[i] : "");
            }
            if (m.get("rows").isEmpty() || !syntax.test(m.get("transfer_syntax"))) {
                continue;
            }
            String raw = m.get("reference_raw");
            out.add(new Row(corpus.resolve(m.get("file")), m.get("file"), m.get("transfer_syntax"),
                    Integer.parseInt(m.get("rows")), Integer.parseInt(m.get("columns")), Integer.parseInt(m.get("frames")),
                    Integer.parseInt(m.get("samples_per_pixel")), Integer.parseInt(m.get("bits_allocated")),
                    Integer.parseInt(m.get("bits_stored")), Integer.parseInt(m.get("pixel_representation")),
                    m.get("photometric"), m.get("decoded_photometric"), "yes".equals(m.get("lossless")),
                    List.of(m.get("frame_sha256").split(",")), Integer.parseInt(m.get("tolerance")),
                    raw.isEmpty() ? null : corpus.resolve(raw)));
        }
        return out;
    }

    /**
     * Decodes every frame of {@code row} with {@code decoder} and compares with the oracle: exact hashes when the
     * tolerance is 0, else every sample within the tolerance of the reference values.
     *
     * @return null when it matches, else what differs
     */
    public static String check(Row row, FrameDecoder decoder) throws IOException {
        List<ByteBuffer> frames = frames(row.file(), row.frames());
        FrameInfo info = row.info();
        ByteBuffer reference = row.referenceRaw() == null ? null
                : ByteBuffer.wrap(Files.readAllBytes(row.referenceRaw())).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < row.frames(); f++) {
            SampleBuffer buf = SampleBuffer.allocate(info);
            decoder.decode(frames.get(f), info, buf);
            StoredValues.normalize(info, buf);
            if (row.tolerance() == 0) {
                String sha = FrameDigest.of(info, buf).sha256();
                if (!sha.equals(row.frameSha256().get(f))) {
                    return row.name() + " frame " + f + ": sha256 " + sha + ", expected " + row.frameSha256().get(f);
                }
            } else {
                int n = (int) info.samples();
                for (int i = 0; i < n; i++) {
                    long v = StoredValues.value(info, buf, i);
                    long r = switch (buf.kind()) {
                        case BYTES -> info.signed() ? reference.get() : reference.get() & 0xFF;
                        case SHORTS -> info.signed() ? reference.getShort() : reference.getShort() & 0xFFFF;
                        case INTS -> reference.getInt();
                    };
                    if (Math.abs(v - r) > row.tolerance()) {
                        return row.name() + " frame " + f + " sample " + i + ": " + v + ", reference " + r
                                + " (tolerance " + row.tolerance() + ")";
                    }
                }
            }
        }
        return null;
    }

    /**
     * The compressed frames of an encapsulated file, by the corpus README's fragment→frame rule.
     *
     * @param file   an encapsulated DICOM file with an explicit VR little endian data set
     * @param frames Number of Frames
     */
    public static List<ByteBuffer> frames(Path file, int frames) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() > 132 && b.get(128) == 'D' && b.get(129) == 'I' && b.get(130) == 'C' && b.get(131) == 'M') {
            b.position(132);
        }
        List<int[]> items = null;
        while (b.remaining() >= 8) {
            int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
            String vr = "" + (char) b.get() + (char) b.get();
            long len;
            if (vr.matches("OB|OD|OF|OL|OV|OW|SQ|UC|UN|UR|UT|SV|UV")) {
                b.getShort();
                len = b.getInt() & 0xFFFFFFFFL;
            } else {
                len = b.getShort() & 0xFFFF;
            }
            if (tag == 0x7FE00010) {
                items = readItems(b);
                break;
            }
            if (len == 0xFFFFFFFFL) {
                skipUndefined(b);
            } else {
                b.position((int) (b.position() + len));
            }
        }
        if (items == null || items.isEmpty()) {
            throw new IOException(file + ": no encapsulated Pixel Data found by the test reader");
        }
        int[] bot = items.get(0);
        List<int[]> frags = items.subList(1, items.size());
        List<ByteBuffer> out = new ArrayList<>();
        if (bot[1] > 0) {
            int base = frags.get(0)[0] - 8;
            List<Integer> offsets = new ArrayList<>();
            for (int i = 0; i < bot[1]; i += 4) {
                offsets.add(b.getInt(bot[0] + i));
            }
            for (int f = 0; f < offsets.size(); f++) {
                int start = base + offsets.get(f);
                int end = f + 1 < offsets.size() ? base + offsets.get(f + 1) : Integer.MAX_VALUE;
                out.add(concat(b, frags, start, end));
            }
        } else if (frags.size() == frames) {
            for (int[] fr : frags) {
                out.add(slice(b, fr[0], fr[1]));
            }
        } else if (frames == 1) {
            out.add(concat(b, frags, 0, Integer.MAX_VALUE));
        } else {
            List<int[]> current = new ArrayList<>();
            for (int[] fr : frags) {
                boolean jpegStart = fr[1] >= 2 && (b.get(fr[0]) & 0xFF) == 0xFF && (b.get(fr[0] + 1) & 0xFF) == 0xD8;
                boolean j2kStart = fr[1] >= 4 && (b.get(fr[0]) & 0xFF) == 0xFF && (b.get(fr[0] + 1) & 0xFF) == 0x4F
                        && (b.get(fr[0] + 2) & 0xFF) == 0xFF && (b.get(fr[0] + 3) & 0xFF) == 0x51;
                if (!current.isEmpty() && (jpegStart || j2kStart) && endsWithEoi(b, current.get(current.size() - 1))) {
                    out.add(concat(b, current, 0, Integer.MAX_VALUE));
                    current = new ArrayList<>();
                }
                current.add(fr);
            }
            out.add(concat(b, current, 0, Integer.MAX_VALUE));
        }
        return out;
    }

    private static boolean endsWithEoi(ByteBuffer b, int[] fr) {
        int end = fr[0] + fr[1];
        for (int back : new int[] {2, 3}) {
            int p = end - back;
            if (p >= fr[0] && (b.get(p) & 0xFF) == 0xFF && (b.get(p + 1) & 0xFF) == 0xD9
                    && (back == 2 || b.get(p + 2) == 0)) {
                return true;
            }
        }
        return false;
    }

    private static List<int[]> readItems(ByteBuffer b) {
        List<int[]> items = new ArrayList<>();
        while (b.remaining() >= 8) {
            int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
            int len = b.getInt();
            if (tag == 0xFFFEE0DD) {
                break;
            }
            items.add(new int[] {b.position(), len});
            b.position(b.position() + len);
        }
        return items;
    }

    /** Skips the rest of an undefined-length sequence (explicit VR LE items), nested ones included. */
    private static void skipUndefined(ByteBuffer b) {
        while (b.remaining() >= 8) {
            int tag = (b.getShort() & 0xFFFF) << 16 | (b.getShort() & 0xFFFF);
            if (tag == 0xFFFEE0DD || tag == 0xFFFEE00D) {
                b.getInt();
                if (tag == 0xFFFEE0DD) {
                    return;
                }
                continue;
            }
            if (tag == 0xFFFEE000) {
                int len = b.getInt();
                if (len != -1) {
                    b.position(b.position() + len);
                }
                continue;
            }
            String vr = "" + (char) b.get() + (char) b.get();
            long len;
            if (vr.matches("OB|OD|OF|OL|OV|OW|SQ|UC|UN|UR|UT|SV|UV")) {
                b.getShort();
                len = b.getInt() & 0xFFFFFFFFL;
            } else {
                len = b.getShort() & 0xFFFF;
            }
            if (len == 0xFFFFFFFFL) {
                skipUndefined(b);
            } else {
                b.position((int) (b.position() + len));
            }
        }
    }

    private static ByteBuffer slice(ByteBuffer b, int pos, int len) {
        return b.duplicate().position(pos).limit(pos + len).slice();
    }

    private static ByteBuffer concat(ByteBuffer b, List<int[]> frags, int start, int end) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int[] fr : frags) {
            int itemStart = fr[0] - 8;
            if (itemStart >= start && itemStart < end) {
                out.write(b.array(), fr[0], fr[1]);
            }
        }
        return ByteBuffer.wrap(out.toByteArray());
    }
}
