package org.medimg4j.dicom.series;

import java.util.List;
import java.util.Objects;
import org.medimg4j.core.volume.Volume;

/**
 * A series loaded as a volume: the voxels in modality units on their LPS grid, and what stacking found. Immutable
 * (the volume's voxels are owned by it).
 *
 * @param volume    the volume: INT16 when every slice's Modality LUT maps its values to integers that fit, else
 *                  FLOAT32; HU for CT (rescale type HU or absent), ARBITRARY otherwise; metadata with the modality
 *                  and Series Instance UID
 * @param warnings  what stacking found and did (empty for a clean series)
 * @param files     the number of input files (a multi-frame file counts once; dropped duplicates count)
 * @param candidate the stack candidate it was loaded from
 */
public record LoadedSeries(Volume volume, List<StackWarning> warnings, int files, StackCandidate candidate) {

    /** @throws NullPointerException when an argument is null */
    public LoadedSeries {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(candidate, "candidate");
        warnings = List.copyOf(warnings);
    }
}
