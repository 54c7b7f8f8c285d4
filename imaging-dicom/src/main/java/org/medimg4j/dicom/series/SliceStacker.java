package org.medimg4j.dicom.series;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.geometry.Point3;

/**
 * Stacks the slices of one candidate into a volume grid, from headers alone (PS3.3 C.7.6.2.1.1): sorts them by the
 * projection of Image Position (Patient) on the plane normal n = row × column direction — never by Instance Number
 * or file name — and measures the {@link Geometry}: spacing (Pixel Spacing[1], Pixel Spacing[0], the step between
 * positions — never Slice Thickness), origin = the centre of the first voxel of the first slice, direction columns
 * = row direction, column direction and the unit step between slice positions. Immutable and thread-safe.
 *
 * <p>Checks, and what the {@link StackPolicy} makes of them (strict: {@link SeriesException}; lenient: a
 * {@link StackWarning} on the result):
 * <ul>
 * <li>Rows / Columns differ: always an error (conflicting sizes).</li>
 * <li>Orientation differs (beyond {@value #ORIENTATION_TOLERANCE} in a cosine): strict error; lenient stacks with
 *     the orientation most slices share. Beyond {@value #MAX_MIXED_ANGLE_DEGREES}° always an error: those are
 *     different planes, which grouping must split.</li>
 * <li>Pixel Spacing differs (beyond {@value #SPACING_TOLERANCE_MM} mm): strict error; lenient uses the most
 *     common.</li>
 * <li>Two slices at one position (within {@value #DUPLICATE_TOLERANCE_MM} mm along n): identical pixels → the
 *     duplicate is dropped with a warning under both policies; different pixels → strict error, lenient keeps the
 *     one with the lowest In-Stack Position / Instance Number / file name and says so.</li>
 * <li>Gaps of whole missing slices, and steps that are neither the usual step nor a multiple of it: strict
 *     error naming where; lenient puts the stack on a uniform grid of the usual step from the first to the last
 *     slice (stored slices on it copied exactly, the others filled as {@link GapFill} says) and says so.</li>
 * <li>Stack axis not along n (gantry tilt): a warning under both policies; the grid is sheared
 *     ({@link Geometry.Builder#allowShear(boolean)}), so every voxel stays at its true position. The tilt is
 *     derived from the positions; Gantry/Detector Tilt (0018,1120) is only quoted.</li>
 * <li>Positions off the line from the first to the last slice (beyond {@value #OFF_AXIS_TOLERANCE_MM} mm): strict
 *     error, lenient warning (the grid follows that line).</li>
 * <li>Frames of one multi-frame object whose In-Stack Position Number is not monotonic in position order: strict
 *     error, lenient warning (positions are trusted).</li>
 * </ul>
 * A single slice has the slice spacing of Spacing Between Slices, else Slice Thickness, else 1 mm, and the plane
 * normal as k axis.
 */
public final class SliceStacker {

    /** Positions closer than this along the normal are the same position, mm. */
    public static final double DUPLICATE_TOLERANCE_MM = 0.01;
    /** The largest difference in a direction cosine between slices of one orientation. */
    public static final double ORIENTATION_TOLERANCE = 1e-3;
    /** Orientations further apart than this are different planes, never one stack, degrees. */
    public static final double MAX_MIXED_ANGLE_DEGREES = 5;
    /** The largest difference in Pixel Spacing between slices of one spacing, mm. */
    public static final double SPACING_TOLERANCE_MM = 1e-4;
    /** The largest distance of a slice position from the stacking line, mm. */
    public static final double OFF_AXIS_TOLERANCE_MM = 0.05;
    /**
     * The sine of the angle between the stack axis and the normal above which the stack is tilted: the same
     * bound as {@link Geometry#ORTHONORMAL_TOLERANCE}, so a tilt is reported exactly when the grid is sheared.
     */
    static final double TILT_SINE = Geometry.ORTHONORMAL_TOLERANCE;

    private final StackPolicy policy;
    private final GapFill gapFill;

    /**
     * @param policy  what breaking a rule does
     * @param gapFill how a lenient load fills grid slots between stored slices (named in the warning)
     */
    public SliceStacker(StackPolicy policy, GapFill gapFill) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.gapFill = Objects.requireNonNull(gapFill, "gapFill");
    }

    /**
     * @param candidate the candidate the slices come from (named in messages)
     * @param slices    its slices, in any order, at least one
     * @param pixels    decides whether slices at one position hold the same image
     * @return the sorted stack, its geometry and its warnings
     * @throws SeriesException naming the series and the problem, for the errors listed in the class comment
     * @throws IOException     when {@code pixels} cannot read a duplicate
     */
    public SliceStack stack(StackCandidate candidate, List<PlanarSlice> slices, PixelEquality pixels)
            throws IOException {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(pixels, "pixels");
        if (slices.isEmpty()) {
            throw new SeriesException(candidate, SeriesException.Reason.MISSING_GEOMETRY, "no slices to stack");
        }
        List<StackWarning> warnings = new ArrayList<>();
        StackConsistency.requireSameSize(candidate, slices);
        ImagePlane ref = StackConsistency.referenceOrientation(candidate, slices, policy, warnings);
        double[] pixelSpacing = StackConsistency.referenceSpacing(candidate, slices, policy, warnings);
        Point3 n = ref.normal();
        List<PlanarSlice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingDouble((PlanarSlice s) -> s.plane().along(n)).thenComparing(TIE_BREAK));
        List<PlanarSlice> kept = dropDuplicates(candidate, sorted, n, pixels, warnings);
        StackConsistency.checkInStackOrder(candidate, kept, policy, warnings);

        PlanarSlice first = kept.get(0);
        Point3 r = ref.rowDirection();
        Point3 c = ref.columnDirection();
        int nz;
        double sliceSpacing;
        Point3 k;
        boolean tilted = false;
        int[] lower;
        int[] upper;
        double[] weight;
        if (kept.size() == 1) {
            nz = 1;
            sliceSpacing = singleSliceSpacing(first.plane());
            k = n;
            lower = new int[1];
            upper = new int[1];
            weight = new double[1];
        } else {
            double[] along = new double[kept.size()];
            for (int i = 0; i < along.length; i++) {
                along[i] = kept.get(i).plane().along(n);
            }
            Point3 span = kept.get(kept.size() - 1).plane().position().minus(first.plane().position());
            Point3 u = Vec3.unit(span);
            double cos = Vec3.dot(u, n);
            double sin = Vec3.norm(u.minus(Vec3.scale(n, cos)));
            // collinearity against the line the positions really follow, so a tilt below the threshold is no
            // "off-axis" finding
            checkOffAxis(candidate, kept, along, u, cos, warnings);
            tilted = sin > TILT_SINE;
            if (!tilted) {
                // straight stack: the normal itself, free of position rounding
                u = n;
                cos = 1;
            } else {
                warnings.add(new StackWarning(StackWarning.Kind.GANTRY_TILT, tiltMessage(first, u, n, cos,
                        along, kept.size())));
            }
            StepGrid grid = new StepGrid(along);
            GapReport.check(candidate, kept, grid, u, cos, policy, gapFill, warnings);
            k = u;
            sliceSpacing = grid.nominalMm() / cos;
            nz = grid.slotCount();
            lower = new int[nz];
            upper = new int[nz];
            weight = new double[nz];
            grid.slots(lower, upper, weight);
        }
        Geometry geometry;
        try {
            geometry = Geometry.builder()
                    .size(first.plane().columns(), first.plane().rows(), nz)
                    .spacing(pixelSpacing[1], pixelSpacing[0], sliceSpacing)
                    .origin(first.plane().position())
                    .direction(new double[] {r.x(), c.x(), k.x(), r.y(), c.y(), k.y(), r.z(), c.z(), k.z()})
                    .allowShear(tilted)
                    .build();
        } catch (GeometryException e) {
            throw new SeriesException(candidate, SeriesException.Reason.UNSUPPORTED, "no volume grid fits the "
                    + "slices: " + e.getMessage(), e);
        }
        return new SliceStack(candidate, kept, geometry, lower, upper, weight, warnings);
    }

    /** Order among slices at one position: In-Stack Position, Instance Number, file, frame. */
    static final Comparator<PlanarSlice> TIE_BREAK = Comparator
            .comparingInt(PlanarSlice::inStackPosition)
            .thenComparingInt(PlanarSlice::instanceNumber)
            .thenComparing(s -> s.instance().path().toString())
            .thenComparingInt(PlanarSlice::frame);

    /**
     * PS3.3 C.7.6.2.1.1 gives no spacing for one slice; Spacing Between Slices (C.8.4.10.1.3, MR) is the centre
     * distance when present, else Slice Thickness (nominal slab), else 1 mm so that the grid is valid.
     */
    static double singleSliceSpacing(ImagePlane p) {
        if (p.spacingBetweenSlicesMm() > 0 && Double.isFinite(p.spacingBetweenSlicesMm())) {
            return p.spacingBetweenSlicesMm();
        }
        if (p.sliceThicknessMm() > 0 && Double.isFinite(p.sliceThicknessMm())) {
            return p.sliceThicknessMm();
        }
        return 1.0;
    }

    private List<PlanarSlice> dropDuplicates(StackCandidate candidate, List<PlanarSlice> sorted, Point3 n,
                                             PixelEquality pixels, List<StackWarning> warnings) throws IOException {
        List<PlanarSlice> kept = new ArrayList<>(sorted.size());
        List<String> reports = new ArrayList<>();
        int groups = 0;
        for (int i = 0; i < sorted.size(); ) {
            double at = sorted.get(i).plane().along(n);
            int j = i + 1;
            while (j < sorted.size() && sorted.get(j).plane().along(n) - at < DUPLICATE_TOLERANCE_MM) {
                j++;
            }
            if (j - i == 1) {
                kept.add(sorted.get(i));
                i = j;
                continue;
            }
            List<PlanarSlice> group = new ArrayList<>(sorted.subList(i, j));
            group.sort(TIE_BREAK);
            PlanarSlice keep = group.get(0);
            kept.add(keep);
            List<String> same = new ArrayList<>();
            List<String> different = new ArrayList<>();
            for (PlanarSlice other : group.subList(1, group.size())) {
                (pixels.identical(keep, other) ? same : different).add(other.describe());
            }
            String where = Vec3.format(keep.plane().position()) + " mm LPS";
            if (!different.isEmpty() && policy == StackPolicy.STRICT) {
                throw new SeriesException(candidate, SeriesException.Reason.DUPLICATE_POSITION, "duplicate "
                        + "position: " + keep.describe() + " and " + String.join(", ", different) + " are both at "
                        + where + " with different pixels; load leniently to keep " + keep.describe());
            }
            groups++;
            if (reports.size() < 5) {
                StringBuilder sb = new StringBuilder(where).append(" holds ").append(keep.describe());
                if (!same.isEmpty()) {
                    sb.append(" and, with identical pixels, ").append(String.join(", ", same))
                            .append(" (dropped)");
                }
                if (!different.isEmpty()) {
                    sb.append(same.isEmpty() ? " and " : "; and ").append(String.join(", ", different))
                            .append(" with different pixels: kept ").append(keep.describe())
                            .append(" (lowest In-Stack Position / Instance Number), dropped the others");
                }
                reports.add(sb.toString());
            }
            i = j;
        }
        if (groups > 0) {
            warnings.add(new StackWarning(StackWarning.Kind.DUPLICATE_POSITION, groups + " position(s) with more "
                    + "than one slice: " + String.join("; ", reports) + (groups > reports.size() ? "; and "
                    + (groups - reports.size()) + " more" : "")));
        }
        return kept;
    }

    private void checkOffAxis(StackCandidate candidate, List<PlanarSlice> kept, double[] along, Point3 u,
                              double cos, List<StackWarning> warnings) throws SeriesException {
        Point3 p0 = kept.get(0).plane().position();
        double worst = 0;
        int worstAt = 0;
        for (int i = 1; i < kept.size(); i++) {
            Point3 expected = p0.plus(Vec3.scale(u, (along[i] - along[0]) / cos));
            double off = kept.get(i).plane().position().distanceTo(expected);
            if (off > worst) {
                worst = off;
                worstAt = i;
            }
        }
        if (worst <= OFF_AXIS_TOLERANCE_MM) {
            return;
        }
        String what = "slice positions are off the line from the first to the last slice: "
                + kept.get(worstAt).describe() + " (slice " + worstAt + ") is " + Vec3.mm(worst) + " mm off it";
        if (policy == StackPolicy.STRICT) {
            throw new SeriesException(candidate, SeriesException.Reason.OFF_AXIS_POSITION, what
                    + "; load leniently to stack along that line anyway");
        }
        warnings.add(new StackWarning(StackWarning.Kind.OFF_AXIS_POSITION, what
                + "; stacked along that line, so such slices are misplaced by up to that distance"));
    }

    private static String tiltMessage(PlanarSlice first, Point3 u, Point3 n, double cos, double[] along, int count) {
        double stated = StackConsistency.statedGantryTilt(first.instance());
        double degrees = Vec3.angleDegrees(u, n);
        return "slices are stacked along " + Vec3.format(u) + ", " + String.format(java.util.Locale.ROOT, "%.2f",
                degrees) + " degrees from their plane normal " + Vec3.format(n)
                + (Double.isNaN(stated) ? "" : " (Gantry/Detector Tilt says " + Vec3.mm(stated) + " degrees)")
                + ": the grid is sheared (its k axis is the step between positions, "
                + Vec3.mm((along[count - 1] - along[0]) / (count - 1) / cos) + " mm), every voxel at its true "
                + "position; resample to remove the tilt";
    }

    @Override
    public String toString() {
        return "SliceStacker[" + policy + ", " + gapFill + "]";
    }
}
