package org.medimg4j.core.phantom;

import org.medimg4j.core.geometry.BoundingBox;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;

/**
 * A geometry unpacked for rendering: the index → world matrix as fields, and world coordinates taken relative to
 * the grid's centre, which is where every phantom centres its anatomy (so the anatomy stays in the field of view
 * whatever origin the caller chose). Half extents are those of the world bounding box along the patient axes.
 */
final class GridFrame {

    final Geometry geometry;
    final int nx;
    final int ny;
    final int nz;
    /** index → world, row-major 3×3 (D · diag(spacing)). */
    final double m0, m1, m2, m3, m4, m5, m6, m7, m8;
    /** origin minus centre, mm: the anatomy-frame position of voxel (0, 0, 0). */
    final double ox, oy, oz;
    /** the world (LPS mm) position of the grid's centre. */
    final double cx, cy, cz;
    /** half the bounding box along patient x, y, z, mm. */
    final double hx, hy, hz;

    GridFrame(Geometry g) {
        this.geometry = g;
        this.nx = g.nx();
        this.ny = g.ny();
        this.nz = g.nz();
        double[] a = g.indexToWorldAffine();
        m0 = a[0];
        m1 = a[1];
        m2 = a[2];
        m3 = a[4];
        m4 = a[5];
        m5 = a[6];
        m6 = a[8];
        m7 = a[9];
        m8 = a[10];
        Point3 c = g.indexToWorld((nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0);
        cx = c.x();
        cy = c.y();
        cz = c.z();
        ox = a[3] - cx;
        oy = a[7] - cy;
        oz = a[11] - cz;
        double[] size = g.boundingBox().sizeMm();
        hx = size[0] / 2;
        hy = size[1] / 2;
        hz = size[2] / 2;
    }

    /** One row of a slice, as {@link #forEachRow} hands it over. */
    @FunctionalInterface
    interface RowAction {
        /**
         * @param row the row's first voxel within the slice (j·nx)
         * @param x0  anatomy-frame x of the row's voxel i = 0, mm; voxel i is at x0 + m0·i
         * @param y0  likewise y, mm; voxel i is at y0 + m3·i
         * @param z0  likewise z, mm; voxel i is at z0 + m6·i
         */
        void row(int row, double x0, double y0, double z0);
    }

    /**
     * Walks rows {@code jMin..jMax} of slice {@code k}, handing each row's start in the anatomy frame to
     * {@code action}: one call per row, so the per-voxel loop stays inside the caller's own code.
     */
    void forEachRow(int k, int jMin, int jMax, RowAction action) {
        for (int j = jMin; j <= jMax; j++) {
            action.row(j * nx, ox + m1 * j + m2 * k, oy + m4 * j + m5 * k, oz + m7 * j + m8 * k);
        }
    }

    /** Walks every row of slice {@code k}; see {@link #forEachRow(int, int, int, RowAction)}. */
    void forEachRow(int k, RowAction action) {
        forEachRow(k, 0, ny - 1, action);
    }

    /** @return a world point (LPS mm) for an anatomy-frame point */
    Point3 toWorld(double x, double y, double z) {
        return new Point3(x + cx, y + cy, z + cz);
    }

    /** @return whether the anatomy-frame point lies within the grid's voxel centres (index 0..n-1 on each axis) */
    boolean containsCentre(double x, double y, double z) {
        double[] idx = geometry.worldToIndex(toWorld(x, y, z));
        return idx[0] >= 0 && idx[0] <= nx - 1 && idx[1] >= 0 && idx[1] <= ny - 1 && idx[2] >= 0 && idx[2] <= nz - 1;
    }

    /**
     * The voxel index box {iMin, iMax, jMin, jMax, kMin, kMax} (inclusive, clamped to the grid) holding every
     * voxel whose centre may lie inside the world box {@code lo..hi} (LPS mm); empty when iMin &gt; iMax etc.
     */
    int[] indexBox(Point3 lo, Point3 hi) {
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int corner = 0; corner < 8; corner++) {
            Point3 p = new Point3((corner & 1) == 0 ? lo.x() : hi.x(), (corner & 2) == 0 ? lo.y() : hi.y(),
                    (corner & 4) == 0 ? lo.z() : hi.z());
            double[] idx = geometry.worldToIndex(p);
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], idx[a]);
                max[a] = Math.max(max[a], idx[a]);
            }
        }
        int[] n = {nx, ny, nz};
        int[] box = new int[6];
        for (int a = 0; a < 3; a++) {
            box[2 * a] = (int) Math.max(0, Math.floor(min[a]));
            box[2 * a + 1] = (int) Math.min(n[a] - 1, Math.ceil(max[a]));
        }
        return box;
    }

    /** @return the world bounding box of the grid, LPS mm */
    BoundingBox boundingBox() {
        return geometry.boundingBox();
    }
}
