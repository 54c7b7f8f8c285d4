package org.medimg4j.dicom.pixel;

import java.util.ArrayList;
import java.util.List;
import org.medimg4j.dicom.DicomException;

/**
 * Which fragments of encapsulated Pixel Data (PS3.5 A.4) make up each frame, by these rules in order: the
 * Extended Offset Table (7FE0,0001) if present; else the Basic Offset Table if it is not empty; else, with as
 * many fragments as frames, one fragment per frame; else, for a single frame, all fragments; else a new frame
 * starts at a fragment that begins with a JPEG SOI (FF D8) right after a fragment whose data ends with EOI (FF D9,
 * possibly followed by one 00 pad byte), or at a fragment that begins with a JPEG 2000 SOC SIZ (FF 4F FF 51).
 * Offsets in both tables count from the first byte of the first fragment's item tag.
 *
 * @param first the frame's first fragment (0 = the first fragment after the Basic Offset Table item)
 * @param count how many consecutive fragments the frame spans
 */
public record FrameFragments(int first, int count) {

    /**
     * @param frames          Number of Frames
     * @param offsetTable     the Extended Offset Table if present, else the Basic Offset Table's entries; null or
     *                        empty when there is none
     * @param fragmentLengths each fragment's value length, in order
     * @param heads           each fragment's first (up to) 4 bytes; only looked at when
     *                        {@link #needsBoundaryBytes} says so, else may be null
     * @param tails           each fragment's last (up to) 3 bytes; as {@code heads}
     * @return one entry per frame
     * @throws DicomException if the fragments cannot be split into {@code frames} frames
     */
    public static List<FrameFragments> locate(int frames, long[] offsetTable, long[] fragmentLengths, byte[][] heads,
                                              byte[][] tails) throws DicomException {
        int n = fragmentLengths.length;
        if (frames < 1) {
            throw new DicomException("encapsulated Pixel Data: Number of Frames " + frames + " is not positive");
        }
        if (n == 0) {
            throw new DicomException("encapsulated Pixel Data has no fragments");
        }
        List<FrameFragments> out = new ArrayList<>(frames);
        if (offsetTable != null && offsetTable.length > 0) {
            if (offsetTable.length != frames) {
                throw new DicomException("encapsulated Pixel Data: the offset table has " + offsetTable.length
                        + " entries for " + frames + " frames");
            }
            long[] itemOffsets = new long[n + 1];
            for (int i = 0; i < n; i++) {
                itemOffsets[i + 1] = itemOffsets[i] + 8L + fragmentLengths[i];
            }
            int[] starts = new int[frames + 1];
            starts[frames] = n;
            for (int f = 0; f < frames; f++) {
                starts[f] = indexOf(itemOffsets, n, offsetTable[f]);
                if (starts[f] < 0 || starts[f] >= n || (f > 0 && starts[f] <= starts[f - 1])) {
                    throw new DicomException("encapsulated Pixel Data: offset table entry " + f + " (" + offsetTable[f]
                            + ") does not point at the item tag of a fragment after the previous frame's");
                }
            }
            for (int f = 0; f < frames; f++) {
                out.add(new FrameFragments(starts[f], starts[f + 1] - starts[f]));
            }
            return out;
        }
        if (n == frames) {
            for (int f = 0; f < frames; f++) {
                out.add(new FrameFragments(f, 1));
            }
            return out;
        }
        if (frames == 1) {
            out.add(new FrameFragments(0, n));
            return out;
        }
        int start = 0;
        for (int i = 1; i < n; i++) {
            if (startsFrame(heads[i]) && endsWithEoi(tails[i - 1]) || startsJ2k(heads[i])) {
                out.add(new FrameFragments(start, i - start));
                start = i;
            }
        }
        out.add(new FrameFragments(start, n - start));
        if (out.size() != frames) {
            throw new DicomException("encapsulated Pixel Data: " + n + " fragments without an offset table split into "
                    + out.size() + " frames at JPEG/JPEG 2000 frame boundaries, but Number of Frames is " + frames);
        }
        return out;
    }

    /**
     * @param frames      Number of Frames
     * @param offsetTable as for {@link #locate}
     * @param fragments   the number of fragments
     * @return whether {@link #locate} needs the fragments' first and last bytes (the last rule: no offset table,
     *         several frames, and not one fragment per frame), so that callers read them only then
     */
    public static boolean needsBoundaryBytes(int frames, long[] offsetTable, int fragments) {
        return (offsetTable == null || offsetTable.length == 0) && frames > 1 && fragments != frames
                && fragments > 0;
    }

    private static int indexOf(long[] itemOffsets, int n, long offset) {
        int i = java.util.Arrays.binarySearch(itemOffsets, 0, n + 1, offset);
        return i >= 0 ? i : -1;
    }

    private static boolean startsFrame(byte[] head) {
        return head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8;
    }

    private static boolean startsJ2k(byte[] head) {
        return head.length >= 4 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0x4F && (head[2] & 0xFF) == 0xFF
                && (head[3] & 0xFF) == 0x51;
    }

    private static boolean endsWithEoi(byte[] tail) {
        int t = tail.length;
        if (t >= 2 && (tail[t - 2] & 0xFF) == 0xFF && (tail[t - 1] & 0xFF) == 0xD9) {
            return true;
        }
        return t >= 3 && (tail[t - 3] & 0xFF) == 0xFF && (tail[t - 2] & 0xFF) == 0xD9 && tail[t - 1] == 0;
    }
}
