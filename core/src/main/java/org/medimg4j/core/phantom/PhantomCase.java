package org.medimg4j.core.phantom;

import java.util.List;
import java.util.Objects;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * One generated phantom case: the image, its label on the same geometry, the lesions with their true geometry,
 * the case's demographics and the seed that reproduces it. Immutable.
 *
 * @param image        the image (CT in HU, X-ray in detector units, MR in arbitrary units)
 * @param label        0 background, 1 lesion, optionally 2.. organs/tissues as the phantom documents
 * @param lesions      the lesions drawn into image and label, with centres in LPS mm and analytic volumes
 * @param demographics sex, age and vendor; also in the image's and label's metadata attributes
 * @param seed         the case seed: the same phantom configuration and seed give bit-identical voxels
 */
public record PhantomCase(Volume image, LabelVolume label, List<Lesion> lesions, Demographics demographics,
                          long seed) {

    /** @throws org.medimg4j.core.geometry.GeometryException if the label's geometry is not the image's */
    public PhantomCase {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(demographics, "demographics");
        lesions = List.copyOf(lesions);
        label.requireSameGeometry(image);
    }

    /** @return whether the case has at least one lesion (the positive class of a detection task) */
    public boolean hasLesion() {
        return !lesions.isEmpty();
    }

    /** @return the summed analytic volume of all lesions, mL */
    public double lesionVolumeMl() {
        double ml = 0;
        for (Lesion l : lesions) {
            ml += l.volumeMl();
        }
        return ml;
    }
}
