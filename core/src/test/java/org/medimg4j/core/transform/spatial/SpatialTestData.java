package org.medimg4j.core.transform.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;

/** Small volumes with distinct voxel values on axis-aligned and oblique grids, and the checks every test shares. */
final class SpatialTestData {

    static final VolumeMetadata METADATA = VolumeMetadata.ofModality("CT").withSeriesInstanceUid("1.2.3.4")
            .withAttribute("phantom", "spatial");

    private SpatialTestData() {
    }

    /** An axis-aligned LPS grid with unequal spacing and an origin away from 0. */
    static Geometry axisAligned(int nx, int ny, int nz) {
        return Geometry.builder().size(nx, ny, nz).spacing(0.7, 0.9, 2.5).origin(-120.5, 33.25, 80).build();
    }

    /** An oblique grid: LPS turned 20° about z, then 10° about x, with unequal spacing. */
    static Geometry oblique(int nx, int ny, int nz) {
        double[] rz = rotation(2, Math.toRadians(20));
        double[] rx = rotation(0, Math.toRadians(10));
        return Geometry.builder().size(nx, ny, nz).spacing(0.8, 1.1, 3.0).origin(10.5, -60, 210.25)
                .direction(multiply(rx, rz)).build();
    }

    /** An oblique grid near "RAS" (as a NIfTI volume would be): {@link #oblique} with i and j reversed. */
    static Geometry obliqueRas(int nx, int ny, int nz) {
        double[] d = oblique(nx, ny, nz).direction();
        for (int r = 0; r < 3; r++) {
            d[r * 3] = -d[r * 3];
            d[r * 3 + 1] = -d[r * 3 + 1];
        }
        return oblique(nx, ny, nz).toBuilder().direction(d).build();
    }

    /** @return a FLOAT32 HU volume whose voxel (c, z, y, x) holds its flat index + 1000·c + 1: all distinct */
    static Volume image(Geometry g, int channels) {
        int n = (int) g.voxelCount();
        float[] v = new float[channels * n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                v[c * n + i] = i + 1 + 100_000f * c;
            }
        }
        return Volume.builder(g).channels(channels).unit(IntensityUnit.HU).metadata(METADATA).floats(v).build();
    }

    /** @return an INT16 volume whose voxel (c, z, y, x) holds (flat index mod 30000) + 7 + c */
    static Volume shortImage(Geometry g, int channels) {
        int n = (int) g.voxelCount();
        short[] v = new short[channels * n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                v[c * n + i] = (short) (i % 30_000 + 7 + c);
            }
        }
        return Volume.builder(g).channels(channels).unit(IntensityUnit.HU).metadata(METADATA).shorts(v).build();
    }

    /** @return the label {@link #labelOf} of channel 0 of {@link #image}, so a label can be checked against its image */
    static LabelVolume label(Geometry g) {
        int n = (int) g.voxelCount();
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) labelOf(i + 1);
        }
        return LabelVolume.of(g, l).withMetadata(METADATA);
    }

    /** @return the label that {@link #label} puts where {@link #image}'s channel 0 holds {@code value}: 1..250 */
    static int labelOf(float value) {
        return (int) value % 250 + 1;
    }

    /**
     * Asserts that every output voxel centre is an input voxel centre in patient space (to 1e-6 voxel) holding the
     * same value in every channel, or lies outside the input and holds {@code pad}.
     */
    static void assertSameWorldValues(Volume in, Volume out, float pad) {
        assertEquals(in.channels(), out.channels(), "channels");
        assertEquals(in.unit(), out.unit(), "unit");
        assertEquals(in.metadata(), out.metadata(), "metadata");
        Geometry go = out.geometry();
        Geometry gi = in.geometry();
        for (int k = 0; k < go.nz(); k++) {
            for (int j = 0; j < go.ny(); j++) {
                for (int i = 0; i < go.nx(); i++) {
                    int[] src = sourceIndex(gi, go, i, j, k);
                    for (int c = 0; c < out.channels(); c++) {
                        float expected = src == null ? pad : in.get(c, src[2], src[1], src[0]);
                        assertEquals(expected, out.get(c, k, j, i), 0f, "voxel c=" + c + " (" + i + ", " + j + ", " + k + ")");
                    }
                }
            }
        }
    }

    /** The label counterpart of {@link #assertSameWorldValues}: background (0) outside the input. */
    static void assertSameWorldLabels(LabelVolume in, LabelVolume out) {
        assertEquals(in.metadata(), out.metadata(), "label metadata");
        Geometry go = out.geometry();
        for (int k = 0; k < go.nz(); k++) {
            for (int j = 0; j < go.ny(); j++) {
                for (int i = 0; i < go.nx(); i++) {
                    int[] src = sourceIndex(in.geometry(), go, i, j, k);
                    int expected = src == null ? 0 : in.get(src[2], src[1], src[0]);
                    assertEquals(expected, out.get(k, j, i), "label (" + i + ", " + j + ", " + k + ")");
                }
            }
        }
    }

    /** Asserts that the label still matches its image voxel by voxel (background where the image is padding). */
    static void assertLabelFollowsImage(Volume image, LabelVolume label, float pad) {
        image.geometry().requireSameGrid(label.geometry(), 1e-6, "label vs image");
        Geometry g = image.geometry();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    float v = image.get(0, k, j, i);
                    int expected = v == pad ? 0 : labelOf(v);
                    assertEquals(expected, label.get(k, j, i), "label at (" + i + ", " + j + ", " + k + ")");
                }
            }
        }
    }

    /** @return the input voxel (i, j, k) at the centre of output voxel (i, j, k), or null when outside the input */
    private static int[] sourceIndex(Geometry in, Geometry out, int i, int j, int k) {
        Point3 p = out.indexToWorld(i, j, k);
        double[] idx = in.worldToIndex(p);
        int[] r = new int[3];
        boolean inside = true;
        int[] n = in.size();
        for (int a = 0; a < 3; a++) {
            r[a] = (int) Math.round(idx[a]);
            assertTrue(Math.abs(idx[a] - r[a]) < 1e-6, "output voxel centre is not an input voxel centre: " + idx[a]);
            inside &= r[a] >= 0 && r[a] < n[a];
        }
        return inside ? r : null;
    }

    private static double[] rotation(int axis, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return switch (axis) {
            case 0 -> new double[] {1, 0, 0, 0, c, -s, 0, s, c};
            case 1 -> new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
            default -> new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
        };
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < 3; x++) {
                    m[r * 3 + c] += a[r * 3 + x] * b[x * 3 + c];
                }
            }
        }
        return m;
    }
}
