package org.medimg4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.series.LoadedSeries;
import org.medimg4j.dicom.series.SeriesLoader;
import org.medimg4j.dicom.series.SliceStack;
import org.medimg4j.dicom.series.StackCandidate;
import org.medimg4j.dicom.series.StackWarning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code medimg series DIR [--stats] [--strict]}: finds the stacks in a directory and prints a JSON array, one
 * object per stack: {@code {"seriesInstanceUID", "modality", "size": [x, y, z], "spacing": [sx, sy, sz],
 * "origin": [ox, oy, oz], "direction": [9 numbers, row-major, columns the x, y, z axes], "files", "warnings"}}
 * (mm, LPS), plus {@code "min", "max", "mean"} of the loaded volume in its units (HU for CT) with {@code --stats}.
 * Without {@code --stats} no pixel of a CT/MR stack is decoded. Errors (no such directory, no DICOM, a strict load of a broken
 * series): one line on stderr and exit status 1. The stacking and loading are the library's; this class prints.
 */
@Command(name = "series", mixinStandardHelpOptions = true,
        description = {"Finds the image stacks (series) in a directory; prints their geometry as a JSON array.",
            "One object per stack: {\"seriesInstanceUID\", \"modality\", \"size\": [x, y, z], \"spacing\": [sx, sy, sz],"
                + " \"origin\": [ox, oy, oz], \"direction\": [9 numbers, row-major, columns are the x, y, z axes],"
                + " \"files\", \"warnings\": [...]} (millimetres, LPS).",
            "Projection X-ray (CR, DX, MG...) is one 2-D image each: size [x, y, 1], spacing at the patient when the"
                + " file says (else at the detector), origin 0 and identity direction (no patient geometry),"
                + " MONOCHROME1 inverted so that larger means brighter."})
final class SeriesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the directory to search (recursively)")
    Path dir;

    @Option(names = "--stats", description = "also load every stack and add \"min\", \"max\", \"mean\" (HU for CT)")
    boolean stats;

    @Option(names = "--strict", description = "refuse a series with missing slices, uneven spacing, duplicates"
            + " with different pixels... (default: load it, and list what was done under \"warnings\")")
    boolean strict;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<StackCandidate> candidates = SeriesCommands.find(dir);
            SeriesLoader loader = SeriesCommands.loader(strict);
            StringWriter text = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
                g.useDefaultPrettyPrinter();
                g.writeStartArray();
                for (StackCandidate c : candidates) {
                    if (stats || c.isProjectionImage()) {   // a projection has no stack: read its one image
                        LoadedSeries s = loader.load(c);
                        write(g, c, s.volume().geometry(), s.files(), s.warnings(), stats ? s.volume() : null);
                    } else {
                        SliceStack s = loader.stack(c);
                        write(g, c, s.geometry(), s.files(), s.warnings(), null);
                    }
                }
                g.writeEndArray();
            }
            out.println(text);
            out.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("medimg series: " + SeriesCommands.oneLine(e, dir));
            err.flush();
            return 1;
        }
    }

    private static void write(JsonGenerator g, StackCandidate c, Geometry geometry, int files,
                              List<StackWarning> warnings, Volume volume) throws IOException {
        g.writeStartObject();
        g.writeStringField("seriesInstanceUID", c.seriesInstanceUid());
        g.writeStringField("modality", c.modality());
        g.writeFieldName("size");
        g.writeArray(geometry.size(), 0, 3);
        g.writeFieldName("spacing");
        g.writeArray(geometry.spacing(), 0, 3);
        g.writeFieldName("origin");
        g.writeArray(geometry.origin().toArray(), 0, 3);
        g.writeFieldName("direction");
        g.writeArray(geometry.direction(), 0, 9);
        g.writeNumberField("files", files);
        g.writeArrayFieldStart("warnings");
        for (StackWarning w : warnings) {
            g.writeString(w.toString());
        }
        g.writeEndArray();
        if (volume != null) {
            double[] mmm = SeriesCommands.minMaxMean(volume);
            g.writeNumberField("min", mmm[0]);
            g.writeNumberField("max", mmm[1]);
            g.writeNumberField("mean", mmm[2]);
        }
        g.writeEndObject();
    }
}
