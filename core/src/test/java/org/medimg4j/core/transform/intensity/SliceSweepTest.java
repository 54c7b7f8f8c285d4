package org.medimg4j.core.transform.intensity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;

/**
 * The heap check made before an intensity transform allocates its FLOAT32 output, against a given maximum heap:
 * the JVM's own cannot be made small enough in a unit test without allocating what the check is there to prevent.
 */
class SliceSweepTest {

    private static final long MIB = 1L << 20;

    /** 512 x 512 x 2 INT16 voxels in 2 channels: 2 MiB in, 4 MiB out as FLOAT32. */
    private static Volume shortCt() {
        return Volume.builder(Geometry.of(512, 512, 2, 0.7, 0.7, 2.5)).channels(2).unit(IntensityUnit.HU)
                .shorts(new short[2 * 512 * 512 * 2]).build();
    }

    @Test
    void anOutputThatFitsTheHeapReturnsItsLength() {
        assertEquals(2 * 512 * 512 * 2, SliceSweep.outputLength("WindowLevel", shortCt(), 6 * MIB));
    }

    @Test
    void anOutputThatWithItsInputExceedsTheHeapNamesTheTransformGridAndMebibytes() {
        TransformException e = assertThrows(TransformException.class,
                () -> SliceSweep.outputLength("WindowLevel", shortCt(), 6 * MIB - 1));
        String m = e.getMessage();
        assertTrue(m.startsWith("WindowLevel: the FLOAT32 output of 512x512x2 voxels x 2 channel(s) needs about 6 MiB"
                + " of heap (4 MiB output + 2 MiB input)"), m);
        assertTrue(m.contains("maximum heap of 6 MiB (-Xmx)"), m);
    }

    @Test
    void aDirectInputDoesNotCountAgainstTheHeap() {
        Geometry g = Geometry.of(256, 256, 4, 1, 1, 1);
        Volume direct = Volume.builder(g)
                .floats(ByteBuffer.allocateDirect(256 * 256 * 4 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer())
                .build();
        assertEquals(256 * 256 * 4, SliceSweep.outputLength("IntensityScale", direct, MIB));
        TransformException e = assertThrows(TransformException.class,
                () -> SliceSweep.outputLength("IntensityScale", direct, MIB - 1));
        assertTrue(e.getMessage().contains("(1 MiB output + 0 MiB input)"), e.getMessage());
    }
}
