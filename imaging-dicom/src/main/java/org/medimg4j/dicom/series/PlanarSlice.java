package org.medimg4j.dicom.series;

import java.util.Objects;
import org.medimg4j.dicom.lut.ModalityLut;

/**
 * One 2-D image to stack: a single-frame file, or one frame of an enhanced multi-frame file. Immutable.
 *
 * @param instance        the file it is in
 * @param frame           the frame in that file, from 0 (0 for a single-frame file)
 * @param plane           where it lies (LPS mm)
 * @param lut             its Modality LUT (rescale to HU for CT), from the data set or the frame's Pixel Value
 *                        Transformation
 * @param instanceNumber  Instance Number (0020,0013), {@link Integer#MAX_VALUE} when absent; only used to choose
 *                        between duplicates deterministically, never to sort
 * @param inStackPosition In-Stack Position Number (0020,9057) of the frame, 0 when absent
 */
public record PlanarSlice(InstanceHeader instance, int frame, ImagePlane plane, ModalityLut lut, int instanceNumber,
                          int inStackPosition) {

    /** @throws NullPointerException when an argument is null @throws IllegalArgumentException when frame &lt; 0 */
    public PlanarSlice {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(lut, "lut");
        if (frame < 0) {
            throw new IllegalArgumentException("frame must be >= 0, got " + frame);
        }
    }

    /** @return the file name, with "frame N" (from 1, as DICOM counts) for a frame of a multi-frame file */
    public String describe() {
        String name = instance.path().getFileName() == null ? instance.path().toString()
                : instance.path().getFileName().toString();
        return instance.numberOfFrames() > 1 ? name + " frame " + (frame + 1) : name;
    }
}
