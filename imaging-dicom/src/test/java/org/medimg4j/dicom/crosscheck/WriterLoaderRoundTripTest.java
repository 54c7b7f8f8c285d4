package org.medimg4j.dicom.crosscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;
import org.medimg4j.dicom.series.LoadedSeries;
import org.medimg4j.dicom.series.StackWarning;
import org.medimg4j.dicom.writer.MrAcquisition;
import org.medimg4j.dicom.writer.ProjectionAcquisition;
import org.medimg4j.dicom.writer.ProjectionImageWriter;
import org.medimg4j.dicom.writer.SeriesOptions;
import org.medimg4j.dicom.writer.UidGenerator;
import org.medimg4j.dicom.writer.VolumeSeriesWriter;
import org.medimg4j.dicom.writer.WrittenSeries;

/**
 * Write a volume with our writer, read the folder back with our whole read path (scanner → grouper → loader): the
 * same size, origin and spacing within {@value #MM} mm, direction within {@value #COSINE}, the same voxels within
 * the writer's rescale bound (slope/2; exactly for integer HU), the right unit and the expected warnings.
 */
class WriterLoaderRoundTripTest {

    /** The geometry contract for a round trip, mm. */
    private static final double MM = 1e-4;
    /** Direction cosines, unitless. */
    private static final double COSINE = 1e-6;

    @TempDir
    Path dir;

    private static SeriesOptions options(long seed) {
        return SeriesOptions.builder().uids(UidGenerator.deterministic(seed)).seriesDescription("round trip")
                .build();
    }

    @Test
    void obliqueFloatHuComesBackWithinHalfASlopeOnTheSameGrid() throws IOException {
        Volume v = WrittenVolumes.floatHu(WrittenVolumes.grid(13, 11, 6, 0.7421875, 0.81, 2.5,
                WrittenVolumes.rotation(10, -17, 23)));
        WrittenSeries w = VolumeSeriesWriter.ct(options(1)).write(v, dir);
        assertNotEquals(1.0, w.rescaleSlope(), "float HU need a rescale slope");
        LoadedSeries s = SeriesFolder.loadOne(dir);
        assertSameSeries(v, w, s, List.of());
        assertEquals(VoxelType.FLOAT32, s.volume().voxelType());
        assertEquals(IntensityUnit.HU, s.volume().unit());
        // the loader computes stored × slope + intercept in float: slope/2 plus a float rounding of the value
        assertVoxels(v, s.volume(), w.maxError() + 4 * Math.ulp(4096f));
    }

    @Test
    void axialInt16HuComesBackExactlyAsInt16() throws IOException {
        Volume v = WrittenVolumes.int16Hu(WrittenVolumes.grid(17, 12, 7, 0.6, 0.6, 1.25, WrittenVolumes.AXIAL));
        WrittenSeries w = VolumeSeriesWriter.ct(options(2)).write(v, dir);
        assertEquals(0, w.maxError());
        LoadedSeries s = SeriesFolder.loadOne(dir);
        assertSameSeries(v, w, s, List.of());
        assertEquals(VoxelType.INT16, s.volume().voxelType());
        assertEquals(IntensityUnit.HU, s.volume().unit());
        assertVoxels(v, s.volume(), 0);
    }

    @Test
    void obliqueMrComesBackExactlyInArbitraryUnits() throws IOException {
        Volume v = WrittenVolumes.mrSignal(WrittenVolumes.grid(12, 15, 5, 1.1, 0.9, 3.3,
                WrittenVolumes.rotation(-35, 20, -20)));
        WrittenSeries w = VolumeSeriesWriter.mr(options(3), MrAcquisition.defaults()).write(v, dir);
        LoadedSeries s = SeriesFolder.loadOne(dir);
        assertSameSeries(v, w, s, List.of());
        assertEquals("MR", s.volume().metadata().modality());
        assertEquals(IntensityUnit.ARBITRARY, s.volume().unit());
        assertVoxels(v, s.volume(), 0);
    }

    @Test
    void gantryTiltedGridComesBackShearedWithAGantryTiltWarning() throws IOException {
        Geometry tilted = WrittenVolumes.gantryTilted(10, 9, 6);
        assertFalse(tilted.isOrthonormal());
        Volume v = WrittenVolumes.int16Hu(tilted);
        WrittenSeries w = VolumeSeriesWriter.ct(options(4)).write(v, dir);
        LoadedSeries s = SeriesFolder.loadOne(dir);
        assertSameSeries(v, w, s, List.of("gantry-tilt"));
        assertFalse(s.volume().geometry().isOrthonormal(), "every voxel kept at its true position: sheared");
        assertVoxels(v, s.volume(), 0);
    }

    /**
     * Files renamed at random, so that neither their names nor the directory's listing follow the slices: the
     * loader sorts by position along the plane normal and gives back the same volume.
     */
    @Test
    void shuffledFileNamesStillStackByPosition() throws IOException {
        Volume v = WrittenVolumes.floatHu(WrittenVolumes.grid(9, 8, 12, 0.8, 0.8, 2.0,
                WrittenVolumes.rotation(0, 0, 25)));
        WrittenSeries w = VolumeSeriesWriter.ct(options(5)).write(v, dir);
        Random random = new Random(20240506);
        List<Path> files = new ArrayList<>(w.files());
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            order.add(k);
        }
        Collections.shuffle(order, random);
        List<String> names = new ArrayList<>();
        for (int k = 0; k < files.size(); k++) {
            // the name's rank is a random permutation of the slice index; the suffix makes names unguessable
            String name = String.format(Locale.ROOT, "%02d_%08x", order.get(k), random.nextInt());
            names.add(name);
            Files.move(files.get(k), dir.resolve(name));
        }
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        assertNotEquals(names, sorted, "file names must not follow slice order");
        List<String> reversed = new ArrayList<>(sorted);
        Collections.reverse(reversed);
        assertNotEquals(names, reversed, "nor run against it");
        try (Stream<Path> listing = Files.list(dir)) {
            assertEquals(files.size(), listing.filter(p -> !p.getFileName().toString().endsWith(".dcm")).count(),
                    "only the renamed files are left");
        }
        LoadedSeries s = SeriesFolder.loadOne(dir);
        assertSameSeries(v, w, s, List.of());
        assertVoxels(v, s.volume(), w.maxError() + 4 * Math.ulp(4096f));
    }

    /**
     * A grid whose k axis runs against the plane normal (i × j): the loader sorts along the normal, so the volume
     * comes back with k reversed — the same voxel centres and the same value at each of them, its origin at the
     * written last slice.
     */
    @Test
    void slicesWrittenAgainstThePlaneNormalComeBackSortedAlongIt() throws IOException {
        Geometry against = WrittenVolumes.grid(8, 7, 5, 0.9, 0.9, 3, new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1});
        Volume v = WrittenVolumes.int16Hu(against);
        VolumeSeriesWriter.ct(options(6)).write(v, dir);
        LoadedSeries s = SeriesFolder.loadOne(dir);
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
        Geometry g = s.volume().geometry();
        assertArrayEquals(against.size(), g.size());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, g.direction(), COSINE);
        assertArrayEquals(against.indexToWorld(0, 0, 4).toArray(), g.origin().toArray(), MM);
        assertArrayEquals(against.spacing(), g.spacing(), MM);
        for (int k = 0; k < 5; k++) {
            for (int j = 0; j < 7; j++) {
                for (int i = 0; i < 8; i++) {
                    assertEquals(v.get(4 - k, j, i), s.volume().get(k, j, i), 0, "voxel (" + i + ", " + j + ", "
                            + k + ")");
                }
            }
        }
    }

    /**
     * A 2-D image written as DX (For Presentation, MONOCHROME2, Imager Pixel Spacing) is grouped as a projection
     * candidate and loaded through the projection reader: the same values (integers, stored as they are), the
     * spacing at the detector as written, origin 0 and identity direction (a projection has no patient geometry).
     */
    @Test
    void projectionImageComesBackThroughTheLoader() throws IOException {
        Geometry g = Geometry.builder().size(31, 23, 1).spacing(0.143, 0.15, 1).build();
        float[] values = new float[31 * 23];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 13 % 4001;
        }
        Volume image = Volume.builder(g).floats(values).build();
        WrittenSeries w = ProjectionImageWriter.dx(options(7), ProjectionAcquisition.defaults()).write(image, dir);
        assertEquals(0, w.maxError());
        LoadedSeries s = SeriesFolder.loadOne(dir);
        assertTrue(s.candidate().isProjectionImage(), s.candidate().describe());
        assertEquals("DX", s.volume().metadata().modality());
        assertEquals(w.seriesInstanceUid(), s.volume().metadata().seriesInstanceUid());
        assertEquals(1, s.files());
        Geometry back = s.volume().geometry();
        assertArrayEquals(g.size(), back.size());
        assertArrayEquals(g.spacing(), back.spacing(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0}, back.origin().toArray(), 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, back.direction(), 0);
        assertEquals("ImagerPixelSpacing", s.volume().metadata().attributes().get("spacingSource"));
        assertEquals(List.of(), s.warnings(), "the spacing at the detector is what was written: nothing to note");
        assertArrayEquals(values, s.volume().toFloatArray(), 0);
    }

    // ---- checks --------------------------------------------------------------------------------------------------

    private static void assertSameSeries(Volume written, WrittenSeries w, LoadedSeries s, List<String> warnings) {
        assertEquals(warnings, s.warnings().stream().map(StackWarning::code).toList(), s.warnings().toString());
        assertEquals(w.files().size(), s.files());
        assertEquals(w.seriesInstanceUid(), s.volume().metadata().seriesInstanceUid());
        assertEquals(w.seriesInstanceUid(), s.candidate().seriesInstanceUid());
        Geometry g = written.geometry();
        Geometry back = s.volume().geometry();
        assertArrayEquals(g.size(), back.size(), "size");
        assertArrayEquals(g.origin().toArray(), back.origin().toArray(), MM, "origin, LPS mm");
        assertArrayEquals(g.spacing(), back.spacing(), MM, "spacing, mm");
        assertArrayEquals(g.direction(), back.direction(), COSINE, "direction");
        assertEquals(g.isOrthonormal(), back.isOrthonormal());
        assertTrue(back.equalsWithin(g, MM), back + " vs " + g);
    }

    private static void assertVoxels(Volume written, Volume back, double tolerance) {
        float[] a = written.toFloatArray();
        float[] b = back.toFloatArray();
        assertEquals(a.length, b.length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= tolerance, "voxel " + at + " differs by " + worst + " (tolerance " + tolerance + ")");
    }
}
