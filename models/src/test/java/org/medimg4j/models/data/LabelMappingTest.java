package org.medimg4j.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

class LabelMappingTest {

    @Test
    void keptLabelsBecomeClassesInOrderOthersBackground() {
        Geometry g = Geometry.of(5, 1, 1, 1, 1, 1);
        Sample s = Sample.of(Volume.ofFloats(g, new float[5]), LabelVolume.of(g, new byte[] {0, 1, 3, 7, 3}));
        LabelMapping m = LabelMapping.keep(3, 1);
        Sample out = m.apply(s);
        assertArrayEquals(new byte[] {0, 2, 1, 0, 1}, out.labelOrNull().toByteArray());
        assertSame(s.image(), out.image());
        assertEquals(3, m.classes());
        assertEquals("LabelMapping", out.history().get(0).name());
        Sample imageOnly = Sample.of(s.image());
        assertSame(imageOnly, m.apply(imageOnly));
    }

    @Test
    void badLabelsAreRefusedNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelMapping.keep()).getMessage()
                .startsWith("labels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelMapping.keep(0)).getMessage()
                .startsWith("labels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelMapping.keep(2, 2)).getMessage()
                .contains("twice"));
    }
}
