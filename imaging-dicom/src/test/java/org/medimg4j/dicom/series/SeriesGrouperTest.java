package org.medimg4j.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.dictionary.Tag;

class SeriesGrouperTest {

    static final double[] AXIAL = {1, 0, 0, 0, 1, 0};
    static final double[] CORONAL = {1, 0, 0, 0, 0, -1};
    static final double[] SAGITTAL = {0, 1, 0, 0, 0, -1};

    private static final SeriesGrouper GROUPER = SeriesGrouper.defaults();

    /** @return "label=count" per candidate, in order */
    private static List<String> summary(List<StackCandidate> candidates) {
        return candidates.stream().map(c -> c.label() + "=" + c.instances().size()).collect(Collectors.toList());
    }

    private static List<InstanceHeader> stack(int n, java.util.function.IntFunction<TestSlice> slice) {
        List<InstanceHeader> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(slice.apply(i).header());
        }
        return out;
    }

    @Test
    void plainSeriesIsOneUnlabelledCandidate() {
        List<StackCandidate> c = GROUPER.group(stack(5, i -> TestSlice.at(2.5 * i).name("S" + i)));
        assertEquals(List.of("=5"), summary(c));
        assertEquals("1.2.3.1", c.get(0).seriesInstanceUid());
        assertEquals("1.2.3", c.get(0).studyInstanceUid());
    }

    @Test
    void echoesAreSplitAndLabelledByEchoNumber() {
        List<StackCandidate> c = GROUPER.group(stack(10, i -> TestSlice.at(3.0 * (i % 5)).echo(1 + i / 5)
                .name("E" + i)));
        assertEquals(List.of("echo 1=5", "echo 2=5"), summary(c));
        for (InstanceHeader h : c.get(1).instances()) {
            assertEquals(2, h.attributes().getInt(Tag.EchoNumbers, 0));
        }
    }

    @Test
    void temporalPositionsAreSplit() {
        List<StackCandidate> c = GROUPER.group(stack(12, i -> TestSlice.at(i % 4).temporal(1 + i / 4).name("T" + i)));
        assertEquals(List.of("temporal position 1=4", "temporal position 2=4", "temporal position 3=4"),
                summary(c));
    }

    @Test
    void minorityOrientationIsSplitOffAndTinyCosineNoiseIsNot() {
        List<InstanceHeader> in = stack(10, i -> TestSlice.at(i).name("A" + i)
                .orientation(i == 3 ? new double[] {1, 0, 0, 0, 0.99995, 0.00005} : AXIAL));
        in.add(TestSlice.at(0).orientation(CORONAL).name("C1").header());
        in.add(TestSlice.at(0).orientation(CORONAL).name("C2").header());
        in.add(TestSlice.at(0).orientation(SAGITTAL).name("S1").header());
        List<StackCandidate> c = GROUPER.group(in);
        assertEquals(List.of("=10", "orientation 2=2", "orientation 3=1"), summary(c));
        assertEquals(List.of("C1", "C2"), c.get(1).instances().stream()
                .map(h -> h.path().getFileName().toString()).collect(Collectors.toList()));
    }

    @Test
    void differentRowsAndColumnsAreSplit() {
        List<StackCandidate> c = GROUPER.group(stack(10, i -> TestSlice.at(i).name("R" + i)
                .size(i < 6 ? 64 : 32, i < 6 ? 64 : 48)));
        assertEquals(List.of("48 x 32 images=4", "64 x 64 images=6"), summary(c));
    }

    @Test
    void acquisitionsRepeatingPositionsAreSplit() {
        List<StackCandidate> c = GROUPER.group(stack(10, i -> TestSlice.at(2.0 * (i % 5)).acquisition(1 + i / 5)
                .name("Q" + i)));
        assertEquals(List.of("acquisition 1=5", "acquisition 2=5"), summary(c));
    }

    @Test
    void helicalAcquisitionsWithDisjointPositionsStayOneStack() {
        List<StackCandidate> c = GROUPER.group(stack(10, i -> TestSlice.at(2.0 * i).acquisition(1 + i / 5)
                .name("H" + i)));
        assertEquals(List.of("=10"), summary(c));
    }

    @Test
    void cardiacPhasesAreRankedByTriggerTimeAtEachPosition() {
        // 3 positions x 4 phases; the trigger time of a phase drifts from slice to slice.
        List<StackCandidate> c = GROUPER.group(stack(12, i -> TestSlice.at(8.0 * (i / 4))
                .trigger(100.0 * (i % 4) + 7.5 * (i / 4)).instance(12 - i).name("P" + String.format("%02d", i))));
        assertEquals(List.of("phase 1=3", "phase 2=3", "phase 3=3", "phase 4=3"), summary(c));
        for (InstanceHeader h : c.get(2).instances()) {
            double t = h.attributes().getDouble(Tag.TriggerTime, -1);
            assertTrue(t >= 200 && t < 300, "phase 3 holds the third trigger time at each position, got " + t);
        }
    }

    @Test
    void triggerTimesWithoutRepeatedPositionsDoNotSplit() {
        List<StackCandidate> c = GROUPER.group(stack(6, i -> TestSlice.at(i).trigger(10.0 * i).name("N" + i)));
        assertEquals(List.of("=6"), summary(c));
    }

    @Test
    void repeatedPositionWithIdenticalAttributesStaysOneCandidate() {
        List<InstanceHeader> in = stack(5, i -> TestSlice.at(i).acquisition(1).name("D" + i));
        in.add(TestSlice.at(2).acquisition(1).name("D2bis").header());
        assertEquals(List.of("=6"), summary(GROUPER.group(in)));
    }

    @Test
    void localizersAreSetApartAndSplitByOrientation() {
        List<InstanceHeader> in = stack(5, i -> TestSlice.at(i).name("A" + i));
        in.add(TestSlice.at(0).localizer().orientation(CORONAL).name("L1").header());
        in.add(TestSlice.at(0).localizer().orientation(SAGITTAL).name("L2").header());
        assertEquals(List.of("=5", "localizer=1", "localizer, orientation 2=1"), summary(GROUPER.group(in)));
    }

    @Test
    void seriesOfLocalizersAloneIsNotLabelled() {
        List<StackCandidate> c = GROUPER.group(stack(2, i -> TestSlice.at(i).localizer().name("L" + i)));
        assertEquals(List.of("=2"), summary(c));
    }

    @Test
    void multiFrameInstancesAreEachTheirOwnCandidate() {
        List<InstanceHeader> in = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            TestSlice s = TestSlice.at(0).name("MF" + k).instance(2 - k);
            s.frames = 3;
            s.sopClass = "1.2.840.10008.5.1.4.1.1.2.1";
            in.add(s.header());
        }
        List<StackCandidate> c = GROUPER.group(in);
        assertEquals(List.of("multi-frame 1=1", "multi-frame 2=1"), summary(c));
        assertEquals(Path.of("mem", "MF1"), c.get(0).instances().get(0).path(), "numbered by Instance Number");
        TestSlice one = TestSlice.at(0).name("single");
        one.frames = 5;
        assertEquals(List.of("=1"), summary(GROUPER.group(List.of(one.header()))));
    }

    @Test
    void projectionImagesAreEachTheirOwnCandidate() {
        List<InstanceHeader> in = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            TestSlice s = TestSlice.at(0).name("CR" + k).instance(k + 1);
            s.modality = "CR";
            s.position = null;
            s.orientation = null;
            in.add(s.header());
        }
        // An image without Image Position (Patient) cannot be stacked either, whatever its modality.
        TestSlice noPosition = TestSlice.at(0).name("NP");
        noPosition.position = null;
        noPosition.series = "9.9";
        in.add(noPosition.header());
        List<StackCandidate> c = GROUPER.group(in);
        assertEquals(List.of("image 1=1", "image 2=1", "=1"), summary(c));
    }

    @Test
    void candidatesAreOrderedByStudySeriesNumberUidAndNaturalLabelOrder() {
        List<InstanceHeader> in = new ArrayList<>();
        for (int e : new int[] {10, 2, 1}) {
            in.add(TestSlice.at(0).series("5.5").echo(e).name("E" + e).header());
        }
        TestSlice s10 = TestSlice.at(0).series("4.4").name("S10");
        s10.seriesNumber = 10;
        in.add(s10.header());
        TestSlice s2 = TestSlice.at(0).series("6.6").name("S2");
        s2.seriesNumber = 2;
        in.add(s2.header());
        TestSlice otherStudy = TestSlice.at(0).series("5.5").name("O");
        otherStudy.study = "1.2.0";
        in.add(otherStudy.header());
        List<StackCandidate> c = GROUPER.group(in);
        assertEquals(List.of("1.2.0/5.5/", "1.2.3/5.5/echo 1", "1.2.3/5.5/echo 2", "1.2.3/5.5/echo 10",
                "1.2.3/6.6/", "1.2.3/4.4/"), c.stream().map(x -> x.studyInstanceUid() + "/"
                + x.seriesInstanceUid() + "/" + x.label()).collect(Collectors.toList()));
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        List<InstanceHeader> in = stack(24, i -> TestSlice.at(i % 6).echo(1 + (i / 6) % 2).temporal(1 + i / 12)
                .name(String.format("X%02d", i)));
        List<StackCandidate> expected = GROUPER.group(in);
        assertEquals(4, expected.size());
        List<InstanceHeader> shuffled = new ArrayList<>(in);
        Collections.shuffle(shuffled, new Random(42));
        assertEquals(expected, GROUPER.group(shuffled));
        assertEquals("echo 1, temporal position 1", expected.get(0).label());
    }

    @Test
    void emptyInputGivesNoCandidates() {
        assertEquals(List.of(), GROUPER.group(List.of()));
    }

    @Test
    void builderRefusesToleranceOutOfRangeNamingIt() {
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class,
                () -> SeriesGrouper.builder().orientationTolerance(-1e-3).build());
        assertTrue(o.getMessage().contains("orientationTolerance"), o.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> SeriesGrouper.builder().orientationTolerance(Double.NaN).build());
        assertTrue(nan.getMessage().contains("orientationTolerance"), nan.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> SeriesGrouper.builder().positionToleranceMm(2).build());
        assertTrue(p.getMessage().contains("positionToleranceMm"), p.getMessage());
        assertEquals(1e-3, SeriesGrouper.builder().orientationTolerance(1e-3).build().orientationTolerance());
    }

    @Test
    void naturalOrderComparesNumbersAsNumbers() {
        assertTrue(SeriesGrouper.compareNatural("echo 2", "echo 10") < 0);
        assertTrue(SeriesGrouper.compareNatural("", "echo 1") < 0);
        assertTrue(SeriesGrouper.compareNatural("phase 9", "phase 10") < 0);
        assertTrue(SeriesGrouper.compareNatural("echo 12", "echo 11") > 0);
        assertEquals(0, SeriesGrouper.compareNatural("a 1", "a 1"));
        assertTrue(SeriesGrouper.compareNatural("localizer", "localizer, orientation 2") < 0);
    }
}
