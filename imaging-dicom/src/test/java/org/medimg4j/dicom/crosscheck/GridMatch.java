package org.medimg4j.dicom.crosscheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.Volume;

/**
 * Test fixture: how the voxels of one grid ("theirs", e.g. a NIfTI file another tool wrote) land on the voxels of
 * another ("ours") when both sample the same points in LPS space but may order, flip or permute the axes (dcm2niix
 * flips rows to its own convention). Our index = {@code base + sign[a]·e(axis[a])} per step along their axis a.
 *
 * @param base the index (i, j, k) in ours of their voxel (0, 0, 0)
 * @param axis for each of their axes, which of our axes it runs along
 * @param sign for each of their axes, +1 or −1
 */
record GridMatch(int[] base, int[] axis, int[] sign) {

    /** @return the eight corner voxel centres (index 0 or n−1 on each axis), LPS mm */
    static List<Point3> corners(Geometry g) {
        List<Point3> c = new ArrayList<>(8);
        for (int corner = 0; corner < 8; corner++) {
            c.add(g.indexToWorld((corner & 1) == 0 ? 0 : g.nx() - 1, (corner & 2) == 0 ? 0 : g.ny() - 1,
                    (corner & 4) == 0 ? 0 : g.nz() - 1));
        }
        return c;
    }

    /**
     * @return the largest distance, mm, from a corner voxel centre of either grid to the nearest corner of the
     *         other: 0 when the two grids have the same set of corners (in whatever order)
     */
    static double cornerSetDistance(Geometry a, Geometry b) {
        return Math.max(oneWay(corners(a), corners(b)), oneWay(corners(b), corners(a)));
    }

    private static double oneWay(List<Point3> from, List<Point3> to) {
        double worst = 0;
        for (Point3 p : from) {
            double nearest = Double.POSITIVE_INFINITY;
            for (Point3 q : to) {
                nearest = Math.min(nearest, p.distanceTo(q));
            }
            worst = Math.max(worst, nearest);
        }
        return worst;
    }

    /** @return the spacing, mm, sorted: the voxel size as a multiset, whatever the axis order */
    static double[] sortedSpacing(Geometry g) {
        double[] s = g.spacing();
        Arrays.sort(s);
        return s;
    }

    /**
     * @param ours        our grid
     * @param theirs      their grid, with the same number of voxels along the matched axes
     * @param toleranceMm how far a voxel centre of theirs may be from the matched centre of ours
     * @return the correspondence
     * @throws AssertionError naming both grids when one of their axes does not step along one of ours by ±1
     *                        voxel, or their first voxel is not on one of ours
     */
    static GridMatch of(Geometry ours, Geometry theirs, double toleranceMm) {
        double[] origin = ours.worldToIndex(theirs.indexToWorld(0, 0, 0));
        int[] base = new int[3];
        for (int b = 0; b < 3; b++) {
            base[b] = (int) Math.round(origin[b]);
        }
        require(ours.indexToWorld(base[0], base[1], base[2]).distanceTo(theirs.indexToWorld(0, 0, 0)) <= toleranceMm,
                "their voxel (0, 0, 0) is not on a voxel centre of ours", ours, theirs);
        int[] axis = new int[3];
        int[] sign = new int[3];
        boolean[] used = new boolean[3];
        for (int a = 0; a < 3; a++) {
            double[] step = ours.worldToIndex(theirs.indexToWorld(a == 0 ? 1 : 0, a == 1 ? 1 : 0, a == 2 ? 1 : 0));
            int best = 0;
            for (int b = 0; b < 3; b++) {
                step[b] -= origin[b];
                if (Math.abs(step[b]) > Math.abs(step[best])) {
                    best = b;
                }
            }
            require(!used[best], "two of their axes run along our axis " + best, ours, theirs);
            used[best] = true;
            axis[a] = best;
            sign[a] = step[best] > 0 ? 1 : -1;
        }
        GridMatch m = new GridMatch(base, axis, sign);
        // every corner of theirs must land inside ours and on the matched voxel centre
        for (int corner = 0; corner < 8; corner++) {
            int i = (corner & 1) == 0 ? 0 : theirs.nx() - 1;
            int j = (corner & 2) == 0 ? 0 : theirs.ny() - 1;
            int k = (corner & 4) == 0 ? 0 : theirs.nz() - 1;
            int[] o = m.ours(i, j, k);
            boolean inside = o[0] >= 0 && o[0] < ours.nx() && o[1] >= 0 && o[1] < ours.ny() && o[2] >= 0
                    && o[2] < ours.nz();
            require(inside, "their voxel (" + i + ", " + j + ", " + k + ") falls outside ours at "
                    + Arrays.toString(o), ours, theirs);
            double d = ours.indexToWorld(o[0], o[1], o[2]).distanceTo(theirs.indexToWorld(i, j, k));
            require(d <= toleranceMm, String.format(Locale.ROOT, "their voxel (%d, %d, %d) is %.6f mm from our"
                    + " voxel %s", i, j, k, d, Arrays.toString(o)), ours, theirs);
        }
        return m;
    }

    private static void require(boolean ok, String what, Geometry ours, Geometry theirs) {
        if (!ok) {
            throw new AssertionError(what + ": ours " + ours + ", theirs " + theirs);
        }
    }

    /** @return our index (i, j, k) of their voxel (i, j, k) */
    int[] ours(int i, int j, int k) {
        int[] o = base.clone();
        int[] t = {i, j, k};
        for (int a = 0; a < 3; a++) {
            o[axis[a]] += sign[a] * t[a];
        }
        return o;
    }

    /**
     * @return the largest |their value − our value| over every voxel of theirs, each compared with our voxel at
     *         the same point
     */
    double maxDifference(Volume ours, Volume theirs) {
        Geometry go = ours.geometry();
        Geometry gt = theirs.geometry();
        float[] o = ours.toFloatArray();
        float[] t = theirs.toFloatArray();
        double worst = 0;
        int n = 0;
        for (int k = 0; k < gt.nz(); k++) {
            for (int j = 0; j < gt.ny(); j++) {
                for (int i = 0; i < gt.nx(); i++) {
                    int[] x = ours(i, j, k);
                    float mine = o[(x[2] * go.ny() + x[1]) * go.nx() + x[0]];
                    worst = Math.max(worst, Math.abs(t[n++] - mine));
                }
            }
        }
        return worst;
    }
}
