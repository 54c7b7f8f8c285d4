package org.medimg4j.dicom.series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The spacing analysis of a sorted, de-duplicated stack: the usual step between slice positions (measured along
 * the plane normal), the gaps that are whole multiples of it (missing slices), the steps that are neither
 * (non-uniform spacing), and the uniform grid of slots that a lenient load fills: for each slot, the stored slice
 * copied exactly, or the two stored slices around it and the weight of the upper one.
 */
final class StepGrid {

    /** A gap of whole missing slices after sorted slice {@code after}. */
    record Gap(int after, double stepMm, int missing) {
    }

    private final double[] along;
    private final double nominalMm;
    private final double toleranceMm;
    private final List<Gap> gaps = new ArrayList<>();
    private final List<Integer> irregular = new ArrayList<>();

    /** @param along the slices' positions along the normal, mm, strictly increasing, at least two */
    StepGrid(double[] along) {
        this.along = along.clone();
        double[] steps = new double[along.length - 1];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = along[i + 1] - along[i];
        }
        this.nominalMm = mostCommon(steps);
        this.toleranceMm = tolerance(nominalMm);
        for (int i = 0; i < steps.length; i++) {
            double s = steps[i];
            if (Math.abs(s - nominalMm) <= toleranceMm) {
                continue;
            }
            long r = Math.round(s / nominalMm);
            if (r >= 2 && Math.abs(s - r * nominalMm) <= toleranceMm * r) {
                gaps.add(new Gap(i, s, (int) Math.min(Integer.MAX_VALUE, r - 1)));
            } else {
                irregular.add(i);
            }
        }
    }

    /**
     * How far a step may differ from the usual one and still count as it: 0.5 % of the step, at least 0.01 mm —
     * positions are decimal strings (DS) rounded by the writer, and table positions jitter by micrometres.
     */
    static double tolerance(double stepMm) {
        return Math.max(0.01, 0.005 * stepMm);
    }

    /**
     * The most common step: sorted steps are clustered (a step joins the cluster while within the tolerance of
     * its smallest member), the largest cluster wins (the smaller step on a tie), and its mean is returned, which
     * averages out DS rounding.
     */
    static double mostCommon(double[] steps) {
        double[] s = steps.clone();
        Arrays.sort(s);
        int bestFrom = 0;
        int bestLen = 0;
        for (int from = 0; from < s.length; ) {
            int to = from + 1;
            while (to < s.length && s[to] - s[from] <= tolerance(s[from])) {
                to++;
            }
            if (to - from > bestLen) {
                bestFrom = from;
                bestLen = to - from;
            }
            from = to;
        }
        double sum = 0;
        for (int i = bestFrom; i < bestFrom + bestLen; i++) {
            sum += s[i];
        }
        return sum / bestLen;
    }

    /** @return the usual step along the normal, mm */
    double nominalMm() {
        return nominalMm;
    }

    /** @return the step tolerance, mm */
    double toleranceMm() {
        return toleranceMm;
    }

    /** @return the gaps of whole missing slices, in position order */
    List<Gap> gaps() {
        return gaps;
    }

    /** @return the indices i of the steps i → i+1 that are neither the usual step nor a multiple of it */
    List<Integer> irregularSteps() {
        return irregular;
    }

    /** @param i a step index @return the step from slice i to slice i + 1 along the normal, mm */
    double stepMm(int i) {
        return along[i + 1] - along[i];
    }

    /** @return whether every step is the usual one */
    boolean isUniform() {
        return gaps.isEmpty() && irregular.isEmpty();
    }

    /** @return the smallest and largest step, mm */
    double[] stepRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i + 1 < along.length; i++) {
            double s = along[i + 1] - along[i];
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        return new double[] {lo, hi};
    }

    /**
     * The slots of the uniform grid from the first slice, one usual step apart, up to the last slice (never
     * beyond it: nothing is extrapolated). Each slot is {lower, upper, weight of upper}: an exact copy of a stored
     * slice within the tolerance has lower == upper and weight 0.
     *
     * @param lower  receives, per slot, the stored slice at or below the slot
     * @param upper  receives, per slot, the stored slice above (== lower for an exact copy)
     * @param weight receives, per slot, the weight of {@code upper} in [0, 1)
     */
    void slots(int[] lower, int[] upper, double[] weight) {
        int i = 0;
        for (int k = 0; k < lower.length; k++) {
            double g = along[0] + k * nominalMm;
            while (i + 1 < along.length && along[i + 1] <= g + toleranceMm) {
                i++;
            }
            // along[i] <= g + tol < along[i + 1] + (tol): the nearest stored slice is i or i + 1
            int near = i + 1 < along.length && Math.abs(along[i + 1] - g) < Math.abs(along[i] - g) ? i + 1 : i;
            if (Math.abs(along[near] - g) <= toleranceMm) {
                lower[k] = near;
                upper[k] = near;
                weight[k] = 0;
            } else {
                // not within the tolerance of i or i + 1, so along[i] < g < along[i + 1] (the slot count stops
                // the grid within the tolerance of the last slice)
                lower[k] = i;
                upper[k] = i + 1;
                weight[k] = (g - along[i]) / (along[i + 1] - along[i]);
            }
        }
    }

    /** @return the number of slots {@link #slots} fills: the first to the last slice in usual steps */
    int slotCount() {
        if (isUniform()) {
            return along.length;
        }
        double span = along[along.length - 1] - along[0];
        long n = (long) Math.floor((span + toleranceMm) / nominalMm) + 1;
        return (int) Math.min(n, Integer.MAX_VALUE);
    }
}
