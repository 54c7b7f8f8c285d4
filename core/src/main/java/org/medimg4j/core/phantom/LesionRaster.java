package org.medimg4j.core.phantom;

import java.util.List;
import org.medimg4j.core.geometry.Point3;

/**
 * Draws a case's lesions into one slice: every voxel whose centre lies inside a lesion's ellipsoid gets the
 * lesion's value and label (no partial volume). Each lesion is visited only over its index bounding box, so the
 * cost is that of the lesions' voxels, not of the slice.
 */
final class LesionRaster {

    private final GridFrame f;
    /** per lesion: centre x, y, z in the anatomy frame (mm), 1/rx, 1/ry, 1/rz (1/mm). */
    private final double[] geometry;
    private final float[] values;
    /** per lesion: iMin, iMax, jMin, jMax, kMin, kMax. */
    private final int[] boxes;

    /** @param map the anatomy: each lesion's value is its centre tissue's clean value plus its contrast */
    LesionRaster(GridFrame f, List<Lesion> lesions, TissueMap map) {
        this.f = f;
        int n = lesions.size();
        geometry = new double[6 * n];
        values = new float[n];
        boxes = new int[6 * n];
        for (int l = 0; l < n; l++) {
            Lesion lesion = lesions.get(l);
            Point3 c = lesion.centreMm();
            double x = c.x() - f.cx;
            double y = c.y() - f.cy;
            double z = c.z() - f.cz;
            geometry[6 * l] = x;
            geometry[6 * l + 1] = y;
            geometry[6 * l + 2] = z;
            geometry[6 * l + 3] = 1 / lesion.radiusXMm();
            geometry[6 * l + 4] = 1 / lesion.radiusYMm();
            geometry[6 * l + 5] = 1 / lesion.radiusZMm();
            values[l] = (float) (map.baseValue(map.tissueAt(x, y, z)) + lesion.contrast());
            Point3 r = new Point3(lesion.radiusXMm(), lesion.radiusYMm(), lesion.radiusZMm());
            System.arraycopy(f.indexBox(c.minus(r), c.plus(r)), 0, boxes, 6 * l, 6);
        }
    }

    /** Writes slice {@code k}'s lesion voxels into {@code img} (one slice) and {@code labels} (whole volume). */
    void draw(int k, float[] img, byte[] labels, byte label) {
        int plane = f.nx * f.ny;
        for (int l = 0; l < values.length; l++) {
            int b = 6 * l;
            if (k < boxes[b + 4] || k > boxes[b + 5]) {
                continue;
            }
            double cx = geometry[b];
            double cy = geometry[b + 1];
            double cz = geometry[b + 2];
            double ix = geometry[b + 3];
            double iy = geometry[b + 4];
            double iz = geometry[b + 5];
            float v = values[l];
            int iMin = boxes[b];
            int iMax = boxes[b + 1];
            f.forEachRow(k, boxes[b + 2], boxes[b + 3], (row, x0, y0, z0) -> {
                double rx = x0 - cx;
                double ry = y0 - cy;
                double rz = z0 - cz;
                for (int i = iMin; i <= iMax; i++) {
                    double dx = (rx + f.m0 * i) * ix;
                    double dy = (ry + f.m3 * i) * iy;
                    double dz = (rz + f.m6 * i) * iz;
                    if (dx * dx + dy * dy + dz * dz <= 1) {
                        img[row + i] = v;
                        labels[k * plane + row + i] = label;
                    }
                }
            });
        }
    }
}
