package org.medimg4j.examples;

import java.util.Locale;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.metric.BinaryConfusion;
import org.medimg4j.core.phantom.CtPhantom;
import org.medimg4j.core.phantom.LesionSite;
import org.medimg4j.core.phantom.PhantomCase;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformChain;
import org.medimg4j.core.transform.intensity.RandomGaussianNoise;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.transform.intensity.ZScoreNormalize;
import org.medimg4j.core.transform.spatial.RandomAffine;
import org.medimg4j.core.transform.spatial.RandomFlip;
import org.medimg4j.core.transform.spatial.Resample;
import org.medimg4j.core.volume.LabelVolume;

/**
 * A walk-through of {@code core}, in the order a segmentation project meets it: a CT volume with its patient
 * geometry, a preprocessing chain, replayable augmentation, and mapping a result back onto the original grid.
 *
 * <p>Run it: {@code ./mvnw -q -pl examples -am package -DskipTests && java -cp "examples/target/classes:$(cat
 * examples/target/classpath.txt)" org.medimg4j.examples.PreprocessingTour}, or from an IDE. The README's code
 * example is {@link #preprocess} and {@link #augment}, verbatim; {@code PreprocessingTourTest} runs them.
 */
public final class PreprocessingTour {

    private PreprocessingTour() {
    }

    /** Step 2: the preprocessing a CT lung model needs — 1.5 mm voxels, lung window, zero mean and unit variance. */
    static Sample preprocess(PhantomCase ct) {
        TransformChain prep = TransformChain.of(Resample.toSpacing(1.5, 1.5, 1.5)) // mm; labels follow, nearest
                .then(WindowLevel.lung())                                           // clamp to -1350..150 HU
                .then(ZScoreNormalize.create());                                    // mean 0, std 1
        return prep.apply(Sample.of(ct.image(), ct.label()));
    }

    /** Step 3: training-time augmentation, replayable: the same sample seed gives the same draw on any thread. */
    static Sample augment(Sample prepared, long sampleSeed) {
        TransformChain augmentation = TransformChain.of(RandomFlip.of(11, 0.5, 0))   // left-right, p = 0.5
                .then(RandomAffine.builder(12).maxRotationDegrees(10).scaleRange(0.9, 1.1).build())
                .then(RandomGaussianNoise.builder(13).sigma(0.0, 0.1).build());       // z-scored units
        return augmentation.apply(prepared.withSeed(sampleSeed));
    }

    /** Runs the tour and prints what each step did. */
    public static void main(String[] args) {
        // 1. A CT volume: voxels plus where they are in the patient (LPS mm).
        PhantomCase ct = CtPhantom.builder().seed(42).size(160, 160, 48).spacingMm(2.4, 2.4, 5.0)
                .lesionSites(LesionSite.LUNG).lesionCount(2).build().generate(42);
        Geometry g = ct.image().geometry();
        System.out.println("1. " + ct.image());
        Point3 lesion = ct.lesions().get(0).centreMm();
        double[] idx = g.worldToIndex(lesion);
        System.out.printf(Locale.ROOT, "   lesion 1 at (%.1f, %.1f, %.1f) mm LPS = voxel index (%.2f, %.2f, %.2f)%n",
                lesion.x(), lesion.y(), lesion.z(), idx[0], idx[1], idx[2]);

        // 2. Preprocessing. Every step is recorded; spatial steps keep each voxel at its place in the patient.
        Sample prepared = preprocess(ct);
        System.out.println("2. " + prepared.image().geometry());
        for (AppliedTransform step : prepared.history()) {
            System.out.println("   " + step);
        }
        double[] idx2 = prepared.image().geometry().worldToIndex(lesion);
        System.out.printf(Locale.ROOT, "   lesion 1 is now at voxel index (%.2f, %.2f, %.2f): same point, new grid%n",
                idx2[0], idx2[1], idx2[2]);

        // 3. Augmentation, replayable from seeds (e.g. epoch * datasetSize + index).
        Sample a = augment(prepared, 1001);
        Sample b = augment(prepared, 1001);
        System.out.println("3. augmentation drew: " + a.history().subList(prepared.history().size(), a.history().size()));
        System.out.println("   replayed with the same seed gives identical voxels: "
                + java.util.Arrays.equals(a.image().toFloatArray(), b.image().toFloatArray()));

        // 4. A prediction made on the augmented grid goes back onto the original CT grid through the recorded
        //    inverses (here the augmented label stands in for a network's output).
        LabelVolume predicted = a.label().orElseThrow();
        LabelVolume back = a.spatialInverse().apply(Sample.of(a.image(), predicted)).label().orElseThrow();
        BinaryConfusion overlap = BinaryConfusion.of(back, ct.label(), CtPhantom.LABEL_LESION);
        System.out.printf(Locale.ROOT, "4. mapped back onto %s%n   Dice against the original truth: %.3f "
                + "(below 1 only by interpolation at the lesion borders)%n", back.geometry(), overlap.dice());
    }
}
