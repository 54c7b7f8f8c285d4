package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformException;

class RandomElasticTest {

    private static final Geometry GRID = Geometry.of(24, 22, 12, 1, 1, 2);
    private static final Sample SAMPLE = Sample.of(ResampleFixtures.noise(GRID, 2, 4),
            ResampleFixtures.sphere(GRID, Affine.centreOf(GRID), 5));
    private static final RandomElastic AUGMENT = RandomElastic.builder(77).controlSpacingMm(12).maxDisplacementMm(4)
            .build();

    @Test
    void sameSeedsReplayIdenticalVoxelsAlsoConcurrently() throws Exception {
        Sample a = AUGMENT.apply(SAMPLE.withSeed(3));
        Sample b = AUGMENT.apply(SAMPLE.withSeed(3));
        assertArrayEquals(a.image().toFloatArray(), b.image().toFloatArray(), 0f);
        assertArrayEquals(a.label().orElseThrow().toByteArray(), b.label().orElseThrow().toByteArray());
        List<float[]> runs = ResampleFixtures.concurrently(6, () -> AUGMENT.apply(SAMPLE.withSeed(3)).image()
                .toFloatArray());
        for (float[] r : runs) {
            assertArrayEquals(a.image().toFloatArray(), r, 0f);
        }
    }

    @Test
    void differentSampleSeedsDeformDifferently() {
        Sample a = AUGMENT.apply(SAMPLE.withSeed(3));
        Sample b = AUGMENT.apply(SAMPLE.withSeed(4));
        assertFalse(Arrays.equals(a.image().toFloatArray(), b.image().toFloatArray()));
        AppliedTransform applied = a.history().get(0);
        assertEquals("ElasticDeformation", applied.name());
        assertTrue(applied.parameters().contains("fieldSeed="), applied.parameters());
        assertFalse(applied.parameters().equals(b.history().get(0).parameters()));
        assertEquals(2, a.image().channels());
    }

    @Test
    void probabilityZeroLeavesTheSampleAndRecordsThatNothingMoved() {
        Sample out = RandomElastic.builder(1).probability(0).build().apply(SAMPLE.withSeed(8));
        assertArrayEquals(SAMPLE.image().toFloatArray(), out.image().toFloatArray(), 0f);
        assertFalse(out.history().get(0).spatial());
        assertTrue(out.history().get(0).parameters().startsWith("not applied"));
    }

    @Test
    void badParametersAreRejectedNamingTheParameter() {
        TransformException e = assertThrows(TransformException.class,
                () -> RandomElastic.builder(1).controlSpacingMm(-5).build());
        assertTrue(e.getMessage().contains("controlSpacingMm"), e.getMessage());
        e = assertThrows(TransformException.class,
                () -> RandomElastic.builder(1).controlSpacingMm(10).maxDisplacementMm(5).build());
        assertTrue(e.getMessage().contains("maxDisplacementMm"), e.getMessage());
        e = assertThrows(TransformException.class, () -> RandomElastic.builder(1).probability(-0.1).build());
        assertTrue(e.getMessage().contains("probability"), e.getMessage());
        e = assertThrows(TransformException.class, () -> RandomElastic.builder(1).interpolation(null).build());
        assertTrue(e.getMessage().contains("interpolation"), e.getMessage());
    }
}
