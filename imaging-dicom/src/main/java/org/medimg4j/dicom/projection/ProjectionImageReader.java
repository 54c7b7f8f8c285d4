package org.medimg4j.dicom.projection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.lut.LookupTable;
import org.medimg4j.dicom.lut.ModalityLut;
import org.medimg4j.dicom.lut.VoiSettings;
import org.medimg4j.dicom.pixel.DicomImage;
import org.medimg4j.dicom.pixel.ImagePixelModule;

/**
 * Reads a single-frame projection X-ray file (Modality CR, DX, MG, IO, PX or RF) into a {@link ProjectionImage}:
 * decode, Modality LUT ({@link ModalityLut#read}), inversion to "larger is brighter" ({@link GrayscaleInversion}),
 * spacing ({@link ProjectionSpacing}), VOI ({@link VoiSettings}). Immutable and thread-safe; one instance can read
 * many files in parallel.
 *
 * <p>Refused with a {@link DicomException} naming the file (and tag): another modality or none; more than one frame;
 * more than one sample per pixel (RGB, YBR); a photometric interpretation other than MONOCHROME1/2; no Pixel Data;
 * malformed spacing, rescale, window or LUT attributes. A Presentation LUT Sequence (2050,0010) is not applied
 * (values stay in Modality LUT units) and is reported as a warning.
 *
 * <pre>{@code
 * ProjectionImage dx = ProjectionImageReader.standard().read(Path.of("chest.dcm"));
 * Volume forNetwork = dx.windowedToUnit();          // the file's window onto [0, 1]
 * double[] mm = dx.volume().geometry().spacing();   // [column, row, 1.0]
 * }</pre>
 */
public final class ProjectionImageReader {

    /** The Modality (0008,0060) values read as projection X-ray. */
    public static final Set<String> MODALITIES = Set.of("CR", "DX", "MG", "IO", "PX", "RF");

    private static final ProjectionImageReader STANDARD = new ProjectionImageReader(
            GrayscaleInversion.Policy.HONOUR_SHAPE);

    private final GrayscaleInversion.Policy policy;

    private ProjectionImageReader(GrayscaleInversion.Policy policy) {
        this.policy = policy;
    }

    /** @return a reader that honours Presentation LUT Shape ({@link GrayscaleInversion.Policy#HONOUR_SHAPE}) */
    public static ProjectionImageReader standard() {
        return STANDARD;
    }

    /**
     * @param inversionPolicy what decides the inversion
     * @return a reader with that policy
     */
    public ProjectionImageReader withInversionPolicy(GrayscaleInversion.Policy inversionPolicy) {
        return new ProjectionImageReader(Objects.requireNonNull(inversionPolicy, "inversionPolicy"));
    }

    /** @return the inversion policy */
    public GrayscaleInversion.Policy inversionPolicy() {
        return policy;
    }

    /**
     * @param file a DICOM file
     * @return the image
     * @throws DicomException naming the file when it is not a readable single-frame grayscale projection image
     * @throws IOException    when reading fails
     */
    public ProjectionImage read(Path file) throws IOException {
        try (DicomFile dicom = DicomFile.read(file)) {
            return read(dicom);
        }
    }

    /**
     * @param file a file read in full (not metadata-only), still open
     * @return the image
     * @throws DicomException naming the file when it is not a readable single-frame grayscale projection image
     * @throws IOException    when reading fails
     */
    public ProjectionImage read(DicomFile file) throws IOException {
        Attributes ds = file.dataSet();
        String name = file.sourceName();
        String modality = ds.getString(Tag.Modality, "").trim().toUpperCase(Locale.ROOT);
        if (!MODALITIES.contains(modality)) {
            throw new DicomException(name + ": (0008,0060) Modality " + (modality.isEmpty() ? "is absent"
                    : "\"" + modality + "\" is not") + " a projection X-ray modality (one of CR, DX, MG, IO, PX, RF)");
        }
        DicomImage image = DicomImage.of(file);
        ImagePixelModule pixel = image.pixelModule();
        checkSingleGrayscaleFrame(name, pixel);
        List<String> warnings = new ArrayList<>();

        FrameInfo info = image.frameInfo();
        boolean signed = info.signed();
        SampleBuffer stored = image.decodeFrame(0);
        ModalityLut lut = ModalityLut.read(ds, signed);
        long[] storedRange = storedRange(info);
        double[] range = outputRange(lut, storedRange);

        String shape = ds.getString(Tag.PresentationLUTShape, "").trim();
        GrayscaleInversion inversion = GrayscaleInversion.decide(pixel.photometric(), shape, policy);
        inversion.warning().ifPresent(warnings::add);
        if (ds.contains(Tag.PresentationLUTSequence)) {
            warnings.add("(2050,0010) PresentationLUTSequence not applied: values stay in Modality LUT units");
        }

        ProjectionSpacing spacing = ProjectionSpacing.read(ds);
        warnings.addAll(spacing.warnings());
        VoiSettings voi = VoiSettings.read(ds, range[0] < 0);

        Geometry geometry = Geometry.builder().size(pixel.columns(), pixel.rows(), 1)
                .spacing(spacing.columnMm(), spacing.rowMm(), 1.0).build();
        String series = ds.getUid(Tag.SeriesInstanceUID).orElse("");
        VolumeMetadata metadata = new VolumeMetadata(modality, series, java.util.Map.of(
                "spacingSource", spacing.source().description(),
                "photometricInterpretation", pixel.photometric(),
                "inverted", Boolean.toString(inversion.invert())));
        Volume.Builder volume = Volume.builder(geometry).unit(IntensityUnit.ARBITRARY).metadata(metadata);
        int n = pixel.rows() * pixel.columns();
        boolean unsigned = !signed;
        if (lut.isInt16Exact((int) storedRange[0], (int) Math.min(storedRange[1], Integer.MAX_VALUE))
                && storedRange[1] <= Integer.MAX_VALUE) {
            short[] out = new short[n];
            lut.applyInt16(stored, unsigned, n, out, 0);
            if (inversion.invert()) {
                invert(out, (int) (range[0] + range[1]));
            }
            volume.shorts(out);
        } else {
            float[] out = new float[n];
            lut.apply(stored, unsigned, n, out, 0);
            if (inversion.invert()) {
                invert(out, range[0] + range[1]);
            }
            volume.floats(out);
        }
        return new ProjectionImage(name, modality, volume.build(), spacing, pixel.photometric(), shape,
                inversion.invert(), range[0], range[1], lut, voi, warnings);
    }

    private static void checkSingleGrayscaleFrame(String name, ImagePixelModule pixel) throws DicomException {
        if (pixel.numberOfFrames() != 1) {
            throw new DicomException(name + ": (0028,0008) NumberOfFrames is " + pixel.numberOfFrames()
                    + ": a projection image is read from a single frame");
        }
        if (pixel.samplesPerPixel() != 1) {
            throw new DicomException(name + ": (0028,0002) SamplesPerPixel is " + pixel.samplesPerPixel() + " ("
                    + pixel.photometric() + "): a projection X-ray image must be grayscale, one sample per pixel");
        }
        String pi = pixel.photometric();
        if (!pi.equals("MONOCHROME1") && !pi.equals("MONOCHROME2")) {
            throw new DicomException(name + ": (0028,0004) PhotometricInterpretation is " + pi
                    + ", expected MONOCHROME1 or MONOCHROME2");
        }
    }

    /** @return the smallest and largest stored value Bits Stored and Pixel Representation allow */
    private static long[] storedRange(FrameInfo info) {
        int bits = info.bitsStored();
        if (info.signed()) {
            return new long[] {-(1L << (bits - 1)), (1L << (bits - 1)) - 1};
        }
        return new long[] {0, (1L << bits) - 1};
    }

    /**
     * The Modality LUT's output range, over which an inversion maps the values onto themselves: the image of the
     * stored range through the rescale, or 0 to 2^bits − 1 for a table (PS3.3 C.11.1.1: LUT entries are unsigned
     * values of the descriptor's bit depth).
     */
    private static double[] outputRange(ModalityLut lut, long[] stored) {
        if (lut.table().isPresent()) {
            LookupTable t = lut.table().get();
            return new double[] {0, t.maxOutput()};
        }
        double a = stored[0] * lut.slope() + lut.intercept();
        double b = stored[1] * lut.slope() + lut.intercept();
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    private static void invert(short[] v, int sum) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) (sum - v[i]);
        }
    }

    private static void invert(float[] v, double sum) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (sum - v[i]);
        }
    }

    @Override
    public String toString() {
        return "ProjectionImageReader[" + policy + "]";
    }
}
