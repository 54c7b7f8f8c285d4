package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

class FlipTest {

    @Test
    void flipAlongIReversesEachRow() {
        Geometry g = Geometry.of(3, 2, 1, 1, 1, 1);
        Volume out = Flip.along(0).apply(Volume.ofFloats(g, new float[] {1, 2, 3, 4, 5, 6}));

        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4}, out.toFloatArray());
    }

    @Test
    void flipAlongJReversesRowOrderAndAlongKSliceOrder() {
        Geometry g = Geometry.of(2, 2, 2, 1, 1, 1);
        float[] v = {1, 2, 3, 4, 5, 6, 7, 8};

        assertArrayEquals(new float[] {3, 4, 1, 2, 7, 8, 5, 6}, Flip.along(1).apply(Volume.ofFloats(g, v)).toFloatArray());
        assertArrayEquals(new float[] {5, 6, 7, 8, 1, 2, 3, 4}, Flip.along(2).apply(Volume.ofFloats(g, v.clone())).toFloatArray());
    }

    @Test
    void flippedAxisDirectionIsNegatedAndOriginMovesToTheOldLastVoxel() {
        Geometry g = SpatialTestData.oblique(5, 4, 3);
        Geometry out = Flip.along(1).apply(SpatialTestData.image(g, 1)).geometry();

        double[] d = g.direction();
        double[] e = out.direction();
        for (int r = 0; r < 3; r++) {
            assertEquals(d[r * 3], e[r * 3], 0, "i column kept");
            assertEquals(-d[r * 3 + 1], e[r * 3 + 1], 0, "j column negated");
            assertEquals(d[r * 3 + 2], e[r * 3 + 2], 0, "k column kept");
        }
        assertEquals(0, out.origin().distanceTo(g.indexToWorld(0, 3, 0)), 1e-9);
        assertArrayEquals(g.spacing(), out.spacing());
        assertArrayEquals(g.size(), out.size());
    }

    @Test
    void knownVoxelKeepsItsWorldPoint() {
        Geometry g = SpatialTestData.oblique(5, 4, 3);
        Volume image = SpatialTestData.image(g, 1);
        Point3 p = g.indexToWorld(1, 2, 0);
        float value = image.get(0, 2, 1);

        Volume out = Flip.along(0, 2).apply(image);

        double[] idx = out.geometry().worldToIndex(p);
        assertArrayEquals(new double[] {3, 2, 2}, idx, 1e-9);
        assertEquals(value, out.get(2, 2, 3));
    }

    @Test
    void isItsOwnInverseAndRecordsIt() {
        Flip flip = Flip.along(0, 2);
        Sample out = flip.apply(Sample.of(SpatialTestData.image(SpatialTestData.axisAligned(4, 3, 2), 1)));

        AppliedTransform step = out.history().get(0);
        assertEquals("Flip", step.name());
        assertEquals("axes=[i, k]", step.parameters());
        assertEquals(flip, step.inverse());
        assertSame(flip, flip.inverse());
        assertArrayEquals(new int[] {0, 2}, flip.axes());
    }

    @Test
    void flipsA2dXrayInPlane() {
        Geometry g = Geometry.builder().size(3, 2, 1).spacing(0.14, 0.14, 1).build();
        byte[] px = {10, 20, 30, 40, 50, (byte) 200};
        Volume xray = Volume.builder(g).unsignedBytes(px).build();
        LabelVolume mask = LabelVolume.of(g, new byte[] {0, 1, 0, 2, 0, 3});

        Sample out = Flip.along(0, 1).apply(Sample.of(xray, mask));

        assertEquals(VoxelType.UINT8, out.image().voxelType());
        assertArrayEquals(new float[] {200, 50, 40, 30, 20, 10}, out.image().toFloatArray());
        assertArrayEquals(new byte[] {3, 0, 2, 0, 1, 0}, out.label().orElseThrow().toByteArray());
        assertEquals(1, out.image().geometry().nz());
    }

    @Test
    void readsADirectBufferVolume() {
        Geometry g = Geometry.of(3, 2, 2, 1, 1, 1);
        FloatBuffer direct = ByteBuffer.allocateDirect(12 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < 12; i++) {
            direct.put(i, i);
        }
        Volume out = Flip.along(0, 1).apply(Volume.builder(g).floats(direct).build());

        assertArrayEquals(new float[] {5, 4, 3, 2, 1, 0, 11, 10, 9, 8, 7, 6}, out.toFloatArray());
    }

    @Test
    void largeMultiChannelVolumeGivesTheSameVoxelsOnTheParallelPath() {
        // 2 x 64 x 48 x 48 voxels: above the parallel threshold, exercising the sliced copies
        Geometry g = SpatialTestData.oblique(64, 48, 48);
        assertTrue(2 * g.voxelCount() >= VoxelRows.PARALLEL_MIN_VOXELS);
        Volume image = SpatialTestData.image(g, 2);
        Volume out = Flip.along(0, 1, 2).apply(image);

        int n = (int) g.voxelCount();
        float[] in = image.toFloatArray();
        float[] o = out.toFloatArray();
        for (int c = 0; c < 2; c++) {
            for (int x = 0; x < n; x++) {
                // flipping all three axes of a C-order array reverses each channel's voxels
                assertEquals(in[c * n + n - 1 - x], o[c * n + x]);
            }
        }
    }

    @Test
    void rejectsAnAxisOutsideIjk() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Flip.along(3));
        assertTrue(e.getMessage().contains("axes"), e.getMessage());
    }

    @Test
    void rejectsAnAxisGivenTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Flip.along(1, 1));
        assertTrue(e.getMessage().contains("axes"), e.getMessage());
    }

    @Test
    void rejectsNullAxesAndNullSample() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Flip.along((int[]) null));
        assertEquals("axes", e.getMessage());
        NullPointerException s = assertThrows(NullPointerException.class, () -> Flip.along(0).apply((Sample) null));
        assertEquals("sample", s.getMessage());
    }
}
