package org.medimg4j.dicom.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.dictionary.Tag;

/** The diffusion rule of {@link SeriesGrouper}, on hand-made diffusion-weighted MR images. */
class SeriesGrouperDiffusionTest {

    private static final SeriesGrouper GROUPER = SeriesGrouper.defaults();
    private static final double[] X = {1, 0, 0};
    private static final double[] Y = {0, 1, 0};
    private static final double[] Z = {0, 0, 1};

    /** @return "label=count" per candidate, in order */
    private static List<String> summary(List<StackCandidate> candidates) {
        return candidates.stream().map(c -> c.label() + "=" + c.instances().size()).collect(Collectors.toList());
    }

    /** An MR slice at one of 5 positions, 4 mm apart. */
    private static TestSlice mr(int position, String name) {
        TestSlice s = TestSlice.at(4.0 * position).name(name);
        s.modality = "MR";
        s.sopClass = "1.2.840.10008.5.1.4.1.1.4";
        s.imageType = "ORIGINAL\\PRIMARY\\DIFFUSION\\NONE";
        return s;
    }

    /**
     * A DWI series: b = 0, then b = 1000 along X, Y and Z, each at the same 5 positions; Instance Numbers in that
     * acquisition order, file names in another (Z first) so that direction numbers cannot come from paths.
     */
    private static List<InstanceHeader> dwi(boolean inSequence) {
        List<InstanceHeader> in = new ArrayList<>();
        double[][] directions = {null, X, Y, Z};
        String[] prefixes = {"d", "c", "b", "a"};
        for (int e = 0; e < 4; e++) {
            for (int p = 0; p < 5; p++) {
                TestSlice s = mr(p, prefixes[e] + p).instance(1 + 5 * e + p);
                if (e == 0) {
                    s.diffusion(0);
                } else {
                    s.diffusion(1000, directions[e]);
                }
                s.diffusionInSequence = inSequence;
                in.add(s.header());
            }
        }
        return in;
    }

    private static Set<Double> zPositions(StackCandidate c) {
        return c.instances().stream().map(h -> h.attributes().getDoubles(Tag.ImagePositionPatient)[2])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void dwiWithB0AndThreeDirectionsAtFivePositionsGivesFourCandidates() {
        List<StackCandidate> c = GROUPER.group(dwi(false));
        assertEquals(List.of("b=0=5", "b=1000, direction 1=5", "b=1000, direction 2=5", "b=1000, direction 3=5"),
                summary(c));
        for (StackCandidate candidate : c) {
            assertEquals(Set.of(0.0, 4.0, 8.0, 12.0, 16.0), zPositions(candidate),
                    candidate.label() + " holds each position once");
        }
        // Numbered in acquisition (Instance Number) order: direction 2 is Y although its files sort before X's.
        for (InstanceHeader h : c.get(2).instances()) {
            assertArrayEquals(Y, h.attributes().getDoubles(Tag.DiffusionGradientOrientation));
        }
        for (InstanceHeader h : c.get(0).instances()) {
            assertEquals(0.0, h.attributes().getDouble(Tag.DiffusionBValue, -1));
        }
    }

    @Test
    void diffusionAttributesInTheMrDiffusionSequenceSplitTheSameWay() {
        List<InstanceHeader> in = dwi(true);
        Attributes item = in.get(7).attributes().getSequence(Tag.MRDiffusionSequence).get(0);
        assertEquals(1000.0, item.getDouble(Tag.DiffusionBValue, -1), "fixture nests the b-value");
        assertFalse(in.get(7).attributes().contains(Tag.DiffusionBValue), "and not at the top level");
        List<StackCandidate> c = GROUPER.group(in);
        assertEquals(List.of("b=0=5", "b=1000, direction 1=5", "b=1000, direction 2=5", "b=1000, direction 3=5"),
                summary(c));
        assertArrayEquals(Z, c.get(3).instances().get(0).attributes().getSequence(Tag.MRDiffusionSequence).get(0)
                .getSequence(Tag.DiffusionGradientDirectionSequence).get(0)
                .getDoubles(Tag.DiffusionGradientOrientation));
    }

    @Test
    void seriesWhoseImagesShareOneBValueIsNotSplit() {
        List<InstanceHeader> oneDirection = new ArrayList<>();
        List<InstanceHeader> noDirection = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            oneDirection.add(mr(p, "s" + p).diffusion(1000, X).header());
            // Positions repeat, but with one encoding: duplicates for the stacker to report, not two volumes.
            noDirection.add(mr(p, "t" + p).diffusion(1000).header());
            noDirection.add(mr(p, "u" + p).diffusion(1000).header());
        }
        assertEquals(List.of("=5"), summary(GROUPER.group(oneDirection)));
        assertEquals(List.of("=10"), summary(GROUPER.group(noDirection)));
    }

    @Test
    void differentEncodingsAtDisjointPositionsAreNotSplit() {
        List<InstanceHeader> in = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            in.add(mr(p, "s" + p).diffusion(p < 3 ? 0 : 1000, p < 3 ? new double[0] : Y).header());
        }
        assertEquals(List.of("=6"), summary(GROUPER.group(in)));
    }

    @Test
    void oneDirectionPerBValueIsLabelledByBValueAlone() {
        List<InstanceHeader> in = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            in.add(mr(p, "b0-" + p).diffusion(0, 0, 0, 0).header());
            in.add(mr(p, "b500-" + p).diffusion(500, Z).header());
            // Single-precision noise in an FD b-value is not a new shell.
            in.add(mr(p, "b1000-" + p).diffusion(p == 1 ? 999.9999389648438 : 1000, X).header());
        }
        assertEquals(List.of("b=0=3", "b=500=3", "b=1000=3"), summary(GROUPER.group(in)));
    }

    @Test
    void traceImageKeepsTheBValueLabelBesideNumberedDirections() {
        List<InstanceHeader> in = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            in.add(mr(p, "x" + p).diffusion(1000, X).instance(1 + p).header());
            in.add(mr(p, "y" + p).diffusion(1000, Y).instance(4 + p).header());
            in.add(mr(p, "trace" + p).diffusion(1000).instance(7 + p).header());
        }
        assertEquals(List.of("b=1000=3", "b=1000, direction 1=3", "b=1000, direction 2=3"),
                summary(GROUPER.group(in)));
    }

    @Test
    void encodingNamesTheCandidateEvenWhenEachHasItsOwnAcquisitionNumber() {
        List<InstanceHeader> in = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            in.add(mr(p, "a" + p).diffusion(0).acquisition(1).header());
            in.add(mr(p, "b" + p).diffusion(800, X).acquisition(2).header());
            in.add(mr(p, "c" + p).diffusion(800, Y).acquisition(3).header());
        }
        // A second b = 0 at each position, acquisition 4: told apart from the first by the acquisition rule.
        for (int p = 0; p < 4; p++) {
            in.add(mr(p, "d" + p).diffusion(0).acquisition(4).header());
        }
        List<StackCandidate> c = GROUPER.group(in);
        assertEquals(List.of("b=0, acquisition 1=4", "b=0, acquisition 4=4", "b=800, direction 1=4",
                "b=800, direction 2=4"), summary(c));
    }

    @Test
    void diffusionSplitDoesNotDependOnInputOrder() {
        List<InstanceHeader> in = dwi(false);
        List<StackCandidate> expected = GROUPER.group(in);
        List<InstanceHeader> shuffled = new ArrayList<>(in);
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(expected, GROUPER.group(shuffled));
    }
}
