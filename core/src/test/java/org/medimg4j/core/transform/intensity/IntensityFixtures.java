package org.medimg4j.core.transform.intensity;

import java.util.SplittableRandom;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/** Small volumes for the intensity tests: a row of voxels, or a seeded random block big enough to run in parallel. */
final class IntensityFixtures {

    private IntensityFixtures() {
    }

    /** @return an n×1×1 geometry with 1 mm voxels */
    static Geometry row(int n) {
        return Geometry.of(n, 1, 1, 1, 1, 1);
    }

    /** @return a single-channel FLOAT32 row of voxels in {@code unit} */
    static Volume floats(IntensityUnit unit, float... v) {
        return Volume.ofFloats(row(v.length), unit, v);
    }

    /** @return a single-channel INT16 row of voxels in HU */
    static Volume shortsHu(short... v) {
        return Volume.builder(row(v.length)).unit(IntensityUnit.HU).shorts(v).build();
    }

    /** @return a label row on the same geometry as a row of {@code v.length} voxels */
    static LabelVolume labels(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return LabelVolume.of(row(v.length), b);
    }

    /**
     * @return a FLOAT32 volume of {@code channels} channels on nx×ny×nz, values {@code offset + scale·u} with u
     * uniform in [0, 1) from {@code seed}; 64×64×16 exceeds {@link SliceSweep#PARALLEL_MIN_VOXELS}
     */
    static Volume randomBlock(int nx, int ny, int nz, int channels, long seed, float offset, float scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[nx * ny * nz * channels];
        for (int i = 0; i < v.length; i++) {
            v[i] = offset + scale * (float) r.nextDouble();
        }
        return Volume.builder(Geometry.of(nx, ny, nz, 0.8, 0.8, 2.5)).channels(channels).unit(IntensityUnit.HU)
                .floats(v).build();
    }

    /** @return a label volume on {@code image}'s geometry, 1 on the left half of every row, 0 elsewhere */
    static LabelVolume leftHalf(Volume image) {
        Geometry g = image.geometry();
        byte[] b = new byte[(int) g.voxelCount()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % g.nx() < g.nx() / 2 ? 1 : 0);
        }
        return LabelVolume.of(g, b);
    }
}
