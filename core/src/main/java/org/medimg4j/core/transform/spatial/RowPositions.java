package org.medimg4j.core.transform.spatial;

import org.medimg4j.core.geometry.Geometry;

/**
 * The continuous input index of every voxel of one output row: start + i·step from the output-index →
 * input-index affine, plus, when there is a displacement field, the field's displacement (mm) taken into input
 * index units. One instance per worker; not thread-safe.
 */
final class RowPositions {

    final double[] px;
    final double[] py;
    final double[] pz;
    private final int n;
    private final double[] m;
    /** Input world → index (3×4), used for its linear part; null without a field. */
    private final double[] w2i;
    private final DisplacementField field;
    /** Output index → world (3×4); null without a field. */
    private final double[] i2w;
    private final double[] ux;
    private final double[] uy;
    private final double[] uz;

    RowPositions(int n, double[] m, double[] w2i, DisplacementField field, Geometry target) {
        this.n = n;
        this.m = m;
        this.w2i = w2i;
        this.field = field;
        px = new double[n];
        py = new double[n];
        pz = new double[n];
        if (field != null) {
            i2w = target.indexToWorldAffine();
            ux = new double[n];
            uy = new double[n];
            uz = new double[n];
        } else {
            i2w = null;
            ux = null;
            uy = null;
            uz = null;
        }
    }

    /** Fills the positions of output row j of slice k. */
    void fill(int j, int k) {
        double x0 = m[1] * j + m[2] * k + m[3];
        double y0 = m[5] * j + m[6] * k + m[7];
        double z0 = m[9] * j + m[10] * k + m[11];
        double dx = m[0];
        double dy = m[4];
        double dz = m[8];
        for (int i = 0; i < n; i++) {
            px[i] = x0 + i * dx;
            py[i] = y0 + i * dy;
            pz[i] = z0 + i * dz;
        }
        if (field == null) {
            return;
        }
        double[] a = i2w;
        field.fillLine(a[1] * j + a[2] * k + a[3], a[5] * j + a[6] * k + a[7], a[9] * j + a[10] * k + a[11],
                a[0], a[4], a[8], n, ux, uy, uz);
        double[] l = w2i;
        for (int i = 0; i < n; i++) {
            px[i] += l[0] * ux[i] + l[1] * uy[i] + l[2] * uz[i];
            py[i] += l[4] * ux[i] + l[5] * uy[i] + l[6] * uz[i];
            pz[i] += l[8] * ux[i] + l[9] * uy[i] + l[10] * uz[i];
        }
    }
}
