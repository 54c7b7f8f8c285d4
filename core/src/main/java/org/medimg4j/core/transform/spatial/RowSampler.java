package org.medimg4j.core.transform.spatial;

/**
 * Samples one output row whose input positions are arbitrary (oblique grids, rotations, displacement fields):
 * {@code locate…} turns continuous input indices into a flat base offset and fractional weights once per row, and
 * the read methods apply them to every channel. One instance per worker; not thread-safe.
 *
 * <p>Indices are clamped into [0, n − 1] before the cast to int, so the cast is a floor and no {@code Math.floor}
 * is needed; the lower corner is kept ≤ n − 2 so that its upper neighbour always exists.
 */
final class RowSampler {

    /** Flat offset within a channel of the lower corner (linear) or of the voxel (nearest); −1 = outside. */
    private final int[] base;
    private final float[] fx;
    private final float[] fy;
    private final float[] fz;

    RowSampler(int n) {
        base = new int[n];
        fx = new float[n];
        fy = new float[n];
        fz = new float[n];
    }

    /**
     * @param s    the input grid
     * @param px   continuous input x index per output voxel
     * @param py   continuous input y index
     * @param pz   continuous input z index
     * @param n    voxels in the row
     * @param edge whether outside points clamp to the edge (else they are marked outside)
     */
    void locateLinear(SourceGrid s, double[] px, double[] py, double[] pz, int n, boolean edge) {
        int nx = s.nx;
        int ny = s.ny;
        int nz = s.nz;
        double topX = nx - 1;
        double topY = ny - 1;
        double topZ = nz - 1;
        int maxX0 = Math.max(nx - 2, 0);
        int maxY0 = Math.max(ny - 2, 0);
        int maxZ0 = Math.max(nz - 2, 0);
        for (int i = 0; i < n; i++) {
            double x = px[i];
            double y = py[i];
            double z = pz[i];
            if (!edge && !s.inside(x, y, z)) {
                base[i] = -1;
                continue;
            }
            double xc = x < 0 ? 0 : Math.min(x, topX);
            double yc = y < 0 ? 0 : Math.min(y, topY);
            double zc = z < 0 ? 0 : Math.min(z, topZ);
            int x0 = Math.min((int) xc, maxX0);
            int y0 = Math.min((int) yc, maxY0);
            int z0 = Math.min((int) zc, maxZ0);
            fx[i] = (float) (xc - x0);
            fy[i] = (float) (yc - y0);
            fz[i] = (float) (zc - z0);
            base[i] = (z0 * ny + y0) * nx + x0;
        }
    }

    /** Like {@link #locateLinear} for nearest-neighbour reads: {@code base} holds the voxel's own offset. */
    void locateNearest(SourceGrid s, double[] px, double[] py, double[] pz, int n, boolean edge) {
        int nx = s.nx;
        int ny = s.ny;
        double topX = s.nx - 1;
        double topY = s.ny - 1;
        double topZ = s.nz - 1;
        for (int i = 0; i < n; i++) {
            double x = px[i];
            double y = py[i];
            double z = pz[i];
            if (!edge && !s.inside(x, y, z)) {
                base[i] = -1;
                continue;
            }
            // + 0.5 then truncate: round half up, valid because the value is already clamped to be >= 0
            int xi = (int) ((x < 0 ? 0 : Math.min(x, topX)) + 0.5);
            int yi = (int) ((y < 0 ? 0 : Math.min(y, topY)) + 0.5);
            int zi = (int) ((z < 0 ? 0 : Math.min(z, topZ)) + 0.5);
            base[i] = (zi * ny + yi) * nx + xi;
        }
    }

    /** Trilinear (bilinear when the input has depth 1) reads of one channel after {@link #locateLinear}. */
    void interpolate(float[] src, int channelOffset, SourceGrid s, float pad, float[] out, int outOffset, int n) {
        int sx = s.strideX;
        int sy = s.strideY;
        int sz = s.strideZ;
        if (sz == 0) {
            for (int i = 0; i < n; i++) {
                int b = base[i];
                if (b < 0) {
                    out[outOffset + i] = pad;
                    continue;
                }
                int p = channelOffset + b;
                float wx = fx[i];
                float c00 = src[p];
                float c10 = src[p + sy];
                float a0 = c00 + wx * (src[p + sx] - c00);
                float a1 = c10 + wx * (src[p + sy + sx] - c10);
                out[outOffset + i] = a0 + fy[i] * (a1 - a0);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int b = base[i];
            if (b < 0) {
                out[outOffset + i] = pad;
                continue;
            }
            int p = channelOffset + b;
            int q = p + sz;
            float wx = fx[i];
            float wy = fy[i];
            float c000 = src[p];
            float c010 = src[p + sy];
            float c001 = src[q];
            float c011 = src[q + sy];
            float a00 = c000 + wx * (src[p + sx] - c000);
            float a10 = c010 + wx * (src[p + sy + sx] - c010);
            float a01 = c001 + wx * (src[q + sx] - c001);
            float a11 = c011 + wx * (src[q + sy + sx] - c011);
            float b0 = a00 + wy * (a10 - a00);
            float b1 = a01 + wy * (a11 - a01);
            out[outOffset + i] = b0 + fz[i] * (b1 - b0);
        }
    }

    /** Nearest reads of one float channel after {@link #locateNearest}. */
    void gather(float[] src, int channelOffset, float pad, float[] out, int outOffset, int n) {
        for (int i = 0; i < n; i++) {
            int b = base[i];
            out[outOffset + i] = b < 0 ? pad : src[channelOffset + b];
        }
    }

    /** Nearest reads of labels after {@link #locateNearest}; outside is background 0. */
    void gather(byte[] src, byte[] out, int outOffset, int n) {
        for (int i = 0; i < n; i++) {
            int b = base[i];
            out[outOffset + i] = b < 0 ? 0 : src[b];
        }
    }
}
