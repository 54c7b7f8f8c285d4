package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;
import org.medimg4j.core.volume.VoxelType;

class GridResamplerTest {

    private static final GridResampler LINEAR_ZERO = GridResampler.of(Interpolation.LINEAR, Padding.constant(0f));

    @Test
    void resamplingOntoTheSameGeometryIsIdentity() {
        Geometry g = ResampleFixtures.oblique(9, 7, 5, 0.8, 1.1, 2.5);
        Volume in = ResampleFixtures.noise(g, 2, 1);
        Volume out = LINEAR_ZERO.resample(in, g);
        assertArrayEquals(in.toFloatArray(), out.toFloatArray(), 0f);
        // a geometry equal only to rounding goes through the same arithmetic and must still copy exactly
        Geometry nearly = g.toBuilder().origin(g.origin().plus(new Point3(1e-9, -1e-9, 1e-9))).build();
        Volume shifted = in.withGeometry(nearly);
        assertArrayEquals(in.toFloatArray(), LINEAR_ZERO.resample(shifted, g).toFloatArray(), 0f);
        LabelVolume labels = ResampleFixtures.sphere(g, Affine.centreOf(g), 3);
        assertArrayEquals(labels.toByteArray(), LINEAR_ZERO.resample(labels, g).toByteArray());
    }

    @Test
    void axisAlignedResampleMatchesTheVoxelByVoxelSpecification() {
        Geometry in = Geometry.builder().size(11, 9, 6).spacing(1.0, 1.3, 2.0).origin(3, -4, 5).build();
        Volume v = ResampleFixtures.noise(in, 2, 7);
        // finer, coarser, shifted, flipped (RAS), partly outside
        Geometry[] targets = {
            Geometry.builder().size(17, 13, 10).spacing(0.6, 0.8, 1.1).origin(2.6, -4.3, 4.6).build(),
            Geometry.builder().size(5, 4, 3).spacing(2.3, 3.1, 4.4).origin(3.4, -3.5, 5.7).build(),
            Geometry.builder().size(12, 10, 7).spacing(1, 1.3, 2).origin(1.5, -6, 2).build(),
            Geometry.builder().size(11, 9, 6).spacing(1, 1.3, 2).origin(13, 6.4, 5).orientation("RAS").build()};
        for (Geometry t : targets) {
            float[] expected = ResampleFixtures.referenceLinear(v, t, WorldAffine.identity(), -7f);
            float[] got = GridResampler.of(Interpolation.LINEAR, Padding.constant(-7f)).resample(v, t).toFloatArray();
            assertArrayEquals(expected, got, 1e-3f, "target " + t);
        }
    }

    @Test
    void obliqueResampleMatchesTheVoxelByVoxelSpecification() {
        Geometry in = ResampleFixtures.oblique(10, 8, 6, 1.0, 1.2, 1.7);
        Volume v = ResampleFixtures.noise(in, 3, 11);
        Geometry t = Geometry.builder().size(14, 12, 9).spacing(0.9, 0.9, 1.1).origin(-16, 5, 28).build();
        float[] expected = ResampleFixtures.referenceLinear(v, t, WorldAffine.identity(), 5f);
        float[] got = GridResampler.of(Interpolation.LINEAR, Padding.constant(5f)).resample(v, t).toFloatArray();
        assertArrayEquals(expected, got, 1e-3f);
        WorldAffine turn = WorldAffine.about(WorldAffine.rotationMatrix(4, -7, 12), Affine.centreOf(in), new double[3]);
        float[] expectedTurned = ResampleFixtures.referenceLinear(v, in, turn, 5f);
        float[] gotTurned = GridResampler.of(Interpolation.LINEAR, Padding.constant(5f)).resample(v, in, turn)
                .toFloatArray();
        assertArrayEquals(expectedTurned, gotTurned, 1e-3f);
    }

    @Test
    void linearInterpolationOfALinearRampIsExactInTheInterior() {
        Geometry in = Geometry.of(12, 10, 8, 1.0, 1.5, 2.0);
        Volume ramp = ResampleFixtures.ramp(in, 10, 2, -3, 0.5);
        Geometry axisAligned = Geometry.builder().size(20, 20, 12).spacing(0.45, 0.6, 1.0).origin(1.3, 1.7, 2.2)
                .build();
        Geometry oblique = ResampleFixtures.oblique(8, 8, 5, 0.7, 0.7, 0.9).toBuilder().origin(3, 4, 4).build();
        for (Geometry t : new Geometry[] {axisAligned, oblique}) {
            Volume out = LINEAR_ZERO.resample(ramp, t);
            int checked = 0;
            for (int k = 0; k < t.nz(); k++) {
                for (int j = 0; j < t.ny(); j++) {
                    for (int i = 0; i < t.nx(); i++) {
                        Point3 q = t.indexToWorld(i, j, k);
                        double[] idx = in.worldToIndex(q);
                        if (idx[0] < 0 || idx[0] > 11 || idx[1] < 0 || idx[1] > 9 || idx[2] < 0 || idx[2] > 7) {
                            continue; // beyond the outermost centres the edge is held, not extrapolated
                        }
                        double expected = 10 + 2 * q.x() - 3 * q.y() + 0.5 * q.z();
                        assertEquals(expected, out.get(k, j, i), 2e-4, "voxel " + i + "," + j + "," + k + " of " + t);
                        checked++;
                    }
                }
            }
            assertTrue(checked > 100, "too few interior voxels checked: " + checked);
        }
    }

    @Test
    void resamplingKeepsTheWorldPositionOfALandmarkWithinHalfAVoxel() {
        Geometry in = Geometry.builder().size(24, 22, 14).spacing(1, 1, 2.5).origin(-10, 20, -5).build();
        Point3 landmark = new Point3(1.3, 31.7, 12.4);
        Volume blob = ResampleFixtures.blob(in, landmark, 3);
        Geometry coarse = Geometry.builder().size(14, 14, 16).spacing(1.7, 1.6, 2.1).origin(-10, 19.6, -5.4).build();
        Geometry oblique = ResampleFixtures.oblique(22, 22, 18, 1.1, 1.1, 1.5).toBuilder().origin(-14, 17, 2).build();
        for (Geometry t : new Geometry[] {coarse, oblique}) {
            Point3 c = ResampleFixtures.centroid(LINEAR_ZERO.resample(blob, t));
            assertTrue(c.distanceTo(landmark) < ResampleFixtures.maxSpacing(t) / 2,
                    "centroid " + c + " vs landmark " + landmark + " on " + t);
        }
        // and the other way round: a landmark in an oblique image, resampled onto an axis-aligned grid
        Geometry obliqueIn = ResampleFixtures.oblique(24, 24, 16, 1, 1, 1.5);
        Point3 inside = Affine.centreOf(obliqueIn).plus(new Point3(2.2, -1.4, 0.9));
        Volume obliqueBlob = ResampleFixtures.blob(obliqueIn, inside, 3);
        Geometry axial = Geometry.builder().size(22, 22, 18).spacing(1.3, 1.3, 1.4)
                .origin(inside.minus(new Point3(14, 14, 12))).build();
        Point3 c = ResampleFixtures.centroid(LINEAR_ZERO.resample(obliqueBlob, axial));
        assertTrue(c.distanceTo(inside) < 0.7, "centroid " + c + " vs " + inside);
    }

    @Test
    void labelsStayWithinTheOriginalLabelSet() {
        Geometry in = ResampleFixtures.oblique(20, 18, 12, 1, 1, 2);
        LabelVolume labels = ResampleFixtures.sphere(in, Affine.centreOf(in), 5);
        Geometry t = Geometry.builder().size(31, 29, 25).spacing(0.7, 0.75, 1.1)
                .origin(Affine.centreOf(in).minus(new Point3(11, 10, 13))).build();
        LabelVolume out = LINEAR_ZERO.resample(labels, t);
        Set<Integer> seen = new TreeSet<>();
        for (byte b : out.toByteArray()) {
            seen.add(b & 0xFF);
        }
        assertEquals(Set.of(0, 1, 2), seen);
        Point3 c = ResampleFixtures.centroid(out, 1);
        assertTrue(c.distanceTo(Affine.centreOf(in)) < 0.55, "label centroid moved to " + c);
    }

    @Test
    void nearestInterpolationOnlyCopiesInputValues() {
        Geometry in = Geometry.of(6, 5, 4, 1, 1, 1);
        Volume v = ResampleFixtures.noise(in, 1, 3);
        Set<Float> values = new TreeSet<>();
        for (float f : v.toFloatArray()) {
            values.add(f);
        }
        Geometry oblique = ResampleFixtures.oblique(9, 8, 7, 0.6, 0.6, 0.6).toBuilder().origin(0.5, 0.5, 0.5).build();
        Geometry axisAligned = Geometry.builder().size(9, 8, 7).spacing(0.6, 0.7, 0.55).origin(0.3, 0.1, 0.2).build();
        for (Geometry t : new Geometry[] {oblique, axisAligned}) {
            Volume out = GridResampler.of(Interpolation.NEAREST, Padding.edge()).resample(v, t);
            for (float f : out.toFloatArray()) {
                assertTrue(values.contains(f), "invented value " + f);
            }
            // and it is the value of the voxel whose centre is nearest
            double[] idx = in.worldToIndex(t.indexToWorld(4, 3, 2));
            assertEquals(v.get((int) Math.round(idx[2]), (int) Math.round(idx[1]), (int) Math.round(idx[0])),
                    out.get(2, 3, 4));
        }
    }

    @Test
    void paddingPolicyDecidesTheValueOutsideTheInput() {
        Geometry in = Geometry.of(4, 4, 4, 1, 1, 1);
        float[] v = new float[64];
        java.util.Arrays.fill(v, 50f);
        v[0] = -20f;
        Volume img = Volume.ofFloats(in, v);
        // one voxel beyond the far corner along x, and the first voxel
        Geometry t = Geometry.builder().size(6, 1, 1).spacing(1, 1, 1).origin(0, 0, 0).build();
        Volume constant = GridResampler.of(Interpolation.LINEAR, Padding.constant(-1000f)).resample(img, t);
        assertEquals(-20f, constant.get(0, 0, 0));
        assertEquals(50f, constant.get(0, 0, 3));
        assertEquals(-1000f, constant.get(0, 0, 4));
        Volume edge = GridResampler.of(Interpolation.LINEAR, Padding.edge()).resample(img, t);
        assertEquals(50f, edge.get(0, 0, 5));
        Volume minimum = GridResampler.of(Interpolation.LINEAR, Padding.minimum()).resample(img, t);
        assertEquals(-20f, minimum.get(0, 0, 5));
        LabelVolume lab = LabelVolume.threshold(img, 0f);
        assertEquals(0, GridResampler.of(Interpolation.LINEAR, Padding.constant(7f)).resample(lab, t).get(0, 0, 5));
        assertEquals(1, GridResampler.of(Interpolation.LINEAR, Padding.edge()).resample(lab, t).get(0, 0, 5));
    }

    @Test
    void everyChannelIsResampledAndUnitAndMetadataAreKept() {
        Geometry in = Geometry.of(8, 8, 4, 1, 1, 2);
        Volume a = ResampleFixtures.ramp(in, 0, 1, 0, 0);
        Volume b = ResampleFixtures.ramp(in, 100, 0, 2, 0);
        float[] both = new float[2 * 256];
        System.arraycopy(a.toFloatArray(), 0, both, 0, 256);
        System.arraycopy(b.toFloatArray(), 0, both, 256, 256);
        VolumeMetadata meta = VolumeMetadata.ofModality("CT").withAttribute("k", "v");
        Volume two = Volume.builder(in).channels(2).unit(IntensityUnit.HU).metadata(meta).floats(both).build();
        Geometry t = Geometry.of(5, 6, 3, 1.6, 1.3, 2.5);
        Volume out = LINEAR_ZERO.resample(two, t);
        assertEquals(2, out.channels());
        assertEquals(IntensityUnit.HU, out.unit());
        assertEquals(meta, out.metadata());
        assertEquals(VoxelType.FLOAT32, out.voxelType());
        assertArrayEquals(LINEAR_ZERO.resample(a, t).toFloatArray(), slice(out, 0), 0f);
        assertArrayEquals(LINEAR_ZERO.resample(b, t).toFloatArray(), slice(out, 1), 0f);
    }

    @Test
    void nonFloatInputIsConvertedAndResampled() {
        Geometry in = Geometry.of(4, 3, 2, 1, 1, 1);
        short[] s = new short[24];
        for (int p = 0; p < 24; p++) {
            s[p] = (short) (p * 10 - 100);
        }
        Volume shorts = Volume.builder(in).shorts(s).unit(IntensityUnit.HU).build();
        Volume out = LINEAR_ZERO.resample(shorts, in);
        assertEquals(VoxelType.FLOAT32, out.voxelType());
        assertArrayEquals(shorts.toFloatArray(), out.toFloatArray(), 0f);
    }

    @Test
    void twoDimensionalImageResamplesBilinearlyInPlane() {
        Geometry xray = Geometry.builder().size(40, 30, 1).spacing(0.5, 0.5, 1).orientation("LIP").build();
        Volume ramp = ResampleFixtures.ramp(xray, 5, 1, 0, -2);
        Geometry coarse = Resample.toSpacing(0.8, 0.7, 5).targetGeometry(xray);
        assertEquals(1, coarse.nz());
        Volume out = LINEAR_ZERO.resample(ramp, coarse);
        for (int j = 1; j < coarse.ny() - 1; j++) {
            for (int i = 1; i < coarse.nx() - 1; i++) {
                Point3 q = coarse.indexToWorld(i, j, 0);
                assertEquals(5 + q.x() - 2 * q.z(), out.get(0, j, i), 1e-4);
            }
        }
        // an in-plane rotation reads the single slice, never padding
        WorldAffine turn = WorldAffine.about(WorldAffine.rotationMatrix(0, 30, 0), Affine.centreOf(xray),
                new double[3]);
        Volume turned = LINEAR_ZERO.resample(ramp, xray, turn);
        Point3 q = xray.indexToWorld(20, 15, 0);
        Point3 src = turn.apply(q);
        assertEquals(5 + src.x() - 2 * src.z(), turned.get(0, 15, 20), 1e-3);
        // a depth-1 axis is infinitely thick: a grid 3 mm off the image plane still reads the image
        Point3 normal = xray.axis(2);
        Geometry offPlane = xray.toBuilder().origin(xray.origin().plus(new Point3(3 * normal.x(), 3 * normal.y(),
                3 * normal.z()))).build();
        assertArrayEquals(ramp.toFloatArray(), LINEAR_ZERO.resample(ramp, offPlane).toFloatArray(), 0f);
    }

    @Test
    void displacementFieldMovesContentByTheField() {
        Geometry g = Geometry.of(20, 18, 16, 1, 1, 1);
        Volume ramp = ResampleFixtures.ramp(g, 0, 1, 2, 3);
        // all coefficients equal: a uniform shift of (1.5, -0.5, 0.25) mm
        int[] nc = BSplineDisplacementField.controlGridSize(g, 8);
        double[] coeff = new double[3 * nc[0] * nc[1] * nc[2]];
        for (int p = 0; p < coeff.length; p += 3) {
            coeff[p] = 1.5;
            coeff[p + 1] = -0.5;
            coeff[p + 2] = 0.25;
        }
        BSplineDisplacementField shift = BSplineDisplacementField.of(g, 8, coeff);
        Point3 u = shift.displacementAt(new Point3(3.3, 7.1, 2.2));
        assertEquals(1.5, u.x(), 1e-12);
        assertEquals(-0.5, u.y(), 1e-12);
        assertEquals(0.25, u.z(), 1e-12);
        Volume out = LINEAR_ZERO.resample(ramp, g, shift);
        // q reads the input at q + u: ramp value grows by 1.5 - 1 + 0.75
        assertEquals(ramp.get(8, 9, 10) + 1.25f, out.get(8, 9, 10), 1e-4);
        LabelVolume lab = LabelVolume.threshold(ramp, 30f);
        assertEquals(lab.get(8, 9, 12), LINEAR_ZERO.resample(lab, g, shift).get(8, 9, 10));
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        Geometry g = Geometry.of(2, 2, 2, 1, 1, 1);
        Volume v = Volume.ofFloats(g, new float[8]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GridResampler.of(null, Padding.edge()));
        assertTrue(e.getMessage().contains("interpolation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridResampler.of(Interpolation.LINEAR, null));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LINEAR_ZERO.resample(v, null));
        assertTrue(e.getMessage().contains("target"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LINEAR_ZERO.resample((Volume) null, g));
        assertTrue(e.getMessage().contains("source"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Padding.constant(Float.NaN));
        assertTrue(e.getMessage().contains("value"), e.getMessage());
    }

    private static float[] slice(Volume v, int channel) {
        int n = v.voxelsPerChannel();
        float[] all = v.toFloatArray();
        return java.util.Arrays.copyOfRange(all, channel * n, (channel + 1) * n);
    }

    @Test
    void aTargetTooLargeForAJavaArrayIsRefusedNamingTheTargetAndItsSize() {
        Geometry g = Geometry.of(5, 4, 3, 1, 1, 1);
        Geometry huge = Geometry.of(3_000, 3_000, 3_000, 1, 1, 1);
        TransformException image = assertThrows(TransformException.class,
                () -> LINEAR_ZERO.resample(ResampleFixtures.noise(g, 1, 1), huge));
        assertTrue(image.getMessage().startsWith("GridResampler: the target geometry gives an output grid of "
                + "3000x3000x3000 voxels x 1 channel(s) = 2.700e+10 elements"), image.getMessage());
        TransformException label = assertThrows(TransformException.class,
                () -> LINEAR_ZERO.resample(LabelVolume.empty(g), huge, WorldAffine.identity()));
        assertTrue(label.getMessage().contains("3000x3000x3000 voxels x 1 channel(s)"), label.getMessage());
    }
}
