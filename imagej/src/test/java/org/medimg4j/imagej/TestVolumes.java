package org.medimg4j.imagej;

import java.util.Map;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;

/** Small volumes (8 × 6 × 4) with distinct voxels, for the conversion and TIFF tests. */
final class TestVolumes {

    static final int NX = 8;
    static final int NY = 6;
    static final int NZ = 4;

    static final VolumeMetadata CT_METADATA = new VolumeMetadata("CT", "1.2.826.0.1.3680043.2.1125.1",
            Map.of("PatientAge", "042Y", "Note", "a=b\nline two \\ backslash"));

    private TestVolumes() {
    }

    /** Axis-aligned LPS, non-integer spacing and origin. */
    static Geometry axisAligned() {
        return Geometry.builder().size(NX, NY, NZ).spacing(0.7, 0.8, 2.5).origin(-120.25, 33.5, -401.125).build();
    }

    /** Rotated 30° about z and 20° about x, sub-mm spacing. */
    static Geometry oblique() {
        double a = Math.toRadians(30);
        double b = Math.toRadians(20);
        double[] rz = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        double[] rx = {1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)};
        return Geometry.builder().size(NX, NY, NZ).spacing(0.48828125, 0.48828125, 1.25)
                .origin(-125.3, -98.7, 1402.1).direction(multiply(rz, rx)).build();
    }

    /** Image planes axis-aligned, slices stacked along an axis tilted 20° from their normal (gantry tilt). */
    static Geometry sheared() {
        double t = Math.toRadians(20);
        double[] d = {1, 0, 0, 0, 1, Math.sin(t), 0, 0, Math.cos(t)};
        return Geometry.builder().size(NX, NY, NZ).spacing(0.9, 0.9, 3).origin(10, 20, 30).direction(d)
                .allowShear(true).build();
    }

    /** INT16 HU from −1024 up, all distinct, with extremes −32768 and 32767 at two voxels. */
    static Volume int16Hu(Geometry g) {
        short[] v = new short[(int) g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) (-1024 + 37 * i);
        }
        v[1] = Short.MIN_VALUE;
        v[2] = Short.MAX_VALUE;
        return Volume.builder(g).unit(IntensityUnit.HU).metadata(CT_METADATA).shorts(v).build();
    }

    /** FLOAT32, negative and fractional values no decimal text would keep exactly. */
    static Volume float32(Geometry g) {
        float[] v = new float[(int) g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (Math.sin(i * 0.37) * 1000.0 / 3.0);
        }
        return Volume.builder(g).unit(IntensityUnit.NORMALIZED).metadata(VolumeMetadata.ofModality("MR")).floats(v)
                .build();
    }

    /** UINT8 covering 0..255. */
    static Volume uint8(Geometry g) {
        byte[] v = new byte[(int) g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (i * 7);
        }
        v[0] = 0;
        v[1] = (byte) 255;
        return Volume.builder(g).unsignedBytes(v).build();
    }

    /** Labels 0..5 and 255. */
    static LabelVolume labels(Geometry g) {
        byte[] v = new byte[(int) g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (i % 6);
        }
        v[7] = (byte) 255;
        return LabelVolume.of(g, v).withMetadata(CT_METADATA);
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 3; k++) {
                    m[r * 3 + c] += a[r * 3 + k] * b[k * 3 + c];
                }
            }
        }
        return m;
    }
}
