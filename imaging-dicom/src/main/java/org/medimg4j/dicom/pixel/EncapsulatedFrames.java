package org.medimg4j.dicom.pixel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.PixelData;
import org.medimg4j.dicom.dictionary.DataDictionary;

/**
 * The compressed frames of encapsulated Pixel Data (PS3.5 A.4): which fragments make each frame, by the rules of
 * {@link FrameFragments}, and a frame's bytes read on demand — only that frame's fragments.
 *
 * <p>The frame table is worked out on first use, once. With an Extended or Basic Offset Table, or one fragment per
 * frame, or a single frame, it needs no pixel bytes at all; only the last rule (several frames, no offset table,
 * fragments ≠ frames) reads the first 4 and last 3 bytes of each fragment to find where frames start. Thread-safe.
 */
public final class EncapsulatedFrames {

    private final PixelData pixels;
    private final int frames;
    private final String sourceName;
    private volatile List<FrameFragments> table;

    private EncapsulatedFrames(PixelData pixels, int frames, String sourceName) {
        this.pixels = pixels;
        this.frames = frames;
        this.sourceName = sourceName;
    }

    /**
     * @param pixels     encapsulated Pixel Data
     * @param frames     Number of Frames, at least 1
     * @param sourceName the file, for messages
     * @return the frames
     * @throws DicomException naming the file when the data is not encapsulated or holds no fragment
     */
    public static EncapsulatedFrames of(PixelData pixels, int frames, String sourceName) throws DicomException {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(sourceName, "sourceName");
        if (frames < 1) {
            throw new IllegalArgumentException("frames " + frames + " is not positive");
        }
        if (!pixels.isEncapsulated()) {
            throw new DicomException(sourceName + ": offset " + pixels.elementOffset() + ", " + describe(pixels)
                    + ": native Pixel Data, but the transfer syntax says encapsulated");
        }
        if (pixels.fragmentCount() == 0) {
            throw new DicomException(sourceName + ": offset " + pixels.elementOffset() + ", " + describe(pixels)
                    + ": encapsulated Pixel Data has no fragments");
        }
        return new EncapsulatedFrames(pixels, frames, sourceName);
    }

    /** @return Number of Frames */
    public int frameCount() {
        return frames;
    }

    /**
     * @param frame from 0
     * @return the fragments that make up the frame
     * @throws DicomException naming the file when the fragments cannot be split into frames
     * @throws IOException    when reading fragment boundaries fails
     */
    public FrameFragments fragments(int frame) throws IOException {
        if (frame < 0 || frame >= frames) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frames + " frames");
        }
        return table().get(frame);
    }

    /**
     * Reads one frame's compressed bytes: its fragments, concatenated.
     *
     * @param frame from 0
     * @return a new buffer, position 0
     * @throws DicomException naming the file when the frames cannot be found
     * @throws IOException    when reading fails
     */
    public ByteBuffer read(int frame) throws IOException {
        FrameFragments f = fragments(frame);
        return pixels.readFragments(f.first(), f.first() + f.count());
    }

    private List<FrameFragments> table() throws IOException {
        List<FrameFragments> t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    t = locate();
                    table = t;
                }
            }
        }
        return t;
    }

    private List<FrameFragments> locate() throws IOException {
        int n = pixels.fragmentCount();
        long[] lengths = new long[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = pixels.fragment(i).length();
        }
        long[] offsets = pixels.extendedOffsetTable().orElse(null);
        if (offsets == null || offsets.length == 0) {
            offsets = pixels.basicOffsetTable();
        }
        byte[][] heads = null;
        byte[][] tails = null;
        if (FrameFragments.needsBoundaryBytes(frames, offsets, n)) {
            heads = new byte[n][];
            tails = new byte[n][];
            for (int i = 0; i < n; i++) {
                int h = (int) Math.min(4, lengths[i]);
                int t = (int) Math.min(3, lengths[i]);
                ByteBuffer head = ByteBuffer.allocate(h);
                pixels.readFragment(i, 0, head);
                ByteBuffer tail = ByteBuffer.allocate(t);
                pixels.readFragment(i, lengths[i] - t, tail);
                heads[i] = head.array();
                tails[i] = tail.array();
            }
        }
        try {
            return List.copyOf(FrameFragments.locate(frames, offsets, lengths, heads, tails));
        } catch (DicomException e) {
            throw new DicomException(sourceName + ": offset " + pixels.elementOffset() + ", " + describe(pixels) + ": "
                    + e.getMessage(), e);
        }
    }

    private static String describe(PixelData p) {
        return DataDictionary.format(p.tag()) + " " + DataDictionary.standard().keyword(p.tag());
    }

    @Override
    public String toString() {
        return "EncapsulatedFrames[" + sourceName + ", " + frames + " frames in " + pixels.fragmentCount()
                + " fragments]";
    }
}
