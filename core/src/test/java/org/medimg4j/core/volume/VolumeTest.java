package org.medimg4j.core.volume;

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
import org.medimg4j.core.geometry.GeometryException;

class VolumeTest {

    private final Geometry g = Geometry.of(3, 2, 2, 1, 1, 1);

    @Test
    void storesVoxelsInCOrderZyx() {
        float[] v = new float[12];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Volume vol = Volume.ofFloats(g, IntensityUnit.HU, v);
        assertEquals(1 * 6 + 1 * 3 + 2, vol.get(1, 1, 2));
        assertEquals(IntensityUnit.HU, vol.unit());
        float[] slice = new float[6];
        vol.readSlice(0, 1, slice);
        assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11}, slice);
    }

    @Test
    void multiChannelLayoutIsChannelMajor() {
        float[] v = new float[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Volume vol = Volume.builder(g).channels(2).floats(v).build();
        assertEquals(12 + 5, vol.get(1, 0, 1, 2));
    }

    @Test
    void int16AndUint8ConvertToFloat() {
        short[] s = {-1000, 0, 40, 1000, -1, 2, 3, 4, 5, 6, 7, 32767};
        Volume vs = Volume.builder(g).shorts(s).unit(IntensityUnit.HU).build();
        assertEquals(VoxelType.INT16, vs.voxelType());
        assertEquals(-1000f, vs.toFloatArray()[0]);
        assertEquals(32767f, vs.toFloat32().get(1, 1, 2));
        byte[] b = new byte[12];
        b[11] = (byte) 250;
        Volume vb = Volume.builder(g).unsignedBytes(b).build();
        assertEquals(250f, vb.get(1, 1, 2));
        assertEquals(250f, vb.toFloatArray()[11]);
    }

    @Test
    void toFloat32OfFloatVolumeIsItself() {
        Volume v = Volume.ofFloats(g, new float[12]);
        assertSame(v, v.toFloat32());
    }

    @Test
    void directBufferVolumesAreDirect() {
        FloatBuffer fb = ByteBuffer.allocateDirect(12 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        fb.put(5, 3.5f);
        Volume v = Volume.builder(g).floats(fb).build();
        assertTrue(v.isDirect());
        assertEquals(3.5f, v.get(0, 1, 2));
    }

    @Test
    void viewsAreReadOnly() {
        Volume v = Volume.ofFloats(g, new float[12]);
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> v.floats().put(0, 1f));
    }

    @Test
    void rejectsWrongVoxelCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Volume.ofFloats(g, new float[11]));
        assertTrue(e.getMessage().contains("needs 12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Volume.builder(g).channels(0).floats(new float[12]).build());
        assertThrows(IllegalArgumentException.class, () -> Volume.builder(g).build());
    }

    @Test
    void wrongTypeViewSaysHowToConvert() {
        Volume v = Volume.builder(g).shorts(new short[12]).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, v::floats);
        assertTrue(e.getMessage().contains("toFloat32"));
    }

    @Test
    void requireNoNaNNamesTheParameter() {
        float[] v = new float[12];
        v[7] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Volume.ofFloats(g, v).requireNoNaN("image"));
        assertTrue(e.getMessage().startsWith("image"));
        assertTrue(e.getMessage().contains("7"));
    }

    @Test
    void withGeometryRejectsOtherSize() {
        Volume v = Volume.ofFloats(g, new float[12]);
        assertThrows(IllegalArgumentException.class, () -> v.withGeometry(Geometry.of(2, 3, 2, 1, 1, 1)));
    }

    @Test
    void labelVolumeCountsAndVolumes() {
        Geometry lg = Geometry.of(10, 10, 10, 0.5, 0.5, 2.0);
        byte[] l = new byte[1000];
        for (int i = 0; i < 100; i++) {
            l[i] = 1;
        }
        l[999] = (byte) 200;
        LabelVolume lab = LabelVolume.of(lg, l);
        assertEquals(100, lab.count(1));
        assertEquals(100 * 0.5 * 0.5 * 2.0 / 1000.0, lab.volumeMl(1), 1e-12);
        assertEquals(200, lab.maxLabel());
        assertEquals(200, lab.get(9, 9, 9));
    }

    @Test
    void labelThresholdOfImage() {
        float[] v = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        LabelVolume lab = LabelVolume.threshold(Volume.ofFloats(g, v), 5.5f);
        assertEquals(6, lab.count(1));
        assertEquals(0, lab.get(0, 1, 2));
        assertEquals(1, lab.get(1, 0, 0));
    }

    @Test
    void labelGeometryMismatchIsTypedError() {
        LabelVolume lab = LabelVolume.empty(g);
        Volume shifted = Volume.ofFloats(g.toBuilder().origin(0, 0, 1).build(), new float[12]);
        GeometryException e = assertThrows(GeometryException.class, () -> lab.requireSameGeometry(shifted));
        assertTrue(e.getMessage().contains("label vs image"));
        assertThrows(IllegalArgumentException.class, () -> LabelVolume.of(g, new byte[5]));
    }

    @Test
    void selectAndMaskedByCombineLabels() {
        byte[] l = {0, 1, 2, 3, 1, 2, 0, 0, 3, 3, 1, 2};
        LabelVolume lab = LabelVolume.of(g, l);
        LabelVolume lungOrLesion = lab.select(1, 2);
        assertEquals(6, lungOrLesion.count(1));
        assertEquals(0, lungOrLesion.get(0, 0, 0));
        byte[] r = new byte[12];
        r[1] = 1;
        r[3] = 1;
        LabelVolume masked = lab.maskedBy(LabelVolume.of(g, r));
        assertEquals(1, masked.get(0, 0, 1));
        assertEquals(3, masked.get(0, 1, 0));
        assertEquals(10, masked.count(0));
        assertThrows(IllegalArgumentException.class, () -> lab.select(256));
        assertThrows(GeometryException.class,
                () -> lab.maskedBy(LabelVolume.empty(g.toBuilder().spacing(2, 1, 1).build())));
    }
}
