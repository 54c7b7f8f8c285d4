package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.Volume;

class RandomAffineTest {

    private static final Geometry GRID = Geometry.of(20, 18, 14, 1, 1, 1.5);
    private static final Sample SAMPLE = Sample.of(ResampleFixtures.blob(GRID, Affine.centreOf(GRID)
            .plus(new Point3(3, -2, 1)), 3), ResampleFixtures.sphere(GRID, Affine.centreOf(GRID), 4));

    private static final RandomAffine AUGMENT = RandomAffine.builder(42).maxRotationDegrees(15)
            .scaleRange(0.85, 1.15).isotropicScale(false).build();

    @Test
    void sameSeedsReplayIdenticalVoxelsAlsoConcurrently() throws Exception {
        Sample a = AUGMENT.apply(SAMPLE.withSeed(7));
        Sample b = AUGMENT.apply(SAMPLE.withSeed(7));
        assertArrayEquals(a.image().toFloatArray(), b.image().toFloatArray(), 0f);
        assertArrayEquals(a.label().orElseThrow().toByteArray(), b.label().orElseThrow().toByteArray());
        assertEquals(a.history().get(0).parameters(), b.history().get(0).parameters());
        List<float[]> runs = ResampleFixtures.concurrently(6, () -> AUGMENT.apply(SAMPLE.withSeed(7)).image()
                .toFloatArray());
        for (float[] r : runs) {
            assertArrayEquals(a.image().toFloatArray(), r, 0f);
        }
    }

    @Test
    void differentSampleSeedsDrawDifferentTransforms() {
        Sample a = AUGMENT.apply(SAMPLE.withSeed(1));
        Sample b = AUGMENT.apply(SAMPLE.withSeed(2));
        assertFalse(Arrays.equals(a.image().toFloatArray(), b.image().toFloatArray()));
        assertFalse(a.history().get(0).parameters().equals(b.history().get(0).parameters()));
        Sample c = RandomAffine.builder(43).maxRotationDegrees(15).scaleRange(0.85, 1.15).isotropicScale(false)
                .build().apply(SAMPLE.withSeed(1));
        assertFalse(Arrays.equals(a.image().toFloatArray(), c.image().toFloatArray()), "transform seed matters too");
    }

    @Test
    void historyRecordsDrawnValuesWithinTheirRangesAndTheInverseUndoesThem() {
        for (long seed = 0; seed < 5; seed++) {
            Sample out = AUGMENT.apply(SAMPLE.withSeed(seed));
            AppliedTransform applied = out.history().get(0);
            assertEquals("Affine", applied.name());
            double[] angles = numbers(applied.parameters(), "rotation=");
            double[] scales = numbers(applied.parameters(), "scale=");
            for (int a = 0; a < 3; a++) {
                assertTrue(Math.abs(angles[a]) <= 15, applied.parameters());
                assertTrue(scales[a] >= 0.85 && scales[a] <= 1.15, applied.parameters());
            }
            Sample back = out.spatialInverse().apply(out);
            Point3 landmark = ResampleFixtures.centroid(SAMPLE.image());
            assertTrue(ResampleFixtures.centroid(back.image()).distanceTo(landmark) < 0.5);
        }
    }

    @Test
    void probabilityZeroLeavesTheSampleAndRecordsThatNothingMoved() {
        Sample out = RandomAffine.builder(1).probability(0).build().apply(SAMPLE.withSeed(3));
        assertArrayEquals(SAMPLE.image().toFloatArray(), out.image().toFloatArray(), 0f);
        AppliedTransform applied = out.history().get(0);
        assertFalse(applied.spatial());
        assertTrue(applied.parameters().startsWith("not applied"), applied.parameters());
    }

    @Test
    void twoDimensionalImageRotatesOnlyInItsPlane() {
        Geometry xray = Geometry.builder().size(40, 36, 1).spacing(0.5, 0.5, 1).origin(0, 0, 7).build();
        Point3 landmark = xray.indexToWorld(26, 18, 0);
        Volume image = ResampleFixtures.blob(xray, landmark, 2);
        Sample out = RandomAffine.builder(5).maxRotationDegrees(30).scaleRange(1, 1).build()
                .apply(Sample.of(image).withSeed(9));
        double[] angles = numbers(out.history().get(0).parameters(), "rotation=");
        assertEquals(0, angles[0], 0);
        assertEquals(0, angles[1], 0);
        assertTrue(Math.abs(angles[2]) > 0);
        // the blob turned about the image centre by the drawn angle, staying in the plane
        Point3 c = Affine.centreOf(xray);
        double rad = Math.toRadians(angles[2]);
        Point3 d = landmark.minus(c);
        Point3 expected = c.plus(new Point3(Math.cos(rad) * d.x() - Math.sin(rad) * d.y(),
                Math.sin(rad) * d.x() + Math.cos(rad) * d.y(), 0));
        assertTrue(ResampleFixtures.centroid(out.image()).distanceTo(expected) < 0.25);
    }

    @Test
    void badParametersAreRejectedNamingTheParameter() {
        TransformException e = assertThrows(TransformException.class,
                () -> RandomAffine.builder(1).maxRotationDegrees(-1).build());
        assertTrue(e.getMessage().contains("maxRotationDegrees"), e.getMessage());
        e = assertThrows(TransformException.class, () -> RandomAffine.builder(1).maxRotationDegrees(200).build());
        assertTrue(e.getMessage().contains("maxRotationDegrees"), e.getMessage());
        e = assertThrows(TransformException.class, () -> RandomAffine.builder(1).scaleRange(0, 1).build());
        assertTrue(e.getMessage().contains("scaleRange"), e.getMessage());
        e = assertThrows(TransformException.class, () -> RandomAffine.builder(1).scaleRange(1.2, 1.1).build());
        assertTrue(e.getMessage().contains("scaleRange"), e.getMessage());
        e = assertThrows(TransformException.class, () -> RandomAffine.builder(1).probability(1.5).build());
        assertTrue(e.getMessage().contains("probability"), e.getMessage());
        e = assertThrows(TransformException.class, () -> RandomAffine.builder(1).padding(null).build());
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
    }

    /** The three numbers after {@code key(} in {@code text}. */
    static double[] numbers(String text, String key) {
        Matcher m = Pattern.compile(Pattern.quote(key) + "\\(([^,]+), ([^,]+), ([^)]+)\\)").matcher(text);
        assertTrue(m.find(), key + " in " + text);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3))};
    }
}
