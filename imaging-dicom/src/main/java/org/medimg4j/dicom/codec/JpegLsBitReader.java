package org.medimg4j.dicom.codec;

import org.medimg4j.dicom.DicomException;

/**
 * Reads the entropy-coded segment of a JPEG-LS scan, most significant bit first, through a 64-bit cache.
 *
 * <p>Marker bytes: after a 0xFF data byte the encoder stuffs a 0 bit, so the next byte carries 7 bits (T.87
 * A.1); a 0xFF followed by a byte with its high bit set is a marker, which ends the segment. Every read checks
 * the bits really present, so a segment that ends too early fails with the offset instead of decoding zeros.
 */
final class JpegLsBitReader {

    private final byte[] data;
    /** index of the frame's first byte, so that messages give offsets in the frame */
    private final int base;
    /** end of the frame's bytes */
    private final int limit;
    /** next byte to load into the cache */
    private int pos;
    /** where the segment ends: the 0xFF of the marker that closes it, or {@link #limit} until that is seen */
    private int end;
    /** the next bits, left-aligned */
    private long cache;
    /** how many bits of {@link #cache} are data */
    private int count;

    JpegLsBitReader(byte[] data, int base, int limit) {
        this.data = data;
        this.base = base;
        this.limit = limit;
    }

    /** Starts a segment at array index {@code position}. */
    void start(int position) {
        pos = position;
        end = limit;
        cache = 0;
        count = 0;
    }

    /**
     * @return the array index of the marker that ends the current segment (its first 0xFF; fill bytes may
     *         follow), searched from the bytes not yet loaded, or -1 when the frame ends first
     */
    int markerPosition() {
        for (int p = pos; p + 1 < limit; p++) {
            if (data[p] == (byte) 0xFF && (data[p + 1] & 0xFF) >= 0x80) {
                return p;
            }
        }
        return -1;
    }

    /**
     * @return the bits of the segment not read: those left in the cache and the bytes before the closing marker (or
     *         the end of the frame); a few bits of padding after a scan read correctly
     */
    int unusedBits() {
        int m = markerPosition();
        return count + 8 * ((m < 0 ? limit : m) - pos);
    }

    /** @return the frame offset of the next byte to load, for messages */
    int offset() {
        return pos - base;
    }

    /** Loads whole bytes while the cache has room for one; stops at a marker or the end of the frame. */
    private void fill() {
        while (count <= 56) {
            int p = pos;
            if (p >= end) {
                return;
            }
            int b = data[p] & 0xFF;
            if (b != 0xFF) {
                cache |= (long) b << (56 - count);
                count += 8;
                pos = p + 1;
                continue;
            }
            if (p + 1 >= end) {
                end = p; // a lone 0xFF at the end: the start of a marker cut off by truncation
                return;
            }
            int next = data[p + 1] & 0xFF;
            if (next >= 0x80) {
                end = p;
                return;
            }
            if (count > 49) {
                return; // the 0xFF and its 7-bit successor go in together
            }
            cache |= 0xFFL << (56 - count);
            count += 8;
            cache |= (long) next << (57 - count);
            count += 7;
            pos = p + 2;
        }
    }

    /** @return the next bit */
    int readBit() throws DicomException {
        if (count == 0) {
            fill();
            if (count == 0) {
                throw ended();
            }
        }
        int bit = (int) (cache >>> 63);
        cache <<= 1;
        count--;
        return bit;
    }

    /** @return the next {@code n} bits (1..31) as an unsigned value */
    int readBits(int n) throws DicomException {
        if (count < n) {
            fill();
            if (count < n) {
                throw ended();
            }
        }
        int v = (int) (cache >>> (64 - n));
        cache <<= n;
        count -= n;
        return v;
    }

    /**
     * Reads one limited-length Golomb code word (T.87 A.5.3): a unary prefix q, then either k bits (q below
     * {@code maxUnary}) or, for the escape prefix q = {@code maxUnary}, the value − 1 in {@code escapeBits} bits.
     *
     * @param k          Golomb parameter
     * @param maxUnary   LIMIT − qbpp − 1 (regular mode) or LIMIT − J[RUNindex] − qbpp − 2 (run interruption)
     * @param escapeBits qbpp
     * @return the mapped error value
     */
    int readGolomb(int k, int maxUnary, int escapeBits) throws DicomException {
        if (count < 32) {
            fill();
        }
        long c = cache;
        int q = Long.numberOfLeadingZeros(c);
        int used = q + 1;
        if (q < maxUnary && used + k <= count) {
            // Two shifts, since Java reduces a shift count modulo 64 and used + k may reach 64.
            cache = c << used << k;
            count -= used + k;
            return (q << k) | (int) ((c << used) >>> 1 >>> (63 - k));
        }
        return readGolombSlow(k, maxUnary, escapeBits);
    }

    private int readGolombSlow(int k, int maxUnary, int escapeBits) throws DicomException {
        int q = 0;
        while (true) {
            if (count == 0) {
                fill();
                if (count == 0) {
                    throw ended();
                }
            }
            int zeros = Long.numberOfLeadingZeros(cache);
            if (zeros < count) {
                q += zeros;
                cache <<= zeros + 1;
                count -= zeros + 1;
                break;
            }
            q += count;
            cache = 0;
            count = 0;
            if (q > maxUnary) {
                break;
            }
        }
        if (q > maxUnary) {
            throw corrupt("Golomb code prefix of " + q + " zero bits exceeds the limit of " + maxUnary
                    + " that LIMIT allows");
        }
        if (q < maxUnary) {
            return k == 0 ? q : (q << k) | readBits(k);
        }
        return readBits(escapeBits) + 1;
    }

    /**
     * At the end of a restart interval: finds the restart marker (T.87 D.2), checks that it is RST{@code index},
     * and starts the next segment after it.
     */
    void restart(int index) throws DicomException {
        int m = markerPosition();
        if (m < 0) {
            throw JpegLsDecoder.corrupt(limit - base, "the frame ends where restart marker RST" + index
                    + " was expected");
        }
        int p = m;
        while (p + 1 < limit && data[p + 1] == (byte) 0xFF) {
            p++; // fill bytes before the marker code (T.81 B.1.1.2)
        }
        int code = p + 1 < limit ? data[p + 1] & 0xFF : -1;
        if (code != 0xD0 + index) {
            throw JpegLsDecoder.corrupt(p - base, String.format("expected restart marker RST%d (FFD%d), found FF%02X",
                    index, index, code));
        }
        start(p + 2);
    }

    /** @return an error at the current read position */
    DicomException corrupt(String what) {
        return JpegLsDecoder.corrupt(pos - base, what);
    }

    private DicomException ended() {
        if (end + 1 < limit) {
            return JpegLsDecoder.corrupt(end - base, String.format(
                    "entropy-coded data ends at marker FF%02X before the scan is complete", data[end + 1] & 0xFF));
        }
        return JpegLsDecoder.corrupt(limit - base, "the codestream ends before the scan is complete (truncated)");
    }
}
