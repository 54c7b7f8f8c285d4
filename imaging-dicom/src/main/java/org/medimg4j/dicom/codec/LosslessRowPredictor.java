package org.medimg4j.dicom.codec;

/**
 * Undoes the prediction of lossless JPEG for one row of a scan (ITU T.81 H.1.2.1, H.2.2): sample = (prediction +
 * difference) mod 2^16. Rows are int arrays holding the scan's components interleaved ({@code nc} values per
 * pixel), in the point-transformed domain (the shift by Pt is applied when the row is stored).
 *
 * <p>One loop per predictor, chosen once per row, so the per-sample work is a few array reads and adds. Predictions
 * are computed in full int precision without clamping, as H.1.2.1 requires; 5 and 6 halve with an arithmetic
 * shift.
 */
final class LosslessRowPredictor {

    private LosslessRowPredictor() {
    }

    /**
     * @param prev      the row above (ignored when {@code firstRow})
     * @param cur       where the row goes
     * @param diff      the decoded differences
     * @param nc        components in the scan (interleaved in the rows)
     * @param n         values in the row: columns × nc
     * @param predictor selection value 1–7 (T.81 Table H.1)
     * @param firstRow  the first row of the scan or of a restart interval: the first pixel is predicted by
     *                  {@code initial}, the others by the sample to the left (H.1.2.1)
     * @param initial   2^(P − Pt − 1)
     */
    static void reconstruct(int[] prev, int[] cur, int[] diff, int nc, int n, int predictor, boolean firstRow,
                            int initial) {
        if (nc == 1) {
            reconstructSingle(prev, cur, diff, n, predictor, firstRow, initial);
            return;
        }
        if (firstRow) {
            for (int c = 0; c < nc; c++) {
                cur[c] = (initial + diff[c]) & 0xFFFF;
            }
            for (int i = nc; i < n; i++) {
                cur[i] = (cur[i - nc] + diff[i]) & 0xFFFF;
            }
            return;
        }
        // The first pixel of every other row is predicted from the one above (H.1.2.1).
        for (int c = 0; c < nc; c++) {
            cur[c] = (prev[c] + diff[c]) & 0xFFFF;
        }
        switch (predictor) {
            case 1 -> {
                for (int i = nc; i < n; i++) {
                    cur[i] = (cur[i - nc] + diff[i]) & 0xFFFF;
                }
            }
            case 2 -> {
                for (int i = nc; i < n; i++) {
                    cur[i] = (prev[i] + diff[i]) & 0xFFFF;
                }
            }
            case 3 -> {
                for (int i = nc; i < n; i++) {
                    cur[i] = (prev[i - nc] + diff[i]) & 0xFFFF;
                }
            }
            case 4 -> {
                for (int i = nc; i < n; i++) {
                    cur[i] = (cur[i - nc] + prev[i] - prev[i - nc] + diff[i]) & 0xFFFF;
                }
            }
            case 5 -> {
                for (int i = nc; i < n; i++) {
                    cur[i] = (cur[i - nc] + ((prev[i] - prev[i - nc]) >> 1) + diff[i]) & 0xFFFF;
                }
            }
            case 6 -> {
                for (int i = nc; i < n; i++) {
                    cur[i] = (prev[i] + ((cur[i - nc] - prev[i - nc]) >> 1) + diff[i]) & 0xFFFF;
                }
            }
            case 7 -> {
                for (int i = nc; i < n; i++) {
                    cur[i] = (((cur[i - nc] + prev[i]) >> 1) + diff[i]) & 0xFFFF;
                }
            }
            default -> throw new IllegalArgumentException("predictor " + predictor + " is not 1-7");
        }
    }
    /**
     * The single-component case (every DICOM grey-scale image): the sample to the left is carried in a local
     * variable, so the serial dependency through Ra costs an add and a mask instead of a store and a reload.
     */
    private static void reconstructSingle(int[] prev, int[] cur, int[] diff, int n, int predictor,
                                          boolean firstRow, int initial) {
        int ra = ((firstRow ? initial : prev[0]) + diff[0]) & 0xFFFF;
        cur[0] = ra;
        if (firstRow) {
            for (int i = 1; i < n; i++) {
                ra = (ra + diff[i]) & 0xFFFF;
                cur[i] = ra;
            }
            return;
        }
        switch (predictor) {
            case 1 -> {
                for (int i = 1; i < n; i++) {
                    ra = (ra + diff[i]) & 0xFFFF;
                    cur[i] = ra;
                }
            }
            case 2 -> {
                for (int i = 1; i < n; i++) {
                    cur[i] = (prev[i] + diff[i]) & 0xFFFF;
                }
            }
            case 3 -> {
                for (int i = 1; i < n; i++) {
                    cur[i] = (prev[i - 1] + diff[i]) & 0xFFFF;
                }
            }
            case 4 -> {
                for (int i = 1; i < n; i++) {
                    ra = (ra + prev[i] - prev[i - 1] + diff[i]) & 0xFFFF;
                    cur[i] = ra;
                }
            }
            case 5 -> {
                for (int i = 1; i < n; i++) {
                    ra = (ra + ((prev[i] - prev[i - 1]) >> 1) + diff[i]) & 0xFFFF;
                    cur[i] = ra;
                }
            }
            case 6 -> {
                for (int i = 1; i < n; i++) {
                    ra = (prev[i] + ((ra - prev[i - 1]) >> 1) + diff[i]) & 0xFFFF;
                    cur[i] = ra;
                }
            }
            case 7 -> {
                for (int i = 1; i < n; i++) {
                    ra = (((ra + prev[i]) >> 1) + diff[i]) & 0xFFFF;
                    cur[i] = ra;
                }
            }
            default -> throw new IllegalArgumentException("predictor " + predictor + " is not 1-7");
        }
    }
}
