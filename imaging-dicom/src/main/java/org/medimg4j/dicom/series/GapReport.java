package org.medimg4j.dicom.series;

import java.util.ArrayList;
import java.util.List;
import org.medimg4j.core.geometry.Point3;

/**
 * Turns a {@link StepGrid}'s gaps and irregular steps into what the policy asks for: a {@link SeriesException}
 * saying where (after which slice, the distance, the missing positions in LPS mm) or a {@link StackWarning}
 * saying where and how the grid was filled.
 */
final class GapReport {

    /** How many gaps or steps a message lists before "and N more". */
    private static final int LISTED = 5;

    private GapReport() {
    }

    /**
     * @param sorted the kept slices in position order
     * @param grid   their spacing analysis
     * @param axis   the unit stack axis (LPS)
     * @param cos    the cosine between the stack axis and the normal (1 without tilt)
     */
    static void check(StackCandidate c, List<PlanarSlice> sorted, StepGrid grid, Point3 axis, double cos,
                      StackPolicy policy, GapFill fill, List<StackWarning> warnings) throws SeriesException {
        if (grid.isUniform()) {
            return;
        }
        double stepMm = grid.nominalMm() / cos;
        int slots = grid.slotCount();
        String how = fill == GapFill.LINEAR ? "by linear interpolation between the neighbouring slices"
                : "with copies of the nearer slice";
        if (!grid.gaps().isEmpty()) {
            String what = describeGaps(sorted, grid, axis, cos);
            if (policy == StackPolicy.STRICT) {
                throw new SeriesException(c, SeriesException.Reason.MISSING_SLICE, "missing slice: " + what
                        + "; load leniently to fill it");
            }
            warnings.add(new StackWarning(StackWarning.Kind.MISSING_SLICE, what + "; filled on a uniform "
                    + Vec3.mm(stepMm) + " mm grid of " + slots + " slices " + how + ", every stored slice at its "
                    + "true position"));
        }
        if (!grid.irregularSteps().isEmpty()) {
            double[] range = grid.stepRange();
            StringBuilder sb = new StringBuilder("steps between slices range from ")
                    .append(Vec3.mm(range[0] / cos)).append(" to ").append(Vec3.mm(range[1] / cos))
                    .append(" mm (usual ").append(Vec3.mm(stepMm)).append(" mm): ");
            List<Integer> steps = grid.irregularSteps();
            for (int i = 0; i < Math.min(LISTED, steps.size()); i++) {
                int at = steps.get(i);
                double s = grid.stepMm(at);
                sb.append(i == 0 ? "" : "; ").append(Vec3.mm(s / cos)).append(" mm after slice ").append(at)
                        .append(" (").append(sorted.get(at).describe()).append(')');
            }
            if (steps.size() > LISTED) {
                sb.append("; and ").append(steps.size() - LISTED).append(" more");
            }
            if (policy == StackPolicy.STRICT) {
                throw new SeriesException(c, SeriesException.Reason.NON_UNIFORM_SPACING, "non-uniform spacing: "
                        + sb + "; load leniently to resample onto a uniform grid");
            }
            warnings.add(new StackWarning(StackWarning.Kind.NON_UNIFORM_SPACING, sb.append("; resampled onto a ")
                    .append("uniform ").append(Vec3.mm(stepMm)).append(" mm grid of ").append(slots)
                    .append(" slices from the first to the last slice, ").append(how)
                    .append(" (slices on the grid copied exactly)").toString()));
        }
    }

    private static String describeGaps(List<PlanarSlice> sorted, StepGrid grid, Point3 axis, double cos) {
        List<String> parts = new ArrayList<>();
        int total = 0;
        for (StepGrid.Gap g : grid.gaps()) {
            total += g.missing();
            if (parts.size() == LISTED) {
                continue;
            }
            PlanarSlice before = sorted.get(g.after());
            StringBuilder sb = new StringBuilder("gap of ").append(Vec3.mm(g.stepMm() / cos)).append(" mm after ")
                    .append("slice ").append(g.after()).append(" (").append(before.describe()).append(", expected ")
                    .append(Vec3.mm(grid.nominalMm() / cos)).append(" mm): ").append(g.missing())
                    .append(g.missing() == 1 ? " slice" : " slices").append(" missing at ");
            for (int j = 1; j <= Math.min(g.missing(), 3); j++) {
                Point3 p = before.plane().position().plus(Vec3.scale(axis, j * grid.nominalMm() / cos));
                sb.append(j == 1 ? "" : ", ").append(Vec3.format(p));
            }
            sb.append(g.missing() > 3 ? ", ..." : "").append(" mm LPS");
            parts.add(sb.toString());
        }
        String list = String.join("; ", parts);
        if (grid.gaps().size() > LISTED) {
            list += "; and " + (grid.gaps().size() - LISTED) + " more gaps";
        }
        return (grid.gaps().size() > 1 ? total + " slices missing in " + grid.gaps().size() + " gaps: " : "") + list;
    }
}
