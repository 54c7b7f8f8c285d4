package org.medimg4j.core.phantom;

import java.util.Arrays;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/** Statistics of an image over the voxels of one label, for the phantom tests. */
final class LabelledRegions {

    private LabelledRegions() {
    }

    static float[] values(Volume image, LabelVolume label, int which) {
        float[] v = image.toFloatArray();
        byte[] l = label.toByteArray();
        float[] out = new float[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if ((l[i] & 0xFF) == which) {
                out[n++] = v[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    static double median(Volume image, LabelVolume label, int which) {
        float[] v = values(image, label, which);
        if (v.length == 0) {
            throw new AssertionError("label " + which + " is empty");
        }
        Arrays.sort(v);
        return v[v.length / 2];
    }

    static double mean(Volume image, LabelVolume label, int which) {
        float[] v = values(image, label, which);
        if (v.length == 0) {
            throw new AssertionError("label " + which + " is empty");
        }
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s / v.length;
    }

    /**
     * @return the centroid, LPS mm, of the voxels labelled {@code which} whose centre lies within {@code radiusMm}
     *         of {@code near} (to separate one lesion from the others)
     */
    static Point3 centroidMm(LabelVolume label, int which, Point3 near, double radiusMm) {
        Geometry g = label.geometry();
        double sx = 0;
        double sy = 0;
        double sz = 0;
        int n = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (label.get(k, j, i) == which) {
                        Point3 p = g.indexToWorld(i, j, k);
                        if (p.distanceTo(near) <= radiusMm) {
                            sx += p.x();
                            sy += p.y();
                            sz += p.z();
                            n++;
                        }
                    }
                }
            }
        }
        if (n == 0) {
            throw new AssertionError("no voxel labelled " + which + " near " + near);
        }
        return new Point3(sx / n, sy / n, sz / n);
    }
}
