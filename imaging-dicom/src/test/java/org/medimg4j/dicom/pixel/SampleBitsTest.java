package org.medimg4j.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleBitsTest {

    private static ByteBuffer of(ByteOrder order, int position, short... v) {
        ByteBuffer b = ByteBuffer.allocate(position + 2 * v.length).order(order);
        for (int i = 0; i < v.length; i++) {
            b.putShort(position + 2 * i, v[i]);
        }
        return b.position(position);
    }

    /** The definition, one value at a time. */
    private static int expected(short[] v, boolean signed) {
        for (int b = 1; b <= 16; b++) {
            boolean all = true;
            for (short s : v) {
                int x = signed ? s : s & 0xFFFF;
                long lo = signed ? -(1L << (b - 1)) : 0;
                long hi = signed ? (1L << (b - 1)) - 1 : (1L << b) - 1;
                all &= x >= lo && x <= hi;
            }
            if (all) {
                return b;
            }
        }
        throw new AssertionError();
    }

    @Test
    void signedBoundsAreTheSmallestTwosComplementWidthHoldingEveryValue() {
        assertEquals(1, SampleBits.significantBits16(of(ByteOrder.LITTLE_ENDIAN, 0, (short) 0, (short) -1), 2, true));
        assertEquals(12, SampleBits.significantBits16(of(ByteOrder.LITTLE_ENDIAN, 0, (short) 2047, (short) -2048,
                (short) 5, (short) 0, (short) 1), 5, true));
        assertEquals(13, SampleBits.significantBits16(of(ByteOrder.LITTLE_ENDIAN, 0, (short) 0, (short) 0,
                (short) 0, (short) 0, (short) 2048), 5, true), "a value in the scalar tail counts");
        assertEquals(16, SampleBits.significantBits16(of(ByteOrder.LITTLE_ENDIAN, 0, (short) -32768, (short) 0,
                (short) 0, (short) 0), 4, true));
    }

    @Test
    void unsignedBoundsAreTheHighestSetBit() {
        assertEquals(12, SampleBits.significantBits16(of(ByteOrder.LITTLE_ENDIAN, 0, (short) 4095, (short) 7,
                (short) 0, (short) 1), 4, false));
        assertEquals(16, SampleBits.significantBits16(of(ByteOrder.LITTLE_ENDIAN, 0, (short) 40000), 1, false));
        assertEquals(1, SampleBits.significantBits16(of(ByteOrder.LITTLE_ENDIAN, 0, new short[8]), 8, false));
    }

    @Test
    void agreesWithTheDefinitionOnRandomFramesInBothByteOrdersAndOffsets() {
        Random r = new Random(3);
        for (int t = 0; t < 300; t++) {
            int n = 1 + r.nextInt(40);
            int width = 1 + r.nextInt(16);
            short[] v = new short[n];
            for (int i = 0; i < n; i++) {
                v[i] = (short) (r.nextInt(1 << width) - (r.nextBoolean() ? (1 << (width - 1)) : 0));
            }
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                for (boolean signed : new boolean[] {true, false}) {
                    int position = r.nextInt(5);
                    assertEquals(expected(v, signed), SampleBits.significantBits16(of(order, position, v), n, signed),
                            () -> java.util.Arrays.toString(v) + " signed=" + signed + " " + order);
                }
            }
        }
    }
}
