package org.medimg4j.dicom.series;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.lut.ModalityLut;
import org.medimg4j.dicom.parse.TagNames;
import org.medimg4j.dicom.pixel.ImagePixelModule;

/**
 * The frames of an enhanced multi-frame image (Enhanced CT / MR, PS3.3 C.7.6.16 Multi-frame Functional Groups) as
 * slices: for each frame, each functional group is taken from the frame's Per-frame Functional Groups item when
 * there, else from the Shared Functional Groups item (C.7.6.16.1: a group is in one or the other). Used: Plane
 * Position (0020,9113), Plane Orientation (0020,9116), Pixel Measures (0028,9110), Pixel Value Transformation
 * (0028,9145; identity when absent, as in Enhanced MR without rescale) and Frame Content (0020,9111: In-Stack
 * Position Number, Stack ID). Frames are returned in storage order; stacking orders them by position.
 */
final class EnhancedFrames {

    private EnhancedFrames() {
    }

    static List<PlanarSlice> read(StackCandidate c, InstanceHeader h) throws SeriesException {
        Attributes top = h.attributes();
        ImagePixelModule pixels = SliceReader.pixelModule(c, h);
        List<Attributes> perFrame = top.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        List<Attributes> sharedSeq = top.getSequence(Tag.SharedFunctionalGroupsSequence);
        Attributes shared = sharedSeq.isEmpty() ? Attributes.empty() : sharedSeq.get(0);
        int frames = pixels.numberOfFrames();
        if (perFrame.size() != frames) {
            throw new SeriesException(c, SeriesException.Reason.MISSING_GEOMETRY, SliceReader.name(h) + ": "
                    + TagNames.describe(Tag.PerFrameFunctionalGroupsSequence) + " has " + perFrame.size()
                    + " items for " + frames + " frames (" + TagNames.describe(Tag.NumberOfFrames) + ")");
        }
        int instanceNumber = top.getInt(Tag.InstanceNumber, Integer.MAX_VALUE);
        TreeSet<String> stackIds = new TreeSet<>();
        List<PlanarSlice> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            Attributes fg = perFrame.get(f);
            Attributes position = group(fg, shared, Tag.PlanePositionSequence);
            Attributes orientation = group(fg, shared, Tag.PlaneOrientationSequence);
            Attributes measures = group(fg, shared, Tag.PixelMeasuresSequence);
            Attributes transform = group(fg, shared, Tag.PixelValueTransformationSequence);
            Attributes content = group(fg, shared, Tag.FrameContentSequence);
            ImagePlane plane = SliceReader.plane(c, SliceReader.name(h) + " frame " + (f + 1), position,
                    orientation, measures, pixels);
            ModalityLut lut = transform.isEmpty() ? ModalityLut.identity()
                    : SliceReader.lut(c, h, transform, pixels);
            content.getString(Tag.StackID).map(String::trim).ifPresent(stackIds::add);
            out.add(new PlanarSlice(h, f, plane, lut, instanceNumber, content.getInt(Tag.InStackPositionNumber, 0)));
        }
        if (stackIds.size() > 1) {
            throw new SeriesException(c, SeriesException.Reason.UNSUPPORTED, SliceReader.name(h) + ": frames of "
                    + stackIds.size() + " stacks (" + TagNames.describe(Tag.StackID) + " " + stackIds
                    + ") in one object; one stack per volume is loaded, split the frames by Stack ID first");
        }
        return out;
    }

    /** @return the first item of the functional group macro {@code tag}, per-frame first, else shared; empty if none */
    private static Attributes group(Attributes perFrame, Attributes shared, int tag) {
        List<Attributes> items = perFrame.getSequence(tag);
        if (items.isEmpty()) {
            items = shared.getSequence(tag);
        }
        return items.isEmpty() ? Attributes.empty() : items.get(0);
    }
}
