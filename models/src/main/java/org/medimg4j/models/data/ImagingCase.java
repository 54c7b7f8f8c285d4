package org.medimg4j.models.data;

import java.util.Objects;
import java.util.Optional;
import org.medimg4j.core.phantom.Demographics;
import org.medimg4j.core.phantom.PhantomCase;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * One loaded case: its {@link CaseInfo}, the image (a {@code core} {@link Volume}, any voxel type, LPS mm), an
 * optional label on the same grid (segmentation) and optional demographics (for per-subgroup evaluation).
 * Immutable.
 *
 * @param info         id, patient and class
 * @param image        the image; a 2-D image has nz = 1
 * @param label        the segmentation on the image's grid, or null
 * @param demographics sex, age, vendor, or null when unknown
 */
public record ImagingCase(CaseInfo info, Volume image, LabelVolume label, Demographics demographics) {

    /**
     * @throws org.medimg4j.core.geometry.GeometryException if the label's grid is not the image's
     */
    public ImagingCase {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(image, "image");
        if (label != null) {
            label.requireSameGeometry(image);
        }
    }

    /** @return a segmentation case: image and label, demographics read from the image's metadata if present */
    public static ImagingCase segmentation(String caseId, String patientId, Volume image, LabelVolume label) {
        return new ImagingCase(CaseInfo.of(caseId, patientId), image, Objects.requireNonNull(label, "label"),
                demographicsOf(image));
    }

    /** @return a classification case: image and class, demographics read from the image's metadata if present */
    public static ImagingCase classification(String caseId, String patientId, Volume image, int classIndex) {
        return new ImagingCase(new CaseInfo(caseId, patientId, classIndex), image, null, demographicsOf(image));
    }

    /**
     * A phantom case as a dataset case: patient and case id {@code "phantom-" + seed}, the phantom's label, class 1
     * when it has a lesion and 0 when not, and its demographics.
     */
    public static ImagingCase ofPhantom(PhantomCase phantom) {
        String id = "phantom-" + Long.toUnsignedString(phantom.seed());
        return new ImagingCase(new CaseInfo(id, id, phantom.hasLesion() ? 1 : 0), phantom.image(), phantom.label(),
                phantom.demographics());
    }

    /** @return this case with the image and label replaced (e.g. after preprocessing), the rest kept */
    public ImagingCase withVoxels(Volume newImage, LabelVolume newLabel) {
        return new ImagingCase(info, newImage, newLabel, demographics);
    }

    /** @return the label, if any */
    public Optional<LabelVolume> labelIfAny() {
        return Optional.ofNullable(label);
    }

    /** @return the demographics, if known */
    public Optional<Demographics> demographicsIfKnown() {
        return Optional.ofNullable(demographics);
    }

    private static Demographics demographicsOf(Volume image) {
        var attrs = image.metadata().attributes();
        if (!attrs.containsKey(Demographics.ATTR_SEX) || !attrs.containsKey(Demographics.ATTR_AGE)
                || !attrs.containsKey(Demographics.ATTR_VENDOR)) {
            return null;
        }
        return Demographics.from(image.metadata());
    }
}
