package org.medimg4j.core.transform.intensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.core.transform.intensity.IntensityFixtures.floats;
import static org.medimg4j.core.transform.intensity.IntensityFixtures.labels;
import static org.medimg4j.core.transform.intensity.IntensityFixtures.shortsHu;

import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

class WindowLevelTest {

    @Test
    void clampsToCenterPlusMinusHalfWidthKeepingHu() {
        Volume ct = floats(IntensityUnit.HU, -1000, -160, 0, 240, 1000, 100);
        Volume out = WindowLevel.of(40, 400).apply(ct);
        assertArrayEquals(new float[] {-160, -160, 0, 240, 240, 100}, out.toFloatArray());
        assertEquals(IntensityUnit.HU, out.unit());
        assertEquals(VoxelType.FLOAT32, out.voxelType());
    }

    @Test
    void scaledToUnitMapsWindowLinearlyOntoZeroOne() {
        Volume ct = floats(IntensityUnit.HU, -1000, -160, 0, 240, 1000, 100);
        Volume out = WindowLevel.of(40, 400).scaledToUnit().apply(ct);
        assertArrayEquals(new float[] {0, 0, 0.4f, 1, 1, 0.65f}, out.toFloatArray(), 1e-6f);
        assertEquals(IntensityUnit.NORMALIZED, out.unit());
    }

    @Test
    void int16InputGivesFloat32Output() {
        Volume out = WindowLevel.lung().apply(shortsHu((short) -1024, (short) 50, (short) 3000, (short) -2000));
        assertEquals(VoxelType.FLOAT32, out.voxelType());
        assertArrayEquals(new float[] {-1024, 50, 150, -1350}, out.toFloatArray());
    }

    @Test
    void uint8InputIsReadUnsigned() {
        Volume img = Volume.builder(IntensityFixtures.row(3)).unsignedBytes(new byte[] {0, (byte) 200, (byte) 255})
                .build();
        Volume out = WindowLevel.of(100, 100).apply(img);
        assertArrayEquals(new float[] {50, 150, 150}, out.toFloatArray());
    }

    @Test
    void windowsEveryChannel() {
        Volume two = Volume.builder(IntensityFixtures.row(2)).channels(2).unit(IntensityUnit.HU)
                .floats(new float[] {-500, 500, 90, -90}).build();
        Volume out = WindowLevel.brain().apply(two);
        assertEquals(2, out.channels());
        assertArrayEquals(new float[] {0, 80, 80, 0}, out.toFloatArray());
    }

    @Test
    void presetsHaveTheRadiologyValues() {
        assertEquals(-1350, WindowLevel.lung().lowerHu());
        assertEquals(150, WindowLevel.lung().upperHu());
        assertEquals(-160, WindowLevel.softTissue().lowerHu());
        assertEquals(240, WindowLevel.softTissue().upperHu());
        assertEquals(-125, WindowLevel.mediastinum().lowerHu());
        assertEquals(225, WindowLevel.mediastinum().upperHu());
        assertEquals(-500, WindowLevel.bone().lowerHu());
        assertEquals(1300, WindowLevel.bone().upperHu());
        assertEquals(0, WindowLevel.brain().lowerHu());
        assertEquals(80, WindowLevel.brain().upperHu());
    }

    @Test
    void newPresetsHaveTheirDocumentedValues() {
        assertEquals(40, WindowLevel.abdomen().centerHu());
        assertEquals(400, WindowLevel.abdomen().widthHu());
        assertEquals(-15, WindowLevel.liver().lowerHu());
        assertEquals(135, WindowLevel.liver().upperHu());
        assertEquals(20, WindowLevel.stroke().lowerHu());
        assertEquals(60, WindowLevel.stroke().upperHu());
    }

    @Test
    void presetByNameIgnoresCaseAndSeparatorsAndMatchesTheFactories() {
        assertEquals(WindowLevel.liver().toString(), WindowLevel.preset("LIVER").toString());
        assertEquals(WindowLevel.softTissue().toString(), WindowLevel.preset("soft_tissue").toString());
        assertEquals(WindowLevel.softTissue().toString(), WindowLevel.preset(" Soft Tissue ").toString());
        assertEquals(WindowLevel.lung().lowerHu(), WindowLevel.preset("lung").lowerHu());
        assertEquals(WindowLevel.mediastinum().upperHu(), WindowLevel.preset("Mediastinum").upperHu());
        assertEquals(WindowLevel.bone().centerHu(), WindowLevel.preset("bone").centerHu());
        assertEquals(WindowLevel.brain().widthHu(), WindowLevel.preset("brain").widthHu());
        assertEquals(WindowLevel.stroke().widthHu(), WindowLevel.preset("stroke").widthHu());
        assertEquals(WindowLevel.abdomen().widthHu(), WindowLevel.preset("abdomen").widthHu());
    }

    @Test
    void everyPresetNameResolvesToItsEnumValues() {
        assertEquals(java.util.List.of("lung", "mediastinum", "soft-tissue", "abdomen", "liver", "bone", "brain",
                "stroke"), WindowLevel.presetNames());
        for (WindowPreset p : WindowPreset.values()) {
            WindowLevel w = WindowLevel.preset(p.presetName());
            assertEquals(p.centerHu(), w.centerHu(), p.presetName());
            assertEquals(p.widthHu(), w.widthHu(), p.presetName());
        }
    }

    @Test
    void presetWindowsApplyLikeAnyWindow() {
        Volume ct = floats(IntensityUnit.HU, -100, -15, 60, 135, 500);
        assertArrayEquals(new float[] {0, 0, 0.5f, 1, 1},
                WindowLevel.preset("liver").scaledToUnit().apply(ct).toFloatArray(), 1e-6f);
    }

    @Test
    void unknownPresetNameIsRefusedListingTheValidNames() {
        for (String bad : new String[] {"kidney", "", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WindowLevel.preset(bad));
            assertTrue(e.getMessage().contains("name"), e.getMessage());
            assertTrue(e.getMessage().contains("lung, mediastinum, soft-tissue, abdomen, liver, bone, brain, stroke"),
                    e.getMessage());
        }
    }

    @Test
    void leavesLabelUntouchedAndRecordsTheWindow() {
        Volume ct = floats(IntensityUnit.HU, -1000, 0, 1000);
        LabelVolume label = labels(0, 3, 1);
        Sample out = WindowLevel.softTissue().apply(Sample.of(ct, label).withSeed(9));
        assertSame(label, out.labelOrNull());
        assertArrayEquals(new byte[] {0, 3, 1}, out.labelOrNull().toByteArray());
        assertEquals(9, out.seed());
        AppliedTransform last = out.history().get(out.history().size() - 1);
        assertEquals("WindowLevel", last.name());
        assertTrue(last.parameters().contains("center=40.0 HU"), last.parameters());
        assertTrue(last.parameters().contains("width=400.0 HU"), last.parameters());
        assertEquals(false, last.spatial());
    }

    @Test
    void nanStaysNan() {
        Volume out = WindowLevel.of(0, 10).apply(floats(IntensityUnit.HU, Float.NaN, 3));
        assertTrue(Float.isNaN(out.get(0, 0, 0)));
        assertEquals(3, out.get(0, 0, 1));
    }

    @Test
    void largeVolumeMatchesPerVoxelClamp() {
        Volume block = IntensityFixtures.randomBlock(64, 64, 16, 2, 5, -1500, 3000);
        float[] in = block.toFloatArray();
        float[] out = WindowLevel.of(40, 400).scaledToUnit().apply(block).toFloatArray();
        for (int i = 0; i < in.length; i++) {
            float expected = (float) Math.min(1, Math.max(0, (in[i] + 160.0) / 400.0));
            assertEquals(expected, out[i], 1e-6f, "voxel " + i);
        }
    }

    @Test
    void rejectsNonPositiveOrNanWidthNamingWidth() {
        for (double w : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WindowLevel.of(40, w));
            assertTrue(e.getMessage().contains("width"), e.getMessage());
        }
    }

    @Test
    void rejectsNanCenterNamingCenter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WindowLevel.of(Double.NaN, 400));
        assertTrue(e.getMessage().contains("center"), e.getMessage());
    }

    @Test
    void keepsGeometry() {
        Geometry g = Geometry.of(2, 1, 1, 0.7, 0.7, 3);
        Volume ct = Volume.ofFloats(g, IntensityUnit.HU, new float[] {1, 2});
        assertEquals(g, WindowLevel.bone().apply(ct).geometry());
    }
}
