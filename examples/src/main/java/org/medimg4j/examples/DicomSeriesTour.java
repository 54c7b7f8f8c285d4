package org.medimg4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.nifti.NiftiWriter;
import org.medimg4j.core.phantom.CtPhantom;
import org.medimg4j.core.phantom.LesionSite;
import org.medimg4j.core.phantom.PhantomCase;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.lut.VoiWindow;
import org.medimg4j.dicom.series.DicomScanner;
import org.medimg4j.dicom.series.LoadedSeries;
import org.medimg4j.dicom.series.ScanResult;
import org.medimg4j.dicom.series.SeriesGrouper;
import org.medimg4j.dicom.series.SeriesLoadOptions;
import org.medimg4j.dicom.series.SeriesLoader;
import org.medimg4j.dicom.series.StackCandidate;
import org.medimg4j.dicom.series.StackPolicy;
import org.medimg4j.dicom.writer.SeriesOptions;
import org.medimg4j.dicom.writer.VolumeSeriesWriter;
import org.medimg4j.dicom.writer.WrittenSeries;
import org.medimg4j.imagej.ImageJTiff;

/**
 * A walk-through of {@code imaging-dicom}'s series layer, the way a hospital integration meets it: a CT study on
 * disk as DICOM files, found and stacked into one volume in patient space, checked, windowed, and handed on as
 * NIfTI and as an ImageJ stack. The study is made here (a CT phantom written by our DICOM writer, its files then
 * renamed in a shuffled order, as a PACS export names them), so the tour runs anywhere without data.
 *
 * <p>Run it: {@code ./mvnw -q -pl examples -am package -DskipTests && java -cp "examples/target/classes:$(cat
 * examples/target/classpath.txt)" org.medimg4j.examples.DicomSeriesTour [OUTDIR]}. The README's code is
 * {@link #findAndLoad} and {@link #writeCt}, verbatim; {@code DicomSeriesTourTest} runs the tour.
 */
public final class DicomSeriesTour {

    private DicomSeriesTour() {
    }

    /** Step 2: a folder of DICOM files to the volume of its (first) series, in HU on its LPS grid. */
    static LoadedSeries findAndLoad(Path folder) throws IOException {
        // find: every file under the folder (or through its DICOMDIR), headers only, in parallel
        ScanResult scan = DicomScanner.defaults().scan(folder);
        // group: by study and series, split where stacking would be wrong (localizers, orientations, sizes,
        // echoes, temporal positions, diffusion encodings, acquisitions that repeat positions)
        List<StackCandidate> stacks = SeriesGrouper.defaults().group(scan.requireInstances());
        // load: sort by position along the slice normal, measure the geometry, apply each slice's rescale;
        // STRICT refuses a series with gaps or duplicates instead of filling and warning
        SeriesLoader loader = new SeriesLoader(SeriesLoadOptions.builder().policy(StackPolicy.STRICT).build());
        return loader.load(stacks.get(0));
    }

    /** Step 1: a volume as a CT series, one file per slice, full geometry, int16 rescale; valid for dciodvfy. */
    static WrittenSeries writeCt(Volume hu, Path folder) throws IOException {
        return VolumeSeriesWriter.ct(SeriesOptions.builder().patientName("Phantom^One").build()).write(hu, folder);
    }

    /**
     * Runs the tour and prints what each step found.
     *
     * @param args optional output folder (default: a new temporary folder)
     */
    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("medimg4j-dicom-tour");
        run(out);
    }

    /** The tour, writing under {@code out}; returns the loaded series for the test to check. */
    static LoadedSeries run(Path out) throws IOException {
        // 1. A CT study on disk: a phantom (HU, with a lung lesion), written as DICOM by our writer.
        PhantomCase ct = CtPhantom.builder().seed(7).size(96, 96, 32).spacingMm(3.2, 3.2, 5.0)
                .lesionSites(LesionSite.LUNG).lesionCount(1).build().generate(7);
        Volume truth = ct.image();
        WrittenSeries written = writeCt(truth, out.resolve("dicom"));
        // file names that say nothing of the order: the loader must sort by position, not by name
        List<Path> files = new java.util.ArrayList<>(written.files());
        java.util.Collections.shuffle(files, new java.util.Random(7));
        for (int i = 0; i < files.size(); i++) {
            Files.move(files.get(i), files.get(i).resolveSibling(String.format(Locale.ROOT, "IM%05d", 7919 * i % 10007)));
        }
        System.out.printf(Locale.ROOT, "1. wrote %d CT files to %s, names shuffled; HU = stored x %.5f + %.1f "
                + "(largest rounding error %.4f HU)%n", written.files().size(), out.resolve("dicom"),
                written.rescaleSlope(), written.rescaleIntercept(), written.maxError());

        // 2. Found, grouped, sorted by position, stacked, rescaled to HU.
        long t0 = System.nanoTime();
        LoadedSeries loaded = findAndLoad(out.resolve("dicom"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Volume hu = loaded.volume();
        System.out.printf(Locale.ROOT, "2. loaded %s in %d ms%n   %s, %s, warnings %s%n", hu.geometry(), ms,
                hu.voxelType(), hu.unit(), loaded.warnings());

        // 3. Every voxel at the same millimetre as before, with the same HU (within the writer's int16 step).
        Geometry g = hu.geometry();
        boolean sameGrid = g.equalsWithin(truth.geometry(), 1e-3);
        float[] a = truth.toFloatArray();
        float[] b = hu.toFloatArray();
        double maxDiff = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        }
        System.out.printf(Locale.ROOT, "3. same grid within 0.001 mm: %b; largest HU difference %.4f%n", sameGrid,
                maxDiff);

        // 4. Windows: the creator's (from the files) and the named presets.
        for (VoiWindow w : loaded.voi().windows()) {
            System.out.printf(Locale.ROOT, "4. window in the files: centre %.0f, width %.0f HU %s%n", w.center(),
                    w.width(), w.explanation().isEmpty() ? "" : "(" + w.explanation() + ")");
        }
        Sample lung = WindowLevel.preset("lung").apply(Sample.of(hu));
        System.out.println("   presets " + WindowLevel.presetNames() + "; lung-windowed: "
                + lung.image().unit());

        // 5. Handed on: NIfTI for Python tools, an ImageJ TIFF stack (mm and HU calibrated) for viewing.
        Path nifti = out.resolve("ct.nii.gz");
        Path tiff = out.resolve("ct.tif");
        NiftiWriter.write(hu, nifti);
        ImageJTiff.write(hu, WindowLevel.preset("lung"), tiff);
        System.out.println("5. wrote " + nifti + " and " + tiff);
        return loaded;
    }
}
