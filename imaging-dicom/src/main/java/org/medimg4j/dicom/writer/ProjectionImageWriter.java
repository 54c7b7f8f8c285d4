package org.medimg4j.dicom.writer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Writes a 2-D {@link Volume} (nz = 1) as one projection X-ray image: Digital X-Ray Image Storage – For
 * Presentation (DX, PS3.3 A.26) or Computed Radiography Image Storage (CR, A.2), explicit VR little endian, native
 * unsigned 16-bit pixels, MONOCHROME2 (larger values brighter) with Presentation LUT Shape {@code IDENTITY}.
 *
 * <h2>Spacing and orientation</h2>
 * Imager Pixel Spacing (0018,1164) is row spacing \ column spacing = spacing[1] \ spacing[0], taken as measured at
 * the detector: the volume's spacing is written unchanged, with no magnification correction. Patient Orientation
 * (0020,0020) is derived from the i (row) and j (column) axes: letters L/R, P/A, H/F, most significant first, two
 * at most (PS3.3 C.7.6.1.1.1). The origin is not written: projection images have no Image Position.
 *
 * <h2>Values</h2>
 * Integer values within [0, 65535] are stored as they are, with Bits Stored as wide as the largest value needs (12
 * at least); other values are mapped linearly onto [0, 65535] (Bits Stored 16, error at most slope/2, see
 * {@link PixelRescale#uint16}). CR records that mapping as Rescale Slope/Intercept (the Modality LUT module); the DX
 * Image module requires slope 1 and intercept 0 (PS3.3 C.8.11.3.1), so DX stores the mapped values and the mapping
 * is only reported in the returned {@link WrittenSeries}. The window (VOI LUT, required for a For Presentation
 * image) is the options', else the stored values' full range.
 *
 * <h2>DX defaults</h2>
 * Presentation Intent Type FOR PRESENTATION; Image Type DERIVED\PRIMARY; Pixel Intensity Relationship LIN, sign
 * +1; Burned In Annotation NO; Lossy Image Compression 00; an empty Acquisition Context Sequence; the anatomy, image
 * laterality, view position and detector type of {@link ProjectionAcquisition}. With a view position, the DX
 * Positioning module: View Position, an empty Positioner Type (unknown) and, for AP, PA, LL and RL, the View Code
 * Sequence (CID 4010).
 *
 * <p>The file is named {@code <prefix>00001.dcm} in the output directory, which is created when missing; it is
 * written to a temporary file and renamed. Immutable and thread-safe.
 */
public final class ProjectionImageWriter {

    /** Digital X-Ray Image Storage – For Presentation. */
    public static final String DX_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.1.1";

    /** Computed Radiography Image Storage. */
    public static final String CR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.1";

    private final boolean dx;
    private final SeriesOptions options;
    private final ProjectionAcquisition acquisition;

    private ProjectionImageWriter(boolean dx, SeriesOptions options, ProjectionAcquisition acquisition) {
        this.dx = dx;
        this.options = Objects.requireNonNull(options, "options");
        this.acquisition = Objects.requireNonNull(acquisition, "acquisition");
    }

    /**
     * @param options     patient, study and series attributes
     * @param acquisition laterality, anatomy, view and detector
     * @return a writer of DX (For Presentation) images
     */
    public static ProjectionImageWriter dx(SeriesOptions options, ProjectionAcquisition acquisition) {
        return new ProjectionImageWriter(true, options, acquisition);
    }

    /**
     * @param options     patient, study and series attributes
     * @param acquisition view position (CR Series) and image laterality; anatomy and detector are not part of CR
     * @return a writer of CR images
     */
    public static ProjectionImageWriter cr(SeriesOptions options, ProjectionAcquisition acquisition) {
        return new ProjectionImageWriter(false, options, acquisition);
    }

    /** @return "DX" or "CR" */
    public String modality() {
        return dx ? "DX" : "CR";
    }

    /**
     * @param image     a 2-D, single-channel volume (nz = 1) without NaN or infinite values
     * @param directory the output directory, created when missing
     * @return the one file written, its UIDs and the value mapping
     * @throws IllegalArgumentException naming "image" when it is not 2-D or has NaN or infinite values
     * @throws DicomWriteException      naming the directory or file when it cannot be written
     */
    public WrittenSeries write(Volume image, Path directory) throws DicomWriteException {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(directory, "directory");
        Geometry g = image.geometry();
        if (g.nz() != 1) {
            throw new IllegalArgumentException("image must be 2-D (nz = 1) to be written as " + modality() + ", got "
                    + g.nx() + "x" + g.ny() + "x" + g.nz() + "; write a 3-D volume with VolumeSeriesWriter");
        }
        double[] range;
        try {
            range = PixelRescale.range(image);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^volume", "image"), e);
        }
        PixelRescale rescale = PixelRescale.uint16(range[0], range[1], range[2] != 0);
        float[] values = new float[g.nx() * g.ny()];
        image.readSlice(0, 0, values);
        short[] stored = new short[values.length];
        rescale.quantise(values, stored, stored.length);

        CommonModules.Identity id = CommonModules.Identity.of(options);
        String sopUid = options.uids().next();
        DataSetBuilder b = DataSet.builder();
        CommonModules.patientStudySeriesEquipment(b, options, id, modality(), false, true);
        CommonModules.sopCommon(b, dx ? DX_IMAGE_STORAGE : CR_IMAGE_STORAGE, sopUid);
        b.string(Tag.ImageType, CommonModules.imageType(options, "DERIVED", "PRIMARY"));
        b.ints(Tag.InstanceNumber, 1);
        b.string(Tag.PatientOrientation, patientOrientation(g.axis(0)), patientOrientation(g.axis(1)));
        // General Image (C.7.6.1) for CR, DX Anatomy Imaged (Type 1) for DX; it stands in for the series' Laterality
        b.string(Tag.ImageLaterality, acquisition.imageLaterality());
        b.string(Tag.BurnedInAnnotation, "NO");
        b.string(Tag.LossyImageCompression, "00");
        b.doubles(Tag.ImagerPixelSpacing, g.spacing(1), g.spacing(0));
        CommonModules.imagePixel(b, g.ny(), g.nx(), rescale.bitsStored(), false, stored);
        b.string(Tag.PresentationLUTShape, "IDENTITY");
        if (dx) {
            dxModules(b);
        } else {
            crModules(b, rescale);
        }
        // VOI LUT (C.11.2) applies after the Modality LUT: to the values for CR, to the stored values for DX, whose
        // Modality LUT is the identity even when values were mapped; a window in value units is converted then.
        DisplayWindow window;
        if (!dx || rescale.isIdentity()) {
            window = CommonModules.window(options, range[0], range[1]);
        } else if (options.window().isPresent()) {
            window = options.window().get().inStoredValues(rescale);
        } else {
            short[] ends = new short[2];
            rescale.quantise(new float[] {(float) range[0], (float) range[1]}, ends, 2);
            window = DisplayWindow.spanning(ends[0] & 0xFFFF, ends[1] & 0xFFFF);
        }
        window.addTo(b);

        OutputDirectory out = OutputDirectory.prepare(directory);
        try {
            out.write(String.format(Locale.ROOT, "%s%05d.dcm", options.fileNamePrefix(), 1), b.build());
        } catch (DicomWriteException | RuntimeException | Error e) {
            out.rollBack(e);
            throw e;
        }
        return new WrittenSeries(out.written(), id.study(), id.series(), "", List.of(sopUid), rescale.slope(),
                rescale.intercept(), rescale.maxError());
    }

    /** DX Series (C.8.11.1), DX Anatomy Imaged (C.8.11.2), DX Image (C.8.11.3), DX Detector (C.8.11.4), ... */
    private void dxModules(DataSetBuilder b) {
        b.string(Tag.PresentationIntentType, "FOR PRESENTATION");
        b.sequence(Tag.AnatomicRegionSequence, acquisition.anatomicRegion().toItem());
        b.string(Tag.PixelIntensityRelationship, acquisition.pixelIntensityRelationship());
        b.ints(Tag.PixelIntensityRelationshipSign, 1);
        // PS3.3 C.8.11.3.1.2: DX stored values are presentation values; the Modality LUT is the identity.
        b.doubles(Tag.RescaleIntercept, 0);
        b.doubles(Tag.RescaleSlope, 1);
        b.string(Tag.RescaleType, "US");
        b.string(Tag.DetectorType, acquisition.detectorType().isEmpty() ? new String[0]
                : new String[] {acquisition.detectorType()});
        if (!acquisition.viewPosition().isEmpty()) {
            // DX Positioning (C.8.11.5): present once View Position is, with its Type 2 attributes
            b.string(Tag.ViewPosition, acquisition.viewPosition());
            b.empty(Tag.PositionerType);
            acquisition.viewCode().ifPresent(code -> b.sequence(Tag.ViewCodeSequence,
                    code.toItem().toBuilder().sequence(Tag.ViewModifierCodeSequence).build()));
        }
        b.sequence(Tag.AcquisitionContextSequence);                    // Acquisition Context (C.7.6.14), Type 2
    }

    /** CR Series (C.8.1.1), CR Image (C.8.1.2) and the Modality LUT (C.11.1) when values were mapped. */
    private void crModules(DataSetBuilder b, PixelRescale rescale) {
        b.string(Tag.ViewPosition, acquisition.viewPosition().isEmpty() ? new String[0]
                : new String[] {acquisition.viewPosition()});
        if (options.bodyPartExamined().isEmpty()) {
            b.empty(Tag.BodyPartExamined);                             // Type 2 in CR Series
        }
        if (!rescale.isIdentity()) {
            b.doubles(Tag.RescaleIntercept, rescale.intercept());
            b.doubles(Tag.RescaleSlope, rescale.slope());
            b.string(Tag.RescaleType, "US");
        }
    }

    /**
     * @param axis a unit vector in LPS
     * @return its Patient Orientation letters (L/R, P/A, H/F), most significant first, components below 1e-3
     *         ignored, at most two letters (oblique axes)
     */
    static String patientOrientation(Point3 axis) {
        double[] c = {axis.x(), axis.y(), axis.z()};
        String[][] letters = {{"L", "R"}, {"P", "A"}, {"H", "F"}};
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (p, q) -> Double.compare(Math.abs(c[q]), Math.abs(c[p])));
        StringBuilder s = new StringBuilder(3);
        for (int n = 0; n < 2; n++) {
            int a = order[n];
            if (Math.abs(c[a]) > 1e-3) {
                s.append(letters[a][c[a] > 0 ? 0 : 1]);
            }
        }
        return s.toString();
    }
}
