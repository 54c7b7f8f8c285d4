package org.medimg4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.medimg4j.dicom.series.DicomScanner;
import org.medimg4j.dicom.series.ScanProgress;
import org.medimg4j.dicom.series.ScanResult;

/**
 * Shows a {@link DicomScanner}'s progress as a bar on stderr (me.tongfei progressbar), only where it helps: when the
 * scan reads more than {@link #DEFAULT_THRESHOLD} files and stderr is a terminal. Otherwise it stays silent, so that
 * small scans, pipes, redirected output and CI logs are not cluttered with carriage returns. Stdout, which carries
 * the commands' JSON, is never written to.
 *
 * <p>Use one instance per scan: {@code DicomScanner.builder().progress(ScanProgressBar.onStderr()).build()}. Not
 * thread-safe on its own; the scanner serialises its calls (see {@link ScanProgress}).
 */
final class ScanProgressBar implements ScanProgress {

    /** Scans of at most this many files draw no bar: they finish in about a second. */
    static final int DEFAULT_THRESHOLD = 200;

    private final int threshold;
    private final boolean console;
    private final PrintStream out;
    private ProgressBar bar;

    /**
     * @param threshold draw a bar only for scans of more files than this, at least 0
     * @param console   whether {@code out} is a terminal
     * @param out       where to draw
     */
    ScanProgressBar(int threshold, boolean console, PrintStream out) {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be at least 0, got " + threshold);
        }
        this.threshold = threshold;
        this.console = console;
        this.out = Objects.requireNonNull(out, "out");
    }

    /** @return a listener drawing on {@link System#err} when it is a terminal and the scan is large */
    static ScanProgressBar onStderr() {
        return new ScanProgressBar(DEFAULT_THRESHOLD, stderrIsConsole(), System.err);
    }

    /** @return whether a bar is being drawn now */
    boolean isShowing() {
        return bar != null;
    }

    @Override
    public void started(Path root, int totalFiles) {
        if (console && totalFiles > threshold && bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName("Scanning")
                    .setInitialMax(totalFiles)
                    .setUnit(" files", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .clearDisplayOnFinish()
                    .build();
        }
    }

    @Override
    public void scanned(int done, int total) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void finished(ScanResult result) {
        if (bar != null) {
            // close() stops the bar's refresh thread and clears its line, also after a failed scan.
            bar.close();
            bar = null;
        }
    }

    /**
     * Whether stderr is a terminal. Java 17 has no direct test ({@link System#console()} speaks of stdin and stdout,
     * and is null as soon as stdout is redirected, the usual {@code medimg series DIR > out.json}); on Linux the
     * target of /proc/self/fd/2 tells (a /dev/pts or /dev/tty device). Elsewhere, a console on stdin/stdout is
     * taken as the sign.
     *
     * @return whether to draw on stderr
     */
    static boolean stderrIsConsole() {
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd2)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
                        || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
        return !Files.exists(fd2, LinkOption.NOFOLLOW_LINKS) && System.console() != null;
    }
}
