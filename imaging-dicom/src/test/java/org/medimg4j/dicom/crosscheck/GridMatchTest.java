package org.medimg4j.dicom.crosscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.Volume;

/** The cross-check's comparisons can fail: flips and transposes are mapped, a shift or a swapped voxel is caught. */
class GridMatchTest {

    private static final Geometry OURS = Geometry.builder().size(4, 3, 2).spacing(0.5, 0.7, 2)
            .origin(10, -20, 30).build();

    @Test
    void flippedRowsAndSlicesMapOntoTheSameVoxels() {
        // the same voxel centres with rows and slices reversed (dcm2niix flips rows; flipping k keeps it right-handed)
        Geometry flipped = Geometry.builder().size(4, 3, 2).spacing(0.5, 0.7, 2).origin(10, -20 + 2 * 0.7, 32)
                .direction(new double[] {1, 0, 0, 0, -1, 0, 0, 0, -1}).build();
        assertEquals(0, GridMatch.cornerSetDistance(OURS, flipped), 1e-12);
        GridMatch m = GridMatch.of(OURS, flipped, 1e-3);
        assertArrayEquals(new int[] {0, 1, 2}, m.axis());
        assertArrayEquals(new int[] {1, -1, -1}, m.sign());
        assertArrayEquals(new int[] {0, 2, 1}, m.base());

        float[] mine = new float[24];
        for (int i = 0; i < mine.length; i++) {
            mine[i] = i * 1.5f;
        }
        float[] theirs = new float[24];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 4; i++) {
                    theirs[(k * 3 + j) * 4 + i] = mine[((1 - k) * 3 + (2 - j)) * 4 + i];
                }
            }
        }
        Volume ours = Volume.ofFloats(OURS, mine);
        assertEquals(0, m.maxDifference(ours, Volume.ofFloats(flipped, theirs)));
        float keep = theirs[5];
        theirs[5] = theirs[6];
        theirs[6] = keep;
        assertEquals(1.5, m.maxDifference(ours, Volume.ofFloats(flipped, theirs)), 1e-6, "two voxels swapped");
    }

    @Test
    void transposedAxesAreFound() {
        Geometry transposed = Geometry.builder().size(3, 4, 2).spacing(0.7, 0.5, 2).origin(10, -20, 32)
                .direction(new double[] {0, 1, 0, 1, 0, 0, 0, 0, -1}).build();
        assertEquals(0, GridMatch.cornerSetDistance(OURS, transposed), 1e-12);
        GridMatch m = GridMatch.of(OURS, transposed, 1e-3);
        assertArrayEquals(new int[] {1, 0, 2}, m.axis());
        assertArrayEquals(new int[] {1, 1, -1}, m.sign());
        assertArrayEquals(new int[] {0, 0, 1}, m.base());
        assertArrayEquals(GridMatch.sortedSpacing(OURS), GridMatch.sortedSpacing(transposed), 0);
    }

    @Test
    void aShiftOfTenMicrometresOrOneSliceIsCaught() {
        Geometry shifted = OURS.toBuilder().origin(10.01, -20, 30).build();
        assertEquals(0.01, GridMatch.cornerSetDistance(OURS, shifted), 1e-9);
        AssertionError e = assertThrows(AssertionError.class, () -> GridMatch.of(OURS, shifted, 1e-3));
        assertTrue(e.getMessage().contains("not on a voxel centre"), e.getMessage());
        // rows flipped but slices not: the same in-plane points, one slice step off along k
        Geometry oneSliceOff = Geometry.builder().size(4, 3, 2).spacing(0.5, 0.7, 2).origin(10, -20 + 2 * 0.7, 30)
                .direction(new double[] {1, 0, 0, 0, -1, 0, 0, 0, -1}).build();
        assertEquals(2, GridMatch.cornerSetDistance(OURS, oneSliceOff), 1e-9);
        assertThrows(AssertionError.class, () -> GridMatch.of(OURS, oneSliceOff, 1e-3));
    }
}
