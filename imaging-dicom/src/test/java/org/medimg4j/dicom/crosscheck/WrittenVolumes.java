package org.medimg4j.dicom.crosscheck;

import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.writer.WriterFixtures;

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
        return WriterFixtures.rotation(aboutZ, aboutY, aboutX);
    }

    /** @return a grid with an origin off the scanner's centre (first voxel centre, LPS mm) */
    static Geometry grid(int nx, int ny, int nz, double sx, double sy, double sz, double[] direction) {
        return Geometry.builder().size(nx, ny, nz).spacing(sx, sy, sz).origin(-31.25, 17.5, -102.75)
                .direction(direction).build();
    }

    /** @return an axial grid whose image planes are tilted 15° about x while slices step 3 mm along z */
    static Geometry gantryTilted(int nx, int ny, int nz) {
        return WriterFixtures.sheared(nx, ny, nz);
    }

    /** @return int16 HU from −1024 to 3071, a different value at almost every voxel */
    static Volume int16Hu(Geometry g) {
        return WriterFixtures.int16Hu(g);
    }

    /** @return float HU that are not int16-exact: −1024.3 to about 3000 with fractions */
    static Volume floatHu(Geometry g) {
        return WriterFixtures.floatHu(g);
    }

    /** @return integer MR-like signal 0 to 1200, as floats */
    static Volume mrSignal(Geometry g) {
        return WriterFixtures.mrSignal(g);
    }
}
