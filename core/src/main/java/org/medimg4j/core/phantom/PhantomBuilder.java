package org.medimg4j.core.phantom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.geometry.Orientation;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.VoxelType;

/**
 * The settings every phantom shares: seed, grid, voxel type, demographics, vendor profiles and lesions. Setters
 * only record; the phantom's {@code build()} validates everything and throws {@link IllegalArgumentException}
 * naming the parameter at fault.
 *
 * <p>The grid is {@code size} voxels of {@code spacingMm}; unless {@link #originMm} is given it is centred on
 * (0, 0, 0) LPS mm, and its axes follow {@link #orientation} (each phantom has its natural default). Anatomy is
 * always centred in the grid and scaled to its field of view.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class PhantomBuilder<B extends PhantomBuilder<B>> {

    long seed;
    int nx;
    int ny;
    int nz;
    double sx;
    double sy;
    double sz;
    Point3 origin;
    String orientation;
    VoxelType voxelType;
    boolean organLabels;
    boolean smoothEdges = true;
    Demographics demographics;
    DemographicsModel demographicsModel = DemographicsModel.DEFAULT;
    final Map<String, VendorProfile> vendorProfiles = new LinkedHashMap<>();
    int lesionCountMin = 1;
    int lesionCountMax = 1;
    boolean lesionCountSet;
    List<Lesion> lesions;
    double radiusMinMm;
    double radiusMaxMm;
    double contrastMin = Double.NaN;
    double contrastMax = Double.NaN;
    double noiseSigma;

    PhantomBuilder(int nx, int ny, int nz, double sx, double sy, double sz, String orientation, VoxelType type,
                   double radiusMinMm, double radiusMaxMm, double noiseSigma) {
        size(nx, ny, nz);
        spacingMm(sx, sy, sz);
        this.orientation = orientation;
        this.voxelType = type;
        this.radiusMinMm = radiusMinMm;
        this.radiusMaxMm = radiusMaxMm;
        this.noiseSigma = noiseSigma;
    }

    /** @return this builder as its concrete type; every subclass is declared {@code X extends PhantomBuilder<X>} */
    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /** @param seed the seed of {@link PhantomGenerator#generate()} and of a {@link PhantomDataset}; default 0 */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** @param nx voxels along i @param ny voxels along j @param nz voxels along k; each &ge; 1 */
    public B size(int nx, int ny, int nz) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        return self();
    }

    /** @param sx spacing along i, mm @param sy along j, mm @param sz along k, mm; each &gt; 0 */
    public B spacingMm(double sx, double sy, double sz) {
        this.sx = sx;
        this.sy = sy;
        this.sz = sz;
        return self();
    }

    /** @param originMm the centre of voxel (0, 0, 0), LPS mm; by default the grid is centred on (0, 0, 0) */
    public B originMm(Point3 originMm) {
        this.origin = Objects.requireNonNull(originMm, "originMm");
        return self();
    }

    /** @param code axis orientation code, e.g. "LPS" (see {@link Orientation}) */
    public B orientation(String code) {
        this.orientation = code;
        return self();
    }

    /** @param type {@link VoxelType#INT16} (values rounded) or {@link VoxelType#FLOAT32} */
    public B voxelType(VoxelType type) {
        this.voxelType = type;
        return self();
    }

    /** @param on whether the label also holds organ/tissue labels 2.. (as the phantom documents); default off */
    public B organLabels(boolean on) {
        this.organLabels = on;
        return self();
    }

    /** @param on whether the image gets the slight in-plane blur that softens edges (default on) */
    public B smoothEdges(boolean on) {
        this.smoothEdges = on;
        return self();
    }

    /** @param fixed demographics for every case, instead of drawing them from the model */
    public B demographics(Demographics fixed) {
        this.demographics = Objects.requireNonNull(fixed, "demographics");
        return self();
    }

    /**
     * @param model the distribution demographics are drawn from (default {@link DemographicsModel#DEFAULT}); replaces
     *              demographics fixed earlier
     */
    public B demographicsModel(DemographicsModel model) {
        this.demographicsModel = Objects.requireNonNull(model, "demographicsModel");
        this.demographics = null;
        return self();
    }

    /** @param profile the intensity distortion of its vendor; vendors without a profile are neutral */
    public B vendorProfile(VendorProfile profile) {
        Objects.requireNonNull(profile, "vendorProfile");
        vendorProfiles.put(profile.vendor(), profile);
        return self();
    }

    /** @param n random lesions per case, &ge; 0 (default 1) */
    public B lesionCount(int n) {
        return lesionCount(n, n);
    }

    /** @param min fewest @param max most random lesions per case; the count is drawn uniformly from min..max */
    public B lesionCount(int min, int max) {
        this.lesionCountMin = min;
        this.lesionCountMax = max;
        this.lesionCountSet = true;
        return self();
    }

    /** @param explicit lesions to place instead of random ones (their sites are resolved from the anatomy) */
    public B lesions(List<Lesion> explicit) {
        this.lesions = new ArrayList<>(Objects.requireNonNull(explicit, "lesions"));
        return self();
    }

    /** @param min smallest @param max largest radius of random lesions, mm (drawn uniformly) */
    public B lesionRadiusMm(double min, double max) {
        this.radiusMinMm = min;
        this.radiusMaxMm = max;
        return self();
    }

    /** Records the lesion contrast range; each phantom's public setter names it in its own units. */
    B contrastRange(double min, double max) {
        this.contrastMin = min;
        this.contrastMax = max;
        return self();
    }

    /** Records the noise level; each phantom's public setter names it in its own units. */
    B noise(double sigma) {
        this.noiseSigma = sigma;
        return self();
    }

    /** Validates the shared settings; {@code contrastName} and {@code noiseName} name the phantom's parameters. */
    PhantomSettings settings(String contrastName, String noiseName) {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("size: every dimension must be >= 1 voxel, got " + nx + "x" + ny
                    + "x" + nz);
        }
        if ((long) nx * ny * nz > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("size: " + nx + "x" + ny + "x" + nz
                    + " voxels exceed a Java array's 2^31 elements");
        }
        for (double s : new double[] {sx, sy, sz}) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("spacingMm: every spacing must be a positive finite number of mm, got "
                        + sx + " x " + sy + " x " + sz);
            }
        }
        double[] direction;
        try {
            direction = Orientation.direction(orientation);
        } catch (GeometryException e) {
            throw new IllegalArgumentException("orientation: " + e.getMessage(), e);
        }
        if (voxelType != VoxelType.INT16 && voxelType != VoxelType.FLOAT32) {
            throw new IllegalArgumentException("voxelType must be INT16 or FLOAT32, got " + voxelType);
        }
        if (lesionCountMin < 0 || lesionCountMax < lesionCountMin) {
            throw new IllegalArgumentException("lesionCount: need 0 <= min <= max, got " + lesionCountMin + ".."
                    + lesionCountMax);
        }
        if (!(radiusMinMm > 0) || !(radiusMaxMm >= radiusMinMm) || Double.isInfinite(radiusMaxMm)) {
            throw new IllegalArgumentException("lesionRadiusMm: need 0 < min <= max, finite, mm; got " + radiusMinMm
                    + ".." + radiusMaxMm);
        }
        if (!Double.isNaN(contrastMin) || !Double.isNaN(contrastMax)) {
            if (!Double.isFinite(contrastMin) || !Double.isFinite(contrastMax) || contrastMax < contrastMin) {
                throw new IllegalArgumentException(contrastName + ": need finite min <= max, got " + contrastMin
                        + ".." + contrastMax);
            }
        }
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new IllegalArgumentException(noiseName + " must be >= 0 and finite, got " + noiseSigma);
        }
        if (lesions != null) {
            if (lesionCountSet) {
                throw new IllegalArgumentException("lesions: give either explicit lesions or a lesionCount, not both");
            }
            for (int i = 0; i < lesions.size(); i++) {
                if (lesions.get(i) == null) {
                    throw new IllegalArgumentException("lesions[" + i + "] is null");
                }
            }
        }
        Geometry.Builder g = Geometry.builder().size(nx, ny, nz).spacing(sx, sy, sz).direction(direction);
        if (origin != null) {
            g.origin(origin);
        } else {
            // put the grid's centre, index (n−1)/2 on each axis, at (0, 0, 0)
            Point3 c = g.build().indexToWorld((nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0);
            g.origin(-c.x(), -c.y(), -c.z());
        }
        return new PhantomSettings(g.build(), seed, voxelType, organLabels, smoothEdges, demographics,
                demographicsModel, Map.copyOf(vendorProfiles), lesionCountMin, lesionCountMax,
                lesions == null ? null : List.copyOf(lesions), radiusMinMm, radiusMaxMm, contrastMin, contrastMax,
                noiseSigma);
    }
}
