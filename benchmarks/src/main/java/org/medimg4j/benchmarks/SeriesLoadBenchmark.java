package org.medimg4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.dicom.series.DicomScanner;
import org.medimg4j.dicom.series.LoadedSeries;
import org.medimg4j.dicom.series.SeriesGrouper;
import org.medimg4j.dicom.series.SeriesLoadOptions;
import org.medimg4j.dicom.series.SeriesLoader;
import org.medimg4j.dicom.series.StackCandidate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 512×512×300 CT series (300 files, 157 MB of int16 pixels, names and Instance Numbers shuffled against
 * position) from a folder to an HU volume: scan the folder (metadata-only reads), group, sort by position, stack,
 * decode each slice into its place and apply its Rescale Slope/Intercept — everything {@code ./medimg series} does.
 * Files are in the page cache. {@code threads} is the loader's (and the scanner's) thread count, to show how the
 * load scales with cores.
 *
 * <p>Reported as ms per series; slices/s = 300 000 / ms, MB/s = 157.3 × 1000 / ms. The peer is
 * {@code peers/series_load_pydicom.py run} (pydicom + numpy doing the same work: list, dcmread, sort by position,
 * stack, rescale) on the same files: {@code benchmarks/run-peers series}. The series is written by that script's
 * {@code make}; the folder is the system property {@value #DIR_PROPERTY} (default {@value #DEFAULT_DIR}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SeriesLoadBenchmark {

    /** System property naming the folder of the series. */
    static final String DIR_PROPERTY = "medimg4j.seriesBench.dir";
    /** Where the series is when {@value #DIR_PROPERTY} is not set. */
    static final String DEFAULT_DIR = "/tmp/medimg4j-series-bench";
    /** The number of slices {@code series_load_pydicom.py make} writes. */
    static final int SLICES = 300;

    /** Threads used by the scanner and the loader. */
    @Param({"1", "2"})
    public int threads;

    private Path dir;
    private DicomScanner scanner;
    private SeriesLoader loader;

    /** Checks the series is there (it is made by the peer script, so that both read the same bytes). */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Paths.get(System.getProperty(DIR_PROPERTY, DEFAULT_DIR)).toAbsolutePath();
        long n;
        try (Stream<Path> s = Files.list(dir)) {
            n = s.filter(p -> p.getFileName().toString().endsWith(".dcm")).count();
        } catch (IOException e) {
            n = 0;
        }
        if (n != SLICES) {
            throw new IllegalStateException(dir + " holds " + n + " .dcm files, expected " + SLICES + ": make the"
                    + " series with `benchmarks/run-peers series " + dir + "` or `/usr/bin/python3"
                    + " benchmarks/peers/series_load_pydicom.py make " + dir + "`");
        }
        scanner = DicomScanner.builder().threads(threads).build();
        loader = new SeriesLoader(SeriesLoadOptions.builder().threads(threads).build());
        Volume v = load();
        if (v.geometry().nz() != SLICES || v.geometry().nx() != 512) {
            throw new IllegalStateException("loaded " + v.geometry() + ", expected 512x512x" + SLICES);
        }
    }

    /** @return the HU volume of the folder's one series */
    @Benchmark
    public Volume load() throws IOException {
        List<StackCandidate> stacks = SeriesGrouper.defaults().group(scanner.scan(dir).requireInstances());
        LoadedSeries series = loader.load(stacks.get(0));
        return series.volume();
    }
}
