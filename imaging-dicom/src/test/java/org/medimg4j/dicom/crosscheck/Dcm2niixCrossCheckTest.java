package org.medimg4j.dicom.crosscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.nifti.NiftiReader;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.series.LoadedSeries;
import org.medimg4j.dicom.series.StackWarning;
import org.medimg4j.dicom.writer.MrAcquisition;
import org.medimg4j.dicom.writer.SeriesOptions;
import org.medimg4j.dicom.writer.UidGenerator;
import org.medimg4j.dicom.writer.VolumeSeriesWriter;

/**
 * Cross-checks the geometry and voxels our loader gives (scanner → grouper → loader) against Debian's
 * {@code dcm2niix}, an independent converter: for the corpus series and for series our writer makes, the NIfTI it
 * writes (sform, read by {@link NiftiReader} into LPS) must have the same set of eight corner voxel centres within
 * {@value #MM} mm, the same voxel sizes (as a multiset: dcm2niix flips rows to its own convention, so axes may be
 * reordered or reversed), and, once its voxels are mapped onto ours by that correspondence, the same values:
 * exactly for integer volumes, within {@value #VALUES} for float ones (NIfTI's scl_slope / scl_inter are float32).
 *
 * <p>Where dcm2niix applies its own policy (the corpus README's series section: gantry tilt, a missing slice,
 * duplicate positions, DX) the tests assert the documented difference, and that we agree wherever the two policies
 * coincide. Skipped when dcm2niix is missing, failed instead under CI=true (see {@link Dcm2niix}).
 */
class Dcm2niixCrossCheckTest {

    /** Corner voxel centres must agree within this, mm (the corpus' geometry tolerance). */
    private static final double MM = 1e-3;
    /** Float voxels must agree within this (HU): NIfTI's scale factors are float32. */
    private static final double VALUES = 1e-3;

    @TempDir
    Path dir;

    @BeforeEach
    void requireDcm2niix() {
        Dcm2niix.require();
    }

    // ---- corpus series where dcm2niix keeps the acquired grid --------------------------------------------------

    /**
     * The corpus cases whose every stack dcm2niix converts on the acquired grid (the README: it agrees on their
     * corners): axial with shuffled names, per-slice rescale (dcm2niix then writes float32), oblique MR (uint16),
     * and the folder with two series and a localizer (dcm2niix writes the localizer as its own 1-slice file, as our
     * grouper makes it its own stack). enhanced_ct_multiframe has its own test: its values differ.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ct_axial_shuffled", "ct_varying_rescale", "mr_oblique", "ct_mixed_localizer_two_series"})
    void corpusStacksMatchDcm2niixCornersSpacingAndVoxels(String name) throws IOException {
        Path copy = Dcm2niix.copyFolder(Corpus.root().resolve("series").resolve(name), dir.resolve("dicom"));
        List<LoadedSeries> ours = SeriesFolder.load(copy);
        List<Path> niftis = Dcm2niix.convert(copy, dir.resolve("nifti"));
        List<Volume> theirs = readAll(niftis);
        assertEquals(theirs.size(), ours.size(), name + ": our stacks " + describe(ours) + " vs dcm2niix's "
                + niftis);
        Set<Integer> matched = new HashSet<>();
        for (LoadedSeries s : ours) {
            assertTrue(s.warnings().isEmpty(), name + ": " + s.warnings());
            matched.add(assertAgrees(name, s.volume(), theirs, niftis));
        }
        assertEquals(theirs.size(), matched.size(), name + ": each dcm2niix file matches one of our stacks");
    }

    /**
     * Enhanced CT: the geometry agrees (frames ordered by position, whatever their storage order), but dcm2niix
     * (v1.0.20220720) applies one Rescale Slope / Intercept to every frame — the NIfTI has a single scl_slope 2,
     * scl_inter −2048 — while this file's per-frame Pixel Value Transformation alternates 1 / −1024 and 2 / −2048
     * by spatial index. So on every other slice dcm2niix's value is exactly twice ours (2·s − 2048 = 2·(s − 1024));
     * on the others they are equal. Asserting that pattern shows our per-frame rescale and frame order are right
     * where dcm2niix's single rescale is.
     */
    @Test
    void enhancedCtAgreesInGeometryAndDcm2niixAppliesOneRescaleToEveryFrame() throws IOException {
        Path copy = Dcm2niix.copyFolder(Corpus.root().resolve("series/enhanced_ct_multiframe"), dir.resolve("dicom"));
        Volume ours = SeriesFolder.loadOne(copy).volume();
        List<Path> niftis = Dcm2niix.convert(copy, dir.resolve("nifti"));
        assertEquals(1, niftis.size(), niftis.toString());
        Volume theirs = NiftiReader.read(niftis.get(0));
        assertCornersAndSpacing("enhanced_ct_multiframe", ours.geometry(), theirs.geometry());
        GridMatch m = GridMatch.of(ours.geometry(), theirs.geometry(), MM);
        assertEquals(2, m.axis()[2], "dcm2niix's slice axis is ours");
        int nz = theirs.geometry().nz();
        int[] ratio = new int[nz];
        for (int k = 0; k < nz; k++) {
            double same = sliceDifference(ours, theirs, m, k, k, 1);
            double doubled = sliceDifference(ours, theirs, m, k, k, 2);
            ratio[k] = same == 0 ? 1 : doubled == 0 ? 2 : 0;
            assertTrue(ratio[k] != 0, "slice " + k + ": dcm2niix's values are neither ours (max difference "
                    + same + ") nor twice ours (" + doubled + ")");
        }
        int ourK0 = m.ours(0, 0, 0)[2];
        for (int k = 1; k < nz; k++) {
            assertEquals(ratio[k - 1] == 1 ? 2 : 1, ratio[k], "the rescale alternates by spatial index (slice " + k
                    + ", our slice " + (ourK0 + m.sign()[2] * k) + ")");
        }
    }

    // ---- corpus series where dcm2niix applies its own policy ---------------------------------------------------

    /**
     * Gantry tilt (README: dcm2niix "writes a resampled _Tilt volume"). We keep the acquired, sheared grid; dcm2niix
     * moves each slice within its plane so that the stack axis becomes the plane normal, with more rows to hold the
     * shifted slices, interpolating linearly along the columns. Its grid must therefore put every voxel centre on
     * one of our image planes (k integer) and columns (i integer), with k along our plane normal and a slice step of
     * our step × cos(tilt); and each of its voxels must equal ours interpolated linearly along j at that point,
     * within dcm2niix's rounding to int16 (0.5 HU). dcm2niix's other file, on the tilted grid, is not compared: its
     * sform is not the acquisition grid (it scales j and k instead of shearing) and NiftiReader refuses shears.
     */
    @Test
    void gantryTiltDcm2niixResamplesOntoThePlaneNormalAndAgreesWithOurShearedGrid() throws IOException {
        Path copy = Dcm2niix.copyFolder(Corpus.root().resolve("series/ct_gantry_tilt"), dir.resolve("dicom"));
        LoadedSeries s = SeriesFolder.loadOne(copy);
        assertEquals(List.of("gantry-tilt"), s.warnings().stream().map(StackWarning::code).toList());
        Volume ours = s.volume();
        Geometry g = ours.geometry();
        assertFalse(g.isOrthonormal(), "our grid keeps the tilt: " + g);
        List<Path> niftis = Dcm2niix.convert(copy, dir.resolve("nifti"));
        List<Path> tilt = niftis.stream().filter(p -> p.getFileName().toString().contains("_Tilt")).toList();
        assertEquals(1, tilt.size(), "dcm2niix writes one _Tilt file: " + niftis);
        Volume theirs = NiftiReader.read(tilt.get(0));
        Geometry h = theirs.geometry();
        assertTrue(h.isOrthonormal());

        Point3 n = g.planeNormal();
        double cosTilt = Math.abs(dot(g.axis(2), n));
        assertEquals(15, Math.toDegrees(Math.acos(cosTilt)), 1e-3, "tilt from our positions, degrees");
        assertEquals(1, Math.abs(dot(h.axis(2), n)), 1e-6, "dcm2niix stacks along our plane normal");
        assertEquals(g.spacing(2) * cosTilt, h.spacing(2), MM, "its slice step is the distance between planes");
        assertEquals(1, Math.abs(dot(h.axis(0), g.axis(0))), 1e-6, "rows along our rows");
        assertEquals(1, Math.abs(dot(h.axis(1), g.axis(1))), 1e-6, "columns along our columns");
        assertEquals(g.nz(), h.nz());
        assertTrue(h.ny() > g.ny(), "more rows to hold the shifted slices: " + h.ny());

        float[] o = ours.toFloatArray();
        float[] t = theirs.toFloatArray();
        double worstValue = 0;
        double worstPlaneMm = 0;
        int compared = 0;
        int idx = 0;
        for (int k = 0; k < h.nz(); k++) {
            for (int j = 0; j < h.ny(); j++) {
                for (int i = 0; i < h.nx(); i++, idx++) {
                    double[] c = g.worldToIndex(h.indexToWorld(i, j, k));
                    long ci = Math.round(c[0]);
                    long ck = Math.round(c[2]);
                    worstPlaneMm = Math.max(worstPlaneMm, Math.max(Math.abs(c[0] - ci) * g.spacing(0),
                            Math.abs(c[2] - ck) * g.spacing(2) * cosTilt));
                    if (c[1] < -1e-6 || c[1] > g.ny() - 1 + 1e-6 || ci < 0 || ci >= g.nx() || ck < 0 || ck >= g.nz()) {
                        continue; // outside our slice: dcm2niix's fill value
                    }
                    int j0 = (int) Math.min(Math.floor(Math.max(c[1], 0)), g.ny() - 2);
                    double f = c[1] - j0;
                    int row = (int) ((ck * g.ny() + j0) * g.nx() + ci);
                    double mine = o[row] * (1 - f) + o[row + g.nx()] * f;
                    worstValue = Math.max(worstValue, Math.abs(t[idx] - mine));
                    compared++;
                }
            }
        }
        assertTrue(worstPlaneMm <= MM, "dcm2niix's voxel centres lie on our planes and columns, off by "
                + worstPlaneMm + " mm");
        assertTrue(compared >= g.voxelCount() / 2, "compared " + compared + " voxels");
        assertTrue(worstValue <= 0.5 + VALUES, "dcm2niix's resampled values vs ours interpolated along j: "
                + worstValue + " HU");
    }

    /**
     * A missing slice (README: dcm2niix "writes 39 slices at 2.5 mm, so the missing slice shifts everything above
     * it"). We fill the gap on the uniform grid (40 slices, a missing-slice warning at the gap); dcm2niix's grid is
     * our first 39 positions. Below the gap both hold the same slices at the same positions; from the gap up,
     * dcm2niix's slice k holds the stored slice that we (correctly) place at k + 1.
     */
    @Test
    void missingSliceAgreesBelowTheGapAndDcm2niixClosesTheGap() throws IOException {
        Path copy = Dcm2niix.copyFolder(Corpus.root().resolve("series/ct_missing_slice"), dir.resolve("dicom"));
        LoadedSeries s = SeriesFolder.loadOne(copy);
        assertEquals(List.of("missing-slice"), s.warnings().stream().map(StackWarning::code).toList());
        Volume ours = s.volume();
        assertEquals(40, ours.geometry().nz());
        Volume theirs = NiftiReader.read(plainFile(Dcm2niix.convert(copy, dir.resolve("nifti"))));
        assertEquals(39, theirs.geometry().nz(), "dcm2niix stacks the 39 files it has");
        GridMatch m = GridMatch.of(ours.geometry(), theirs.geometry(), MM);
        assertArrayEquals(new int[] {0, 1, 2}, m.axis(), "the same axis order");
        int gap = 17; // the corpus removed slice k = 17 (z = −7.5); expected.json: gap after slice 16
        for (int k = 0; k < theirs.geometry().nz(); k++) {
            assertEquals(k, m.ours(0, 0, k)[2], "dcm2niix's slice " + k + " sits at our position " + k);
            int holds = k < gap ? k : k + 1;
            assertEquals(0, sliceDifference(ours, theirs, m, k, holds, 1), "dcm2niix's slice " + k
                    + " holds our slice " + holds);
        }
    }

    /**
     * Duplicate positions (README: dcm2niix "writes 21 ... slices at 2.5 mm"). We drop the identical duplicate (20
     * slices, a duplicate-position warning); dcm2niix stacks all 21 files on a uniform grid from the first position,
     * so up to the duplicate both agree slice for slice, and above it dcm2niix's slice k holds our slice k − 1.
     */
    @Test
    void duplicatePositionAgreesUpToTheDuplicateAndDcm2niixKeepsBothCopies() throws IOException {
        Path copy = Dcm2niix.copyFolder(Corpus.root().resolve("series/ct_duplicate_positions"), dir.resolve("dicom"));
        LoadedSeries s = SeriesFolder.loadOne(copy);
        assertEquals(List.of("duplicate-position"), s.warnings().stream().map(StackWarning::code).toList());
        Volume ours = s.volume();
        assertEquals(20, ours.geometry().nz());
        Volume theirs = NiftiReader.read(plainFile(Dcm2niix.convert(copy, dir.resolve("nifti"))));
        Geometry h = theirs.geometry();
        assertEquals(21, h.nz(), "dcm2niix stacks all 21 files");
        // their first 20 slices sit on our 20 positions: match the grids on those
        GridMatch m = GridMatch.of(ours.geometry(), h.toBuilder().size(h.nx(), h.ny(), 20).build(), MM);
        assertArrayEquals(new int[] {0, 1, 2}, m.axis(), "the same axis order");
        int dup = 7; // expected.json: the 21st file repeats the position of slice k = 7
        for (int k = 0; k < h.nz(); k++) {
            int holds = k <= dup ? k : k - 1;
            assertEquals(0, sliceDifference(ours, theirs, m, k, holds, 1), "dcm2niix's slice " + k
                    + " holds our slice " + holds);
        }
    }

    /**
     * DX (README: dcm2niix "ignores the magnification factor and patient geometry conventions"): its NIfTI has no
     * spatial transform (qform and sform codes 0, so NiftiReader falls back to pixdim), hence no geometry to compare;
     * its values are the stored MONOCHROME1 values with rows flipped. Ours are inverted so that larger is brighter
     * (2^12 − 1 − stored), on the spacing at the patient (Imager Pixel Spacing ÷ magnification).
     */
    @Test
    void projectionImageValuesAreDcm2niixStoredValuesInvertedAndDcm2niixHasNoGeometry() throws IOException {
        Path copy = Dcm2niix.copyFolder(Corpus.root().resolve("series/dx_monochrome1"), dir.resolve("dicom"));
        Volume ours = SeriesFolder.loadOne(copy).volume();
        List<Path> niftis = Dcm2niix.convert(copy, dir.resolve("nifti"));
        assertEquals(1, niftis.size(), niftis.toString());
        Volume theirs = NiftiReader.read(niftis.get(0));
        assertEquals("pixdim", theirs.metadata().attributes().get("nifti.transform"), "no qform or sform");
        Geometry g = ours.geometry();
        Geometry h = theirs.geometry();
        assertArrayEquals(g.size(), h.size());
        assertArrayEquals(new double[] {0.112, 0.12, 1.0}, g.spacing(), 1e-9, "ours: at the patient");
        float[] o = ours.toFloatArray();
        float[] t = theirs.toFloatArray();
        for (int y = 0; y < g.ny(); y++) {
            for (int x = 0; x < g.nx(); x++) {
                float flipped = t[(g.ny() - 1 - y) * g.nx() + x];
                assertEquals(4095 - flipped, o[y * g.nx() + x], 0, "pixel (" + x + ", " + y + ")");
            }
        }
    }

    // ---- series our writer makes --------------------------------------------------------------------------------

    /**
     * Series written by {@link VolumeSeriesWriter} and read back by our loader agree with dcm2niix's reading of the
     * same files: axial int16 CT; oblique MR; coronal CT with float HU (stored with a rescale slope); sagittal MR;
     * feet-first CT whose positions descend (k = −z, Patient Position FFS).
     */
    @ParameterizedTest
    @ValueSource(strings = {"axial-ct-int16", "oblique-mr", "coronal-ct-float", "sagittal-mr", "feet-first-ct"})
    void seriesOurWriterMakesMatchDcm2niix(String name) throws IOException {
        Path dicom = dir.resolve("dicom");
        SeriesOptions.Builder options = SeriesOptions.builder().uids(UidGenerator.deterministic(name.hashCode()))
                .seriesNumber(7).seriesDescription(name);
        Volume written = switch (name) {
            case "axial-ct-int16" -> write(true, options, WrittenVolumes.int16Hu(
                    WrittenVolumes.grid(23, 19, 9, 0.7, 0.8, 2.0, WrittenVolumes.AXIAL)), dicom);
            case "oblique-mr" -> write(false, options, WrittenVolumes.mrSignal(
                    WrittenVolumes.grid(21, 17, 8, 1.1, 0.9, 3.0, WrittenVolumes.rotation(10, -17, 23))), dicom);
            case "coronal-ct-float" -> write(true, options, WrittenVolumes.floatHu(
                    WrittenVolumes.grid(20, 14, 7, 0.6, 2.5, 1.5, WrittenVolumes.CORONAL)), dicom);
            case "sagittal-mr" -> write(false, options, WrittenVolumes.mrSignal(
                    WrittenVolumes.grid(18, 22, 6, 0.9, 1.0, 4.0, WrittenVolumes.SAGITTAL)), dicom);
            case "feet-first-ct" -> write(true, options.patientPosition("FFS"), WrittenVolumes.int16Hu(
                    WrittenVolumes.grid(22, 18, 8, 0.75, 0.75, 2.5, WrittenVolumes.FEET_FIRST)), dicom);
            default -> throw new IllegalArgumentException(name);
        };
        LoadedSeries s = SeriesFolder.loadOne(dicom);
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
        Volume ours = s.volume();
        assertTrue(ours.geometry().equalsWithin(written.geometry(), 1e-4), name + ": our loader gives back the grid"
                + " written: " + ours.geometry() + " vs " + written.geometry());
        if (name.equals("feet-first-ct")) {
            assertTrue(ours.geometry().axis(2).z() < -0.999, "slices descend: " + ours.geometry());
        }
        List<Path> niftis = Dcm2niix.convert(dicom, dir.resolve("nifti"));
        assertEquals(1, niftis.size(), niftis.toString());
        assertAgrees(name, ours, readAll(niftis), niftis);
    }

    private static Volume write(boolean ct, SeriesOptions.Builder options, Volume v, Path dicom) throws IOException {
        VolumeSeriesWriter w = ct ? VolumeSeriesWriter.ct(options.build())
                : VolumeSeriesWriter.mr(options.build(), MrAcquisition.defaults());
        w.write(v, dicom);
        return v;
    }

    // ---- comparisons ---------------------------------------------------------------------------------------------

    /**
     * Finds dcm2niix's file with our grid's corners and checks voxel sizes and voxels.
     *
     * @return the index of the matching file in {@code theirs}
     */
    private static int assertAgrees(String name, Volume ours, List<Volume> theirs, List<Path> files) {
        Geometry g = ours.geometry();
        int found = -1;
        List<String> distances = new ArrayList<>();
        for (int f = 0; f < theirs.size(); f++) {
            Geometry h = theirs.get(f).geometry();
            if (h.voxelCount() != g.voxelCount()) {
                distances.add(files.get(f).getFileName() + ": " + h.nx() + "x" + h.ny() + "x" + h.nz());
                continue;
            }
            double d = GridMatch.cornerSetDistance(g, h);
            distances.add(String.format(Locale.ROOT, "%s: corners %.6f mm", files.get(f).getFileName(), d));
            if (d <= MM) {
                found = f;
            }
        }
        int match = found;
        assertTrue(match >= 0, () -> name + ": no dcm2niix file has the corners of " + g + "; " + distances);
        Volume t = theirs.get(match);
        assertCornersAndSpacing(name, g, t.geometry());
        GridMatch m = GridMatch.of(g, t.geometry(), MM);
        double tolerance = ours.voxelType() == VoxelType.INT16 ? 0 : VALUES;
        double diff = m.maxDifference(ours, t);
        assertTrue(diff <= tolerance, name + ": voxels differ from dcm2niix's by up to " + diff + " (tolerance "
                + tolerance + ", " + ours.voxelType() + ")");
        if (ours.metadata().modality().equals("CT")) {
            assertEquals(IntensityUnit.HU, ours.unit(), name + ": CT in HU, as dcm2niix's scaled values");
        }
        return match;
    }

    private static void assertCornersAndSpacing(String name, Geometry ours, Geometry theirs) {
        double d = GridMatch.cornerSetDistance(ours, theirs);
        assertTrue(d <= MM, name + ": corner voxel centres differ by up to " + d + " mm: " + ours + " vs " + theirs);
        assertArrayEquals(GridMatch.sortedSpacing(ours), GridMatch.sortedSpacing(theirs), MM,
                name + ": voxel sizes (sorted), mm");
    }

    /**
     * @return the largest |their value at (i, j, theirK) − factor · our value at the voxel matched to (i, j, ourK)|
     *         — comparing one of their slices with the slice of ours that their slice index {@code ourK} maps to
     */
    private static double sliceDifference(Volume ours, Volume theirs, GridMatch m, int theirK, int ourK,
                                          double factor) {
        Geometry h = theirs.geometry();
        double worst = 0;
        for (int j = 0; j < h.ny(); j++) {
            for (int i = 0; i < h.nx(); i++) {
                int[] x = m.ours(i, j, ourK);
                float mine = ours.get(x[2], x[1], x[0]);
                worst = Math.max(worst, Math.abs(theirs.get(theirK, j, i) - factor * mine));
            }
        }
        return worst;
    }

    /** @return dcm2niix's file without a suffix for a derived volume (_Eq_, _Tilt_, _i...) */
    private static Path plainFile(List<Path> niftis) {
        List<Path> plain = niftis.stream().filter(p -> !p.getFileName().toString().matches(".*_(Eq|Tilt)_\\d+\\.nii"))
                .toList();
        assertEquals(1, plain.size(), "one file on dcm2niix's plain grid: " + niftis);
        return plain.get(0);
    }

    private static List<Volume> readAll(List<Path> niftis) throws IOException {
        List<Volume> out = new ArrayList<>(niftis.size());
        for (Path p : niftis) {
            out.add(NiftiReader.read(p));
        }
        return out;
    }

    private static List<String> describe(List<LoadedSeries> loaded) {
        return loaded.stream().map(s -> s.candidate().describe() + " " + s.volume().geometry().nz() + " slices")
                .toList();
    }

    private static double dot(Point3 a, Point3 b) {
        return a.x() * b.x() + a.y() * b.y() + a.z() * b.z();
    }
}
