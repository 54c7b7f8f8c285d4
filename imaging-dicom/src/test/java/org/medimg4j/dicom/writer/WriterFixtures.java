package org.medimg4j.dicom.writer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;

/**
 * Small volumes and options for the writer tests (and the cross-checks that write series): oblique, sheared and 2-D
 * grids, float and int16 values. Public for the tests of other packages.
 */
public final class WriterFixtures {

    private WriterFixtures() {
    }

    /** @return a rotation's matrix (row-major; columns are the rotated x, y, z axes), angles in degrees */
    public static double[] rotation(double aboutZ, double aboutY, double aboutX) {
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

    /** @return an oblique grid, 10° / −17° / 23° off the axes, anisotropic spacing, origin off-centre */
    public static Geometry oblique(int nx, int ny, int nz) {
        return Geometry.builder().size(nx, ny, nz).spacing(0.7421875, 0.81, 2.5)
                .origin(-123.456789012, 87.654321, -301.25).direction(rotation(10, -17, 23)).build();
    }

    /** @return an axial grid whose image planes are tilted 15° about x while slices step along z (gantry tilt) */
    public static Geometry sheared(int nx, int ny, int nz) {
        double t = Math.toRadians(15);
        double[] d = {1, 0, 0, 0, Math.cos(t), 0, 0, Math.sin(t), 1};
        return Geometry.builder().size(nx, ny, nz).spacing(0.6, 0.6, 3).origin(-10, -20, -40).direction(d)
                .allowShear(true).build();
    }

    /** @return float HU values that are not int16-exact: a ramp with fractions, −1024.3 to about 3000 */
    public static Volume floatHu(Geometry g) {
        int n = (int) g.voxelCount();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (-1024.3 + (i * 7919L % 4025) + 0.37 * Math.sin(i));
        }
        return Volume.builder(g).unit(IntensityUnit.HU).floats(v).build();
    }

    /** @return int16 HU values from −1024 to 3071 */
    public static Volume int16Hu(Geometry g) {
        int n = (int) g.voxelCount();
        short[] v = new short[n];
        for (int i = 0; i < n; i++) {
            v[i] = (short) (-1024 + (i * 7919L % 4096));
        }
        return Volume.builder(g).unit(IntensityUnit.HU).shorts(v).build();
    }

    /** @return integer MR-like signal 0 to 1200 as floats */
    public static Volume mrSignal(Geometry g) {
        int n = (int) g.voxelCount();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (i * 31L % 1201);
        }
        return Volume.builder(g).floats(v).build();
    }

    /** @return a 2-D image of detector values 0 to 4000 (integers) */
    public static Volume xray(int nx, int ny) {
        Geometry g = Geometry.builder().size(nx, ny, 1).spacing(0.143, 0.15, 1).build();
        float[] v = new float[nx * ny];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (i * 13L % 4001);
        }
        return Volume.builder(g).floats(v).build();
    }

    /** @return options with fixed UIDs' seed, date and a patient with a non-ASCII name */
    public static SeriesOptions options(long seed) {
        return SeriesOptions.builder()
                .patientName("Müller^Jürgen").patientId("PID-0001").patientBirthDate(LocalDate.of(1961, 3, 14))
                .patientSex("M").studyDescription("medimg4j writer test").studyId("S1").accessionNumber("A123")
                .studyDateTime(LocalDateTime.of(2024, 5, 6, 7, 8, 9)).seriesNumber(3)
                .seriesDescription("writer round trip").institutionName("Test Hospital")
                .uids(UidGenerator.deterministic(seed)).build();
    }
}
