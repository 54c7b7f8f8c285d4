package org.medimg4j.dicom.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * What {@link SeriesGrouper} reads from one instance's header, read once per instance: the kind of image and the
 * values its splitting rules compare. Absent or malformed values read as null (integers), NaN (times) or null arrays,
 * never as an error: grouping decides from what is there, and the stacker reports what is wrong.
 *
 * <p>Arrays are shared, not copied (the class is package-private and nothing writes to them); equality is the
 * record's, by reference for arrays, and is not used.
 *
 * @param header           the instance
 * @param multiFrame       Number of Frames &gt; 1, or functional groups present (Enhanced CT/MR, PS3.3 C.7.6.16)
 * @param projection       a projection modality (CR, DX, MG, IO, PX, RG, RF, XA), or no valid Image Position or
 *                         Orientation (Patient): no place in a stack
 * @param localizer        Image Type (0008,0008) value 3 is LOCALIZER (PS3.3 C.8.2.1.1.1)
 * @param orientation      Image Orientation (Patient) (0020,0037), six finite direction cosines, or null
 * @param position         Image Position (Patient) (0020,0032), LPS mm, three finite values, or null
 * @param rows             Rows (0028,0010), 0 when absent
 * @param columns          Columns (0028,0011), 0 when absent
 * @param echo             the first Echo Numbers (0018,0086) value, or null
 * @param temporalPosition Temporal Position Identifier (0020,0100), or null
 * @param acquisition      Acquisition Number (0020,0012), or null
 * @param triggerTime      Trigger Time (0018,1060), ms, NaN when absent
 * @param instanceNumber   Instance Number (0020,0013), {@link Integer#MAX_VALUE} when absent (sorts last)
 * @param bValue           Diffusion b-value (0018,9087), s/mm², finite and &ge; 0, else NaN
 * @param gradient         Diffusion Gradient Orientation (0018,9089), three finite values not all 0 (patient
 *                         coordinates, as stored), else null: absent for b = 0 and isotropic (trace) images
 */
record ImageKeys(InstanceHeader header, boolean multiFrame, boolean projection, boolean localizer,
        double[] orientation, double[] position, int rows, int columns, Integer echo, Integer temporalPosition,
        Integer acquisition, double triggerTime, int instanceNumber, double bValue, double[] gradient) {

    private static final Set<String> PROJECTION_MODALITIES = Set.of("CR", "DX", "MG", "IO", "PX", "RG", "RF", "XA");

    /** @return the keys of {@code h}, read from its attributes */
    static ImageKeys of(InstanceHeader h) {
        Attributes a = h.attributes();
        boolean multiFrame = h.numberOfFrames() > 1 || a.contains(Tag.PerFrameFunctionalGroupsSequence)
                || a.contains(Tag.SharedFunctionalGroupsSequence);
        double[] o = a.getDoubles(Tag.ImageOrientationPatient);
        double[] p = a.getDoubles(Tag.ImagePositionPatient);
        double[] orientation = o.length == 6 && finite(o) ? o : null;
        double[] position = p.length == 3 && finite(p) ? p : null;
        boolean projection = PROJECTION_MODALITIES.contains(h.modality().toUpperCase(Locale.ROOT))
                || orientation == null || position == null;
        List<String> type = a.getStrings(Tag.ImageType);
        boolean localizer = type.size() >= 3 && type.get(2).trim().equalsIgnoreCase("LOCALIZER");
        return new ImageKeys(h, multiFrame, projection, localizer, orientation, position,
                a.getInt(Tag.Rows, 0), a.getInt(Tag.Columns, 0),
                boxed(a.getInts(Tag.EchoNumbers)), boxed(a.getInts(Tag.TemporalPositionIdentifier)),
                boxed(a.getInts(Tag.AcquisitionNumber)), a.getDouble(Tag.TriggerTime, Double.NaN),
                a.getInt(Tag.InstanceNumber, Integer.MAX_VALUE), bValue(a), gradient(a));
    }

    /**
     * The MR Diffusion Macro (PS3.3 C.8.13.5.9) puts the b-value in the MR Diffusion Sequence (0018,9117), and the
     * gradient in that item's Diffusion Gradient Direction Sequence (0018,9076); classic MR images from several
     * makers carry the same attributes at the top level instead. The top level is read first, then the first item of
     * each sequence (Enhanced MR's per-frame copies are not needed: a multi-frame instance is never split).
     *
     * @return the data sets that may hold the diffusion attributes, most direct first
     */
    private static List<Attributes> diffusionItems(Attributes a) {
        List<Attributes> items = new ArrayList<>(2);
        items.add(a);
        List<Attributes> mr = a.getSequence(Tag.MRDiffusionSequence);
        if (!mr.isEmpty()) {
            items.add(mr.get(0));
        }
        return items;
    }

    private static double bValue(Attributes a) {
        for (Attributes item : diffusionItems(a)) {
            double b = item.getDouble(Tag.DiffusionBValue, Double.NaN);
            if (Double.isFinite(b) && b >= 0) {
                return b;
            }
        }
        return Double.NaN;
    }

    private static double[] gradient(Attributes a) {
        for (Attributes item : diffusionItems(a)) {
            double[] g = direction(item.getDoubles(Tag.DiffusionGradientOrientation));
            List<Attributes> seq = item.getSequence(Tag.DiffusionGradientDirectionSequence);
            if (g == null && !seq.isEmpty()) {
                g = direction(seq.get(0).getDoubles(Tag.DiffusionGradientOrientation));
            }
            if (g != null) {
                return g;
            }
        }
        return null;
    }

    /** @return {@code g} when it is a direction, else null: makers write (0, 0, 0) for b = 0 images */
    private static double[] direction(double[] g) {
        return g.length == 3 && finite(g) && (g[0] != 0 || g[1] != 0 || g[2] != 0) ? g : null;
    }

    private static Integer boxed(int[] v) {
        return v.length == 0 ? null : v[0];
    }

    private static boolean finite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
