package org.medimg4j.dicom.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * The stacking rules on bad input: each one under the strict policy (a {@link SeriesException} of the right reason
 * naming the series and what is wrong) and the lenient one (the warning, and what was done with the voxels).
 */
class StackingRulesTest {

    @TempDir
    Path dir;

    private static SeriesLoader loader(StackPolicy policy, GapFill fill) {
        return new SeriesLoader(SeriesLoadOptions.builder().policy(policy).gapFill(fill).threads(2).build());
    }

    private static SeriesLoader strict() {
        return loader(StackPolicy.STRICT, GapFill.LINEAR);
    }

    private static SeriesLoader lenient() {
        return loader(StackPolicy.LENIENT, GapFill.LINEAR);
    }

    /** Axial slices at these z (mm), stored value 1024 + 10·(index in zs). */
    private StackCandidate axial(double... zs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < zs.length; i++) {
            files.add(SliceFiles.write(dir, "z" + i + ".dcm", SliceFiles.slice().at(0, 0, zs[i]).number(i + 1)
                    .fill(1024 + 10 * i)));
        }
        return SliceFiles.candidate(files.toArray(Path[]::new));
    }

    private static SeriesException refused(SeriesLoader loader, StackCandidate c, SeriesException.Reason reason) {
        SeriesException e = assertThrows(SeriesException.class, () -> loader.load(c));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("series " + SliceFiles.SERIES + ": "), e.getMessage());
        assertEquals(SliceFiles.SERIES, e.seriesInstanceUid());
        return e;
    }

    private static List<String> codes(LoadedSeries s) {
        return s.warnings().stream().map(StackWarning::code).toList();
    }

    @Test
    void strictLoadOfAGappedSeriesSaysWhereTheGapIs() throws IOException {
        SeriesException e = refused(strict(), axial(0, 2.5, 7.5, 10), SeriesException.Reason.MISSING_SLICE);
        String m = e.getMessage();
        assertTrue(m.contains("missing slice: gap of 5 mm after slice 1 (z1.dcm, expected 2.5 mm)"), m);
        assertTrue(m.contains("1 slice missing at (0, 0, 5) mm LPS"), m);
        assertTrue(m.contains("load leniently"), m);
    }

    @Test
    void lenientLoadFillsTheGapByLinearInterpolationOnAUniformGrid() throws IOException {
        LoadedSeries s = lenient().load(axial(0, 2.5, 7.5, 10));
        Volume v = s.volume();
        assertEquals(5, v.geometry().nz());
        assertEquals(2.5, v.geometry().spacing(2), 1e-12);
        assertEquals(VoxelType.FLOAT32, v.voxelType());
        assertArrayEquals(new float[] {0, 10, 15, 20, 30}, new float[] {v.get(0, 0, 0), v.get(1, 0, 0),
            v.get(2, 0, 0), v.get(3, 0, 0), v.get(4, 0, 0)});
        assertEquals(List.of("missing-slice"), codes(s));
        String w = s.warnings().get(0).toString();
        assertTrue(w.startsWith("missing-slice: gap of 5 mm after slice 1"), w);
        assertTrue(w.contains("linear interpolation"), w);
        assertEquals(4, s.files());
    }

    @Test
    void nearestGapFillCopiesTheNearerSliceAndKeepsInt16() throws IOException {
        LoadedSeries s = loader(StackPolicy.LENIENT, GapFill.NEAREST).load(axial(0, 2.5, 10));
        Volume v = s.volume();
        assertEquals(VoxelType.INT16, v.voxelType());
        assertEquals(5, v.geometry().nz());
        // slots at 5 and 7.5 lie between 2.5 (10 HU) and 10 (20 HU): 5 is nearer 2.5, 7.5 nearer 10
        assertArrayEquals(new float[] {0, 10, 10, 20, 20}, new float[] {v.get(0, 0, 0), v.get(1, 0, 0),
            v.get(2, 0, 0), v.get(3, 0, 0), v.get(4, 0, 0)});
        assertTrue(s.warnings().get(0).message().contains("copies of the nearer slice"), s.warnings().toString());
    }

    @Test
    void nonUniformSpacingIsRefusedStrictlyAndResampledLeniently() throws IOException {
        StackCandidate c = axial(0, 2.5, 5, 8);
        SeriesException e = refused(strict(), c, SeriesException.Reason.NON_UNIFORM_SPACING);
        assertTrue(e.getMessage().contains("3 mm after slice 2 (z2.dcm)"), e.getMessage());
        LoadedSeries s = lenient().load(c);
        Volume v = s.volume();
        assertEquals(List.of("non-uniform-spacing"), codes(s));
        assertEquals(4, v.geometry().nz(), "0, 2.5, 5, 7.5: the grid stops at the last slice");
        assertEquals(20 + (2.5 / 3) * 10, v.get(3, 0, 0), 1e-4, "7.5 is 2.5 of the 3 mm from 5 to 8");
        assertEquals(20, v.get(2, 0, 0), "stored slices on the grid are copied exactly");
    }

    @Test
    void conflictingSizesAreAnErrorWhateverThePolicy() throws IOException {
        SliceFiles.Slice small = SliceFiles.slice().at(0, 0, 2).fill(0);
        small.rows = 2;
        StackCandidate c = SliceFiles.candidate(SliceFiles.write(dir, "a.dcm", SliceFiles.slice().fill(0)),
                SliceFiles.write(dir, "b.dcm", small));
        for (SeriesLoader l : List.of(strict(), lenient())) {
            SeriesException e = refused(l, c, SeriesException.Reason.CONFLICTING_SIZE);
            assertTrue(e.getMessage().contains("conflicting sizes: a.dcm is 4 rows x 3 columns, b.dcm is 2 x 3"),
                    e.getMessage());
        }
    }

    @Test
    void duplicateWithIdenticalPixelsIsDroppedUnderBothPolicies() throws IOException {
        Path a = SliceFiles.write(dir, "a.dcm", SliceFiles.slice().at(0, 0, 0).number(1).fill(1000));
        Path b = SliceFiles.write(dir, "b.dcm", SliceFiles.slice().at(0, 0, 2).number(2).fill(1100));
        Path dup = SliceFiles.write(dir, "dup.dcm", SliceFiles.slice().at(0, 0, 2).number(9).fill(1100));
        for (SeriesLoader l : List.of(strict(), lenient())) {
            LoadedSeries s = l.load(SliceFiles.candidate(a, dup, b));
            assertEquals(2, s.volume().geometry().nz());
            assertEquals(3, s.files());
            assertEquals(List.of("duplicate-position"), codes(s));
            assertTrue(s.warnings().get(0).message().contains("b.dcm and, with identical pixels, dup.dcm (dropped)"),
                    s.warnings().toString());
        }
    }

    @Test
    void duplicateWithDifferentPixelsIsAnErrorStrictlyAndAChoiceLeniently() throws IOException {
        Path a = SliceFiles.write(dir, "a.dcm", SliceFiles.slice().at(0, 0, 0).number(1).fill(1000));
        Path b = SliceFiles.write(dir, "b.dcm", SliceFiles.slice().at(0, 0, 2).number(2).fill(1100));
        Path other = SliceFiles.write(dir, "other.dcm", SliceFiles.slice().at(0, 0, 2).number(7).fill(1500));
        StackCandidate c = SliceFiles.candidate(other, a, b);
        SeriesException e = refused(strict(), c, SeriesException.Reason.DUPLICATE_POSITION);
        assertTrue(e.getMessage().contains("b.dcm and other.dcm are both at (0, 0, 2) mm LPS with different pixels"),
                e.getMessage());
        LoadedSeries s = lenient().load(c);
        assertEquals(List.of("duplicate-position"), codes(s));
        assertTrue(s.warnings().get(0).message().contains("kept b.dcm"), s.warnings().toString());
        assertEquals(1100 - 1024, s.volume().get(1, 0, 0), "the slice with the lower Instance Number is kept");
    }

    @Test
    void sliceWithoutImagePositionIsRefusedNamingFileAndTag() throws IOException {
        SliceFiles.Slice s = SliceFiles.slice().at(0, 0, 2).fill(0);
        s.omitPosition = true;
        StackCandidate c = SliceFiles.candidate(SliceFiles.write(dir, "a.dcm", SliceFiles.slice().fill(0)),
                SliceFiles.write(dir, "nopos.dcm", s));
        for (SeriesLoader l : List.of(strict(), lenient())) {
            SeriesException e = refused(l, c, SeriesException.Reason.MISSING_GEOMETRY);
            assertTrue(e.getMessage().contains("nopos.dcm: (0020,0032) ImagePositionPatient is absent"),
                    e.getMessage());
        }
    }

    @Test
    void malformedOrientationIsRefusedNamingTheTag() throws IOException {
        StackCandidate c = SliceFiles.candidate(SliceFiles.write(dir, "a.dcm",
                SliceFiles.slice().orient(1, 0, 0, 1, 0, 0).fill(0)));
        SeriesException e = refused(lenient(), c, SeriesException.Reason.MISSING_GEOMETRY);
        assertTrue(e.getMessage().contains("(0020,0037) ImageOrientationPatient")
                && e.getMessage().contains("not orthogonal"), e.getMessage());
    }

    @Test
    void gantryTiltIsAWarningUnderBothPoliciesAndShearsTheGrid() throws IOException {
        double t = Math.toRadians(20);
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            SliceFiles.Slice s = SliceFiles.slice().orient(1, 0, 0, 0, Math.cos(t), -Math.sin(t)).at(0, 0, 2.0 * k)
                    .fill(1024 + k);
            s.gantryTilt = 20.0;
            files.add(SliceFiles.write(dir, "t" + k + ".dcm", s));
        }
        StackCandidate c = SliceFiles.candidate(files.toArray(Path[]::new));
        for (SeriesLoader l : List.of(strict(), lenient())) {
            LoadedSeries s = l.load(c);
            Geometry g = s.volume().geometry();
            assertEquals(List.of("gantry-tilt"), codes(s));
            assertTrue(s.warnings().get(0).message().contains("20.00 degrees")
                    && s.warnings().get(0).message().contains("Gantry/Detector Tilt says 20"), s.warnings().toString());
            assertFalse(g.isOrthonormal());
            assertEquals(2, g.spacing(2), 1e-9, "the step between positions, not along the normal");
            assertEquals(6, g.indexToWorld(0, 0, 3).z(), 1e-9, "slot 3 is at the stored z");
            assertEquals(3, s.volume().get(3, 0, 0));
        }
    }

    @Test
    void slightlyMixedOrientationIsRefusedStrictlyAndWarnedLeniently() throws IOException {
        double t = Math.toRadians(1);
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            files.add(SliceFiles.write(dir, "o" + k + ".dcm", SliceFiles.slice().at(0, 0, 3.0 * k).fill(1024)));
        }
        files.add(SliceFiles.write(dir, "tilted.dcm", SliceFiles.slice()
                .orient(Math.cos(t), Math.sin(t), 0, -Math.sin(t), Math.cos(t), 0).at(0, 0, 9).fill(1024)));
        StackCandidate c = SliceFiles.candidate(files.toArray(Path[]::new));
        SeriesException e = refused(strict(), c, SeriesException.Reason.MIXED_ORIENTATION);
        assertTrue(e.getMessage().contains("mixed orientation: 2 orientations among 4 slices, up to 1.000 degrees"),
                e.getMessage());
        LoadedSeries s = lenient().load(c);
        assertEquals(List.of("mixed-orientation"), codes(s));
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, s.volume().geometry().direction(), 1e-12,
                "the orientation of the 3 of 4");
        assertEquals(4, s.volume().geometry().nz());
    }

    @Test
    void differentPlanesAreNeverStackedTogether() throws IOException {
        StackCandidate c = SliceFiles.candidate(
                SliceFiles.write(dir, "ax.dcm", SliceFiles.slice().fill(0)),
                SliceFiles.write(dir, "cor.dcm", SliceFiles.slice().orient(1, 0, 0, 0, 0, -1).at(0, 0, 3).fill(0)));
        SeriesException e = refused(lenient(), c, SeriesException.Reason.MIXED_ORIENTATION);
        assertTrue(e.getMessage().contains("different planes"), e.getMessage());
    }

    @Test
    void inconsistentPixelSpacingIsRefusedStrictlyAndWarnedLeniently() throws IOException {
        SliceFiles.Slice odd = SliceFiles.slice().at(0, 0, 4).fill(0);
        odd.pixelSpacing = new double[] {0.6, 0.25};
        StackCandidate c = SliceFiles.candidate(
                SliceFiles.write(dir, "a.dcm", SliceFiles.slice().at(0, 0, 0).fill(0)),
                SliceFiles.write(dir, "b.dcm", SliceFiles.slice().at(0, 0, 2).fill(0)),
                SliceFiles.write(dir, "c.dcm", odd));
        SeriesException e = refused(strict(), c, SeriesException.Reason.INCONSISTENT_PIXEL_SPACING);
        assertTrue(e.getMessage().contains("2 slice(s) 0.5\\0.25 mm") && e.getMessage().contains("1 slice(s) 0.6\\0.25"
                + " mm (e.g. c.dcm)"), e.getMessage());
        LoadedSeries s = lenient().load(c);
        assertEquals(List.of("inconsistent-pixel-spacing"), codes(s));
        assertEquals(0.5, s.volume().geometry().spacing(1), 1e-12);
    }

    @Test
    void positionsOffTheStackingLineAreRefusedStrictly() throws IOException {
        List<Path> files = new ArrayList<>();
        double[] x = {0, 0, 1.0, 0};
        for (int k = 0; k < 4; k++) {
            files.add(SliceFiles.write(dir, "p" + k + ".dcm", SliceFiles.slice().at(x[k], 0, 2.0 * k).fill(0)));
        }
        StackCandidate c = SliceFiles.candidate(files.toArray(Path[]::new));
        SeriesException e = refused(strict(), c, SeriesException.Reason.OFF_AXIS_POSITION);
        assertTrue(e.getMessage().contains("p2.dcm (slice 2) is 1 mm off it"), e.getMessage());
        assertEquals(List.of("off-axis-position"), codes(lenient().load(c)));
    }

    @Test
    void aTiltBelowTheThresholdIsNeitherTiltNorOffAxis() throws IOException {
        // 0.002 mm sideways per 2.5 mm step (0.05 degrees): 0.078 mm over the stack, on one straight line
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            files.add(SliceFiles.write(dir, "d" + k + ".dcm", SliceFiles.slice().at(0.002 * k, 0, 2.5 * k).fill(0)));
        }
        LoadedSeries s = strict().load(SliceFiles.candidate(files.toArray(Path[]::new)));
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, s.volume().geometry().direction(), 1e-12);
    }

    @Test
    void multiFrameWithoutFunctionalGroupsIsUnsupported() throws IOException {
        DicomBytes b = DicomBytes.explicitLe().text(Tag.Modality, VR.CS, "CT")
                .text(Tag.SeriesInstanceUID, VR.UI, SliceFiles.SERIES);
        SliceFiles.pixelModule(b, 4, 3, true, 2);
        SliceFiles.bits(b, true);
        b.element(Tag.PixelData, VR.OW, new byte[2 * 4 * 3 * 2]);
        Path p = dir.resolve("mf.dcm");
        Files.write(p, b.part10(DicomBytes.EXPLICIT_LE));
        SeriesException e = refused(lenient(), SliceFiles.candidate(p), SeriesException.Reason.UNSUPPORTED);
        assertTrue(e.getMessage().contains("mf.dcm: 2 frames without (5200,9230)"), e.getMessage());
    }

    @Test
    void warningStringStartsWithItsCode() {
        StackWarning w = new StackWarning(StackWarning.Kind.NON_UNIFORM_SPACING, "steps vary");
        assertEquals("non-uniform-spacing: steps vary", w.toString());
        assertEquals("non-uniform-spacing", w.code());
        assertThrows(NullPointerException.class, () -> new StackWarning(null, "x"));
    }
}
