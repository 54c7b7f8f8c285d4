package org.medimg4j.dicom.crosscheck;

import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;

/**
 * Test fixture: small volumes for the writer to write, on axial, coronal, sagittal, feet-first and oblique grids
 * (LPS; direction row-major, columns the i, j, k axes), with values that differ along every axis so that a flipped,
 * transposed or reordered axis changes them.
 */
final class WrittenVolumes {

    /** Axial, head first: rows to the patient's left, columns to posterior, slices to head. */
    static final double[] AXIAL = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    /** Coronal: rows to the left, columns to feet, slices to posterior (i × j). */
    static final double[] CORONAL = {1, 0, 0, 0, 0, 1, 0, -1, 0};
    /** Sagittal: rows to posterior, columns to feet, slices to the patient's right (i × j). */
    static final double[] SAGITTAL = {0, 0, -1, 1, 0, 0, 0, -1, 0};
    /**
     * Axial as a feet-first scan displays it: rows to the patient's right, columns to posterior, slices to feet
     * (i × j): Image Position descends with Instance Number.
     */
    static final double[] FEET_FIRST = {-1, 0, 0, 0, 1, 0, 0, 0, -1};

    private WrittenVolumes() {
    }

    /** @return a rotation's matrix (row-major; columns are the rotated x, y, z axes), angles in degrees */
    static double[] rotation(double aboutZ, double aboutY, double aboutX) {
        double a = Math.toRadians(aboutZ);
        double b = Math.toRadians(aboutY);
        double c = Math.toRadians(aboutX);
        double[] rz = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        double[] ry = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
        double[] rx = {1, 0, 0, 0, Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c)};
        return multiply(multiply(rz, ry), rx);
    }

    private static double[] multiply(double[] p, double[] q) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i * 3 + j] += p[i * 3 + k] * q[k * 3 + j];
                }
            }
        }
        return r;
    }

    /** @return a grid with an origin off the scanner's centre (first voxel centre, LPS mm) */
    static Geometry grid(int nx, int ny, int nz, double sx, double sy, double sz, double[] direction) {
        return Geometry.builder().size(nx, ny, nz).spacing(sx, sy, sz).origin(-31.25, 17.5, -102.75)
                .direction(direction).build();
    }

    /** @return an axial grid whose image planes are tilted 15° about x while slices step 3 mm along z */
    static Geometry gantryTilted(int nx, int ny, int nz) {
        double t = Math.toRadians(15);
        double[] d = {1, 0, 0, 0, Math.cos(t), 0, 0, Math.sin(t), 1};
        return Geometry.builder().size(nx, ny, nz).spacing(0.6, 0.6, 3).origin(-10, -20, -40).direction(d)
                .allowShear(true).build();
    }

    /** @return int16 HU from −1024 to 3071, a different value at almost every voxel */
    static Volume int16Hu(Geometry g) {
        short[] v = new short[(int) g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) (-1024 + (i * 7919L % 4096));
        }
        return Volume.builder(g).unit(IntensityUnit.HU).shorts(v).build();
    }

    /** @return float HU that are not int16-exact: −1024.3 to about 3000 with fractions */
    static Volume floatHu(Geometry g) {
        float[] v = new float[(int) g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (-1024.3 + (i * 7919L % 4025) + 0.37 * Math.sin(i));
        }
        return Volume.builder(g).unit(IntensityUnit.HU).floats(v).build();
    }

    /** @return integer MR-like signal 0 to 1200, as floats */
    static Volume mrSignal(Geometry g) {
        float[] v = new float[(int) g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (i * 31L % 1201);
        }
        return Volume.builder(g).floats(v).build();
    }
}
