package org.medimg4j.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Segmented palette LUT expansion (PS3.3 C.7.9.2), on tables worked out by hand. */
class SegmentedLutTest {

    private static final String WHAT = "(0028,1221) SegmentedRedPaletteColorLookupTableData";

    @Test
    void discreteLinearAndIndirectSegmentsExpandIn16Bits() {
        int[] data = {
            0, 3, 10, 20, 30, // discrete: 10 20 30
            1, 4, 70,         // linear from 30 to 70 in 4 steps: 40 50 60 70
            2, 1, 0, 0,       // indirect: 1 segment from byte offset 0 (the discrete one)
            2, 1, 10, 0};     // indirect: 1 segment from byte offset 10 = word 5 (the linear one, from 30 to 70)
        assertArrayEquals(new int[] {10, 20, 30, 40, 50, 60, 70, 10, 20, 30, 40, 50, 60, 70},
                SegmentedLut.expand(data, 2, 14, WHAT));
    }

    @Test
    void eightBitItemsAreBytesAndTheOffsetIsFourBytesLeastSignificantFirst() {
        int[] data = {0, 2, 5, 9, 1, 2, 13, 2, 2, 0, 0, 0, 0, 0}; // last byte: padding
        // discrete 5 9; linear 9 -> 13: 11 13; indirect copies both: 5 9, then 9 -> 13 again: 11 13
        assertArrayEquals(new int[] {5, 9, 11, 13, 5, 9, 11, 13}, SegmentedLut.expand(data, 1, 8, WHAT));
    }

    @Test
    void linearSegmentsRoundHalvesToEvenAsPydicomDoes() {
        // 0 -> 254 in 128 steps is 127k/64: k = 32 gives 63.5, k = 96 gives 190.5.
        int[] lut = SegmentedLut.expand(new int[] {0, 1, 0, 1, 128, 254}, 2, 129, WHAT);
        assertEquals(64, lut[32]);
        assertEquals(190, lut[96]);
        assertEquals(2, lut[1], "1.984375 rounds to 2");
        assertEquals(254, lut[128], "the segment ends exactly at y1");
    }

    @Test
    void badSegmentsAreRefusedNamingTheAttribute() {
        assertError("linear segment cannot be the first", new int[] {1, 4, 70}, 4);
        assertError("an indirect segment copies another indirect segment",
                new int[] {0, 1, 7, 2, 1, 6, 0, 2, 1, 0, 0}, 3);
        assertError("more than the descriptor's 2 entries", new int[] {0, 3, 1, 2, 3}, 2);
        assertError("expands to 3 entries, the descriptor says 4", new int[] {0, 3, 1, 2, 3}, 4);
        assertError("unknown segment opcode 3", new int[] {0, 1, 5, 3, 1, 1}, 4);
        assertError("runs past the data", new int[] {0, 9, 1, 2}, 9);
        assertError("is not an entry of the data", new int[] {0, 1, 5, 2, 1, 200, 0}, 2);
    }

    private static void assertError(String expected, int[] data, int entries) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentedLut.expand(data, 2, entries, WHAT));
        assertTrue(e.getMessage().startsWith(WHAT), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
