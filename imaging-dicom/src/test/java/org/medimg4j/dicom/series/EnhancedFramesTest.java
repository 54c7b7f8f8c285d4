package org.medimg4j.dicom.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Enhanced multi-frame CT: frames ordered by position whatever their storage order, per-frame groups overriding
 * shared ones, a Pixel Value Transformation per frame, In-Stack Position checked against positions.
 */
class EnhancedFramesTest {

    @TempDir
    Path dir;

    /** One frame as stored: position z, In-Stack Position Number, rescale, stored value, Stack ID. */
    private record Frame(double z, int inStack, String slope, String intercept, int value, String stackId) {
    }

    /**
     * Writes an Enhanced CT of 2 x 2 frames: shared Plane Orientation (axial) and Pixel Measures (0.5\0.7, unless
     * a frame overrides the orientation), per-frame Frame Content, Plane Position and Pixel Value Transformation.
     */
    private Path enhanced(String name, List<Frame> frames, double[] perFrameOrientationOfFirst) throws IOException {
        DicomBytes shared = DicomBytes.explicitLe()
                .raw(SliceFiles.sequenceOf(Tag.PlaneOrientationSequence, DicomBytes.explicitLe()
                        .text(Tag.ImageOrientationPatient, VR.DS, "1\\0\\0\\0\\1\\0")).bytes())
                .raw(SliceFiles.sequenceOf(Tag.PixelMeasuresSequence, DicomBytes.explicitLe()
                        .text(Tag.SliceThickness, VR.DS, "2").text(Tag.PixelSpacing, VR.DS, "0.5\\0.7")).bytes());
        DicomBytes perFrame = DicomBytes.explicitLe();
        short[] pixels = new short[frames.size() * 4];
        for (int f = 0; f < frames.size(); f++) {
            Frame fr = frames.get(f);
            DicomBytes content = DicomBytes.explicitLe();
            if (fr.stackId() != null) {
                content.text(Tag.StackID, VR.SH, fr.stackId());
            }
            content.ints32(Tag.InStackPositionNumber, VR.UL, fr.inStack());
            DicomBytes item = DicomBytes.explicitLe()
                    .raw(SliceFiles.sequenceOf(Tag.FrameContentSequence, content).bytes())
                    .raw(SliceFiles.sequenceOf(Tag.PlanePositionSequence, DicomBytes.explicitLe()
                            .text(Tag.ImagePositionPatient, VR.DS, SliceFiles.ds(-5, -6, fr.z()))).bytes());
            if (f == 0 && perFrameOrientationOfFirst != null) {
                item.raw(SliceFiles.sequenceOf(Tag.PlaneOrientationSequence, DicomBytes.explicitLe()
                        .text(Tag.ImageOrientationPatient, VR.DS, SliceFiles.ds(perFrameOrientationOfFirst)))
                        .bytes());
            }
            item.raw(SliceFiles.sequenceOf(Tag.PixelValueTransformationSequence, DicomBytes.explicitLe()
                    .text(Tag.RescaleIntercept, VR.DS, fr.intercept()).text(Tag.RescaleSlope, VR.DS, fr.slope())
                    .text(Tag.RescaleType, VR.LO, "HU")).bytes());
            perFrame.item(item);
            java.util.Arrays.fill(pixels, 4 * f, 4 * f + 4, (short) fr.value());
        }
        DicomBytes b = DicomBytes.explicitLe()
                .text(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2.1")
                .text(Tag.Modality, VR.CS, "CT")
                .text(Tag.StudyInstanceUID, VR.UI, SliceFiles.STUDY)
                .text(Tag.SeriesInstanceUID, VR.UI, SliceFiles.SERIES);
        SliceFiles.pixelModule(b, 2, 2, true, frames.size());
        SliceFiles.bits(b, true);
        b.sequence(Tag.SharedFunctionalGroupsSequence, VR.SQ, DicomBytes.explicitLe().item(shared))
                .sequence(Tag.PerFrameFunctionalGroupsSequence, VR.SQ, perFrame)
                .element(Tag.PixelData, VR.OW, SliceFiles.ow(pixels));
        Path p = dir.resolve(name);
        Files.write(p, b.part10(DicomBytes.EXPLICIT_LE));
        return p;
    }

    private static SeriesLoader loader(StackPolicy policy) {
        return new SeriesLoader(SeriesLoadOptions.builder().policy(policy).threads(3).build());
    }

    /** Spatial order z = 0, 2, 4, 6 stored as frames 3, 1, 4, 2; slopes alternate 1 and 2. */
    private static List<Frame> shuffled() {
        return List.of(
                new Frame(2, 2, "2", "-2048", 1100, null),
                new Frame(6, 4, "2", "-2048", 1300, null),
                new Frame(0, 1, "1", "-1024", 1000, null),
                new Frame(4, 3, "1", "-1024", 1200, null));
    }

    @Test
    void framesAreOrderedByPositionWithTheirOwnRescale() throws IOException {
        StackCandidate c = SliceFiles.candidate(enhanced("e.dcm", shuffled(), null));
        SliceStack stack = loader(StackPolicy.STRICT).stack(c);
        assertEquals(List.of(2, 0, 3, 1), stack.slices().stream().map(PlanarSlice::frame).toList());
        LoadedSeries s = loader(StackPolicy.STRICT).load(c);
        Volume v = s.volume();
        assertEquals(1, s.files());
        assertEquals(VoxelType.INT16, v.voxelType());
        assertArrayEquals(new int[] {2, 2, 4}, v.geometry().size());
        assertArrayEquals(new double[] {0.7, 0.5, 2}, v.geometry().spacing(), 1e-12);
        assertEquals(-24, v.get(0, 0, 0));
        assertEquals(2 * 1100 - 2048, v.get(1, 1, 1));
        assertEquals(176, v.get(2, 0, 1));
        assertEquals(2 * 1300 - 2048, v.get(3, 1, 0));
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    }

    @Test
    void perFrameOrientationOverridesTheSharedOne() throws IOException {
        // the first stored frame says coronal: one frame of another plane, an error whatever the policy
        StackCandidate c = SliceFiles.candidate(enhanced("e.dcm", shuffled(), new double[] {1, 0, 0, 0, 0, -1}));
        SeriesException e = assertThrows(SeriesException.class, () -> loader(StackPolicy.LENIENT).load(c));
        assertEquals(SeriesException.Reason.MIXED_ORIENTATION, e.reason());
        assertTrue(e.getMessage().contains("e.dcm frame 1"), e.getMessage());
    }

    @Test
    void inStackPositionContradictingPositionsIsRefusedStrictlyAndWarnedLeniently() throws IOException {
        List<Frame> frames = List.of(
                new Frame(0, 1, "1", "-1024", 1000, null),
                new Frame(2, 3, "1", "-1024", 1000, null),
                new Frame(4, 2, "1", "-1024", 1000, null));
        StackCandidate c = SliceFiles.candidate(enhanced("e.dcm", frames, null));
        SeriesException e = assertThrows(SeriesException.class, () -> loader(StackPolicy.STRICT).load(c));
        assertEquals(SeriesException.Reason.INCONSISTENT_DIMENSION_INDEX, e.reason());
        assertTrue(e.getMessage().contains("In-Stack Position Numbers ... 3, 2 ..."), e.getMessage());
        LoadedSeries s = loader(StackPolicy.LENIENT).load(c);
        assertEquals(List.of("inconsistent-dimension-index"), s.warnings().stream().map(StackWarning::code).toList());
    }

    @Test
    void framesOfSeveralStacksAreRefused() throws IOException {
        List<Frame> frames = List.of(
                new Frame(0, 1, "1", "-1024", 1000, "1"),
                new Frame(2, 1, "1", "-1024", 1000, "2"));
        StackCandidate c = SliceFiles.candidate(enhanced("e.dcm", frames, null));
        SeriesException e = assertThrows(SeriesException.class, () -> loader(StackPolicy.LENIENT).load(c));
        assertEquals(SeriesException.Reason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().contains("(0020,9056) StackID [1, 2]"), e.getMessage());
    }

    @Test
    void corpusEnhancedCtFramesFollowTheExpectedSpatialOrder() throws IOException {
        Path case_ = Corpus.root().resolve("series/enhanced_ct_multiframe");
        JsonNode expected = new ObjectMapper().readTree(case_.resolve("expected.json").toFile());
        SliceStack stack = loader(StackPolicy.STRICT).stack(SliceFiles.candidate(case_.resolve("enhanced_ct.dcm")));
        List<Integer> want = new java.util.ArrayList<>();
        expected.get("stacks").get(0).get("frameOrderSpatial").forEach(n -> want.add(n.asInt()));
        assertEquals(want, stack.slices().stream().map(s -> s.frame() + 1).toList());
    }
}
