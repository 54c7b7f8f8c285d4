package org.medimg4j.core.transform.spatial;

import org.medimg4j.core.geometry.Geometry;

/**
 * The input grid as the sampling kernels see it: sizes, flat strides, and the continuous-index range that counts
 * as inside (see {@link Padding}). A stride is 0 on an axis of one voxel, so that the "next" neighbour along it is
 * the voxel itself and the kernels need no branch for 2-D images.
 */
final class SourceGrid {

    final int nx;
    final int ny;
    final int nz;
    /** Voxels in one channel. */
    final int voxels;
    final int strideX;
    final int strideY;
    final int strideZ;
    /** Inside range of the continuous index per axis; ±∞ on an axis of one voxel (infinitely thick). */
    final double loX;
    final double hiX;
    final double loY;
    final double hiY;
    final double loZ;
    final double hiZ;

    SourceGrid(Geometry g) {
        nx = g.nx();
        ny = g.ny();
        nz = g.nz();
        voxels = (int) g.voxelCount();
        strideX = nx > 1 ? 1 : 0;
        strideY = ny > 1 ? nx : 0;
        strideZ = nz > 1 ? nx * ny : 0;
        loX = lo(nx);
        hiX = hi(nx);
        loY = lo(ny);
        hiY = hi(ny);
        loZ = lo(nz);
        hiZ = hi(nz);
    }

    private static double lo(int n) {
        return n > 1 ? -0.5 : Double.NEGATIVE_INFINITY;
    }

    private static double hi(int n) {
        return n > 1 ? n - 0.5 : Double.POSITIVE_INFINITY;
    }

    /**
     * Slack of the inside test, in voxels: twice {@link AxisAlignedSampler#SNAP}, so that a point the separable
     * path places up to SNAP away from its exact position is still inside whenever
     * {@link #insideStrictly} holds for the exact position (the test that decides whether padding is needed).
     */
    static final double SLACK = 2 * AxisAlignedSampler.SNAP;

    /** @return whether the continuous index (x, y, z) is inside, within {@link #SLACK}; NaN counts as outside */
    boolean inside(double x, double y, double z) {
        return x >= loX - SLACK && x <= hiX + SLACK && y >= loY - SLACK && y <= hiY + SLACK
                && z >= loZ - SLACK && z <= hiZ + SLACK;
    }

    /** @return whether the continuous index (x, y, z) is inside with no slack */
    boolean insideStrictly(double x, double y, double z) {
        return x >= loX && x <= hiX && y >= loY && y <= hiY && z >= loZ && z <= hiZ;
    }
}
