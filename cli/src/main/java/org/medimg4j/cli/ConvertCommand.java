package org.medimg4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.nifti.NiftiWriter;
import org.medimg4j.dicom.series.LoadedSeries;
import org.medimg4j.dicom.series.SeriesLoader;
import org.medimg4j.dicom.series.SliceStack;
import org.medimg4j.dicom.series.StackCandidate;
import org.medimg4j.dicom.series.StackWarning;
import org.medimg4j.imagej.ImageJTiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code medimg convert DIR OUT.nii.gz [--strict] [--tiff]}: loads the series of a directory (the only stack, or the
 * largest by voxel count, named on stderr; a projection X-ray when there is no CT/MR stack) and writes it as
 * NIfTI-1 with its LPS geometry (as RAS, the NIfTI way) through core's {@link NiftiWriter}, or with {@code --tiff}
 * as an ImageJ TIFF stack (spacing in mm, HU calibration, full geometry in the image properties) through
 * {@link ImageJTiff}. Both write a temporary file and rename it, so a failure leaves nothing behind. Stacking
 * warnings go to stderr. Errors: one line on stderr, exit status 1.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a DICOM series to NIfTI (.nii or .nii.gz), or to an ImageJ TIFF stack with --tiff:"
            + " the only stack in DIR, or the largest."})
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the directory holding the series")
    Path dir;

    @Parameters(index = "1", paramLabel = "OUT", description = "the file to write: NIfTI (.nii or .nii.gz), or a"
            + " TIFF with --tiff")
    Path out;

    @Option(names = "--tiff", description = "write an ImageJ TIFF stack (calibrated: mm, HU) instead of NIfTI")
    boolean tiff;

    @Option(names = "--strict", description = "refuse a series with missing slices, uneven spacing, duplicates"
            + " with different pixels... (default: load it, fill gaps on a uniform grid, warn on stderr)")
    boolean strict;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            requireWritableTarget(out);
            SeriesLoader loader = SeriesCommands.loader(strict);
            SliceStack chosen = null;
            StackCandidate projection = null;
            int stacks = 0;
            for (StackCandidate c : SeriesCommands.find(dir)) {
                if (c.isProjectionImage()) {
                    projection = projection == null ? c : projection;
                    continue;
                }
                SliceStack s = loader.stack(c);
                stacks++;
                if (chosen == null || s.geometry().voxelCount() > chosen.geometry().voxelCount()) {
                    chosen = s;
                }
            }
            if (stacks > 1) {
                err.println("medimg convert: " + stacks + " stacks in " + dir + "; writing the largest, "
                        + chosen.candidate().describe() + " (" + size(chosen.geometry()) + ")");
            } else if (chosen == null) {
                err.println("medimg convert: no CT/MR stack in " + dir + "; writing the projection image "
                        + projection.instances().get(0).path().getFileName());
            }
            LoadedSeries s = chosen != null ? loader.load(chosen) : loader.load(projection);
            for (StackWarning w : s.warnings()) {
                err.println("medimg convert: warning: " + w);
            }
            if (tiff) {
                ImageJTiff.write(s.volume(), out);
            } else {
                NiftiWriter.write(s.volume(), out);
            }
            stdout.println("wrote " + out + ": " + s.volume().metadata().modality() + " "
                    + size(s.volume().geometry()) + ", " + s.volume().voxelType() + " " + s.volume().unit() + ", "
                    + s.files() + " file(s)");
            stdout.flush();
            err.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("medimg convert: " + SeriesCommands.oneLine(e, dir));
            err.flush();
            return 1;
        }
    }

    /** Fails before any loading when the output's directory is missing or not writable. */
    private static void requireWritableTarget(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException("cannot write " + out + ": directory " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new IOException("cannot write " + out + ": directory " + parent + " is not writable");
        }
        if (Files.isDirectory(out)) {
            throw new IOException("cannot write " + out + ": it is a directory");
        }
    }

    private static String size(Geometry g) {
        return g.nx() + "x" + g.ny() + "x" + g.nz();
    }
}
