package org.medimg4j.dicom.series;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Tells which images of one orientation share an Image Position (Patient): the test behind the grouping rules that
 * apply only "when positions repeat" (acquisitions, diffusion encodings, cardiac phases). Stateless.
 */
final class PositionClusters {

    private PositionClusters() {
    }

    /**
     * @param images      images that share one orientation (the first image's is used), each with a position
     * @param toleranceMm the largest distance, mm, between positions still counted as one
     * @return for each image, an id shared by the images at the same position: the index of one of them
     */
    static int[] ids(List<ImageKeys> images, double toleranceMm) {
        // The images share one orientation, so sorting by the projection on its normal brings equal positions
        // together.
        double[] o = images.get(0).orientation();
        double nx = o[1] * o[5] - o[2] * o[4];
        double ny = o[2] * o[3] - o[0] * o[5];
        double nz = o[0] * o[4] - o[1] * o[3];
        int n = images.size();
        double[] d = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double[] p = images.get(i).position();
            d[i] = p[0] * nx + p[1] * ny + p[2] * nz;
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> d[i]));
        int[] id = new int[n];
        Arrays.fill(id, -1);
        int runStart = 0;
        for (int a = 0; a < n; a++) {
            int i = order[a];
            while (d[i] - d[order[runStart]] > toleranceMm) {
                runStart++;
            }
            // Compare with the earlier images of the run: same projection does not mean same position (a shifted
            // field of view), so the full 3-D distance decides.
            for (int b = runStart; b < a && id[i] < 0; b++) {
                int j = order[b];
                if (distance(images.get(i).position(), images.get(j).position()) <= toleranceMm) {
                    id[i] = id[j];
                }
            }
            if (id[i] < 0) {
                id[i] = i;
            }
        }
        return id;
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
