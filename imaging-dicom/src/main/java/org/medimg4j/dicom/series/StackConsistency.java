package org.medimg4j.dicom.series;

import java.util.ArrayList;
import java.util.List;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * The checks that every slice of a stack agrees with the others on what must be shared — size, orientation, pixel
 * spacing, and for the frames of one object the In-Stack Position order — with the rules of {@link SliceStacker}.
 */
final class StackConsistency {

    private StackConsistency() {
    }

    /** Rows and Columns must agree: slices of different sizes cannot share one array, whatever the policy. */
    static void requireSameSize(StackCandidate c, List<PlanarSlice> slices) throws SeriesException {
        ImagePlane a = slices.get(0).plane();
        for (PlanarSlice s : slices) {
            ImagePlane b = s.plane();
            if (b.rows() != a.rows() || b.columns() != a.columns()) {
                throw new SeriesException(c, SeriesException.Reason.CONFLICTING_SIZE, "conflicting sizes: "
                        + slices.get(0).describe() + " is " + a.rows() + " rows x " + a.columns() + " columns, "
                        + s.describe() + " is " + b.rows() + " x " + b.columns() + "; they cannot share one volume");
            }
        }
    }

    /**
     * @return the plane of a slice of the most common orientation (the first such slice in candidate order)
     * @throws SeriesException when orientations differ and the policy is strict, or when they differ by more than
     *                         {@link SliceStacker#MAX_MIXED_ANGLE_DEGREES}
     */
    static ImagePlane referenceOrientation(StackCandidate c, List<PlanarSlice> slices, StackPolicy policy,
                                           List<StackWarning> warnings) throws SeriesException {
        List<List<PlanarSlice>> clusters = new ArrayList<>();
        for (PlanarSlice s : slices) {
            List<PlanarSlice> home = null;
            for (List<PlanarSlice> cl : clusters) {
                if (sameOrientation(cl.get(0).plane(), s.plane())) {
                    home = cl;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                clusters.add(home);
            }
            home.add(s);
        }
        List<PlanarSlice> major = clusters.get(0);
        for (List<PlanarSlice> cl : clusters) {
            if (cl.size() > major.size()) {
                major = cl;
            }
        }
        if (clusters.size() == 1) {
            return major.get(0).plane();
        }
        ImagePlane ref = major.get(0).plane();
        double worst = 0;
        PlanarSlice worstSlice = null;
        for (List<PlanarSlice> cl : clusters) {
            ImagePlane p = cl.get(0).plane();
            double angle = Math.max(Vec3.angleDegrees(ref.rowDirection(), p.rowDirection()),
                    Vec3.angleDegrees(ref.columnDirection(), p.columnDirection()));
            if (angle > worst) {
                worst = angle;
                worstSlice = cl.get(0);
            }
        }
        String what = clusters.size() + " orientations among " + slices.size()
                + " slices, up to " + String.format(java.util.Locale.ROOT, "%.3f", worst) + " degrees apart ("
                + major.get(0).describe() + " row " + Vec3.format(ref.rowDirection()) + " column "
                + Vec3.format(ref.columnDirection()) + ", " + worstSlice.describe() + " row "
                + Vec3.format(worstSlice.plane().rowDirection()) + " column "
                + Vec3.format(worstSlice.plane().columnDirection()) + ")";
        if (worst > SliceStacker.MAX_MIXED_ANGLE_DEGREES) {
            throw new SeriesException(c, SeriesException.Reason.MIXED_ORIENTATION, "mixed orientation: " + what
                    + ": different planes, not one stack; split the series by orientation");
        }
        if (policy == StackPolicy.STRICT) {
            throw new SeriesException(c, SeriesException.Reason.MIXED_ORIENTATION, "mixed orientation: " + what
                    + "; load leniently to stack them with the most common orientation");
        }
        warnings.add(new StackWarning(StackWarning.Kind.MIXED_ORIENTATION, what + "; stacked with the orientation "
                + "of the " + major.size() + " of " + slices.size() + " slices that share it"));
        return ref;
    }

    private static boolean sameOrientation(ImagePlane a, ImagePlane b) {
        return close(a.rowDirection().x(), b.rowDirection().x()) && close(a.rowDirection().y(), b.rowDirection().y())
                && close(a.rowDirection().z(), b.rowDirection().z())
                && close(a.columnDirection().x(), b.columnDirection().x())
                && close(a.columnDirection().y(), b.columnDirection().y())
                && close(a.columnDirection().z(), b.columnDirection().z());
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= SliceStacker.ORIENTATION_TOLERANCE;
    }

    /**
     * @return {row spacing, column spacing} (Pixel Spacing order) shared by most slices
     * @throws SeriesException when spacings differ and the policy is strict
     */
    static double[] referenceSpacing(StackCandidate c, List<PlanarSlice> slices, StackPolicy policy,
                                     List<StackWarning> warnings) throws SeriesException {
        List<double[]> values = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<PlanarSlice> examples = new ArrayList<>();
        for (PlanarSlice s : slices) {
            double[] v = {s.plane().rowSpacingMm(), s.plane().columnSpacingMm()};
            int at = -1;
            for (int i = 0; i < values.size(); i++) {
                if (Math.abs(values.get(i)[0] - v[0]) <= SliceStacker.SPACING_TOLERANCE_MM
                        && Math.abs(values.get(i)[1] - v[1]) <= SliceStacker.SPACING_TOLERANCE_MM) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                values.add(v);
                counts.add(1);
                examples.add(s);
            } else {
                counts.set(at, counts.get(at) + 1);
            }
        }
        int best = 0;
        for (int i = 1; i < counts.size(); i++) {
            if (counts.get(i) > counts.get(best)) {
                best = i;
            }
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(counts.get(i)).append(" slice(s) ")
                    .append(Vec3.mm(values.get(i)[0])).append('\\').append(Vec3.mm(values.get(i)[1]))
                    .append(" mm (e.g. ").append(examples.get(i).describe()).append(')');
        }
        if (policy == StackPolicy.STRICT) {
            throw new SeriesException(c, SeriesException.Reason.INCONSISTENT_PIXEL_SPACING, "inconsistent pixel "
                    + "spacing: " + sb + "; load leniently to use the most common");
        }
        warnings.add(new StackWarning(StackWarning.Kind.INCONSISTENT_PIXEL_SPACING, sb.append("; the volume uses ")
                .append(Vec3.mm(values.get(best)[0])).append('\\').append(Vec3.mm(values.get(best)[1]))
                .append(" mm, so the other slices are scaled wrongly in-plane").toString()));
        return values.get(best);
    }

    /**
     * Frames of one multi-frame object carry In-Stack Position Number (PS3.3 C.7.6.16.2.2.4), the ordinal of the
     * frame along the stack: in position order it must run monotonically one way or the other. Only frames that
     * all carry one, from a single object, are checked.
     */
    static void checkInStackOrder(StackCandidate c, List<PlanarSlice> sorted, StackPolicy policy,
                                  List<StackWarning> warnings) throws SeriesException {
        if (sorted.size() < 2) {
            return;
        }
        InstanceHeader only = sorted.get(0).instance();
        for (PlanarSlice s : sorted) {
            if (s.instance() != only || s.inStackPosition() <= 0) {
                return;
            }
        }
        int sign = Integer.signum(sorted.get(1).inStackPosition() - sorted.get(0).inStackPosition());
        for (int i = 1; i < sorted.size(); i++) {
            int step = Integer.signum(sorted.get(i).inStackPosition() - sorted.get(i - 1).inStackPosition());
            if (step == 0 || step != sign) {
                String what = "frames in position order have In-Stack Position Numbers ... "
                        + sorted.get(i - 1).inStackPosition() + ", " + sorted.get(i).inStackPosition() + " ... ("
                        + sorted.get(i - 1).describe() + ", " + sorted.get(i).describe() + "), not monotonic";
                if (policy == StackPolicy.STRICT) {
                    throw new SeriesException(c, SeriesException.Reason.INCONSISTENT_DIMENSION_INDEX, what
                            + "; load leniently to trust the positions");
                }
                warnings.add(new StackWarning(StackWarning.Kind.INCONSISTENT_DIMENSION_INDEX, what
                        + "; ordered by position"));
                return;
            }
        }
    }

    /**
     * @return Gantry/Detector Tilt (0018,1120) in degrees as the file states it: top level (CT Image module), else
     *         the CT Acquisition Details functional group of an enhanced CT; NaN when absent
     */
    static double statedGantryTilt(InstanceHeader h) {
        Attributes a = h.attributes();
        double v = a.getDouble(Tag.GantryDetectorTilt, Double.NaN);
        if (!Double.isNaN(v)) {
            return v;
        }
        for (Attributes shared : a.getSequence(Tag.SharedFunctionalGroupsSequence)) {
            for (Attributes details : shared.getSequence(Tag.CTAcquisitionDetailsSequence)) {
                v = details.getDouble(Tag.GantryDetectorTilt, Double.NaN);
                if (!Double.isNaN(v)) {
                    return v;
                }
            }
        }
        return Double.NaN;
    }
}
