package org.medimg4j.dicom.series;

import java.util.ArrayList;
import java.util.List;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.lut.ModalityLut;
import org.medimg4j.dicom.parse.TagNames;
import org.medimg4j.dicom.pixel.ImagePixelModule;

/**
 * Turns the headers of a stack candidate into the 2-D images to stack, from the metadata alone: one
 * {@link PlanarSlice} per single-frame file (Image Plane module, PS3.3 C.7.6.2; Modality LUT, C.11.1), one per
 * frame of an enhanced multi-frame file (functional groups, C.7.6.16; see {@link EnhancedFrames}).
 *
 * <p>Everything a volume needs must be there: Image Position (Patient), Image Orientation (Patient) and Pixel
 * Spacing, well formed; otherwise a {@link SeriesException} ({@link SeriesException.Reason#MISSING_GEOMETRY})
 * names the series, the file and the tag. A multi-frame file without functional groups (no per-frame positions)
 * is refused as {@link SeriesException.Reason#UNSUPPORTED}.
 */
public final class SliceReader {

    private SliceReader() {
    }

    /**
     * @param candidate the stack candidate
     * @return its slices, in the candidate's file order (not sorted: stacking sorts by position)
     * @throws SeriesException naming the series, file and tag when a slice lacks its geometry or is malformed
     */
    public static List<PlanarSlice> read(StackCandidate candidate) throws SeriesException {
        List<PlanarSlice> slices = new ArrayList<>();
        for (InstanceHeader h : candidate.instances()) {
            Attributes a = h.attributes();
            if (a.contains(Tag.PerFrameFunctionalGroupsSequence)) {
                slices.addAll(EnhancedFrames.read(candidate, h));
            } else if (h.numberOfFrames() > 1) {
                throw new SeriesException(candidate, SeriesException.Reason.UNSUPPORTED, name(h) + ": "
                        + h.numberOfFrames() + " frames without (5200,9230) PerFrameFunctionalGroupsSequence: no"
                        + " per-frame position to stack them by");
            } else {
                slices.add(classic(candidate, h));
            }
        }
        return slices;
    }

    private static PlanarSlice classic(StackCandidate c, InstanceHeader h) throws SeriesException {
        Attributes a = h.attributes();
        ImagePixelModule pixels = pixelModule(c, h);
        ImagePlane plane = plane(c, name(h), a, a, a, pixels);
        ModalityLut lut = lut(c, h, a, pixels);
        return new PlanarSlice(h, 0, plane, lut, a.getInt(Tag.InstanceNumber, Integer.MAX_VALUE), 0);
    }

    static ImagePixelModule pixelModule(StackCandidate c, InstanceHeader h) throws SeriesException {
        try {
            return ImagePixelModule.read(h.attributes());
        } catch (DicomException e) {
            throw new SeriesException(c, SeriesException.Reason.MISSING_GEOMETRY, e.getMessage(), e);
        }
    }

    static ModalityLut lut(StackCandidate c, InstanceHeader h, Attributes item, ImagePixelModule pixels)
            throws SeriesException {
        try {
            return ModalityLut.read(item, pixels.pixelRepresentation() == 1);
        } catch (DicomException e) {
            // the message names the file and tag already
            throw new SeriesException(c, SeriesException.Reason.MISSING_GEOMETRY, e.getMessage(), e);
        }
    }

    /**
     * @param where       the file (and frame) for messages
     * @param position    the item holding Image Position (Patient)
     * @param orientation the item holding Image Orientation (Patient)
     * @param measures    the item holding Pixel Spacing, Slice Thickness, Spacing Between Slices
     */
    static ImagePlane plane(StackCandidate c, String where, Attributes position, Attributes orientation,
                            Attributes measures, ImagePixelModule pixels) throws SeriesException {
        double[] ipp = require(c, where, position, Tag.ImagePositionPatient, 3,
                "a slice without a position cannot be placed in a volume");
        double[] iop = require(c, where, orientation, Tag.ImageOrientationPatient, 6,
                "a slice without an orientation cannot be placed in a volume");
        double[] ps = require(c, where, measures, Tag.PixelSpacing, 2, "the volume's spacing would be unknown");
        try {
            return new ImagePlane(new Point3(ipp[0], ipp[1], ipp[2]), new Point3(iop[0], iop[1], iop[2]),
                    new Point3(iop[3], iop[4], iop[5]), ps[0], ps[1], pixels.rows(), pixels.columns(),
                    measures.getDouble(Tag.SliceThickness, Double.NaN),
                    measures.getDouble(Tag.SpacingBetweenSlices, Double.NaN));
        } catch (IllegalArgumentException e) {
            throw new SeriesException(c, SeriesException.Reason.MISSING_GEOMETRY, where + ": "
                    + TagNames.describe(Tag.ImageOrientationPatient) + " / " + TagNames.describe(Tag.PixelSpacing)
                    + ": " + e.getMessage(), e);
        }
    }

    private static double[] require(StackCandidate c, String where, Attributes item, int tag, int count,
                                    String why) throws SeriesException {
        if (!item.contains(tag)) {
            throw new SeriesException(c, SeriesException.Reason.MISSING_GEOMETRY, where + ": "
                    + TagNames.describe(tag) + " is absent; " + why);
        }
        double[] v = item.getDoubles(tag);
        if (v.length != count) {
            throw new SeriesException(c, SeriesException.Reason.MISSING_GEOMETRY, where + ": "
                    + TagNames.describe(tag) + " has " + (v.length == 0 ? "no readable value" : v.length
                    + " values") + ", expected " + count + " numbers; " + why);
        }
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new SeriesException(c, SeriesException.Reason.MISSING_GEOMETRY, where + ": "
                        + TagNames.describe(tag) + " holds " + x + "; " + why);
            }
        }
        return v;
    }

    static String name(InstanceHeader h) {
        return h.path().getFileName() == null ? h.path().toString() : h.path().getFileName().toString();
    }
}
