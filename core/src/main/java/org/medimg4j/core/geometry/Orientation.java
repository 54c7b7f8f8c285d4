package org.medimg4j.core.geometry;

/**
 * Three-letter orientation codes for direction cosines, and the canonical (axis-aligned) orientation closest to
 * an oblique one.
 *
 * <p>A code names, for the i, j and k axes in turn, the patient direction towards which that index
 * <em>increases</em> (the convention of nibabel's {@code aff2axcodes} and of DICOM's Patient Orientation,
 * PS3.3 C.7.6.1.1.1): a volume stored in DICOM's natural order is "LPS", a NIfTI volume in its usual order
 * "RAS". The letters are L/R (patient x), P/A (patient y) and S/I (patient z).
 *
 * <p>Direction matrices here are {@code double[9]} in row-major order whose <em>columns</em> are the unit
 * vectors of the i, j and k axes in LPS: element {@code [row * 3 + col]}.
 */
public final class Orientation {

    private static final char[] POSITIVE = {'L', 'P', 'S'};
    private static final char[] NEGATIVE = {'R', 'A', 'I'};

    private Orientation() {
    }

    /**
     * @param direction row-major 3×3 direction cosines, columns the i, j, k axes
     * @return the code of the closest canonical orientation, e.g. "LPS", "RAS", "LIP"
     */
    public static String code(double[] direction) {
        double[] canonical = closestCanonical(direction);
        char[] letters = new char[3];
        for (int col = 0; col < 3; col++) {
            for (int row = 0; row < 3; row++) {
                double v = canonical[row * 3 + col];
                if (v != 0) {
                    letters[col] = v > 0 ? POSITIVE[row] : NEGATIVE[row];
                }
            }
        }
        return new String(letters);
    }

    /**
     * The axis-aligned direction matrix closest to {@code direction}: each axis snaps to the patient axis it is
     * most nearly parallel to, each patient axis used once (the pair with the largest |cosine| is fixed first,
     * so an oblique but clearly axial volume stays axial).
     *
     * @param direction row-major 3×3 direction cosines, columns the i, j, k axes
     * @return a signed permutation matrix, row-major
     */
    public static double[] closestCanonical(double[] direction) {
        requireMatrix(direction, "direction");
        double[] out = new double[9];
        boolean[] rowUsed = new boolean[3];
        boolean[] colUsed = new boolean[3];
        for (int step = 0; step < 3; step++) {
            int bestRow = -1;
            int bestCol = -1;
            double best = -1;
            for (int row = 0; row < 3; row++) {
                if (rowUsed[row]) {
                    continue;
                }
                for (int col = 0; col < 3; col++) {
                    if (colUsed[col]) {
                        continue;
                    }
                    double a = Math.abs(direction[row * 3 + col]);
                    if (a > best) {
                        best = a;
                        bestRow = row;
                        bestCol = col;
                    }
                }
            }
            rowUsed[bestRow] = true;
            colUsed[bestCol] = true;
            out[bestRow * 3 + bestCol] = direction[bestRow * 3 + bestCol] >= 0 ? 1 : -1;
        }
        return out;
    }

    /**
     * The direction matrix of a three-letter code.
     *
     * @param code e.g. "LPS", "RAS", "LIP" (case-insensitive)
     * @return row-major 3×3 signed permutation matrix whose columns are the i, j, k axes in LPS
     * @throws GeometryException if the code is not three letters naming each patient axis once
     */
    public static double[] direction(String code) {
        if (code == null || code.length() != 3) {
            throw new GeometryException("orientation code must be three letters such as \"LPS\", got " + quote(code));
        }
        double[] out = new double[9];
        boolean[] rowUsed = new boolean[3];
        String upper = code.toUpperCase(java.util.Locale.ROOT);
        for (int col = 0; col < 3; col++) {
            char c = upper.charAt(col);
            int row = -1;
            double sign = 0;
            for (int r = 0; r < 3; r++) {
                if (c == POSITIVE[r]) {
                    row = r;
                    sign = 1;
                } else if (c == NEGATIVE[r]) {
                    row = r;
                    sign = -1;
                }
            }
            if (row < 0 || rowUsed[row]) {
                throw new GeometryException("orientation code " + quote(code)
                        + " must use one of L/R, one of P/A and one of S/I, each once");
            }
            rowUsed[row] = true;
            out[row * 3 + col] = sign;
        }
        return out;
    }

    static void requireMatrix(double[] m, String name) {
        if (m == null || m.length != 9) {
            throw new GeometryException(name + " must be a row-major 3x3 matrix of 9 values, got "
                    + (m == null ? "null" : m.length + " values"));
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
