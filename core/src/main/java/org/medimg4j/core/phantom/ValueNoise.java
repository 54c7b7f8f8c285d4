package org.medimg4j.core.phantom;

/**
 * Smooth random texture: uniform values in [−1, 1] on a coarse cubic lattice, interpolated with smoothstep
 * weights (value noise). Used for lung texture, cortical folding and X-ray lung markings; the feature size is the
 * lattice spacing. Pure arithmetic on a float array, so it is deterministic and cheap enough per voxel.
 */
final class ValueNoise {

    private static final int MAX_NODES_PER_AXIS = 160;

    private final float[] values;
    private final int nx;
    private final int ny;
    private final int nz;
    private final double x0;
    private final double y0;
    private final double z0;
    private final double inv;

    /**
     * @param r         the random source (its stream is consumed)
     * @param halfX     half extent of the region to cover along x, mm (centred on 0)
     * @param halfY     half extent along y, mm
     * @param halfZ     half extent along z, mm
     * @param spacingMm the lattice spacing (feature size), mm; enlarged if the lattice would be too big
     */
    ValueNoise(PhantomRandom r, double halfX, double halfY, double halfZ, double spacingMm) {
        double longest = 2 * Math.max(halfX, Math.max(halfY, halfZ));
        double s = Math.max(spacingMm, longest / (MAX_NODES_PER_AXIS - 3));
        this.inv = 1.0 / s;
        this.nx = (int) Math.ceil(2 * halfX / s) + 3;
        this.ny = (int) Math.ceil(2 * halfY / s) + 3;
        this.nz = (int) Math.ceil(2 * halfZ / s) + 3;
        this.x0 = -halfX - s;
        this.y0 = -halfY - s;
        this.z0 = -halfZ - s;
        this.values = new float[nx * ny * nz];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (2 * r.nextDouble() - 1);
        }
    }

    /** @return the texture at (x, y, z), anatomy-frame mm, in [−1, 1]; clamped at the lattice's edge */
    double at(double x, double y, double z) {
        double fx = clamp((x - x0) * inv, nx);
        double fy = clamp((y - y0) * inv, ny);
        double fz = clamp((z - z0) * inv, nz);
        int ix = (int) fx;
        int iy = (int) fy;
        int iz = (int) fz;
        double tx = smooth(fx - ix);
        double ty = smooth(fy - iy);
        double tz = smooth(fz - iz);
        int base = (iz * ny + iy) * nx + ix;
        int dy = nx;
        int dz = nx * ny;
        double c00 = lerp(values[base], values[base + 1], tx);
        double c10 = lerp(values[base + dy], values[base + dy + 1], tx);
        double c01 = lerp(values[base + dz], values[base + dz + 1], tx);
        double c11 = lerp(values[base + dz + dy], values[base + dz + dy + 1], tx);
        return lerp(lerp(c00, c10, ty), lerp(c01, c11, ty), tz);
    }

    private static double clamp(double f, int n) {
        // keep f + 1 inside the lattice so that the upper neighbour exists
        return f < 0 ? 0 : Math.min(f, n - 1.000001);
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
