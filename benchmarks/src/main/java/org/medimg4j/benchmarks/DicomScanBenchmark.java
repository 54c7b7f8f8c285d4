package org.medimg4j.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.ReadOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Metadata-only scan: {@link DicomFile#read(Path, ReadOptions)} with {@link ReadOptions#metadataOnly()} of each of
 * the 400 single-frame 512×512 CT files under {@code scan/} (see {@link DicomBenchmarkFiles}), one thread, files in
 * the page cache. One operation reads the whole folder: open, parse the meta group and the data set up to Pixel
 * Data, build the attribute set, close. Listing the folder is set-up, outside the timed region.
 *
 * <p>Reported as ms per folder; files/s = {@value DicomBenchmarkFiles#SCAN_FILES} × 1000 / (ms per op). The peers
 * ({@code peers/dicom_peers.py run}) are pydicom's {@code dcmread(stop_before_pixels=True)} over the same files
 * and one {@code dcmdump -M} process over all of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 8)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DicomScanBenchmark {

    private final ReadOptions options = ReadOptions.metadataOnly();
    private List<Path> files;

    /** Finds (or makes) the files and lists the scan folder. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        files = DicomBenchmarkFiles.scanFiles(DicomBenchmarkFiles.directory());
    }

    /** Reads the metadata of all 400 files; each parsed file goes to the black hole so none is optimised away. */
    @Benchmark
    public void scanMetadata(Blackhole bh) throws IOException {
        for (Path f : files) {
            bh.consume(DicomFile.read(f, options));
        }
    }
}
