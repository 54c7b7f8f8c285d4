package org.medimg4j.dicom.series;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.ReadOptions;
import org.medimg4j.dicom.dictionary.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the DICOM image instances under a directory (or in one file) and reads their headers, in parallel: the
 * first step of loading series, before {@link SeriesGrouper}. Immutable and thread-safe; configure with
 * {@link #builder()}.
 *
 * <p>Each file is read with {@link ReadOptions#metadataOnly()} (the header up to Pixel Data, none of the pixels) on
 * a pool of {@link Builder#threads(int)} threads created for the scan and shut down after it. What is not an image
 * instance becomes a {@link SkippedFile} with its reason, logged at DEBUG, with one INFO line per scan counting
 * them: empty files, non-DICOM files, DICOM whose header cannot be parsed (e.g. truncated), DICOM without Pixel Data
 * (reports, presentation states), DICOMDIR files. A file whose pixels are damaged but whose header is sound is
 * found here and fails later, when it is loaded.
 *
 * <p>Decisions, and why:
 * <ul>
 *   <li><b>DICOMDIR replaces the walk of its folder.</b> When a directory holds a file named DICOMDIR that reads as
 *       a Media Storage Directory (PS3.10 7.2), the scan reads exactly the files it references
 *       ({@link DicomDirReader}) and does not walk that directory further: media often carry viewer software and
 *       other files that are not DICOM, and the DICOMDIR says which files belong to the file-set. Files in that
 *       folder that the DICOMDIR does not reference are not scanned; referenced files that are missing become
 *       {@link SkippedFile.Reason#MISSING_REFERENCED_FILE}. This applies at every level of the tree, so a folder
 *       of several copied discs works. A file named DICOMDIR that is not one is scanned like any other file, and
 *       the folder is walked. {@link Builder#useDicomDir(boolean) useDicomDir(false)} always walks.</li>
 *   <li><b>Hidden files and directories are skipped</b> (name starting with ".", or the file system's hidden
 *       flag), and recorded as {@link SkippedFile.Reason#HIDDEN} without being read: they are version-control
 *       folders, desktop metadata (.DS_Store) and macOS "._" resource forks, whose names often mimic the DICOM
 *       files beside them. The root itself is scanned even when hidden. {@link Builder#includeHidden} reads them.</li>
 *   <li><b>Symbolic links to files are read</b> (data sets are often assembled from links); <b>links to
 *       directories are not followed</b> unless {@link Builder#followSymlinks(boolean) followSymlinks(true)},
 *       which then guards against loops by remembering each directory visited.</li>
 *   <li><b>An empty tree is not an error here.</b> The result then has no instances and lists what was skipped;
 *       {@link ScanResult#requireInstances()} turns that into the {@link DicomException} a loader or the command
 *       line reports ("DIR: no DICOM files (3 files skipped: 2 not DICOM, 1 empty)"). A missing or unreadable
 *       root is an error: {@link #scan} throws a {@link DicomException} naming it.</li>
 *   <li><b>Results are deterministic:</b> instances and skipped files are sorted by path, whatever the number of
 *       threads or the order of the file system's listing.</li>
 * </ul>
 */
public final class DicomScanner {

    private static final Logger LOG = LoggerFactory.getLogger(DicomScanner.class);
    private static final ReadOptions METADATA_ONLY = ReadOptions.metadataOnly();
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int threads;
    private final ScanProgress progress;
    private final boolean followSymlinks;
    private final boolean includeHidden;
    private final boolean useDicomDir;
    private final DirectoryWalk walk;

    private DicomScanner(Builder b) {
        this.threads = b.threads;
        this.progress = b.progress;
        this.followSymlinks = b.followSymlinks;
        this.includeHidden = b.includeHidden;
        this.useDicomDir = b.useDicomDir;
        this.walk = new DirectoryWalk(followSymlinks, includeHidden, useDicomDir);
    }

    /** @return a builder: threads = available processors, no progress, links to directories not followed */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a scanner with the defaults of {@link #builder()} */
    public static DicomScanner defaults() {
        return builder().build();
    }

    /** @return the number of reading threads */
    public int threads() {
        return threads;
    }

    /** @return whether links to directories are followed */
    public boolean followSymlinks() {
        return followSymlinks;
    }

    /** @return whether hidden files and directories are read */
    public boolean includeHidden() {
        return includeHidden;
    }

    /** @return whether a DICOMDIR replaces the walk of its folder */
    public boolean useDicomDir() {
        return useDicomDir;
    }

    /**
     * Scans a directory tree, or one file (a DICOM file, or a DICOMDIR whose references are then scanned).
     *
     * @param root the directory or file
     * @return the instances found and the files skipped; no instances is not an error here (see
     *         {@link ScanResult#requireInstances()})
     * @throws DicomException          naming {@code root} when it does not exist, cannot be read, or is neither a
     *                                 file nor a directory
     * @throws InterruptedIOException  when the calling thread is interrupted (its flag is set again)
     * @throws IOException             when listing the root directory fails
     */
    public ScanResult scan(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        long start = System.nanoTime();
        DirectoryWalk.Listing listing = walk.list(root);
        Path[] files = listing.files().toArray(new Path[0]);
        Object[] results = new Object[files.length];
        progress.started(root, files.length);
        ScanResult result = null;
        try {
            read(files, results);
            List<InstanceHeader> instances = new ArrayList<>(files.length);
            List<SkippedFile> skipped = new ArrayList<>(listing.skipped());
            for (Object r : results) {
                if (r instanceof InstanceHeader h) {
                    instances.add(h);
                } else {
                    skipped.add((SkippedFile) r);
                }
            }
            instances.sort(Comparator.comparing(InstanceHeader::path));
            skipped.sort(Comparator.comparing(SkippedFile::path).thenComparing(SkippedFile::reason));
            List<Path> dicomDirs = new ArrayList<>(listing.dicomDirs());
            dicomDirs.sort(null);
            result = new ScanResult(root, instances, skipped, dicomDirs);
        } finally {
            progress.finished(result);
        }
        if (LOG.isDebugEnabled()) {
            for (SkippedFile s : result.skipped()) {
                LOG.debug("skipped {}", s.describe());
            }
        }
        // INFO only when files were skipped (worth a user's attention); a clean scan is DEBUG, so that a service
        // scanning folders all day does not log a line per scan.
        String format = "{}: {} DICOM instance{} in {} ms{}";
        Object[] args = {root, result.instances().size(), result.instances().size() == 1 ? "" : "s",
            (System.nanoTime() - start) / 1_000_000, result.skipped().isEmpty() ? "" : "; " + result.skippedSummary()};
        if (result.skipped().isEmpty()) {
            LOG.debug(format, args);
        } else {
            LOG.info(format, args);
        }
        return result;
    }

    // ---- reading ----

    private void read(Path[] files, Object[] results) throws IOException {
        int n = files.length;
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean abort = new AtomicBoolean();
        Object progressLock = new Object();
        int[] done = {0};
        Runnable worker = () -> {
            int i;
            while (!abort.get() && (i = next.getAndIncrement()) < n) {
                results[i] = readOne(files[i]);
                // Serialised, so that listeners see done = 1, 2, 3... from one thread at a time.
                synchronized (progressLock) {
                    progress.scanned(++done[0], n);
                }
            }
        };
        int poolSize = Math.min(threads, n);
        if (poolSize <= 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, threadFactory());
        try {
            List<Future<?>> futures = new ArrayList<>(poolSize);
            for (int t = 0; t < poolSize; t++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    abort.set(true);
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IOException("scan failed: " + cause, cause);
                }
            }
        } catch (InterruptedException e) {
            abort.set(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while scanning");
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory threadFactory() {
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dicom-scan-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** @return an {@link InstanceHeader}, or a {@link SkippedFile} saying why not */
    private static Object readOne(Path file) {
        try (DicomFile dicom = DicomFile.read(file, METADATA_ONLY)) {
            if (DicomDirReader.isDicomDir(dicom)) {
                return new SkippedFile(file, SkippedFile.Reason.DICOMDIR, "not read as an index here: only a"
                        + " file named DICOMDIR is, when DICOMDIR use is on");
            }
            if (!dicom.stoppedBeforePixelData()) {
                return new SkippedFile(file, SkippedFile.Reason.NO_PIXEL_DATA, "SOP Class "
                        + dicom.dataSet().getString(Tag.SOPClassUID, "absent"));
            }
            return new InstanceHeader(file, dicom.dataSet());
        } catch (NoSuchFileException e) {
            return new SkippedFile(file, SkippedFile.Reason.UNREADABLE, "no longer exists");
        } catch (AccessDeniedException e) {
            return new SkippedFile(file, SkippedFile.Reason.UNREADABLE, "permission denied");
        } catch (DicomException e) {
            return notDicom(file, e);
        } catch (IOException e) {
            return new SkippedFile(file, SkippedFile.Reason.UNREADABLE, e.toString());
        }
    }

    private static final byte[] MAGIC = {'D', 'I', 'C', 'M'};

    /** Tells a file that never was DICOM from a DICOM file that is damaged, by the "DICM" at offset 128. */
    private static SkippedFile notDicom(Path file, DicomException e) {
        String detail = withoutPath(file, e);
        byte[] head = new byte[132];
        int got = 0;
        try (InputStream in = Files.newInputStream(file)) {
            got = in.readNBytes(head, 0, head.length);
        } catch (IOException io) {
            return new SkippedFile(file, SkippedFile.Reason.UNREADABLE, io.toString());
        }
        if (got == 0) {
            return new SkippedFile(file, SkippedFile.Reason.EMPTY, "0 bytes");
        }
        boolean part10 = got == head.length && Arrays.equals(head, 128, 132, MAGIC, 0, 4);
        return new SkippedFile(file, part10 ? SkippedFile.Reason.MALFORMED : SkippedFile.Reason.NOT_DICOM, detail);
    }

    /** @return the exception's message without the leading "FILE: " that the parser's messages start with */
    static String withoutPath(Path file, IOException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String prefix = file + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    @Override
    public String toString() {
        return "DicomScanner[threads=" + threads + ", followSymlinks=" + followSymlinks + ", includeHidden="
                + includeHidden + ", useDicomDir=" + useDicomDir + "]";
    }

    /** Configures a {@link DicomScanner}; {@link #build()} validates. */
    public static final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private ScanProgress progress = ScanProgress.NONE;
        private boolean followSymlinks;
        private boolean includeHidden;
        private boolean useDicomDir = true;

        private Builder() {
        }

        /**
         * @param threads how many files are read at a time, at least 1 (default: available processors); file
         *                headers are small, so more threads than cores pays only on slow network storage
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * @param progress told of the files found and read (default {@link ScanProgress#NONE})
         * @return this builder
         */
        public Builder progress(ScanProgress progress) {
            this.progress = progress;
            return this;
        }

        /**
         * @param follow whether to walk into symbolic links to directories (default false); loops are detected
         * @return this builder
         */
        public Builder followSymlinks(boolean follow) {
            this.followSymlinks = follow;
            return this;
        }

        /**
         * @param include whether to read hidden files and walk hidden directories (default false)
         * @return this builder
         */
        public Builder includeHidden(boolean include) {
            this.includeHidden = include;
            return this;
        }

        /**
         * @param use whether a DICOMDIR replaces the walk of its folder (default true)
         * @return this builder
         */
        public Builder useDicomDir(boolean use) {
            this.useDicomDir = use;
            return this;
        }

        /**
         * @return the scanner
         * @throws IllegalArgumentException naming threads when it is below 1
         * @throws NullPointerException     naming progress when it is null
         */
        public DicomScanner build() {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            Objects.requireNonNull(progress, "progress");
            return new DicomScanner(this);
        }
    }
}
