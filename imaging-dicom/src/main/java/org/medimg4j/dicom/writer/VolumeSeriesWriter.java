package org.medimg4j.dicom.writer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Writes a {@link Volume} as a CT or MR series: one CT Image (PS3.3 A.3) or MR Image (A.4) file per slice, in
 * explicit VR little endian with native 16-bit signed pixels.
 *
 * <h2>Geometry (PS3.3 C.7.6.2.1.1), LPS mm</h2>
 * File k (Instance Number k+1) holds slice k. Image Position (Patient) is the centre of voxel (0, 0, k) — so
 * oblique grids and sheared (gantry-tilted, {@link Geometry#isOrthonormal()} false) grids keep every voxel in
 * place; Image Orientation (Patient) is the i axis (along a row) then the j axis (down a column); Pixel Spacing is
 * row spacing \ column spacing = spacing[1] \ spacing[0]. Slice Thickness and Spacing Between Slices are the
 * distance between adjacent image planes: spacing[2] for an orthonormal grid, spacing[2]·|k·n| for a sheared one
 * (n the plane normal). Slice Location is the position's projection on n, i × j. For a sheared CT grid, Gantry/
 * Detector Tilt is the angle between k and n, positive when k leans towards −j, as dcm2niix estimates it from the
 * positions of an axial stack (a nominal value: PS3.3 says it is not for computation; readers take positions). Every value is a Decimal String of at most 16 characters (see
 * {@link DecimalString}): positions keep 1e-10 mm and direction cosines 1e-13 within ±1000 mm.
 *
 * <h2>Values</h2>
 * Values become int16 stored values through {@link PixelRescale}: integers within int16 (HU) are stored as they
 * are with slope 1 and intercept 0; other volumes get a Rescale Slope and Intercept with error at most slope/2.
 * CT writes Rescale Type {@code HU} when the volume's unit is HU, else {@code US} (unspecified). MR writes Rescale
 * Slope/Intercept only when they are not 1 and 0 (the MR Image IOD has no Modality LUT module; readers commonly
 * honour them, and without them values would change). A window (VOI LUT) is written: the options', else the data's
 * full range. NaN or infinite voxels, and volumes with more than one channel, are refused.
 *
 * <h2>Files</h2>
 * The directory is created when missing. Files are named {@code <prefix><5-digit instance number>.dcm}, written
 * each to a temporary file and renamed ({@link Part10Writer#write}); a file of the same name is replaced. When a
 * file fails, the files this call already wrote are deleted: a failed write leaves no partial series.
 *
 * <p>Slices are encoded and written in parallel (the common fork-join pool). Immutable and thread-safe; each
 * {@link #write} draws new UIDs unless the options fix them.
 */
public final class VolumeSeriesWriter {

    /** CT Image Storage. */
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    /** MR Image Storage. */
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";

    private final SeriesOptions options;
    private final MrAcquisition mr;

    private VolumeSeriesWriter(SeriesOptions options, MrAcquisition mr) {
        this.options = Objects.requireNonNull(options, "options");
        this.mr = mr;
    }

    /**
     * @param options patient, study and series attributes
     * @return a writer of CT Image series; Image Type defaults to DERIVED\PRIMARY\AXIAL
     */
    public static VolumeSeriesWriter ct(SeriesOptions options) {
        return new VolumeSeriesWriter(options, null);
    }

    /**
     * @param options     patient, study and series attributes
     * @param acquisition the MR acquisition attributes ({@link MrAcquisition#defaults()} when unknown)
     * @return a writer of MR Image series; Image Type defaults to DERIVED\PRIMARY\OTHER
     */
    public static VolumeSeriesWriter mr(SeriesOptions options, MrAcquisition acquisition) {
        return new VolumeSeriesWriter(options, Objects.requireNonNull(acquisition, "acquisition"));
    }

    /** @return "CT" or "MR" */
    public String modality() {
        return mr == null ? "CT" : "MR";
    }

    /**
     * @param volume    a single-channel volume without NaN or infinite voxels
     * @param directory the output directory, created when missing
     * @return the files written (slice order) and the UIDs and rescale used
     * @throws IllegalArgumentException naming "volume" when it has NaN or infinite voxels or several channels
     * @throws DicomWriteException      naming the directory or file when it cannot be written; no file of this
     *                                  call is then left behind
     */
    public WrittenSeries write(Volume volume, Path directory) throws DicomWriteException {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(directory, "directory");
        double[] range = PixelRescale.range(volume);
        PixelRescale rescale = PixelRescale.int16(range[0], range[1], range[2] != 0);
        Geometry g = volume.geometry();
        CommonModules.Identity id = CommonModules.Identity.of(options);
        DataSet common = commonAttributes(volume, rescale, range, id);

        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        Point3 normal = g.planeNormal();
        Point3 k = g.axis(2);
        double cosine = Math.abs(dot(k, normal));
        double planeDistance = g.spacing(2) * cosine;

        // UIDs and names are drawn in slice order before the parallel part, so that a seeded generator gives the
        // same UID to the same slice whatever the thread schedule.
        List<String> sopUids = new ArrayList<>(nz);
        List<String> names = new ArrayList<>(nz);
        for (int z = 0; z < nz; z++) {
            sopUids.add(options.uids().next());
            names.add(String.format(Locale.ROOT, "%s%05d.dcm", options.fileNamePrefix(), z + 1));
        }
        OutputDirectory out = OutputDirectory.prepare(directory);
        // Slices are independent: encode and write them in parallel (encoding, copying and fsync overlap).
        AtomicReference<Throwable> failure = new AtomicReference<>();
        IntStream.range(0, nz).parallel().forEach(z -> {
            if (failure.get() != null) {
                return;
            }
            try {
                float[] values = new float[nx * ny];
                volume.readSlice(0, z, values);
                short[] stored = new short[nx * ny];
                rescale.quantise(values, stored, stored.length);
                Point3 position = g.indexToWorld(0, 0, z);
                DataSetBuilder b = common.toBuilder();
                CommonModules.sopCommon(b, mr == null ? CT_IMAGE_STORAGE : MR_IMAGE_STORAGE, sopUids.get(z));
                b.ints(Tag.InstanceNumber, z + 1);
                b.doubles(Tag.ImagePositionPatient, position.x(), position.y(), position.z());
                b.doubles(Tag.SliceThickness, planeDistance);
                b.doubles(Tag.SliceLocation, dot(position, normal));
                if (nz > 1) {
                    b.doubles(Tag.SpacingBetweenSlices, planeDistance);
                }
                CommonModules.imagePixel(b, ny, nx, 16, true, stored);
                out.write(names.get(z), b.build());
            } catch (DicomWriteException | RuntimeException | Error e) {
                if (!failure.compareAndSet(null, e)) {
                    failure.get().addSuppressed(e);
                }
            }
        });
        Throwable e = failure.get();
        if (e != null) {
            out.rollBack(e);
            if (e instanceof DicomWriteException d) {
                throw d;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e;
        }
        List<Path> files = new ArrayList<>(nz);
        for (String name : names) {
            files.add(out.path().resolve(name));
        }
        return new WrittenSeries(files, id.study(), id.series(), id.frameOfReference(), sopUids,
                rescale.slope(), rescale.intercept(), rescale.maxError());
    }

    /** The attributes every slice shares: all modules but SOP Common, the slice position and the pixels. */
    private DataSet commonAttributes(Volume volume, PixelRescale rescale, double[] range, CommonModules.Identity id) {
        Geometry g = volume.geometry();
        DataSetBuilder b = DataSet.builder();
        boolean ct = mr == null;
        CommonModules.patientStudySeriesEquipment(b, options, id, modality(), true, false);
        CommonModules.frameOfReference(b, id);
        // Image Plane (C.7.6.2)
        Point3 i = g.axis(0);
        Point3 j = g.axis(1);
        b.doubles(Tag.ImageOrientationPatient, i.x(), i.y(), i.z(), j.x(), j.y(), j.z());
        b.doubles(Tag.PixelSpacing, g.spacing(1), g.spacing(0));
        // CT Image (C.8.2.1) / MR Image (C.8.3.1)
        if (ct) {
            b.string(Tag.ImageType, CommonModules.imageType(options, "DERIVED", "PRIMARY", "AXIAL"));
            b.empty(Tag.KVP);
            b.ints(Tag.AcquisitionNumber, 1);
            b.doubles(Tag.RescaleIntercept, rescale.intercept());
            b.doubles(Tag.RescaleSlope, rescale.slope());
            b.string(Tag.RescaleType, volume.unit() == IntensityUnit.HU ? "HU" : "US");
            if (!g.isOrthonormal()) {
                b.doubles(Tag.GantryDetectorTilt, gantryTiltDegrees(g));
            }
        } else {
            b.string(Tag.ImageType, CommonModules.imageType(options, "DERIVED", "PRIMARY", "OTHER"));
            mr.addTo(b);
            if (!rescale.isIdentity()) {
                b.doubles(Tag.RescaleIntercept, rescale.intercept());
                b.doubles(Tag.RescaleSlope, rescale.slope());
                b.string(Tag.RescaleType, "US");
            }
        }
        // VOI LUT (C.11.2)
        CommonModules.window(options, range[0], range[1]).addTo(b);
        return b.build();
    }

    /**
     * @return the angle in degrees between the k axis and the image plane's normal, positive when k leans towards
     *         −j (for an axial stack, towards anterior: the sign dcm2niix estimates from the positions); a nominal
     *         value, PS3.3 C.8.2.1
     */
    static double gantryTiltDegrees(Geometry g) {
        Point3 k = g.axis(2);
        double along = dot(k, g.planeNormal());
        double towardsJ = dot(k, g.axis(1));
        // measured from the normal oriented like k, so that a k opposite to i × j still reads as a small tilt
        return Math.toDegrees(Math.atan2(-towardsJ * (along < 0 ? -1 : 1), Math.abs(along)));
    }

    private static double dot(Point3 a, Point3 b) {
        return a.x() * b.x() + a.y() * b.y() + a.z() * b.z();
    }
}
