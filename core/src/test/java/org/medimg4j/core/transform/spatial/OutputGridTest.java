package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/** The size guard itself; the transforms' own tests check that each one passes through it with its parameter. */
class OutputGridTest {

    private static final long GIB = 1L << 30;

    @Test
    void aGridThatFitsReturnsItsElementCountOverAllChannels() {
        assertEquals(3 * 4 * 5 * 2, OutputGrid.elements("T", Geometry.of(3, 4, 5, 1, 1, 1), 2, 4, 0, GIB));
    }

    @Test
    void exactlyTheLimitIsAcceptedAndOneMoreIsNot() {
        // 2^31 - 9 = 7 x 306783377 elements: a 1-D grid of that many voxels, never allocated here
        Geometry atLimit = Geometry.of(306783377, 7, 1, 1, 1, 1);
        assertEquals(OutputGrid.MAX_ELEMENTS, OutputGrid.elements("T", atLimit, 1, 1, 0, Long.MAX_VALUE));
        Geometry oneMore = Geometry.of(306783377 * 7 + 1, 1, 1, 1, 1, 1);
        TransformException e = assertThrows(TransformException.class,
                () -> OutputGrid.elements("T", oneMore, 1, 1, 0, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("2147483639"), e.getMessage());
    }

    @Test
    void tooManyElementsNameWhatTheSizeTheChannelsAndTheLimit() {
        TransformException e = assertThrows(TransformException.class, () -> OutputGrid.elements(
                "Resize.to: size (nx, ny, nz) = (40000, 30000, 1)", Geometry.of(40000, 30000, 1, 1, 1, 1), 2, 4, 0));
        String m = e.getMessage();
        assertTrue(m.startsWith("Resize.to: size (nx, ny, nz) = (40000, 30000, 1) gives an output grid of "), m);
        assertTrue(m.contains("40000x30000x1 voxels x 2 channel(s) = 2.400e+09 elements"), m);
        assertTrue(m.contains("Integer.MAX_VALUE - 8"), m);
    }

    @Test
    void threeHugeAxesAreRefusedEvenWhereTheirLongProductWrapsRound() {
        int n = Integer.MAX_VALUE;
        Geometry huge = Geometry.of(n, n, n, 1, 1, 1);
        // (2^31 - 1)^3 does not fit a long: Geometry.voxelCount() wraps round, so the guard must not rely on it
        TransformException e = assertThrows(TransformException.class,
                () -> OutputGrid.elements("T", huge, 1, 1, 0, Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("2147483647x2147483647x2147483647 voxels"), e.getMessage());
        assertTrue(e.getMessage().contains("9.904e+27 elements"), e.getMessage());
    }

    @Test
    void anOutputThatFitsAnArrayButNotTheHeapNamesTheMebibytesNeeded() {
        Geometry g = Geometry.of(1024, 1024, 256, 1, 1, 1); // 2^28 floats: 1024 MiB
        TransformException e = assertThrows(TransformException.class,
                () -> OutputGrid.elements("Affine", g, 1, 4, 512L << 20, 1535L << 20));
        String m = e.getMessage();
        assertTrue(m.startsWith("Affine gives an output grid of 1024x1024x256 voxels x 1 channel(s)"), m);
        assertTrue(m.contains("about 1536 MiB of heap (1024 MiB output + 512 MiB input"), m);
        assertTrue(m.contains("maximum heap of 1535 MiB"), m);
        // exactly what the heap holds is accepted: the test is "more than", not "as much as"
        assertEquals(1 << 28, OutputGrid.elements("Affine", g, 1, 4, 512L << 20, 1536L << 20));
    }

    @Test
    void heapBytesCountHeapVoxelsAndNotDirectOnes() {
        Geometry g = Geometry.of(4, 3, 2, 1, 1, 1);
        assertEquals(2 * 24 * 4, OutputGrid.heapBytes(Volume.builder(g).channels(2).floats(new float[48]).build()));
        assertEquals(24 * 2, OutputGrid.heapBytes(Volume.builder(g).shorts(new short[24]).build()));
        Volume direct = Volume.builder(g)
                .floats(ByteBuffer.allocateDirect(24 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer()).build();
        assertEquals(0, OutputGrid.heapBytes(direct));
        assertEquals(24, OutputGrid.heapBytes(LabelVolume.of(g, new byte[24])));
        assertEquals(0, OutputGrid.heapBytes(LabelVolume.of(g, ByteBuffer.allocateDirect(24))));
    }
}
