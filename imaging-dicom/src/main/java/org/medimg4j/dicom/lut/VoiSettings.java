package org.medimg4j.dicom.lut;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medimg4j.dicom.Attribute;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * The VOI LUT module of an image or frame (PS3.3 C.11.2): every window (Window Center / Width, with their
 * explanations and the VOI LUT Function) and every VOI LUT Sequence table, in file order. Either may be empty. The
 * alternatives are views a user picks from; the first one is the creator's default. Immutable.
 *
 * <p>Read from a data set, or from the Frame VOI LUT Sequence (0028,9132) item of an enhanced multi-frame image's
 * per-frame or shared functional groups (PS3.3 C.7.6.16.2.10), which holds the same attributes.
 *
 * <p>Checks (each a {@link DicomException} naming the file and tag): Window Center without Window Width or the
 * reverse; different numbers of centres and widths (both tags named); a value that is not a number; a width the
 * function refuses (&lt; 1 for LINEAR, ≤ 0 for LINEAR_EXACT and SIGMOID); a VOI LUT Function other than LINEAR,
 * LINEAR_EXACT, SIGMOID; a malformed LUT. Tolerated: fewer or more explanations than windows (the standard wants
 * one per window; missing ones read as "" and extra ones are ignored, as DCMTK does).
 *
 * @param windows the windows, in file order
 * @param tables  the VOI LUT Sequence items, in file order
 */
public record VoiSettings(List<VoiWindow> windows, List<VoiTable> tables) {

    private static final VoiSettings NONE = new VoiSettings(List.of(), List.of());

    /** Copies the lists. */
    public VoiSettings {
        windows = List.copyOf(windows);
        tables = List.copyOf(tables);
    }

    /** @return no window and no table */
    public static VoiSettings none() {
        return NONE;
    }

    /**
     * Reads the VOI attributes of a data set or of a Frame VOI LUT Sequence item.
     *
     * @param item        the data set, or an item of (0028,9132)
     * @param signedInput whether the values looked up in a VOI LUT can be negative (the Modality LUT's output is
     *                    signed), for the LUT Descriptor's first mapped value (PS3.3 C.11.2.1.1)
     * @return the windows and tables; {@link #none()} when there are neither
     * @throws DicomException naming the file and tag(s) (see the class comment)
     */
    public static VoiSettings read(Attributes item, boolean signedInput) throws DicomException {
        List<VoiWindow> windows = readWindows(item);
        List<VoiTable> tables = new ArrayList<>();
        for (Attributes lut : item.getSequence(Tag.VOILUTSequence)) {
            tables.add(new VoiTable(LookupTable.read(lut, signedInput), lut.getString(Tag.LUTExplanation, "")));
        }
        return windows.isEmpty() && tables.isEmpty() ? NONE : new VoiSettings(windows, tables);
    }

    /**
     * Reads the Frame VOI LUT functional group of one frame of an enhanced multi-frame image: from the frame's
     * Per-Frame Functional Groups item when it holds (0028,9132), else from the Shared Functional Groups item (a
     * functional group is in one or the other, PS3.3 C.7.6.16).
     *
     * @param perFrameItem the frame's item of (5200,9230), or null
     * @param sharedItem   the item of (5200,9229), or null
     * @param signedInput  as in {@link #read(Attributes, boolean)}
     * @return the frame's VOI; {@link #none()} when neither item has a Frame VOI LUT Sequence
     * @throws DicomException as {@link #read(Attributes, boolean)}
     */
    public static VoiSettings readFrame(Attributes perFrameItem, Attributes sharedItem, boolean signedInput)
            throws DicomException {
        for (Attributes group : new Attributes[] {perFrameItem, sharedItem}) {
            if (group != null) {
                List<Attributes> seq = group.getSequence(Tag.FrameVOILUTSequence);
                if (!seq.isEmpty()) {
                    return read(seq.get(0), signedInput);
                }
            }
        }
        return NONE;
    }

    private static List<VoiWindow> readWindows(Attributes item) throws DicomException {
        int centers = valueCount(item, Tag.WindowCenter);
        int widths = valueCount(item, Tag.WindowWidth);
        if (centers == 0 && widths == 0) {
            return List.of();
        }
        if (centers != widths) {
            // PS3.3 C.11.2: Window Width is required when Window Center is present, one width per centre.
            throw new DicomException(item.sourceName() + ": (0028,1050) WindowCenter has " + centers
                    + " value(s) but (0028,1051) WindowWidth has " + widths + "; they must pair one to one");
        }
        double[] c = item.requireDoubles(Tag.WindowCenter);
        double[] w = item.requireDoubles(Tag.WindowWidth);
        VoiFunction function = readFunction(item);
        List<String> explanations = item.getStrings(Tag.WindowCenterWidthExplanation);
        Attribute centerTag = item.require(Tag.WindowCenter);
        Attribute widthTag = item.require(Tag.WindowWidth);
        List<VoiWindow> windows = new ArrayList<>(c.length);
        for (int i = 0; i < c.length; i++) {
            if (!Double.isFinite(c[i])) {
                throw centerTag.malformed("value " + (i + 1) + " is " + c[i] + ", not a finite number");
            }
            if (!function.acceptsWidth(w[i])) {
                throw widthTag.malformed("value " + (i + 1) + " is " + w[i] + "; a " + function
                        + " window needs a width " + function.widthRule());
            }
            String explanation = i < explanations.size() ? explanations.get(i).trim() : "";
            windows.add(new VoiWindow(c[i], w[i], function, explanation));
        }
        return windows;
    }

    private static int valueCount(Attributes item, int tag) {
        Optional<Attribute> a = item.get(tag);
        return a.isEmpty() || a.get().isEmpty() ? 0 : a.get().valueCount();
    }

    private static VoiFunction readFunction(Attributes item) throws DicomException {
        Optional<String> term = item.getString(Tag.VOILUTFunction).map(String::trim).filter(s -> !s.isEmpty());
        if (term.isEmpty()) {
            return VoiFunction.LINEAR;   // PS3.3 C.11.2.1.3: absent means LINEAR
        }
        Optional<VoiFunction> f = VoiFunction.fromDicomTerm(term.get());
        if (f.isEmpty()) {
            throw item.require(Tag.VOILUTFunction).malformed("\"" + term.get()
                    + "\" is not LINEAR, LINEAR_EXACT or SIGMOID");
        }
        return f.get();
    }

    /** @return whether there is neither a window nor a table */
    public boolean isEmpty() {
        return windows.isEmpty() && tables.isEmpty();
    }

    /** @return the first window (the creator's default), if any */
    public Optional<VoiWindow> firstWindow() {
        return windows.isEmpty() ? Optional.empty() : Optional.of(windows.get(0));
    }

    /**
     * The default VOI as a LUT onto [yMin, yMax]: the first window when there is one, else the first VOI LUT
     * Sequence table. The standard leaves the choice between a window and a table to the application (PS3.4
     * N.2.1.3); windows come first here because they are what nearly every projection image and every CT carries.
     *
     * @param yMin output for values below the window
     * @param yMax output for values above the window
     * @return the LUT, or empty when there is neither a window nor a table
     */
    public Optional<VoiLut> defaultLut(double yMin, double yMax) {
        if (!windows.isEmpty()) {
            return Optional.of(VoiLut.of(windows.get(0), yMin, yMax));
        }
        if (!tables.isEmpty()) {
            return Optional.of(VoiLut.of(tables.get(0).table(), yMin, yMax));
        }
        return Optional.empty();
    }
}
