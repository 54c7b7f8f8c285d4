package org.medimg4j.core.phantom;

import org.medimg4j.core.geometry.Geometry;

/**
 * What every phantom holds as a generator: its validated {@link PhantomSettings} (seed, grid, voxel type,
 * demographics, lesions, noise) and the grid unpacked for rendering. The public phantoms extend it and keep their
 * own builders, anatomy and image formation.
 */
abstract class GridPhantom implements PhantomGenerator {

    final PhantomSettings settings;
    final GridFrame frame;

    GridPhantom(PhantomSettings settings) {
        this.settings = settings;
        this.frame = new GridFrame(settings.geometry());
    }

    @Override
    public long seed() {
        return settings.seed();
    }

    /** @return the grid every case is generated on (LPS mm; for a chest X-ray one image, nz = 1) */
    public Geometry geometry() {
        return settings.geometry();
    }
}
