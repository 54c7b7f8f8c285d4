package org.medimg4j.core.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * What flows through a transform chain: an image, optionally its label on the same geometry, a seed for random
 * transforms, and the history of what was applied. Immutable.
 *
 * <p>The seed identifies the sample's draw: random transforms mix it with their own seed, so the same sample
 * seed gives the same augmentation on any thread, in any order (use, say, {@code epoch * datasetSize + index}
 * during training).
 */
public final class Sample {

    private final Volume image;
    private final LabelVolume label;
    private final long seed;
    private final List<AppliedTransform> history;

    private Sample(Volume image, LabelVolume label, long seed, List<AppliedTransform> history) {
        this.image = Objects.requireNonNull(image, "image");
        if (label != null) {
            label.requireSameGeometry(image);
        }
        this.label = label;
        this.seed = seed;
        this.history = List.copyOf(history);
    }

    /** @return a sample of an image alone, seed 0 */
    public static Sample of(Volume image) {
        return new Sample(image, null, 0L, List.of());
    }

    /**
     * @return a sample of an image and its label, seed 0
     * @throws org.medimg4j.core.geometry.GeometryException if the label's geometry is not the image's
     */
    public static Sample of(Volume image, LabelVolume label) {
        return new Sample(image, Objects.requireNonNull(label, "label"), 0L, List.of());
    }

    /** @return this sample with another seed (and the same history) */
    public Sample withSeed(long newSeed) {
        return new Sample(image, label, newSeed, history);
    }

    /**
     * The result of a transform: new image and label, with {@code applied} appended to the history.
     *
     * @param newImage the transformed image
     * @param newLabel the transformed label, or null if this sample has none
     * @param applied  what was done
     */
    public Sample next(Volume newImage, LabelVolume newLabel, AppliedTransform applied) {
        if ((newLabel == null) != (label == null)) {
            throw new IllegalArgumentException("a transform must keep the label when the sample has one, and not add one");
        }
        List<AppliedTransform> h = new ArrayList<>(history.size() + 1);
        h.addAll(history);
        h.add(Objects.requireNonNull(applied, "applied"));
        return new Sample(newImage, newLabel, seed, h);
    }

    /** @return the result of an intensity transform: a new image, the same label */
    public Sample nextImage(Volume newImage, AppliedTransform applied) {
        return next(newImage, label, applied);
    }

    public Volume image() {
        return image;
    }

    public Optional<LabelVolume> label() {
        return Optional.ofNullable(label);
    }

    /** @return the label, or null; for transforms that pass it through */
    public LabelVolume labelOrNull() {
        return label;
    }

    public long seed() {
        return seed;
    }

    /** @return every transform applied, oldest first */
    public List<AppliedTransform> history() {
        return history;
    }

    /**
     * The transform that undoes this sample's spatial history, newest step first: apply it to a prediction made on
     * this sample's grid to put the prediction back on the original image's grid.
     *
     * @throws TransformException naming the step, if a spatial step has no inverse
     */
    public Transform spatialInverse() {
        List<Transform> steps = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            AppliedTransform a = history.get(i);
            if (!a.spatial()) {
                continue;
            }
            if (a.inverse() == null) {
                throw new TransformException("cannot undo " + a + ": it has no inverse");
            }
            steps.add(a.inverse());
        }
        return TransformChain.of(steps.toArray(new Transform[0]));
    }

    @Override
    public String toString() {
        return "Sample[" + image + (label == null ? "" : ", with label") + ", seed=" + seed + ", history=" + history + "]";
    }
}
