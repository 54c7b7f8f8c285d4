package org.medimg4j.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.transform.spatial.CropOrPad;
import org.medimg4j.core.transform.spatial.Flip;
import org.medimg4j.core.transform.spatial.Reorient;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

class TransformChainTest {

    private final Geometry g = Geometry.builder().size(6, 5, 4).spacing(0.5, 0.75, 2).origin(10, -20, 30).build();

    private Volume ramp() {
        float[] v = new float[(int) g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 10 - 500;
        }
        return Volume.ofFloats(g, IntensityUnit.HU, v);
    }

    private LabelVolume mask() {
        byte[] l = new byte[(int) g.voxelCount()];
        l[(2 * 5 + 3) * 6 + 4] = 1;
        return LabelVolume.of(g, l);
    }

    @Test
    void appliesStepsInOrderAndRecordsHistory() {
        TransformChain chain = TransformChain.of(WindowLevel.of(40, 400)).then(Flip.along(0)).then(Reorient.to("RAS"));
        Sample out = chain.apply(Sample.of(ramp(), mask()));
        assertEquals(3, out.history().size());
        assertEquals("RAS", out.image().geometry().orientationCode());
        assertFalse(out.history().get(0).spatial());
        assertTrue(out.history().get(1).spatial());
        // the window clamped values to [-160, 240]
        float[] v = out.image().toFloatArray();
        for (float f : v) {
            assertTrue(f >= -160 && f <= 240, "windowed value " + f);
        }
        // the lesion voxel sits at the same world position after flip + reorient
        LabelVolume l = out.label().orElseThrow();
        assertEquals(1, l.count(1));
    }

    @Test
    void spatialInverseMapsPredictionBackOntoOriginalGrid() {
        TransformChain chain = TransformChain.of(Flip.along(0, 2), Reorient.to("RAS"), CropOrPad.toSize(8, 8, 4));
        Sample out = chain.apply(Sample.of(ramp(), mask()));
        Sample back = out.spatialInverse().apply(Sample.of(out.image(), out.label().orElseThrow()));
        assertTrue(back.image().geometry().equalsWithin(g, 1e-9));
        assertArrayEquals(ramp().toFloatArray(), back.image().toFloatArray());
        assertArrayEquals(mask().toByteArray(), back.label().orElseThrow().toByteArray());
    }

    @Test
    void sampleRejectsLabelOnAnotherGeometry() {
        LabelVolume shifted = LabelVolume.empty(g.toBuilder().origin(10, -20, 31).build());
        GeometryException e = assertThrows(GeometryException.class, () -> Sample.of(ramp(), shifted));
        assertTrue(e.getMessage().contains("label vs image"));
    }

    @Test
    void spatialInverseRefusesAStepWithoutInverse() {
        Transform noInverse = s -> s.nextImage(s.image(),
                new AppliedTransform("Warp", "none", true, s.image().geometry(), s.image().geometry(), null));
        Sample out = noInverse.apply(Sample.of(ramp()));
        TransformException e = assertThrows(TransformException.class, out::spatialInverse);
        assertTrue(e.getMessage().contains("Warp"));
    }

    @Test
    void randomTransformStreamDependsOnBothSeedsOnly() {
        class Probe extends RandomTransform {
            Probe(long seed) {
                super(seed);
            }

            @Override
            protected Transform draw(SplittableRandom random, Sample sample) {
                long drawn = random.nextLong();
                return s -> s.nextImage(s.image(), AppliedTransform.intensity("Probe", Long.toString(drawn),
                        s.image().geometry()));
            }
        }
        Sample s = Sample.of(ramp());
        String a = new Probe(1).apply(s.withSeed(5)).history().get(0).parameters();
        String b = new Probe(1).apply(s.withSeed(5)).history().get(0).parameters();
        String c = new Probe(1).apply(s.withSeed(6)).history().get(0).parameters();
        String d = new Probe(2).apply(s.withSeed(5)).history().get(0).parameters();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(a, d);
    }

    @Test
    void chainRejectsNullSteps() {
        assertThrows(NullPointerException.class, () -> TransformChain.of((Transform) null));
        assertThrows(NullPointerException.class, () -> TransformChain.of().then(null));
    }
}
