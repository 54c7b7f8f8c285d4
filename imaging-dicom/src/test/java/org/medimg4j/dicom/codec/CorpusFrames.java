package org.medimg4j.dicom.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.PixelData;
import org.medimg4j.dicom.pixel.EncapsulatedFrames;
import org.medimg4j.dicom.pixel.FrameDigest;
import org.medimg4j.dicom.pixel.StoredValues;

/**
 * Test fixture for codec tests: the conformance corpus' manifest, and the compressed frames of an encapsulated
 * file as the library's parser and frame locator find them, so that each codec can be proven against the oracles
 * on exactly the bytes the pixel layer hands it.
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

    /** @return the manifest rows with pixel data whose transfer syntax satisfies {@code syntax} */
    public static List<Row> rows(Predicate<String> syntax) throws IOException {
        Path corpus = Corpus.root();
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
     * The compressed frames of an encapsulated file, found by the library's parser and the corpus README's
     * fragment→frame rule ({@link EncapsulatedFrames}, {@link org.medimg4j.dicom.pixel.FrameFragments}).
     *
     * @param file   an encapsulated DICOM file
     * @param frames Number of Frames
     * @return each frame's bytes (its fragments concatenated), in frame order
     */
    public static List<ByteBuffer> frames(Path file, int frames) throws IOException {
        try (DicomFile dicom = DicomFile.read(file)) {
            PixelData pixels = dicom.pixelData()
                    .orElseThrow(() -> new IOException(file + ": no Pixel Data"));
            EncapsulatedFrames encapsulated = EncapsulatedFrames.of(pixels, frames, dicom.sourceName());
            List<ByteBuffer> out = new ArrayList<>(frames);
            for (int f = 0; f < frames; f++) {
                out.add(encapsulated.read(f));
            }
            return out;
        }
    }
}
