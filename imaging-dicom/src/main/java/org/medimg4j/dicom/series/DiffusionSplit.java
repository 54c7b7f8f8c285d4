package org.medimg4j.dicom.series;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The diffusion rule of {@link SeriesGrouper}: a diffusion-weighted MR series acquires the same slices once per
 * diffusion encoding (b-value, gradient direction), so its images repeat positions; each encoding is one volume.
 * Reads Diffusion b-value (0018,9087) and Diffusion Gradient Orientation (0018,9089) as {@link ImageKeys} gives
 * them (top level, or in the MR Diffusion Sequence); private tags are not read. Stateless.
 *
 * <p>The images are split only when two different encodings share a position, so a series whose images all have
 * one b-value (and one or no direction) is never split here, nor is a series whose encodings lie at disjoint
 * positions. Labels, in order of increasing b-value (absent last):
 * <ul>
 *   <li>"b=1000" for the images of a b-value that has one direction, or none;</li>
 *   <li>"b=1000, direction k" when a b-value has several directions, numbered from 1 in acquisition order (the
 *       lowest Instance Number of each direction's images, then path order); that b-value's images without a
 *       direction (an isotropic or trace image) keep "b=1000";</li>
 *   <li>"no b-value" (and "no b-value, direction k") for images without a b-value.</li>
 * </ul>
 * b-values are compared after rounding to 0.01 s/mm² (an FD written from single precision carries noise in its last
 * digits), directions when each component is within {@value #DIRECTION_TOLERANCE}.
 */
final class DiffusionSplit {

    /** The largest difference between corresponding components of two gradient directions counted as one. */
    static final double DIRECTION_TOLERANCE = 1e-4;

    private DiffusionSplit() {
    }

    /**
     * @param images      images of one orientation, each with a position
     * @param toleranceMm the largest distance, mm, between positions still counted as one
     * @return the images by label, in label order; empty when there is nothing to split
     */
    static Map<String, List<ImageKeys>> by(List<ImageKeys> images, double toleranceMm) {
        boolean any = false;
        for (ImageKeys im : images) {
            any |= !Double.isNaN(im.bValue()) || im.gradient() != null;
        }
        if (!any) {
            return Map.of();
        }
        // Per rounded b-value (NaN sorts last in a TreeMap of Double), the distinct directions met, in path order.
        TreeMap<Double, List<Direction>> shells = new TreeMap<>();
        Direction[] encoding = new Direction[images.size()];
        for (int i = 0; i < images.size(); i++) {
            ImageKeys im = images.get(i);
            List<Direction> directions = shells.computeIfAbsent(rounded(im.bValue()), k -> new ArrayList<>());
            Direction d = null;
            for (Direction known : directions) {
                if (known.matches(im.gradient())) {
                    d = known;
                    break;
                }
            }
            if (d == null) {
                d = new Direction(im.gradient());
                directions.add(d);
            }
            d.firstInstance = Math.min(d.firstInstance, im.instanceNumber());
            encoding[i] = d;
        }
        if (!encodingsShareAPosition(images, encoding, toleranceMm)) {
            return Map.of();
        }
        Map<Direction, String> labels = new HashMap<>();
        for (Map.Entry<Double, List<Direction>> shell : shells.entrySet()) {
            String b = Double.isNaN(shell.getKey()) ? "no b-value" : "b=" + format(shell.getKey());
            List<Direction> directional = new ArrayList<>();
            for (Direction d : shell.getValue()) {
                if (d.vector == null) {
                    labels.put(d, b);
                } else {
                    directional.add(d);
                }
            }
            // List.sort is stable: directions with equal (or absent) Instance Numbers stay in path order.
            directional.sort((x, y) -> Integer.compare(x.firstInstance, y.firstInstance));
            for (int k = 0; k < directional.size(); k++) {
                labels.put(directional.get(k), directional.size() == 1 && shell.getValue().size() == 1 ? b
                        : b + ", direction " + (k + 1));
            }
        }
        Map<String, List<ImageKeys>> by = new TreeMap<>(SeriesGrouper::compareNatural);
        for (int i = 0; i < images.size(); i++) {
            by.computeIfAbsent(labels.get(encoding[i]), k -> new ArrayList<>()).add(images.get(i));
        }
        return by;
    }

    /** @return whether some position holds images of two different encodings */
    private static boolean encodingsShareAPosition(List<ImageKeys> images, Direction[] encoding,
            double toleranceMm) {
        int[] position = PositionClusters.ids(images, toleranceMm);
        Map<Integer, Direction> at = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            Direction seen = at.putIfAbsent(position[i], encoding[i]);
            if (seen != null && seen != encoding[i]) {
                return true;
            }
        }
        return false;
    }

    private static double rounded(double b) {
        return Double.isNaN(b) ? Double.NaN : Math.round(b * 100) / 100.0;
    }

    /** @return "1000" for 1000.0, "1.5" for 1.5: b-values are nearly always whole s/mm² */
    private static String format(double b) {
        return BigDecimal.valueOf(b).stripTrailingZeros().toPlainString();
    }

    /** One encoding: a direction (null for none) within one b-value, compared by identity once found. */
    private static final class Direction {
        final double[] vector;
        int firstInstance = Integer.MAX_VALUE;

        Direction(double[] vector) {
            this.vector = vector;
        }

        boolean matches(double[] g) {
            if (vector == null || g == null) {
                return vector == g;
            }
            for (int c = 0; c < 3; c++) {
                if (Math.abs(vector[c] - g[c]) > DIRECTION_TOLERANCE) {
                    return false;
                }
            }
            return true;
        }
    }
}
