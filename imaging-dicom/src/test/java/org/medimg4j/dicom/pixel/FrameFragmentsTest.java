package org.medimg4j.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.DicomException;

class FrameFragmentsTest {

    private static final byte[] SOI = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC3};
    private static final byte[] MID = {1, 2, 3, 4};
    private static final byte[] EOI = {5, (byte) 0xFF, (byte) 0xD9};
    private static final byte[] EOI_PAD = {(byte) 0xFF, (byte) 0xD9, 0};
    private static final byte[] NO_EOI = {7, 8, 9};

    @Test
    void basicOffsetTableDecides() throws DicomException {
        long[] lengths = {100, 50, 30};
        // frame 0 = fragments 0+1 (item offsets 0 and 108), frame 1 = fragment 2 (item offset 166)
        List<FrameFragments> f = FrameFragments.locate(2, new long[] {0, 166}, lengths,
                new byte[][] {SOI, MID, SOI}, new byte[][] {NO_EOI, EOI, EOI});
        assertEquals(List.of(new FrameFragments(0, 2), new FrameFragments(2, 1)), f);
    }

    @Test
    void oneFragmentPerFrameOrAllForOneFrame() throws DicomException {
        assertEquals(3, FrameFragments.locate(3, null, new long[] {1, 1, 1}, new byte[3][0], new byte[3][0]).size());
        assertEquals(List.of(new FrameFragments(0, 3)),
                FrameFragments.locate(1, new long[0], new long[] {1, 1, 1}, new byte[3][0], new byte[3][0]));
    }

    @Test
    void splitsAtSoiAfterEoiWithoutOffsetTable() throws DicomException {
        List<FrameFragments> f = FrameFragments.locate(2, null, new long[] {10, 10, 10, 10},
                new byte[][] {SOI, SOI, MID, SOI}, new byte[][] {NO_EOI, NO_EOI, EOI_PAD, EOI});
        // fragment 1 starts with SOI but follows no EOI: it continues frame 0
        assertEquals(List.of(new FrameFragments(0, 3), new FrameFragments(3, 1)), f);
    }

    @Test
    void badTablesAndCountsAreTypedErrors() {
        DicomException e = assertThrows(DicomException.class,
                () -> FrameFragments.locate(2, new long[] {0, 7}, new long[] {10, 10}, new byte[2][0], new byte[2][0]));
        assertTrue(e.getMessage().contains("offset table entry 1"), e.getMessage());
        assertThrows(DicomException.class,
                () -> FrameFragments.locate(3, null, new long[] {10, 10}, new byte[][] {SOI, MID}, new byte[][] {EOI, EOI}));
        assertThrows(DicomException.class, () -> FrameFragments.locate(1, null, new long[0], new byte[0][], new byte[0][]));
    }
}
