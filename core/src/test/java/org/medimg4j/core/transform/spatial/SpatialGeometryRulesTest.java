package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * The rules every index-permuting transform keeps, on axis-aligned, oblique and 2-D grids with two channels and a
 * label: each voxel keeps its LPS position and value, the label moves with the image, the step is recorded, and
 * its recorded inverse restores the input exactly.
 */
class SpatialGeometryRulesTest {

    private static final float PAD = -1000f;

    private record Case(String name, Transform transform, boolean permutesOnly, float pad) {
        Case(String name, Transform transform, boolean permutesOnly) {
            this(name, transform, permutesOnly, PAD);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Case> transforms() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("flip i", Flip.along(0), true));
        c.add(new Case("flip j", Flip.along(1), true));
        c.add(new Case("flip k", Flip.along(2), true));
        c.add(new Case("flip ijk", Flip.along(0, 1, 2), true));
        c.add(new Case("flip none", Flip.along(), true));
        c.add(new Case("rot90 x1", Rotate90.of(1), true));
        c.add(new Case("rot90 x2", Rotate90.of(2), true));
        c.add(new Case("rot90 x3", Rotate90.of(3), true));
        c.add(new Case("rot90 -1 i-k", Rotate90.of(-1, 0, 2), true));
        c.add(new Case("rot90 1 j-k", Rotate90.of(1, 1, 2), true));
        for (String code : new String[] {"LPS", "RAS", "LIP", "SAR", "PIR"}) {
            c.add(new Case("reorient " + code, Reorient.to(code), true));
        }
        c.add(new Case("crop centred, default pad", CropOrPad.toSize(3, 2, 1), false, 0f));
        c.add(new Case("crop/pad centred", CropOrPad.toSize(7, 3, 5).withPadValue(PAD), false));
        c.add(new Case("pad around voxel", CropOrPad.toSize(4, 5, 3).aroundVoxel(1, 2, 0).withPadValue(PAD), false));
        c.add(new Case("foreground image", ForegroundCrop.ofImage(35).withMarginMm(1.0).withPadValue(PAD), false));
        c.add(new Case("random flip", RandomFlip.of(11L, 0.5, 0, 1, 2), true));
        c.add(new Case("random rot90", RandomRotate90.of(12L, 1.0, 3), true));
        return c;
    }

    static Stream<Arguments> cases() {
        List<IntFunction<Geometry>> grids = List.of(
                n -> SpatialTestData.axisAligned(5, 4, 3),
                n -> SpatialTestData.oblique(5, 4, 3),
                n -> SpatialTestData.obliqueRas(5, 4, 3),
                n -> SpatialTestData.axisAligned(6, 5, 1)); // a 2-D X-ray
        String[] gridNames = {"axis-aligned", "oblique", "oblique RAS", "2-D"};
        List<Arguments> out = new ArrayList<>();
        for (Case c : transforms()) {
            for (int g = 0; g < grids.size(); g++) {
                out.add(Arguments.of(c, gridNames[g], grids.get(g).apply(0)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void everyVoxelKeepsItsWorldPositionAndValue(Case c, String gridName, Geometry grid) {
        Volume image = SpatialTestData.image(grid, 2);
        LabelVolume label = SpatialTestData.label(grid);
        Sample out = c.transform().apply(Sample.of(image, label).withSeed(5));

        SpatialTestData.assertSameWorldValues(image, out.image(), c.pad());
        SpatialTestData.assertSameWorldLabels(label, out.label().orElseThrow());
        SpatialTestData.assertLabelFollowsImage(out.image(), out.label().orElseThrow(), c.pad());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void recordsASpatialStepWithItsGeometries(Case c, String gridName, Geometry grid) {
        Volume image = SpatialTestData.image(grid, 2);
        Sample out = c.transform().apply(Sample.of(image, SpatialTestData.label(grid)));

        assertEquals(1, out.history().size());
        AppliedTransform step = out.history().get(0);
        assertTrue(step.spatial(), "spatial");
        assertSame(image.geometry(), step.before());
        assertEquals(out.image().geometry(), step.after());
        assertNotNull(step.inverse(), "inverse");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void recordedInverseRestoresTheInput(Case c, String gridName, Geometry grid) {
        Volume image = SpatialTestData.image(grid, 2);
        LabelVolume label = SpatialTestData.label(grid);
        Sample out = c.transform().apply(Sample.of(image, label).withSeed(5));
        Sample back = out.spatialInverse().apply(out);

        assertTrue(back.image().geometry().equalsWithin(image.geometry(), 1e-9),
                back.image().geometry() + " vs " + image.geometry());
        if (c.permutesOnly()) {
            assertArrayEquals(image.toFloatArray(), back.image().toFloatArray());
            assertArrayEquals(label.toByteArray(), back.label().orElseThrow().toByteArray());
        } else {
            // voxels that survived the crop come back exactly; the rest are padding
            SpatialTestData.assertSameWorldValues(out.image(), back.image(), c.pad());
            SpatialTestData.assertSameWorldLabels(out.label().orElseThrow(), back.label().orElseThrow());
            SpatialTestData.assertLabelFollowsImage(back.image(), back.label().orElseThrow(), c.pad());
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void keepsAnInt16VolumeInt16(Case c, String gridName, Geometry grid) {
        Volume image = SpatialTestData.shortImage(grid, 1);
        Volume out = c.transform().apply(image);

        assertEquals(image.voxelType(), out.voxelType());
        SpatialTestData.assertSameWorldValues(image, out, c.pad());
    }
}
