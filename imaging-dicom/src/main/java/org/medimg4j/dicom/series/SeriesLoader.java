package org.medimg4j.dicom.series;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;
import org.medimg4j.dicom.projection.ProjectionImage;
import org.medimg4j.dicom.projection.ProjectionImageReader;

/**
 * Loads a stack candidate (from scanning and grouping) as a {@link Volume}: reads its slices from the headers
 * (single-frame files, or the frames of an enhanced multi-frame CT/MR), stacks them by position with
 * {@link SliceStacker} under the options' {@link StackPolicy}, then decodes every slice in parallel straight into
 * the volume's array and applies each slice's own Modality LUT. Immutable and thread-safe; one loader can load
 * many series.
 *
 * <p>A candidate that is one projection X-ray image ({@link StackCandidate#isProjectionImage()}) is read by
 * {@link ProjectionImageReader#standard()} instead: a 2-D image (nz = 1) with its spacing at the detector or
 * patient, MONOCHROME1 inverted so that larger means brighter, origin 0 and identity direction (a projection has no
 * patient geometry); the reader's notes become {@link StackWarning.Kind#PROJECTION_IMAGE} warnings.
 *
 * <p>Units: Hounsfield units for CT whose Rescale Type (or Modality LUT Type) is HU or absent on every slice
 * (PS3.3 C.8.2.1.1.8: CT rescale output is HU); ARBITRARY otherwise (MR signal, other rescale types). Voxel type:
 * INT16 when every slice's values map to integers that fit, else FLOAT32 (see {@link VoxelAssembler}).
 *
 * <pre>{@code
 * SeriesLoader loader = new SeriesLoader(SeriesLoadOptions.builder().policy(StackPolicy.STRICT).build());
 * LoadedSeries ct = loader.load(candidate);
 * ct.volume().geometry();   // LPS mm
 * ct.warnings();            // e.g. gantry-tilt: ...
 * }</pre>
 */
public final class SeriesLoader {

    private final SeriesLoadOptions options;

    /** @param options how to load */
    public SeriesLoader(SeriesLoadOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** @return a loader with {@link SeriesLoadOptions#defaults()} */
    public static SeriesLoader withDefaults() {
        return new SeriesLoader(SeriesLoadOptions.defaults());
    }

    /** @return the options */
    public SeriesLoadOptions options() {
        return options;
    }

    /**
     * Stacks a candidate from its headers, without decoding pixels (except to compare slices found at one
     * position): for the geometry and the warnings alone, or to choose which series to load. Not for a
     * projection image ({@link StackCandidate#isProjectionImage()}), which has no stack: {@link #load} it.
     *
     * @param candidate the candidate
     * @return its stack
     * @throws SeriesException naming the series when a slice lacks its geometry or a stacking rule is broken that
     *                         the policy (or every policy) refuses
     * @throws IOException     when a duplicate cannot be read
     */
    public SliceStack stack(StackCandidate candidate) throws IOException {
        Objects.requireNonNull(candidate, "candidate");
        if (candidate.isProjectionImage()) {
            throw new IllegalArgumentException(candidate.describe() + " is a projection image (" + candidate.modality()
                    + "), which has no slices to stack: load it");
        }
        List<PlanarSlice> slices = SliceReader.read(candidate);
        return new SliceStacker(options.policy(), options.gapFill()).stack(candidate, slices,
                new StoredPixelEquality());
    }

    /**
     * Loads a candidate.
     *
     * @param candidate the candidate
     * @return the volume, the warnings, the number of files
     * @throws SeriesException naming the series and what is wrong: missing geometry, a broken stacking rule (see
     *                         {@link SliceStacker}), colour pixels, a volume over the memory budget
     * @throws IOException     when a file cannot be read or decoded (a DicomException naming the file and frame)
     */
    public LoadedSeries load(StackCandidate candidate) throws IOException {
        Objects.requireNonNull(candidate, "candidate");
        if (candidate.isProjectionImage()) {
            ProjectionImage image = ProjectionImageReader.standard().read(candidate.instances().get(0).path());
            List<StackWarning> notes = new ArrayList<>();
            for (String w : image.warnings()) {
                notes.add(new StackWarning(StackWarning.Kind.PROJECTION_IMAGE, w));
            }
            Volume v = image.volume();
            return new LoadedSeries(v.withMetadata(metadata(candidate).withAttribute("spacingSource",
                    image.spacingSource().description())), notes, 1, candidate);
        }
        return load(stack(candidate));
    }

    /**
     * Loads a stack made by {@link #stack(StackCandidate)} (with this loader's options, or others).
     *
     * @param stack the stack
     * @return the volume, the warnings, the number of files
     * @throws SeriesException naming the series: colour pixels, a volume over the memory budget, a file changed
     *                         since it was stacked
     * @throws IOException     when a file cannot be read or decoded
     */
    public LoadedSeries load(SliceStack stack) throws IOException {
        Objects.requireNonNull(stack, "stack");
        StackCandidate c = stack.candidate();
        Volume volume = VoxelAssembler.assemble(stack, options, unit(stack), metadata(c));
        return new LoadedSeries(volume, stack.warnings(), stack.files(), c);
    }

    /** HU for CT whose every slice's rescale type is HU or absent; ARBITRARY otherwise. */
    static IntensityUnit unit(SliceStack stack) {
        if (!"CT".equals(stack.candidate().modality().toUpperCase(Locale.ROOT))) {
            return IntensityUnit.ARBITRARY;
        }
        for (PlanarSlice s : stack.slices()) {
            String type = s.lut().type().trim();
            if (!type.isEmpty() && !type.equalsIgnoreCase("HU")) {
                return IntensityUnit.ARBITRARY;
            }
        }
        return IntensityUnit.HU;
    }

    private static VolumeMetadata metadata(StackCandidate c) {
        Map<String, String> attributes = new HashMap<>();
        if (!c.studyInstanceUid().isEmpty()) {
            attributes.put("studyInstanceUid", c.studyInstanceUid());
        }
        if (!c.label().isEmpty()) {
            attributes.put("stackLabel", c.label());
        }
        return new VolumeMetadata(c.modality(), c.seriesInstanceUid(), attributes);
    }

    @Override
    public String toString() {
        return "SeriesLoader[" + options + "]";
    }
}
