package org.medimg4j.dicom.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.lut.ModalityLut;
import org.medimg4j.dicom.lut.VoiLut;
import org.medimg4j.dicom.lut.VoiSettings;
import org.medimg4j.dicom.lut.VoiWindow;

/**
 * One projection X-ray image (CR, DX, MG, IO, PX, RF) as {@link ProjectionImageReader} reads it: a 2-D core
 * {@link Volume} whose larger values are always brighter, with its spacing, where the spacing came from, whether it
 * was inverted, its VOI and what went wrong. Immutable.
 *
 * <h2>Volume</h2>
 * Size [columns, rows, 1]; spacing [column spacing, row spacing, 1.0] mm ({@link ProjectionSpacing}); origin
 * (0, 0, 0) and identity direction. A projection has no patient geometry — each pixel sums the whole beam path, and
 * Image Position / Orientation (Patient) do not apply — so the grid is placed by convention, not in LPS space.
 * Values are the Modality LUT's output (stored values for the usual slope 1, intercept 0), inverted when
 * {@link #inverted()} over the Modality LUT's output range: {@code v' = outputMin + outputMax − v}, e.g.
 * {@code (2^BitsStored − 1) − v} for unsigned stored values without rescale. The range is the image of the whole
 * stored range (Bits Stored, signed or not) through the rescale, or 0 to 2^bits − 1 for a Modality LUT Sequence, so
 * values keep their range and units (a rescale to optical density stays one, read the other way). INT16 when every
 * possible output is an integer in int16, else FLOAT32 (a 16-bit unsigned image does not fit int16). Unit
 * {@link IntensityUnit#ARBITRARY}; metadata: modality, Series Instance UID and the attributes "spacingSource",
 * "photometricInterpretation", "inverted".
 *
 * <h2>VOI</h2>
 * {@link #voi()} is the file's VOI LUT module as stored, in the Modality LUT's units before any inversion;
 * {@link #windows()} and {@link #voiLut(double, double)} are the same windows for this volume's values (mirrored
 * when inverted, so that they show exactly what the file's window would, see {@link VoiWindow#mirrored(double)}).
 */
public final class ProjectionImage {

    private final String sourceName;
    private final String modality;
    private final Volume volume;
    private final ProjectionSpacing spacing;
    private final String photometric;
    private final String presentationLutShape;
    private final boolean inverted;
    private final double outputMin;
    private final double outputMax;
    private final ModalityLut modalityLut;
    private final VoiSettings voi;
    private final List<String> warnings;

    ProjectionImage(String sourceName, String modality, Volume volume, ProjectionSpacing spacing, String photometric,
                    String presentationLutShape, boolean inverted, double outputMin, double outputMax,
                    ModalityLut modalityLut, VoiSettings voi, List<String> warnings) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.modality = Objects.requireNonNull(modality, "modality");
        this.volume = Objects.requireNonNull(volume, "volume");
        this.spacing = Objects.requireNonNull(spacing, "spacing");
        this.photometric = Objects.requireNonNull(photometric, "photometric");
        this.presentationLutShape = Objects.requireNonNull(presentationLutShape, "presentationLutShape");
        this.inverted = inverted;
        this.outputMin = outputMin;
        this.outputMax = outputMax;
        this.modalityLut = Objects.requireNonNull(modalityLut, "modalityLut");
        this.voi = Objects.requireNonNull(voi, "voi");
        this.warnings = List.copyOf(warnings);
    }

    /** @return the file the image was read from, as used in messages */
    public String sourceName() {
        return sourceName;
    }

    /** @return Modality (0008,0060): CR, DX, MG, IO, PX or RF */
    public String modality() {
        return modality;
    }

    /** @return the image: [columns, rows, 1], larger is brighter (see the class comment) */
    public Volume volume() {
        return volume;
    }

    /** @return the spacing, its source and the calibration type */
    public ProjectionSpacing spacing() {
        return spacing;
    }

    /** @return where the spacing came from */
    public SpacingSource spacingSource() {
        return spacing.source();
    }

    /** @return the file's Photometric Interpretation, MONOCHROME1 or MONOCHROME2 */
    public String photometricInterpretation() {
        return photometric;
    }

    /** @return the file's Presentation LUT Shape (2050,0020), "" when absent */
    public String presentationLutShape() {
        return presentationLutShape;
    }

    /** @return whether the values were inverted (see {@link GrayscaleInversion}) */
    public boolean inverted() {
        return inverted;
    }

    /** @return the smallest value the Modality LUT can give, the lower end of the inversion range */
    public double outputMin() {
        return outputMin;
    }

    /** @return the largest value the Modality LUT can give, the upper end of the inversion range */
    public double outputMax() {
        return outputMax;
    }

    /** @return the Modality LUT applied to the stored values */
    public ModalityLut modalityLut() {
        return modalityLut;
    }

    /** @return the file's windows and VOI LUT tables as stored, in Modality LUT units before any inversion */
    public VoiSettings voi() {
        return voi;
    }

    /** @return what a user should know about this image (spacing assumed, contradictory attributes…) */
    public List<String> warnings() {
        return warnings;
    }

    /** @return the file's windows for this volume's values: mirrored over the output range when inverted */
    public List<VoiWindow> windows() {
        List<VoiWindow> out = new ArrayList<>(voi.windows().size());
        for (VoiWindow w : voi.windows()) {
            out.add(inverted ? w.mirrored(outputMin + outputMax) : w);
        }
        return List.copyOf(out);
    }

    /**
     * The file's default VOI (first window, else first VOI LUT table) for this volume's values.
     *
     * @param yMin output for the darkest values
     * @param yMax output for the brightest values
     * @return the LUT, mirrored when the volume was inverted; empty when the file has no VOI
     */
    public Optional<VoiLut> voiLut(double yMin, double yMax) {
        return voi.defaultLut(yMin, yMax).map(l -> inverted ? l.mirrored(outputMin + outputMax) : l);
    }

    /**
     * The image windowed onto [0, 1] (FLOAT32, unit NORMALIZED, same geometry and metadata): with the file's default
     * VOI ({@link #voiLut}); when the file has none, linearly from the image's minimum (0) to its maximum (1). To
     * use a preset instead, call {@link #windowedToUnit(WindowLevel)}.
     *
     * @return a new volume
     */
    public Volume windowedToUnit() {
        Optional<VoiLut> lut = voiLut(0, 1);
        if (lut.isPresent()) {
            return apply(lut.get());
        }
        float[] v = volume.toFloatArray();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        VoiLut.ofRange(lo, hi, 0, 1).applyInPlace(v);
        return normalized(v);
    }

    /**
     * The image windowed onto [0, 1] with a window given in this volume's units (as {@link #windows()} gives them;
     * for a CT-like preset, e.g. {@code VoiWindow.of(c, w, VoiFunction.LINEAR_EXACT)}).
     *
     * @param window the window
     * @return a new FLOAT32 volume, unit NORMALIZED
     */
    public Volume windowedToUnit(VoiWindow window) {
        return apply(VoiLut.of(window, 0, 1));
    }

    /**
     * The image windowed onto [0, 1] with a core window (e.g. a preset), read in this volume's units as LINEAR_EXACT:
     * centre − width/2 gives 0, centre + width/2 gives 1.
     *
     * @param window the core window
     * @return a new FLOAT32 volume, unit NORMALIZED
     */
    public Volume windowedToUnit(WindowLevel window) {
        return windowedToUnit(VoiWindow.fromWindowLevel(window));
    }

    private Volume apply(VoiLut lut) {
        float[] v = volume.toFloatArray();
        lut.applyInPlace(v);
        return normalized(v);
    }

    private Volume normalized(float[] v) {
        return Volume.builder(volume.geometry()).unit(IntensityUnit.NORMALIZED).metadata(volume.metadata())
                .floats(v).build();
    }

    @Override
    public String toString() {
        return "ProjectionImage[" + sourceName + ", " + modality + ", " + volume.geometry().nx() + "x"
                + volume.geometry().ny() + ", spacing " + spacing.columnMm() + " x " + spacing.rowMm() + " mm ("
                + spacing.source() + "), " + photometric + (inverted ? " inverted" : "") + ", "
                + volume.voxelType() + "]";
    }
}
