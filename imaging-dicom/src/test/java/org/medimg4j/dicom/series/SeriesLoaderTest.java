package org.medimg4j.dicom.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/**
 * {@link SeriesLoader} on hand-made series: sorting by position, sagittal / coronal / reversed stacks in LPS,
 * per-slice rescale, INT16 versus FLOAT32 output, and the memory budget.
 */
class SeriesLoaderTest {

    @TempDir
    Path dir;

    private static SeriesLoader loader(StackPolicy policy) {
        return new SeriesLoader(SeriesLoadOptions.builder().policy(policy).threads(2).build());
    }

    /** Slices at z = 0, 2.5, 5, 7.5, 10 whose stored value is 10·k, written in reverse name and shuffled number. */
    private StackCandidate axialFive() throws IOException {
        int[] numbers = {3, 5, 1, 4, 2};
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            files.add(SliceFiles.write(dir, "IM" + (9 - k) + ".dcm",
                    SliceFiles.slice().at(-10, -20, 2.5 * k).number(numbers[k]).fill(1024 + 10 * k)));
        }
        return SliceFiles.candidate(files.toArray(Path[]::new));
    }

    @Test
    void sortsSlicesByPositionNotInstanceNumberOrFileName() throws IOException {
        LoadedSeries s = loader(StackPolicy.STRICT).load(axialFive());
        Volume v = s.volume();
        Geometry g = v.geometry();
        assertArrayEquals(new int[] {3, 4, 5}, g.size());
        assertArrayEquals(new double[] {0.25, 0.5, 2.5}, g.spacing(), 1e-12);
        assertEquals(new Point3(-10, -20, 0), g.origin());
        for (int k = 0; k < 5; k++) {
            assertEquals(10 * k, v.get(k, 3, 2), "slice " + k + " holds HU 10k");
        }
        assertEquals(VoxelType.INT16, v.voxelType());
        assertEquals(IntensityUnit.HU, v.unit());
        assertEquals(5, s.files());
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
        assertEquals(SliceFiles.SERIES, v.metadata().seriesInstanceUid());
        assertEquals("CT", v.metadata().modality());
    }

    @Test
    void oneThreadAndManyThreadsGiveTheSameVoxels() throws IOException {
        StackCandidate c = axialFive();
        float[] one = new SeriesLoader(SeriesLoadOptions.builder().threads(1).build()).load(c).volume().toFloatArray();
        float[] four = new SeriesLoader(SeriesLoadOptions.builder().threads(4).build()).load(c).volume()
                .toFloatArray();
        assertArrayEquals(one, four);
    }

    @Test
    void stackWhoseNormalPointsFootwardsStartsAtTheHighestSlice() throws IOException {
        // rows run posterior-to-anterior (column direction -y): n = x × -y = -z, so k runs towards the feet
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            files.add(SliceFiles.write(dir, "s" + k + ".dcm", SliceFiles.slice().orient(1, 0, 0, 0, -1, 0)
                    .at(0, 0, 3.0 * k).fill(1024 + k)));
        }
        Volume v = loader(StackPolicy.STRICT).load(SliceFiles.candidate(files.toArray(Path[]::new))).volume();
        Geometry g = v.geometry();
        assertEquals(6, g.origin().z(), 1e-12, "the first slot is the highest z");
        assertArrayEquals(new double[] {1, 0, 0, 0, -1, 0, 0, 0, -1}, g.direction(), 1e-12);
        assertEquals(3, g.spacing(2), 1e-12);
        assertEquals(2, v.get(0, 0, 0), "slot 0 holds the slice at z = 6");
        assertEquals(0, v.get(2, 0, 0));
    }

    @Test
    void sagittalStackHasTheRightLpsGeometry() throws IOException {
        // rows along +y (anterior→posterior), columns along -z (feet): n = (0,1,0) × (0,0,-1) = (-1, 0, 0)
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            files.add(SliceFiles.write(dir, "sag" + k + ".dcm", SliceFiles.slice().orient(0, 1, 0, 0, 0, -1)
                    .at(-2.0 * k, 5, 40).fill(100 * k)));
        }
        Volume v = loader(StackPolicy.STRICT).load(SliceFiles.candidate(files.toArray(Path[]::new))).volume();
        Geometry g = v.geometry();
        assertEquals(new Point3(0, 5, 40), g.origin(), "sorted along -x: the slice at x = 0 comes first");
        assertArrayEquals(new double[] {0, 0, -1, 1, 0, 0, 0, -1, 0}, g.direction(), 1e-12);
        assertEquals("PIR", g.orientationCode());
        // pixel (column 2, row 3) of the slice at x = -4: IPP + 2·0.25·row + 3·0.5·column = (-4, 5.5, 38.5)
        Point3 p = g.indexToWorld(2, 3, 2);
        assertEquals(-4, p.x(), 1e-12);
        assertEquals(5.5, p.y(), 1e-12);
        assertEquals(38.5, p.z(), 1e-12);
        assertEquals(200 - 1024, v.get(2, 3, 2));
    }

    @Test
    void coronalStackHasTheRightLpsGeometry() throws IOException {
        // rows along +x, columns along -z: n = (1,0,0) × (0,0,-1) = (0, 1, 0), k runs posterior
        List<Path> files = new ArrayList<>();
        for (int k = 3; k >= 0; k--) {
            files.add(SliceFiles.write(dir, "cor" + k + ".dcm", SliceFiles.slice().orient(1, 0, 0, 0, 0, -1)
                    .at(-7, 1.5 * k - 3, 12).fill(1024 + k)));
        }
        Volume v = loader(StackPolicy.STRICT).load(SliceFiles.candidate(files.toArray(Path[]::new))).volume();
        Geometry g = v.geometry();
        assertEquals(new Point3(-7, -3, 12), g.origin());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, -1, 0}, g.direction(), 1e-12);
        assertEquals(1.5, g.spacing(2), 1e-12);
        assertEquals(3, v.get(3, 0, 0));
    }

    @Test
    void rescaleIsAppliedPerSliceAndStaysInt16WhenExact() throws IOException {
        Path a = SliceFiles.write(dir, "a.dcm", SliceFiles.slice().at(0, 0, 0).rescale("1", "-1024").fill(1000));
        Path b = SliceFiles.write(dir, "b.dcm", SliceFiles.slice().at(0, 0, 1).rescale("2", "-2048").fill(1000));
        Volume v = loader(StackPolicy.STRICT).load(SliceFiles.candidate(a, b)).volume();
        assertEquals(VoxelType.INT16, v.voxelType());
        assertEquals(-24, v.get(0, 1, 1));
        assertEquals(-48, v.get(1, 1, 1));
    }

    @Test
    void twelveBitCtIsRescaledWithoutCheckingAndHighJunkBitsAreIgnored() throws IOException {
        short[] px = new short[4 * 3];
        px[0] = 4095;
        px[1] = (short) (0xF000 | 5);   // bits above Bits Stored hold junk (an old overlay): masked to 5
        SliceFiles.Slice first = SliceFiles.slice().at(0, 0, 0).bitsStored(12, false).rescale("1", "-1024");
        first.pixels = px;
        Path a = SliceFiles.write(dir, "a.dcm", first);
        Path b = SliceFiles.write(dir, "b.dcm", SliceFiles.slice().at(0, 0, 1).bitsStored(12, false)
                .rescale("1", "-1024").fill(1024));
        Volume v = loader(StackPolicy.STRICT).load(SliceFiles.candidate(a, b)).volume();
        assertEquals(VoxelType.INT16, v.voxelType());
        assertEquals(3071, v.get(0, 0, 0));
        assertEquals(-1019, v.get(0, 0, 1));
        assertEquals(-1024, v.get(0, 0, 2));
        assertEquals(0, v.get(1, 3, 2));
    }

    @Test
    void fractionalSlopeGivesFloat32() throws IOException {
        Path a = SliceFiles.write(dir, "a.dcm", SliceFiles.slice().at(0, 0, 0).rescale("0.5", "-1000").fill(7));
        Path b = SliceFiles.write(dir, "b.dcm", SliceFiles.slice().at(0, 0, 1).rescale("1", "-1024").fill(7));
        Volume v = loader(StackPolicy.STRICT).load(SliceFiles.candidate(a, b)).volume();
        assertEquals(VoxelType.FLOAT32, v.voxelType());
        assertEquals(-996.5f, v.get(0, 0, 0));
        assertEquals(-1017f, v.get(1, 0, 0));
    }

    @Test
    void unsignedValuesAboveInt16BecomeFloat32FromTheValuesInPlace() throws IOException {
        // MR without rescale: the first slice fits INT16 and is converted in place, the second (40000) does not
        SliceFiles.Slice small = SliceFiles.slice().at(0, 0, 0).fill(1200);
        small.modality = "MR";
        small.signed = false;
        small.slope = null;
        SliceFiles.Slice big = SliceFiles.slice().at(0, 0, 2).fill((short) 40000);
        big.modality = "MR";
        big.signed = false;
        big.slope = null;
        Volume v = loader(StackPolicy.STRICT).load(SliceFiles.candidate(SliceFiles.write(dir, "m0.dcm", small),
                SliceFiles.write(dir, "m1.dcm", big))).volume();
        assertEquals(VoxelType.FLOAT32, v.voxelType());
        assertEquals(IntensityUnit.ARBITRARY, v.unit());
        assertEquals(1200f, v.get(0, 2, 2));
        assertEquals(40000f, v.get(1, 2, 2));
    }

    @Test
    void rescaleThatOverflowsInt16InPlaceIsDecodedAgainAsFloat32() throws IOException {
        // 32000 + 1000 = 33000 does not fit INT16: found while rescaling in place, so that slice is read again
        Path a = SliceFiles.write(dir, "a.dcm", SliceFiles.slice().at(0, 0, 0).rescale("1", "1000").fill(32000));
        Path b = SliceFiles.write(dir, "b.dcm", SliceFiles.slice().at(0, 0, 1).rescale("1", "-1024").fill(-5));
        Volume v = loader(StackPolicy.STRICT).load(SliceFiles.candidate(a, b)).volume();
        assertEquals(VoxelType.FLOAT32, v.voxelType());
        assertEquals(33000f, v.get(0, 3, 2));
        assertEquals(-1029f, v.get(1, 3, 2));
    }

    @Test
    void inPlaceRescaleReportsExactlyWhetherResultsFitInt16() {
        short[] edge = {(short) 32767, (short) -32768, 0};
        assertTrue(VoxelAssembler.rescaleInPlace(edge, 0, 3, false, 1, 0));
        assertArrayEquals(new short[] {32767, -32768, 0}, edge);
        short[] over = {(short) 32767, 0};
        assertFalse(VoxelAssembler.rescaleInPlace(over, 0, 2, false, 1, 1));
        short[] under = {(short) -32768};
        assertFalse(VoxelAssembler.rescaleInPlace(under, 0, 1, false, 1, -1));
        short[] unsignedValues = {(short) 40000, 100};
        assertTrue(VoxelAssembler.rescaleInPlace(unsignedValues, 0, 2, true, 1, -32768));
        assertArrayEquals(new short[] {40000 - 32768, 100 - 32768}, unsignedValues);
        short[] known = {-3, 100, (short) 4095};
        VoxelAssembler.rescaleInPlace(known, 0, 3, 3, -1024);
        assertArrayEquals(new short[] {-1033, -724, 11261}, known);
        short[] unsignedKnown = {0, (short) 4095};
        VoxelAssembler.rescaleInPlace(unsignedKnown, 0, 2, 1, -1024);
        assertArrayEquals(new short[] {-1024, 3071}, unsignedKnown);
        assertFalse(VoxelAssembler.fitsSigned(new short[] {1, (short) 40000}, 0, 2));
        assertTrue(VoxelAssembler.fitsSigned(new short[] {1, 32767}, 0, 2));
    }

    @Test
    void ctWithAnotherRescaleTypeIsNotHounsfield() throws IOException {
        SliceFiles.Slice s = SliceFiles.slice().at(0, 0, 0).fill(5);
        s.rescaleType = "US";
        Volume v = loader(StackPolicy.STRICT).load(SliceFiles.candidate(SliceFiles.write(dir, "u.dcm", s))).volume();
        assertEquals(IntensityUnit.ARBITRARY, v.unit());
    }

    @Test
    void singleSliceTakesSpacingBetweenSlicesThenThicknessThenOneMillimetre() throws IOException {
        SliceFiles.Slice s = SliceFiles.slice().fill(0);
        s.thickness = 3.0;
        s.spacingBetween = 4.0;
        assertEquals(4, stackOf(s, "one.dcm").geometry().spacing(2), 1e-12);
        s.spacingBetween = null;
        assertEquals(3, stackOf(s, "two.dcm").geometry().spacing(2), 1e-12);
        s.thickness = null;
        Geometry g = stackOf(s, "three.dcm").geometry();
        assertEquals(1, g.spacing(2), 1e-12);
        assertEquals(1, g.nz());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, g.direction(), 1e-12);
    }

    private SliceStack stackOf(SliceFiles.Slice s, String name) throws IOException {
        return loader(StackPolicy.STRICT).stack(SliceFiles.candidate(SliceFiles.write(dir, name, s)));
    }

    @Test
    void volumeOverTheMemoryBudgetIsRefusedBeforeAllocation() throws IOException {
        StackCandidate c = axialFive();
        SeriesLoader tiny = new SeriesLoader(SeriesLoadOptions.builder().memoryBudgetBytes(100).build());
        SeriesException e = assertThrows(SeriesException.class, () -> tiny.load(c));
        assertEquals(SeriesException.Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("series " + SliceFiles.SERIES), e.getMessage());
        assertTrue(e.getMessage().contains("3 x 4 x 5 voxels") && e.getMessage().contains("memory budget"),
                e.getMessage());
    }

    @Test
    void optionsBuilderNamesTheBadField() {
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> SeriesLoadOptions.builder().threads(0).build());
        assertTrue(t.getMessage().contains("threads"), t.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> SeriesLoadOptions.builder().memoryBudgetBytes(0).build());
        assertTrue(m.getMessage().contains("memoryBudgetBytes"), m.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> SeriesLoadOptions.builder().policy(null).build());
        assertTrue(p.getMessage().contains("policy"), p.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> SeriesLoadOptions.builder().gapFill(null).build());
        assertTrue(f.getMessage().contains("gapFill"), f.getMessage());
    }

    @Test
    void defaultOptionsAreLenientLinearWithAllProcessors() {
        SeriesLoadOptions o = SeriesLoadOptions.defaults();
        assertEquals(StackPolicy.LENIENT, o.policy());
        assertEquals(GapFill.LINEAR, o.gapFill());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.threads());
        assertEquals(o, o.toBuilder().build());
        assertFalse(o.equals(o.toBuilder().threads(o.threads() + 1).build()));
    }
}
