package org.medimg4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medimg4j.core.metric.BinaryConfusion;
import org.medimg4j.core.metric.SurfaceDistances;
import org.medimg4j.core.volume.LabelVolume;

/**
 * Lesion Dice and HD95 over held-out cases, scored on each case's original grid (its own spacing), as a
 * radiologist's reference would be: per case and overall (Dice of the voxels pooled over all cases, so that a
 * large lesion weighs more than a small one; the mean of the per-case values is printed too). Package-private:
 * the examples' bookkeeping.
 */
final class HeldOutScore {

    private final int label;
    private final List<String> ids = new ArrayList<>();
    private final List<Double> dice = new ArrayList<>();
    private final List<Double> hd95 = new ArrayList<>();
    private BinaryConfusion pooled = new BinaryConfusion(0, 0, 0, 0);

    HeldOutScore(int label) {
        this.label = label;
    }

    /** Scores one case and prints its line. */
    void add(String caseId, LabelVolume predicted, LabelVolume truth) {
        BinaryConfusion c = BinaryConfusion.of(predicted, truth, label);
        SurfaceDistances d = SurfaceDistances.compute(predicted, truth, label);
        // HD95 is undefined when either side is empty: report NaN rather than a made-up distance.
        double h = d.predictionEmpty() || d.truthEmpty() ? Double.NaN : d.hd95Mm();
        ids.add(caseId);
        dice.add(c.dice());
        hd95.add(h);
        pooled = pooled.plus(c);
        System.out.printf(Locale.ROOT, "   %-28s lesion %7.2f ml  predicted %7.2f ml  Dice %.3f  HD95 %6.1f mm%n",
                caseId, truth.volumeMl(label), predicted.volumeMl(label), c.dice(), h);
    }

    /** @return the Dice of all cases' voxels pooled */
    double pooledDice() {
        return pooled.dice();
    }

    /** @return the mean of the per-case Dice values (NaN without cases) */
    double meanDice() {
        return dice.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** @return the mean of the finite per-case HD95 values, mm (NaN if none) */
    double meanHd95Mm() {
        return hd95.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** @return the number of cases scored */
    int cases() {
        return ids.size();
    }
}
