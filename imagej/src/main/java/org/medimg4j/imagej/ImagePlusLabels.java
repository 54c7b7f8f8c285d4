package org.medimg4j.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.LabelVolume;

/**
 * Converts a {@link LabelVolume} to an 8-bit ImageJ {@link ImagePlus} and back. One stack image per slice, the
 * label values unchanged, shown through {@link LabelLut} (0 black, every label its own colour) with the display
 * range fixed at 0..255 so that each label keeps its colour. Spatial calibration, image properties and the Info
 * text are those {@link ImagePlusVolumes} writes ({@code medimg4j.content=labels}, no unit), so a label image
 * overlays its volume in ImageJ and comes back with the exact geometry.
 *
 * <p>Back: any single-channel 8-bit image of one time point (ImageJ's GRAY8 or COLOR_256), its stored 8-bit values
 * taken as labels (a value calibration, if any, is ignored: labels are not measurements). Geometry as
 * {@link ImagePlusVolumes#toVolume} decides it. Refused with {@link ImageJInteropException}: other bit depths
 * (naming them), several channels, time series, inconsistent stacks.
 */
public final class ImagePlusLabels {

    private ImagePlusLabels() {
    }

    /**
     * @param labels the label volume
     * @return {@code labels} as an 8-bit ImagePlus with the label colour table (a copy of the labels)
     */
    public static ImagePlus toImagePlus(LabelVolume labels) {
        Objects.requireNonNull(labels, "labels");
        Geometry g = labels.geometry();
        int plane = g.nx() * g.ny();
        ByteBuffer src = labels.labels();
        ImageStack stack = new ImageStack(g.nx(), g.ny());
        for (int z = 0; z < g.nz(); z++) {
            byte[] px = new byte[plane];
            src.get(z * plane, px, 0, plane);
            stack.addSlice(null, px);
        }
        ImagePlus imp = new ImagePlus(ImagePlusVolumes.title(labels.metadata()) + " labels", stack);
        imp.setLut(LabelLut.create());
        SpatialCalibration.apply(imp.getCalibration(), g);
        imp.setDisplayRange(0, 255);
        ImageJProperties.store(imp, ImageJProperties.CONTENT_LABELS, g, null, labels.metadata());
        return imp;
    }

    /**
     * @param imp a single-channel 8-bit image or stack
     * @return its labels on the stored (else calibrated) geometry, with the stored metadata
     * @throws ImageJInteropException naming the type, dimension or property at fault
     */
    public static LabelVolume toLabelVolume(ImagePlus imp) throws ImageJInteropException {
        Objects.requireNonNull(imp, "imp");
        return toLabelVolume(imp, "ImagePlus \"" + imp.getTitle() + "\"");
    }

    static LabelVolume toLabelVolume(ImagePlus imp, String source) throws ImageJInteropException {
        StackLayout layout = StackLayout.of(imp, source);
        if (layout.bitDepth() != 8) {
            throw new ImageJInteropException(source, "labels need an 8-bit image, this one is " + layout.bitDepth()
                    + "-bit; convert it in ImageJ (Image › Type › 8-bit, without scaling) or read it as a volume");
        }
        if (layout.channels() != 1) {
            throw new ImageJInteropException(source, "labels need one channel, this image has " + layout.channels());
        }
        ImageJProperties.Stored stored = ImageJProperties.load(imp, source);
        Geometry geometry = ImagePlusVolumes.geometry(layout, stored, imp.getCalibration(), source);
        int plane = layout.width() * layout.height();
        byte[] out = new byte[plane * layout.slices()];
        for (int z = 0; z < layout.slices(); z++) {
            System.arraycopy((byte[]) layout.pixels(0, z, source), 0, out, z * plane, plane);
        }
        LabelVolume labels = LabelVolume.of(geometry, out);
        return stored != null ? labels.withMetadata(stored.metadata()) : labels;
    }
}
