package org.medimg4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * The files the DICOM benchmarks read, as {@code benchmarks/peers/dicom_peers.py make DIR} writes them, so that our
 * figures and the peers' come from the same bytes: a 512×512 16-bit signed CT frame in Explicit VR Little Endian,
 * its DCMTK/GDCM transcodes (JPEG lossless SV1, JPEG-LS lossless, RLE, JPEG 2000 lossless) and 400 single-frame CT
 * files under {@code scan/} for the metadata scan.
 *
 * <p>The folder is the system property {@value #DIR_PROPERTY} (default {@value #DEFAULT_DIR}); JMH forks inherit
 * the launching JVM's {@code -D} options, or pass it with {@code -jvmArgsAppend -Dmedimg4j.dicomBench.dir=DIR}.
 * When files are missing, {@link #directory()} runs the peers script (found from the working directory upwards, or
 * from {@value #SCRIPT_PROPERTY}) with Debian's {@code /usr/bin/python3}; when that fails it throws, saying how to
 * make them.
 */
final class DicomBenchmarkFiles {

    /** System property naming the folder of benchmark files. */
    static final String DIR_PROPERTY = "medimg4j.dicomBench.dir";
    /** Where the files are when {@value #DIR_PROPERTY} is not set. */
    static final String DEFAULT_DIR = "/tmp/medimg4j-dicom-bench";
    /** System property naming {@code dicom_peers.py}, when it is not found from the working directory. */
    static final String SCRIPT_PROPERTY = "medimg4j.dicomBench.peersScript";
    /** How many files {@code make} writes under {@code scan/}. */
    static final int SCAN_FILES = 400;
    /** The native frame's size in bytes: 512 × 512 samples × 2 bytes (divide by the time for MB/s). */
    static final long FRAME_BYTES = 512L * 512 * 2;

    /** The native file. */
    static final String NATIVE = "ct512_native.dcm";
    /** The compressed files, by the name the benchmarks' {@code codec} parameter uses. */
    static final String JPEG_LOSSLESS = "ct512_jpeg_lossless_sv1.dcm";
    static final String JPEG_LS = "ct512_jpegls_lossless.dcm";
    static final String JPEG_2000 = "ct512_j2k_lossless.dcm";
    static final String RLE = "ct512_rle.dcm";

    private static final List<String> FRAMES = List.of(NATIVE, JPEG_LOSSLESS, JPEG_LS, JPEG_2000, RLE);

    private DicomBenchmarkFiles() {
    }

    /**
     * @return the folder holding every benchmark file, made by the peers script first if any is missing
     * @throws IllegalStateException saying how to make the files, when they are missing and cannot be made
     */
    static Path directory() {
        Path dir = Paths.get(System.getProperty(DIR_PROPERTY, DEFAULT_DIR)).toAbsolutePath();
        if (complete(dir)) {
            return dir;
        }
        String why = make(dir);
        if (!complete(dir)) {
            throw new IllegalStateException("DICOM benchmark files are missing in " + dir + " and making them failed ("
                    + why + "). Make them with `benchmarks/run-peers dicom " + dir + "` (installs pydicom, GDCM and"
                    + " DCMTK) or `/usr/bin/python3 benchmarks/peers/dicom_peers.py make " + dir + "`, or point -D"
                    + DIR_PROPERTY + "=DIR at a folder that has them");
        }
        return dir;
    }

    /** @return the 400 scan files, sorted by name */
    static List<Path> scanFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("scan"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
        }
    }

    /**
     * The Image Pixel module (PS3.3 C.7.6.3) of a data set as a decoder wants it; what any caller decoding a frame
     * has to do, so the benchmarks time it with the read.
     *
     * @throws DicomException when a required attribute is absent or malformed
     */
    static FrameInfo frameInfo(Attributes ds) throws DicomException {
        return new FrameInfo(ds.requireInt(Tag.Rows), ds.requireInt(Tag.Columns), ds.getInt(Tag.SamplesPerPixel, 1),
                ds.requireInt(Tag.BitsAllocated), ds.requireInt(Tag.BitsStored),
                ds.getInt(Tag.PixelRepresentation, 0) == 1, ds.getInt(Tag.PlanarConfiguration, 0),
                ds.requireString(Tag.PhotometricInterpretation));
    }

    private static boolean complete(Path dir) {
        for (String f : FRAMES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return false;
            }
        }
        try {
            return scanFiles(dir).size() == SCAN_FILES;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code dicom_peers.py make dir}; returns why it failed, or "" when it ran. */
    private static String make(Path dir) {
        Path script = script();
        if (script == null) {
            String prop = System.getProperty(SCRIPT_PROPERTY);
            return prop != null ? "-D" + SCRIPT_PROPERTY + "=" + prop + " is not a file"
                    : "benchmarks/peers/dicom_peers.py not found from " + Paths.get("").toAbsolutePath()
                    + " upwards; set -D" + SCRIPT_PROPERTY;
        }
        System.err.println("DICOM benchmark files missing in " + dir + ": making them with " + script);
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), "make", dir.toString())
                    .inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return script + " did not finish in 10 minutes";
            }
            return p.exitValue() == 0 ? "" : script + " exited with status " + p.exitValue();
        } catch (IOException e) {
            return "cannot run /usr/bin/python3: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Path script() {
        String prop = System.getProperty(SCRIPT_PROPERTY);
        if (prop != null) {
            return Files.isRegularFile(Paths.get(prop)) ? Paths.get(prop) : null;
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            for (String rel : new String[] {"benchmarks/peers/dicom_peers.py", "peers/dicom_peers.py"}) {
                if (Files.isRegularFile(d.resolve(rel))) {
                    return d.resolve(rel);
                }
            }
        }
        return null;
    }
}
