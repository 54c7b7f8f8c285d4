package org.medimg4j.imagej;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Locale;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;
import org.medimg4j.core.volume.VoxelType;

/**
 * Converts a {@link Volume} to a calibrated ImageJ {@link ImagePlus} and back.
 *
 * <h2>Volume → ImagePlus</h2>
 * <ul>
 *   <li>One stack image per slice k (nz in all), in order: FLOAT32 as 32-bit, UINT8 as 8-bit, and INT16 as
 *       ImageJ's unsigned 16-bit holding {@code value + 32768} with the linear value calibration
 *       {@code value = −32768 + 1·raw} ({@code Calibration.STRAIGHT_LINE}), the way ImageJ itself opens signed
 *       16-bit DICOM: ImageJ measures and shows the true values (HU for CT).</li>
 *   <li>Several channels become a hyperstack ({@link CompositeImage} in grayscale mode) of channels × slices,
 *       ImageJ's order (channel fastest); every channel gets the same display range.</li>
 *   <li>Spatial calibration: pixel width/height/depth = spacing in mm, and the origin set so that ImageJ's
 *       coordinates are the point's coordinates along the volume's i, j, k axes, which for an axis-aligned LPS
 *       volume (identity direction) are its LPS millimetres (ImageJ's {@code x = (i − xOrigin)·pixelWidth}, so
 *       {@code xOrigin = −origin/spacing} then).</li>
 *   <li>Value unit "HU" for a {@link IntensityUnit#HU} volume ("normalized", "probability" for those units, ImageJ's
 *       default "Gray Value" for arbitrary ones).</li>
 *   <li>Display range: the given window ({@code centre ± width/2}) or else the data range (finite values).</li>
 *   <li>ImageJ has no direction cosines: the full geometry, the unit and the metadata go into image properties
 *       and the Info text, under the keys of {@link ImageJProperties}.</li>
 * </ul>
 *
 * <h2>ImagePlus → Volume</h2>
 * <ul>
 *   <li>32-bit → FLOAT32. 8-bit without a value calibration → UINT8. 16-bit with the signed calibration above →
 *       INT16 (exactly the values written). Any other value-calibrated 8- or 16-bit image (an ImageJ-opened
 *       DICOM with a rescale, say) → FLOAT32 of the calibrated values; an uncalibrated 16-bit one → FLOAT32 of
 *       the raw 0..65535 values, which INT16 cannot hold.</li>
 *   <li>Geometry: from the {@code medimg4j.geometry.*} properties when present, exactly; they must describe the
 *       image's width × height × slices and agree with its ImageJ calibration (else the image was cropped or
 *       re-calibrated in ImageJ after export, and the conversion is refused). Without them, from the
 *       calibration alone: identity direction, spacing = pixel size (converted to mm; an uncalibrated image has
 *       1 mm pixels), origin = −xOrigin·pixelWidth etc.</li>
 *   <li>Unit: the stored {@code medimg4j.unit}, else HU when ImageJ's value unit is "HU", else ARBITRARY.
 *       Metadata: the stored modality, series UID and attributes, else none.</li>
 *   <li>Refused with {@link ImageJInteropException}: RGB images, time series (frames &gt; 1), stacks whose size
 *       is not channels × slices or whose images differ in type or size.</li>
 * </ul>
 */
public final class ImagePlusVolumes {

    /** The raw 16-bit value ImageJ stores for a signed value 0: the offset of its signed 16-bit calibration. */
    static final int SIGNED_16_BIT_OFFSET = 32768;

    private ImagePlusVolumes() {
    }

    /**
     * @param volume the volume
     * @return {@code volume} as a calibrated ImagePlus whose display range is the data range
     */
    public static ImagePlus toImagePlus(Volume volume) {
        return toImagePlus(volume, null);
    }

    /**
     * @param volume the volume
     * @param window the display range to set, in the volume's units (HU for CT); null for the data range
     * @return {@code volume} as a calibrated ImagePlus (a copy of the voxels), titled after its modality and series
     */
    public static ImagePlus toImagePlus(Volume volume, WindowLevel window) {
        Objects.requireNonNull(volume, "volume");
        Geometry g = volume.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int nc = volume.channels();
        int plane = nx * ny;
        VoxelType type = volume.voxelType();
        FloatBuffer floats = type == VoxelType.FLOAT32 ? volume.floats() : null;
        ShortBuffer shorts = type == VoxelType.INT16 ? volume.shorts() : null;
        ByteBuffer bytes = type == VoxelType.UINT8 ? volume.unsignedBytes() : null;
        ImageStack stack = new ImageStack(nx, ny);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < nz; z++) {
            for (int c = 0; c < nc; c++) {
                int from = (c * nz + z) * plane;
                switch (type) {
                    case FLOAT32 -> {
                        float[] px = new float[plane];
                        floats.get(from, px, 0, plane);
                        for (float v : px) {
                            if (Float.isFinite(v)) {
                                min = Math.min(min, v);
                                max = Math.max(max, v);
                            }
                        }
                        stack.addSlice(null, px);
                    }
                    case INT16 -> {
                        short[] px = new short[plane];
                        shorts.get(from, px, 0, plane);
                        int lo = Integer.MAX_VALUE;
                        int hi = Integer.MIN_VALUE;
                        for (int i = 0; i < plane; i++) {
                            lo = Math.min(lo, px[i]);
                            hi = Math.max(hi, px[i]);
                            // flipping the sign bit adds 32768 modulo 2^16: signed −32768..32767 → raw 0..65535
                            px[i] = (short) (px[i] ^ 0x8000);
                        }
                        min = Math.min(min, lo);
                        max = Math.max(max, hi);
                        stack.addSlice(null, px);
                    }
                    case UINT8 -> {
                        byte[] px = new byte[plane];
                        bytes.get(from, px, 0, plane);
                        for (byte b : px) {
                            min = Math.min(min, b & 0xFF);
                            max = Math.max(max, b & 0xFF);
                        }
                        stack.addSlice(null, px);
                    }
                }
            }
        }
        if (window != null) {
            min = window.lowerHu();
            max = window.upperHu();
        } else if (min > max) {
            // no finite voxel at all
            min = 0;
            max = 1;
        }
        ImagePlus imp = assemble(title(volume.metadata()), stack, nc, nz);
        Calibration cal = imp.getCalibration();
        SpatialCalibration.apply(cal, g);
        String valueUnit = valueUnit(volume.unit());
        double offset = 0;
        if (type == VoxelType.INT16) {
            cal.setFunction(Calibration.STRAIGHT_LINE, new double[] {-SIGNED_16_BIT_OFFSET, 1}, valueUnit);
            offset = SIGNED_16_BIT_OFFSET;
        } else {
            cal.setValueUnit(valueUnit);
        }
        setDisplayRange(imp, min + offset, max + offset);
        ImageJProperties.store(imp, ImageJProperties.CONTENT_VOLUME, g, volume.unit(), volume.metadata());
        return imp;
    }

    /**
     * @param imp an 8-, 16- or 32-bit image or hyperstack of one time point
     * @return the volume it holds (a copy of the voxels); see the class comment for types, geometry and unit
     * @throws ImageJInteropException naming the type, dimension or property at fault
     */
    public static Volume toVolume(ImagePlus imp) throws ImageJInteropException {
        Objects.requireNonNull(imp, "imp");
        return toVolume(imp, "ImagePlus \"" + imp.getTitle() + "\"");
    }

    static Volume toVolume(ImagePlus imp, String source) throws ImageJInteropException {
        StackLayout layout = StackLayout.of(imp, source);
        ImageJProperties.Stored stored = ImageJProperties.load(imp, source);
        Calibration cal = imp.getCalibration();
        Geometry geometry = geometry(layout, stored, cal, source);
        IntensityUnit unit = stored != null && stored.unit() != null ? stored.unit() : unitOf(cal.getValueUnit());
        VolumeMetadata metadata = stored != null ? stored.metadata() : VolumeMetadata.EMPTY;
        Volume.Builder b = Volume.builder(geometry).channels(layout.channels()).unit(unit).metadata(metadata);
        int nc = layout.channels();
        int nz = layout.slices();
        int plane = layout.width() * layout.height();
        int n = nc * nz * plane;
        boolean calibrated = cal.getFunction() != Calibration.NONE;
        if (layout.bitDepth() == 32) {
            // ImageJ applies no value calibration to 32-bit images: the floats are the values
            float[] out = new float[n];
            for (int c = 0; c < nc; c++) {
                for (int z = 0; z < nz; z++) {
                    System.arraycopy((float[]) layout.pixels(c, z, source), 0, out, (c * nz + z) * plane, plane);
                }
            }
            return b.floats(out).build();
        }
        if (layout.bitDepth() == 8 && !calibrated) {
            byte[] out = new byte[n];
            for (int c = 0; c < nc; c++) {
                for (int z = 0; z < nz; z++) {
                    System.arraycopy((byte[]) layout.pixels(c, z, source), 0, out, (c * nz + z) * plane, plane);
                }
            }
            return b.unsignedBytes(out).build();
        }
        if (layout.bitDepth() == 16 && isSigned16Bit(cal)) {
            short[] out = new short[n];
            for (int c = 0; c < nc; c++) {
                for (int z = 0; z < nz; z++) {
                    short[] px = (short[]) layout.pixels(c, z, source);
                    int to = (c * nz + z) * plane;
                    for (int i = 0; i < plane; i++) {
                        out[to + i] = (short) (px[i] ^ 0x8000);
                    }
                }
            }
            return b.shorts(out).build();
        }
        // any other calibration (or none, on 16 bits): the calibrated values, through a table of every raw value
        float[] table = new float[1 << layout.bitDepth()];
        for (int raw = 0; raw < table.length; raw++) {
            table[raw] = (float) cal.getCValue(raw);
        }
        float[] out = new float[n];
        for (int c = 0; c < nc; c++) {
            for (int z = 0; z < nz; z++) {
                Object px = layout.pixels(c, z, source);
                int to = (c * nz + z) * plane;
                if (px instanceof short[] s) {
                    for (int i = 0; i < plane; i++) {
                        out[to + i] = table[s[i] & 0xFFFF];
                    }
                } else {
                    byte[] s = (byte[]) px;
                    for (int i = 0; i < plane; i++) {
                        out[to + i] = table[s[i] & 0xFF];
                    }
                }
            }
        }
        return b.floats(out).build();
    }

    /** The stored geometry when there is one (checked against the image), else the calibration's. */
    static Geometry geometry(StackLayout layout, ImageJProperties.Stored stored, Calibration cal, String source)
            throws ImageJInteropException {
        if (stored == null) {
            return SpatialCalibration.fromCalibration(cal, layout.width(), layout.height(), layout.slices(), source);
        }
        Geometry g = stored.geometry();
        if (g.nx() != layout.width() || g.ny() != layout.height() || g.nz() != layout.slices()) {
            throw new ImageJInteropException(source, ImageJProperties.SIZE + " is " + g.nx() + "x" + g.ny() + "x"
                    + g.nz() + " but the image is " + layout.width() + "x" + layout.height() + "x" + layout.slices()
                    + " (width x height x slices): it was cropped or re-sliced in ImageJ after export, or the file is"
                    + " truncated; remove the medimg4j.* properties to use the calibration alone");
        }
        SpatialCalibration.requireConsistent(cal, g, source);
        return g;
    }

    /** @return an ImagePlus of the stack; a hyperstack of channels × slices when there are several channels */
    static ImagePlus assemble(String title, ImageStack stack, int channels, int slices) {
        ImagePlus imp = new ImagePlus(title, stack);
        if (channels == 1) {
            return imp;
        }
        imp.setDimensions(channels, slices, 1);
        imp.setOpenAsHyperStack(true);
        return new CompositeImage(imp, IJ.GRAYSCALE);
    }

    /** Sets the display range (raw pixel values) of every channel. */
    static void setDisplayRange(ImagePlus imp, double min, double max) {
        if (imp instanceof CompositeImage ci) {
            for (int c = ci.getNChannels(); c >= 1; c--) {
                ci.setC(c);
                ci.setDisplayRange(min, max);
            }
        } else {
            imp.setDisplayRange(min, max);
        }
    }

    /** Whether {@code cal} is ImageJ's signed 16-bit calibration, value = −32768 + 1·raw. */
    static boolean isSigned16Bit(Calibration cal) {
        double[] k = cal.getCoefficients();
        return cal.getFunction() == Calibration.STRAIGHT_LINE && k != null && k.length >= 2
                && k[0] == -SIGNED_16_BIT_OFFSET && k[1] == 1;
    }

    /** @return ImageJ's value unit for {@code unit} */
    static String valueUnit(IntensityUnit unit) {
        return switch (unit) {
            case HU -> "HU";
            case NORMALIZED -> "normalized";
            case PROBABILITY -> "probability";
            case ARBITRARY -> Calibration.DEFAULT_VALUE_UNIT;
        };
    }

    /** @return the unit ImageJ's value unit names: HU, normalized, probability, else ARBITRARY */
    static IntensityUnit unitOf(String valueUnit) {
        String u = valueUnit == null ? "" : valueUnit.trim().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "hu" -> IntensityUnit.HU;
            case "normalized" -> IntensityUnit.NORMALIZED;
            case "probability" -> IntensityUnit.PROBABILITY;
            default -> IntensityUnit.ARBITRARY;
        };
    }

    static String title(VolumeMetadata m) {
        String t = (m.modality() + " " + m.seriesInstanceUid()).trim();
        return t.isEmpty() ? "volume" : t;
    }
}
