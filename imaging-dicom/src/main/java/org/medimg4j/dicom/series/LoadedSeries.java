package org.medimg4j.dicom.series;

import java.util.List;
import java.util.Objects;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.lut.VoiSettings;

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

    /**
     * The creator's display windows and VOI LUTs (PS3.3 C.11.2), as the first file states them: for a classic
     * series the data set's Window Center/Width and VOI LUT Sequence; for an enhanced multi-frame image the first
     * frame's Frame VOI LUT functional group. A series usually states the same windows on every slice.
     *
     * @return the windows and tables, first the creator's default; {@link VoiSettings#none()} when there are none
     * @throws DicomException naming the file and tag when the VOI attributes are malformed
     */
    public VoiSettings voi() throws DicomException {
        Attributes a = candidate.instances().get(0).attributes();
        boolean signed = volume.unit() == org.medimg4j.core.volume.IntensityUnit.HU
                || a.getInt(Tag.PixelRepresentation, 0) == 1;
        List<Attributes> perFrame = a.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        List<Attributes> shared = a.getSequence(Tag.SharedFunctionalGroupsSequence);
        if (!perFrame.isEmpty() || !shared.isEmpty()) {
            return VoiSettings.readFrame(perFrame.isEmpty() ? null : perFrame.get(0),
                    shared.isEmpty() ? null : shared.get(0), signed);
        }
        return VoiSettings.read(a, signed);
    }
}
