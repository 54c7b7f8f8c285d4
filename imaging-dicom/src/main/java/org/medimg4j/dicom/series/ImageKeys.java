package org.medimg4j.dicom.series;

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
 */
record ImageKeys(InstanceHeader header, boolean multiFrame, boolean projection, boolean localizer,
        double[] orientation, double[] position, int rows, int columns, Integer echo, Integer temporalPosition,
        Integer acquisition, double triggerTime, int instanceNumber) {

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
                a.getInt(Tag.InstanceNumber, Integer.MAX_VALUE));
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
