package org.medimg4j.examples;

import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.LabelVolume;

/**
 * Post-processing for the segmentation examples: removes foreground islands (6-connected in 3-D) smaller than a
 * volume in mL — a slice-by-slice 2-D network leaves small false-positive blobs far from any lesion, which cost
 * Dice and, above all, HD95. (The library's own post-processing, with 18/26-connectivity and hole filling, belongs
 * to the inferers of issue 7; this is the few lines an example needs.)
 */
final class SmallComponents {

    private SmallComponents() {
    }

    /**
     * @param labels a label volume (any non-zero label is foreground)
     * @param minMl  the smallest component kept, mL
     * @return a copy with smaller components set to 0
     */
    static LabelVolume removeBelow(LabelVolume labels, double minMl) {
        Geometry g = labels.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        byte[] v = labels.toByteArray();
        long minVoxels = (long) Math.ceil(minMl * 1000.0 / g.voxelVolumeMm3());
        int[] component = new int[v.length];
        int[] queue = new int[v.length];
        int plane = nx * ny;
        int next = 0;
        for (int start = 0; start < v.length; start++) {
            if (v[start] == 0 || component[start] != 0) {
                continue;
            }
            next++;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            component[start] = next;
            while (head < tail) {
                int p = queue[head++];
                int x = p % nx;
                int y = (p / nx) % ny;
                int z = p / plane;
                int[] neighbours = {x > 0 ? p - 1 : -1, x < nx - 1 ? p + 1 : -1, y > 0 ? p - nx : -1,
                    y < ny - 1 ? p + nx : -1, z > 0 ? p - plane : -1, z < nz - 1 ? p + plane : -1};
                for (int q : neighbours) {
                    if (q >= 0 && v[q] != 0 && component[q] == 0) {
                        component[q] = next;
                        queue[tail++] = q;
                    }
                }
            }
            if (tail < minVoxels) {
                for (int i = 0; i < tail; i++) {
                    v[queue[i]] = 0;
                }
            }
        }
        return LabelVolume.of(g, v);
    }
}
