package org.medimg4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.medimg4j.core.geometry.BoundingBox;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.metric.BinaryConfusion;
import org.medimg4j.core.metric.SurfaceDistances;
import org.medimg4j.core.nifti.NiftiWriter;
import org.medimg4j.core.phantom.CtPhantom;
import org.medimg4j.core.phantom.Lesion;
import org.medimg4j.core.phantom.LesionSite;
import org.medimg4j.core.phantom.PhantomCase;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.TransformChain;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.transform.spatial.Reorient;
import org.medimg4j.core.transform.spatial.Resample;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code medimg demo}: a generated CT phantom through {@code core} — patient geometry, resampling, windowing,
 * lesion volumes in mL, and Dice/HD95 of a thresholded lesion mask against the truth. Everything is computed by
 * the library; this class only composes and prints.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs core on a generated CT phantom: patient geometry, resampling to isotropic voxels, a lung"
                + " window, lesion volumes in mL, and the Dice and HD95 of a thresholded lesion mask against the truth.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", description = "phantom seed (default: ${DEFAULT-VALUE})", defaultValue = "7")
    long seed;

    @Option(names = "--lesions", description = "number of lung lesions (default: ${DEFAULT-VALUE})", defaultValue = "3")
    int lesions;

    @Option(names = "--spacing", description = "isotropic target spacing, mm (default: ${DEFAULT-VALUE})",
            defaultValue = "1.5")
    double spacingMm;

    @Option(names = "--threshold", description = "lesion threshold inside the lung fields, HU (default: ${DEFAULT-VALUE})",
            defaultValue = "-300")
    float thresholdHu;

    @Option(names = "--output", description = "write image, truth and predicted mask as NIfTI (.nii.gz) into this folder")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!(spacingMm > 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--spacing must be a positive number of mm, got " + spacingMm);
        }
        out.println("medimg4j demo: a CT phantom through core (seed " + seed + ")");
        out.println();

        long t0 = System.nanoTime();
        PhantomCase ct = CtPhantom.builder().seed(seed).size(192, 192, 60).spacingMm(2.0, 2.0, 4.0)
                .lesionSites(LesionSite.LUNG).lesionCount(lesions).lesionRadiusMm(6, 14)
                .organLabels(true).build().generate(seed);
        out.printf(Locale.ROOT, "1. Phantom CT generated in %d ms: %s, %s, %s years, %s%n", ms(t0),
                ct.image().voxelType(), ct.demographics().sex(), ct.demographics().ageYears(),
                ct.demographics().vendor());
        printGeometry(out, ct.image().geometry());
        for (int i = 0; i < ct.lesions().size(); i++) {
            Lesion l = ct.lesions().get(i);
            out.printf(Locale.ROOT, "   lesion %d: centre (%.1f, %.1f, %.1f) mm LPS, radius %.1f mm, %+.0f HU, %.2f mL%n",
                    i + 1, l.centreMm().x(), l.centreMm().y(), l.centreMm().z(), l.maxRadiusMm(), l.contrast(),
                    l.volumeMl());
        }

        t0 = System.nanoTime();
        TransformChain prep = TransformChain.of(Resample.toSpacing(spacingMm, spacingMm, spacingMm))
                .then(WindowLevel.lung());
        Sample s = prep.apply(Sample.of(ct.image(), ct.label()));
        Volume image = s.image();
        LabelVolume truth = s.label().orElseThrow();
        out.printf(Locale.ROOT, "%n2. Resampled to %.2f mm isotropic (trilinear; labels nearest) and lung-windowed "
                + "(%s) in %d ms%n", spacingMm, s.history().get(1).parameters(), ms(t0));
        printGeometry(out, image.geometry());
        if (!ct.lesions().isEmpty()) {
            Point3 c = ct.lesions().get(0).centreMm();
            double[] before = ct.image().geometry().worldToIndex(c);
            double[] after = image.geometry().worldToIndex(c);
            out.printf(Locale.ROOT, "   lesion 1 centre: index (%.2f, %.2f, %.2f) before, (%.2f, %.2f, %.2f) after:"
                    + " the same point in patient space%n", before[0], before[1], before[2], after[0], after[1], after[2]);
        }
        Volume ras = Reorient.to("RAS").apply(image);
        out.printf(Locale.ROOT, "   reoriented to RAS (as NIfTI tools expect): origin (%.1f, %.1f, %.1f) mm, code %s%n",
                ras.geometry().origin().x(), ras.geometry().origin().y(), ras.geometry().origin().z(),
                ras.geometry().orientationCode());

        t0 = System.nanoTime();
        // The lung fields come from the phantom's organ labels (a real pipeline segments them first);
        // inside them, lesions are the voxels denser than the threshold.
        LabelVolume lungFields = truth.select(CtPhantom.LABEL_LUNG, CtPhantom.LABEL_LESION);
        LabelVolume predicted = LabelVolume.threshold(image, thresholdHu).maskedBy(lungFields);
        BinaryConfusion overlap = BinaryConfusion.of(predicted, truth, CtPhantom.LABEL_LESION);
        SurfaceDistances surface = SurfaceDistances.compute(predicted, truth, CtPhantom.LABEL_LESION);
        out.printf(Locale.ROOT, "%n3. Lesion segmentation by threshold (> %.0f HU inside the lung fields), %d ms%n",
                thresholdHu, ms(t0));
        out.printf(Locale.ROOT, "   lesion volume, analytic         %8.2f mL%n", ct.lesionVolumeMl());
        out.printf(Locale.ROOT, "   lesion volume, truth label      %8.2f mL (native grid), %.2f mL (resampled)%n",
                ct.label().volumeMl(CtPhantom.LABEL_LESION), truth.volumeMl(CtPhantom.LABEL_LESION));
        out.printf(Locale.ROOT, "   lesion volume, thresholded mask %8.2f mL%n", predicted.volumeMl(1));
        out.printf(Locale.ROOT, "   Dice %.3f   IoU %.3f   sensitivity %.3f   precision %.3f%n",
                overlap.dice(), overlap.iou(), overlap.sensitivity(), overlap.precision());
        out.printf(Locale.ROOT, "   HD95 %.2f mm   ASSD %.2f mm%n", surface.hd95Mm(), surface.assdMm());
        out.println("   (a threshold cannot tell nodules from vessels of the same density: that is the job of the");
        out.println("    segmentation networks in the models module)");

        if (output != null) {
            Files.createDirectories(output);
            NiftiWriter.write(image, output.resolve("ct_lungwindow.nii.gz"));
            NiftiWriter.write(truth, output.resolve("truth.nii.gz"));
            NiftiWriter.write(predicted, output.resolve("predicted.nii.gz"));
            out.println();
            out.println("Wrote ct_lungwindow.nii.gz, truth.nii.gz and predicted.nii.gz to " + output);
        }
        out.flush();
        return 0;
    }

    private static void printGeometry(PrintWriter out, Geometry g) {
        double[] sp = g.spacing();
        double[] ext = g.physicalExtentMm();
        BoundingBox box = g.boundingBox();
        out.printf(Locale.ROOT, "   size %d x %d x %d voxels, spacing %.2f x %.2f x %.2f mm, orientation %s%n",
                g.nx(), g.ny(), g.nz(), sp[0], sp[1], sp[2], g.orientationCode());
        out.printf(Locale.ROOT, "   origin (%.2f, %.2f, %.2f) mm LPS, extent %.1f x %.1f x %.1f mm%n",
                g.origin().x(), g.origin().y(), g.origin().z(), ext[0], ext[1], ext[2]);
        out.printf(Locale.ROOT, "   bounding box (%.1f, %.1f, %.1f) .. (%.1f, %.1f, %.1f) mm%n", box.min().x(),
                box.min().y(), box.min().z(), box.max().x(), box.max().y(), box.max().z());
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
