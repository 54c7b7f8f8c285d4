package org.medimg4j.dicom.pixel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;

/**
 * The fingerprint of one decoded frame by the conformance corpus' hashing rule: the stored values (see
 * {@link StoredValues}), samples interleaved per pixel, each written little endian in W bits (8 for Bits Allocated
 * 1 and 8, 16 for 16, 32 for 32), two's complement when signed; SHA-256 of those bytes, and the minimum, maximum
 * and sum of the values.
 *
 * @param sha256 lower-case hex SHA-256 of the frame's canonical bytes
 * @param min    the smallest value
 * @param max    the largest value
 * @param sum    the sum of all values
 */
public record FrameDigest(String sha256, long min, long max, long sum) {

    /**
     * @param info a frame's format
     * @param buf  its normalised samples
     * @return the digest
     */
    public static FrameDigest of(FrameInfo info, SampleBuffer buf) {
        byte[] bytes = canonicalBytes(info, buf);
        int n = (int) info.samples();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long v = StoredValues.value(info, buf, i);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        if (n == 0) {
            min = 0;
            max = 0;
        }
        return new FrameDigest(sha256(bytes), min, max, sum);
    }

    /** @return the frame's canonical little-endian bytes, as {@code pixels --raw} writes them */
    public static byte[] canonicalBytes(FrameInfo info, SampleBuffer buf) {
        int n = (int) info.samples();
        int off = buf.offset();
        switch (buf.kind()) {
            case BYTES -> {
                byte[] out = new byte[n];
                System.arraycopy(buf.bytes(), off, out, 0, n);
                return out;
            }
            case SHORTS -> {
                short[] a = buf.shorts();
                byte[] out = new byte[n * 2];
                for (int i = 0; i < n; i++) {
                    short v = a[off + i];
                    out[2 * i] = (byte) v;
                    out[2 * i + 1] = (byte) (v >> 8);
                }
                return out;
            }
            case INTS -> {
                int[] a = buf.ints();
                byte[] out = new byte[n * 4];
                for (int i = 0; i < n; i++) {
                    int v = a[off + i];
                    out[4 * i] = (byte) v;
                    out[4 * i + 1] = (byte) (v >> 8);
                    out[4 * i + 2] = (byte) (v >> 16);
                    out[4 * i + 3] = (byte) (v >> 24);
                }
                return out;
            }
            default -> throw new IllegalStateException(buf.kind().toString());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
