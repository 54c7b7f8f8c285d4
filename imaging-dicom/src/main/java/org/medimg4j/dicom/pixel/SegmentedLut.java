package org.medimg4j.dicom.pixel;

import java.util.Arrays;

/**
 * Expands Segmented Palette Color Lookup Table Data (PS3.3 C.7.9.2) into a plain table. Segments, each starting
 * with an opcode and a count:
 * <ul>
 *   <li>0, discrete (C.7.9.2.1): n entries follow, copied as they are;</li>
 *   <li>1, linear (C.7.9.2.2): one value y1 follows; the n entries lie on the straight line from the previous
 *       entry y0 (exclusive) to y1 (inclusive): y0 + (y1 − y0)·k/n for k = 1..n, rounded to the nearest integer
 *       (halves to even). The standard leaves the rounding open; this is pydicom's arithmetic (its
 *       {@code numpy.linspace} then {@code numpy.around}), so tables agree with it entry for entry;</li>
 *   <li>2, indirect (C.7.9.2.3): a 32-bit byte offset follows (least significant 16 bits first) from the start of
 *       the data to the first of n segments to expand again here; those may not be indirect themselves.</li>
 * </ul>
 * With 8-bit entries every item (opcode, count, value, each half of the offset) is one byte; with 16-bit entries
 * one word. A trailing pad entry is ignored. The expansion must give exactly the descriptor's number of entries;
 * it is bounded by it, so hostile data cannot make it allocate more or loop.
 */
final class SegmentedLut {

    private final int[] data;
    private final int bytesPerEntry;
    private final int entries;
    private final String what;
    private int[] out;
    private int size;

    private SegmentedLut(int[] data, int bytesPerEntry, int entries, String what) {
        this.data = data;
        this.bytesPerEntry = bytesPerEntry;
        this.entries = entries;
        this.what = what;
        this.out = new int[Math.min(entries, 4096)];
    }

    /**
     * @param data          the segmented data, one int per 8- or 16-bit item, unsigned
     * @param bytesPerEntry 1 or 2
     * @param entries       the descriptor's number of entries (1 to 65536)
     * @param what          the attribute, for messages
     * @return the expanded table, {@code entries} values
     * @throws IllegalArgumentException saying what is wrong, prefixed with {@code what}
     */
    static int[] expand(int[] data, int bytesPerEntry, int entries, String what) {
        SegmentedLut s = new SegmentedLut(data, bytesPerEntry, entries, what);
        int pos = 0;
        while (pos + 1 < data.length) {
            pos = s.segment(pos, true);
        }
        if (s.size != entries) {
            throw s.error("expands to " + s.size + " entries, the descriptor says " + entries);
        }
        return Arrays.copyOf(s.out, s.size);
    }

    /** Expands the segment at {@code pos}; @return the position after it */
    private int segment(int pos, boolean indirectAllowed) {
        int opcode = data[pos];
        int n = data[pos + 1];
        switch (opcode) {
            case 0 -> {
                require(pos + 2 + n <= data.length, pos, "a discrete segment of " + n + " entries runs past the data");
                grow(n, pos);
                System.arraycopy(data, pos + 2, out, size, n);
                size += n;
                return pos + 2 + n;
            }
            case 1 -> {
                require(pos + 2 < data.length, pos, "a linear segment is cut off");
                require(size > 0, pos, "a linear segment cannot be the first: it starts at the previous entry");
                grow(n, pos);
                linear(out[size - 1], data[pos + 2], n);
                return pos + 3;
            }
            case 2 -> {
                require(indirectAllowed, pos, "an indirect segment copies another indirect segment");
                require(size > 0, pos, "an indirect segment cannot be the first");
                int offsetItems = bytesPerEntry == 1 ? 4 : 2;
                require(pos + 2 + offsetItems <= data.length, pos, "an indirect segment is cut off");
                long byteOffset = bytesPerEntry == 1
                        ? data[pos + 2] | data[pos + 3] << 8 | (long) data[pos + 4] << 16 | (long) data[pos + 5] << 24
                        : data[pos + 2] | (long) data[pos + 3] << 16;
                require(byteOffset % bytesPerEntry == 0 && byteOffset / bytesPerEntry < data.length, pos,
                        "indirect byte offset " + byteOffset + " is not an entry of the data");
                int p = (int) (byteOffset / bytesPerEntry);
                for (int k = 0; k < n; k++) {
                    require(p + 1 < data.length, pos, "indirect segment: segment " + k + " of " + n
                            + " lies past the data");
                    p = segment(p, false);
                }
                return pos + 2 + offsetItems;
            }
            default -> throw error("at entry " + pos + ": unknown segment opcode " + opcode);
        }
    }

    /** The line from y0 (exclusive) to y1 (inclusive) in n steps, as pydicom computes it (see the class comment). */
    private void linear(int y0, int y1, int n) {
        if (n == 0) {
            return;
        }
        if (y0 == y1 || n == 1) {
            Arrays.fill(out, size, size + n, y1);
            size += n;
            return;
        }
        double start = y0 + (double) (y1 - y0) / n;
        double step = (y1 - start) / (n - 1);
        for (int k = 0; k < n - 1; k++) {
            out[size + k] = (int) Math.rint(k * step + start);
        }
        out[size + n - 1] = y1;
        size += n;
    }

    private void grow(int n, int pos) {
        require(size + n <= entries, pos, "expands to more than the descriptor's " + entries + " entries");
        if (size + n > out.length) {
            out = Arrays.copyOf(out, Math.min(entries, Math.max(size + n, out.length * 2)));
        }
    }

    private void require(boolean ok, int pos, String message) {
        if (!ok) {
            throw error("at entry " + pos + ": " + message);
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(what + ": " + message);
    }
}
