package org.medimg4j.core.geometry;

import java.util.Arrays;

/**
 * Where a voxel grid sits in patient space: its size in voxels, voxel spacing (mm), origin (mm, LPS, the centre
 * of the first voxel) and direction cosines (columns are the i, j, k axes in LPS). Immutable.
 *
 * <p>A voxel at continuous index (i, j, k) lies at {@code origin + D · diag(spacing) · (i, j, k)}, the mapping
 * of DICOM's Image Plane module (PS3.3 C.7.6.2.1.1) extended to the slice axis. Index i runs along x (columns),
 * j along y (rows), k along z (slices); voxel arrays are stored in C order (k, j, i).
 *
 * <p>Direction cosines must be orthonormal to within {@value #ORTHONORMAL_TOLERANCE}: DICOM writes them as
 * decimal strings of limited precision, so exact orthonormality cannot be demanded, but anything further off is
 * refused by default. One shear is real and is accepted when asked for ({@link Builder#allowShear(boolean)}): a
 * CT series acquired with gantry tilt has image planes (i, j orthonormal) stacked along an axis k that is not
 * their normal (PS3.3 C.7.6.2.1.1 and C.8.2.1.1.2: Image Position steps along the table, the plane is tilted).
 * Such a geometry keeps each voxel at its true position; {@link #isOrthonormal()} says so, every index ↔ world
 * mapping here uses the true inverse, and resampling onto an orthonormal grid removes the tilt.
 */
public final class Geometry {

    /** The largest deviation from orthonormality accepted in the direction cosines (unitless). */
    public static final double ORTHONORMAL_TOLERANCE = 1e-3;

    /**
     * The smallest cosine accepted between a sheared k axis and the i–j plane's normal (60°): gantry tilts reach
     * about 30°; beyond 60° the grid is closer to degenerate than to a tilted stack.
     */
    public static final double MIN_SHEAR_COSINE = 0.5;

    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    private final int[] size;
    private final double[] spacing;
    private final double[] origin;
    private final double[] direction;
    /** index → world, row-major 3×3: D · diag(spacing). */
    private final double[] indexToWorld;
    /** world → index, row-major 3×3: the inverse of {@link #indexToWorld}. */
    private final double[] worldToIndex;
    private final boolean orthonormal;

    private Geometry(int[] size, double[] spacing, double[] origin, double[] direction, boolean orthonormal) {
        this.orthonormal = orthonormal;
        this.size = size;
        this.spacing = spacing;
        this.origin = origin;
        this.direction = direction;
        this.indexToWorld = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                indexToWorld[r * 3 + c] = direction[r * 3 + c] * spacing[c];
            }
        }
        this.worldToIndex = invert(indexToWorld);
    }

    /** @return a builder with identity direction, zero origin and 1 mm spacing; size must be set */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An axis-aligned (LPS) geometry at the origin.
     *
     * @param nx voxels along i (columns)
     * @param ny voxels along j (rows)
     * @param nz voxels along k (slices)
     * @param sx spacing along i, mm
     * @param sy spacing along j, mm
     * @param sz spacing along k, mm
     */
    public static Geometry of(int nx, int ny, int nz, double sx, double sy, double sz) {
        return builder().size(nx, ny, nz).spacing(sx, sy, sz).build();
    }

    /** @return a builder preset to this geometry, to change some of it */
    public Builder toBuilder() {
        return new Builder().size(size[0], size[1], size[2]).spacing(spacing[0], spacing[1], spacing[2])
                .origin(origin[0], origin[1], origin[2]).direction(direction).allowShear(!orthonormal);
    }

    /** @return voxels along i (x, columns) */
    public int nx() {
        return size[0];
    }

    /** @return voxels along j (y, rows) */
    public int ny() {
        return size[1];
    }

    /** @return voxels along k (z, slices) */
    public int nz() {
        return size[2];
    }

    /** @return {nx, ny, nz} as a new array */
    public int[] size() {
        return size.clone();
    }

    /** @return voxels in the grid, nx·ny·nz */
    public long voxelCount() {
        return (long) size[0] * size[1] * size[2];
    }

    /** @return {sx, sy, sz} in mm, a new array */
    public double[] spacing() {
        return spacing.clone();
    }

    /** @param axis 0 = i, 1 = j, 2 = k @return the spacing along that axis, mm */
    public double spacing(int axis) {
        return spacing[axis];
    }

    /** @return the volume of one voxel, mm³ */
    public double voxelVolumeMm3() {
        return spacing[0] * spacing[1] * spacing[2];
    }

    /** @return the centre of voxel (0, 0, 0) in LPS mm */
    public Point3 origin() {
        return new Point3(origin[0], origin[1], origin[2]);
    }

    /** @return the direction cosines, row-major 3×3 with the i, j, k axes as columns (a new array) */
    public double[] direction() {
        return direction.clone();
    }

    /** @param axis 0 = i, 1 = j, 2 = k @return that axis' unit vector in LPS */
    public Point3 axis(int axis) {
        return new Point3(direction[axis], direction[3 + axis], direction[6 + axis]);
    }

    /** @return the index → world affine as a row-major 3×4 matrix [D·diag(spacing) | origin] (a new array) */
    public double[] indexToWorldAffine() {
        double[] a = new double[12];
        for (int r = 0; r < 3; r++) {
            a[r * 4] = indexToWorld[r * 3];
            a[r * 4 + 1] = indexToWorld[r * 3 + 1];
            a[r * 4 + 2] = indexToWorld[r * 3 + 2];
            a[r * 4 + 3] = origin[r];
        }
        return a;
    }

    /** @return the world → index affine as a row-major 3×4 matrix (a new array) */
    public double[] worldToIndexAffine() {
        double[] a = new double[12];
        for (int r = 0; r < 3; r++) {
            double t = 0;
            for (int c = 0; c < 3; c++) {
                a[r * 4 + c] = worldToIndex[r * 3 + c];
                t -= worldToIndex[r * 3 + c] * origin[c];
            }
            a[r * 4 + 3] = t;
        }
        return a;
    }

    /**
     * @param i continuous index along i
     * @param j continuous index along j
     * @param k continuous index along k
     * @return the point in LPS mm
     */
    public Point3 indexToWorld(double i, double j, double k) {
        double[] m = indexToWorld;
        return new Point3(
                origin[0] + m[0] * i + m[1] * j + m[2] * k,
                origin[1] + m[3] * i + m[4] * j + m[5] * k,
                origin[2] + m[6] * i + m[7] * j + m[8] * k);
    }

    /**
     * @param p a point in LPS mm
     * @return its continuous index {i, j, k}; integers are voxel centres
     */
    public double[] worldToIndex(Point3 p) {
        double dx = p.x() - origin[0];
        double dy = p.y() - origin[1];
        double dz = p.z() - origin[2];
        double[] m = worldToIndex;
        return new double[] {
            m[0] * dx + m[1] * dy + m[2] * dz,
            m[3] * dx + m[4] * dy + m[5] * dz,
            m[6] * dx + m[7] * dy + m[8] * dz};
    }

    /** @return the physical size of the grid along i, j, k, mm: n·spacing (voxel boxes edge to edge) */
    public double[] physicalExtentMm() {
        return new double[] {size[0] * spacing[0], size[1] * spacing[1], size[2] * spacing[2]};
    }

    /** @return the world-space box that holds every voxel's full extent (corners at index −½ and n−½) */
    public BoundingBox boundingBox() {
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int corner = 0; corner < 8; corner++) {
            double i = (corner & 1) == 0 ? -0.5 : size[0] - 0.5;
            double j = (corner & 2) == 0 ? -0.5 : size[1] - 0.5;
            double k = (corner & 4) == 0 ? -0.5 : size[2] - 0.5;
            double[] p = indexToWorld(i, j, k).toArray();
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], p[a]);
                max[a] = Math.max(max[a], p[a]);
            }
        }
        return new BoundingBox(new Point3(min[0], min[1], min[2]), new Point3(max[0], max[1], max[2]));
    }

    /**
     * @return whether the direction cosines are orthonormal (within {@link #ORTHONORMAL_TOLERANCE}); false only
     *         for a sheared (gantry-tilted) geometry built with {@link Builder#allowShear(boolean)}
     */
    public boolean isOrthonormal() {
        return orthonormal;
    }

    /** @return the unit normal of the i–j (image) plane, i × j, in LPS; the k axis unless the grid is sheared */
    public Point3 planeNormal() {
        double[] d = direction;
        double x = d[3] * d[7] - d[6] * d[4];
        double y = d[6] * d[1] - d[0] * d[7];
        double z = d[0] * d[4] - d[3] * d[1];
        double n = Math.sqrt(x * x + y * y + z * z);
        return new Point3(x / n, y / n, z / n);
    }

    /** @return the orientation code of the closest canonical orientation, e.g. "LPS" (see {@link Orientation}) */
    public String orientationCode() {
        return Orientation.code(direction);
    }

    /** @return whether the direction cosines are a signed permutation (no obliquity) */
    public boolean isAxisAligned() {
        return Arrays.equals(Orientation.closestCanonical(direction), direction);
    }

    /**
     * Whether two geometries describe the same grid: the same size, and every corner voxel centre of one within
     * {@code toleranceMm} of the same corner of the other (which bounds origin, spacing and direction errors
     * together, in the one unit that matters to a voxel's position).
     *
     * @param other       the other geometry
     * @param toleranceMm the largest accepted distance, mm
     */
    public boolean equalsWithin(Geometry other, double toleranceMm) {
        if (!(toleranceMm >= 0)) {
            throw new IllegalArgumentException("toleranceMm must be >= 0, got " + toleranceMm);
        }
        if (!Arrays.equals(size, other.size)) {
            return false;
        }
        for (int corner = 0; corner < 8; corner++) {
            double i = (corner & 1) == 0 ? 0 : size[0] - 1;
            double j = (corner & 2) == 0 ? 0 : size[1] - 1;
            double k = (corner & 4) == 0 ? 0 : size[2] - 1;
            if (indexToWorld(i, j, k).distanceTo(other.indexToWorld(i, j, k)) > toleranceMm) {
                return false;
            }
        }
        // spacing: a 1-voxel axis has one corner along it, so compare spacing directly too
        for (int a = 0; a < 3; a++) {
            if (Math.abs(spacing[a] - other.spacing[a]) > toleranceMm) {
                return false;
            }
        }
        return true;
    }

    /**
     * @throws GeometryException naming {@code what} and both geometries, unless they are equal within
     *                           {@code toleranceMm}
     */
    public void requireSameGrid(Geometry other, double toleranceMm, String what) {
        if (!equalsWithin(other, toleranceMm)) {
            throw new GeometryException(what + ": geometries differ (tolerance " + toleranceMm + " mm): "
                    + this + " vs " + other);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g && Arrays.equals(size, g.size) && Arrays.equals(spacing, g.spacing)
                && Arrays.equals(origin, g.origin) && Arrays.equals(direction, g.direction);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(size) + Arrays.hashCode(spacing)) + Arrays.hashCode(origin))
                + Arrays.hashCode(direction);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "Geometry[size=%dx%dx%d, spacing=(%.4g, %.4g, %.4g) mm, origin=(%.3f, %.3f, %.3f) mm LPS, %s%s%s]",
                size[0], size[1], size[2], spacing[0], spacing[1], spacing[2], origin[0], origin[1], origin[2],
                orientationCode(), isAxisAligned() ? "" : " (oblique)", orthonormal ? "" : " (sheared)");
    }

    private static double[] invert(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double co0 = e * i - f * h;
        double co1 = f * g - d * i;
        double co2 = d * h - e * g;
        double det = a * co0 + b * co1 + c * co2;
        double inv = 1.0 / det;
        return new double[] {
            co0 * inv, (c * h - b * i) * inv, (b * f - c * e) * inv,
            co1 * inv, (a * i - c * g) * inv, (c * d - a * f) * inv,
            co2 * inv, (b * g - a * h) * inv, (a * e - b * d) * inv};
    }

    /** Builds a {@link Geometry}; {@link #build()} validates every field and names the one at fault. */
    public static final class Builder {
        private int[] size;
        private double[] spacing = {1, 1, 1};
        private double[] origin = {0, 0, 0};
        private double[] direction = IDENTITY.clone();
        private boolean allowShear;

        private Builder() {
        }

        /**
         * Accepts a k axis that is not perpendicular to the i–j plane (gantry tilt). The i and j axes must still
         * be orthonormal, every axis a unit vector, and k within 60° of the plane normal
         * ({@link #MIN_SHEAR_COSINE}). Off by default: a sheared direction is then refused like any other.
         *
         * @param allow whether to accept a sheared k axis
         */
        public Builder allowShear(boolean allow) {
            this.allowShear = allow;
            return this;
        }

        /** @param nx voxels along i @param ny voxels along j @param nz voxels along k (1 for a 2-D image) */
        public Builder size(int nx, int ny, int nz) {
            this.size = new int[] {nx, ny, nz};
            return this;
        }

        /** @param sx spacing along i, mm @param sy along j, mm @param sz along k, mm */
        public Builder spacing(double sx, double sy, double sz) {
            this.spacing = new double[] {sx, sy, sz};
            return this;
        }

        /** @param x @param y @param z the centre of voxel (0,0,0), LPS mm */
        public Builder origin(double x, double y, double z) {
            this.origin = new double[] {x, y, z};
            return this;
        }

        /** @param p the centre of voxel (0,0,0), LPS mm */
        public Builder origin(Point3 p) {
            return origin(p.x(), p.y(), p.z());
        }

        /** @param direction row-major 3×3, columns the unit vectors of the i, j, k axes in LPS */
        public Builder direction(double[] direction) {
            Orientation.requireMatrix(direction, "direction");
            this.direction = direction.clone();
            return this;
        }

        /** @param code an orientation code such as "LPS" or "RAS" (see {@link Orientation}) */
        public Builder orientation(String code) {
            this.direction = Orientation.direction(code);
            return this;
        }

        /**
         * @return the geometry
         * @throws GeometryException if the size is unset or not positive, a spacing is not a positive finite
         *                           number, the origin is not finite or the direction is not orthonormal
         */
        public Geometry build() {
            if (size == null) {
                throw new GeometryException("size must be set");
            }
            String[] axes = {"i (x)", "j (y)", "k (z)"};
            for (int a = 0; a < 3; a++) {
                if (size[a] <= 0) {
                    throw new GeometryException("size along " + axes[a] + " must be >= 1, got " + size[a]);
                }
                if (!(spacing[a] > 0) || Double.isInfinite(spacing[a])) {
                    throw new GeometryException("spacing along " + axes[a] + " must be a positive finite number of mm, got "
                            + spacing[a]);
                }
                if (!Double.isFinite(origin[a])) {
                    throw new GeometryException("origin coordinate " + a + " must be finite, got " + origin[a]);
                }
            }
            boolean orthonormal = true;
            for (int c1 = 0; c1 < 3; c1++) {
                for (int c2 = c1; c2 < 3; c2++) {
                    double dot = 0;
                    for (int r = 0; r < 3; r++) {
                        dot += direction[r * 3 + c1] * direction[r * 3 + c2];
                    }
                    double expected = c1 == c2 ? 1 : 0;
                    if (Math.abs(dot - expected) <= ORTHONORMAL_TOLERANCE) {
                        continue;
                    }
                    if (allowShear && c1 != c2 && c2 == 2) {
                        orthonormal = false;   // k slanted against i or j: checked against the normal below
                        continue;
                    }
                    throw new GeometryException("direction cosines must be orthonormal (columns are the i, j, k axes"
                            + (allowShear ? "; a sheared grid may only slant k" : "") + "): "
                            + "column " + c1 + " · column " + c2 + " = " + dot + ", expected " + expected
                            + " within " + ORTHONORMAL_TOLERANCE + "; direction=" + Arrays.toString(direction));
                }
            }
            if (!orthonormal) {
                double[] d = direction;
                double cos = (d[3] * d[7] - d[6] * d[4]) * d[2] + (d[6] * d[1] - d[0] * d[7]) * d[5]
                        + (d[0] * d[4] - d[3] * d[1]) * d[8];
                if (!(Math.abs(cos) >= MIN_SHEAR_COSINE)) {
                    throw new GeometryException("sheared k axis is " + String.format(java.util.Locale.ROOT, "%.1f",
                            Math.toDegrees(Math.acos(Math.min(1, Math.abs(cos))))) + " degrees from the i-j plane's"
                            + " normal, more than the 60 accepted; direction=" + Arrays.toString(direction));
                }
            }
            return new Geometry(size.clone(), spacing.clone(), origin.clone(), direction.clone(), orthonormal);
        }
    }
}
