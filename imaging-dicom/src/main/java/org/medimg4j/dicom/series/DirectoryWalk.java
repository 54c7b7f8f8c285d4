package org.medimg4j.dicom.series;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.medimg4j.dicom.DicomException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files a {@link DicomScanner} reads under a root, reading none of them except DICOMDIR files: the walk of
 * the directory tree, the DICOMDIR that replaces the walk of its folder, hidden files, links and loops (the rules are
 * those of {@link DicomScanner}'s documentation). Immutable and thread-safe: each {@link #list} call keeps its
 * state to itself.
 */
final class DirectoryWalk {

    // The scanner's logger, not this class's: the walk is part of a scan, and users (and tests) configure and
    // capture one logger for it.
    private static final Logger LOG = LoggerFactory.getLogger(DicomScanner.class);

    private final boolean followSymlinks;
    private final boolean includeHidden;
    private final boolean useDicomDir;

    /**
     * @param followSymlinks whether to walk into symbolic links to directories (loops are detected)
     * @param includeHidden  whether to list hidden files and walk hidden directories
     * @param useDicomDir    whether a DICOMDIR replaces the walk of its folder
     */
    DirectoryWalk(boolean followSymlinks, boolean includeHidden, boolean useDicomDir) {
        this.followSymlinks = followSymlinks;
        this.includeHidden = includeHidden;
        this.useDicomDir = useDicomDir;
    }

    /**
     * What a walk found.
     *
     * @param files     the files to read, each once, in the order found
     * @param skipped   what was passed over while finding them (hidden, empty, unreadable, DICOMDIR and its problems)
     * @param dicomDirs the DICOMDIR files read as indexes, in the order read
     */
    record Listing(List<Path> files, List<SkippedFile> skipped, List<Path> dicomDirs) {
        Listing {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
            dicomDirs = List.copyOf(dicomDirs);
        }
    }

    /** Gathers a listing during one walk. */
    private static final class Found {
        // A set, so that a file is read once even when a DICOMDIR references it twice.
        final Set<Path> files = new LinkedHashSet<>();
        final List<SkippedFile> skipped = new ArrayList<>();
        final List<Path> dicomDirs = new ArrayList<>();

        Listing listing() {
            return new Listing(new ArrayList<>(files), skipped, dicomDirs);
        }
    }

    /**
     * @param root a directory, or one file (a DICOMDIR then lists the files it references)
     * @return what to read and what was skipped
     * @throws DicomException naming {@code root} when it does not exist, cannot be read or listed, or is neither a
     *                        file nor a directory
     */
    Listing list(Path root) throws IOException {
        Found found = new Found();
        if (!Files.exists(root)) {
            throw new DicomException(root + ": no such file or directory"
                    + (Files.isSymbolicLink(root) ? " (a symbolic link to a missing target)" : "") + " (root)");
        }
        if (!Files.isReadable(root)) {
            throw new DicomException(root + ": not readable (permission denied) (root)");
        }
        if (Files.isRegularFile(root)) {
            if (!(useDicomDir && DicomDirReader.hasDicomDirName(root.getFileName().toString())
                    && tryDicomDir(root, found))) {
                found.files.add(root);
            }
            return found.listing();
        }
        if (!Files.isDirectory(root)) {
            throw new DicomException(root + ": neither a regular file nor a directory (root)");
        }
        walk(root, found);
        return found.listing();
    }

    private void walk(Path root, Found found) throws IOException {
        Deque<Path> pending = new ArrayDeque<>();
        Set<Object> visited = new HashSet<>();
        pending.push(root);
        visited.add(directoryKey(root));
        while (!pending.isEmpty()) {
            Path dir = pending.pop();
            List<Path> entries;
            try {
                entries = entries(dir);
            } catch (IOException e) {
                if (dir.equals(root)) {
                    throw new DicomException(root + ": cannot list the directory (root): " + e, e);
                }
                found.skipped.add(new SkippedFile(dir, SkippedFile.Reason.UNREADABLE,
                        "cannot list the directory: " + e));
                continue;
            }
            if (useDicomDir && useDicomDirIn(entries, found)) {
                continue;
            }
            // Pushed in reverse so that directories are visited in name order (only the walk order; results
            // are sorted anyway).
            List<Path> subdirs = new ArrayList<>();
            for (Path entry : entries) {
                Path sub = classify(entry, found, visited);
                if (sub != null) {
                    subdirs.add(sub);
                }
            }
            for (int i = subdirs.size() - 1; i >= 0; i--) {
                pending.push(subdirs.get(i));
            }
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path e : s) {
                entries.add(e);
            }
        }
        entries.sort(null);
        return entries;
    }

    /** @return whether a DICOMDIR among {@code entries} was read, so that its folder must not be walked */
    private boolean useDicomDirIn(List<Path> entries, Found found) {
        for (Path e : entries) {
            if (DicomDirReader.hasDicomDirName(e.getFileName().toString()) && Files.isRegularFile(e)
                    && tryDicomDir(e, found)) {
                return true;
            }
        }
        return false;
    }

    private boolean tryDicomDir(Path file, Found found) {
        DicomDirReader.Contents contents;
        try {
            contents = DicomDirReader.read(file);
        } catch (IOException e) {
            // Not a DICOMDIR after all (or a damaged one): the folder is walked and the file scanned like others.
            LOG.info("{}: not usable as a DICOMDIR, walking its folder instead ({})", file,
                    DicomScanner.withoutPath(file, e));
            return false;
        }
        found.dicomDirs.add(file);
        found.skipped.add(new SkippedFile(file, SkippedFile.Reason.DICOMDIR, "read as the index of "
                + contents.files().size() + " files; its folder was not walked"));
        found.skipped.addAll(contents.problems());
        found.files.addAll(contents.files());
        LOG.debug("{}: DICOMDIR references {} files ({} problems)", file, contents.files().size(),
                contents.problems().size());
        return true;
    }

    /** Adds a file to the listing or records why not. @return the directory to walk into, or null */
    private Path classify(Path entry, Found found, Set<Object> visited) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            found.skipped.add(new SkippedFile(entry, SkippedFile.Reason.UNREADABLE, e.toString()));
            return null;
        }
        if (!includeHidden && isHidden(entry)) {
            found.skipped.add(new SkippedFile(entry, SkippedFile.Reason.HIDDEN,
                    attrs.isDirectory() ? "directory not walked" : ""));
            return null;
        }
        if (attrs.isSymbolicLink()) {
            try {
                attrs = Files.readAttributes(entry, BasicFileAttributes.class);
            } catch (IOException e) {
                found.skipped.add(new SkippedFile(entry, SkippedFile.Reason.UNREADABLE,
                        "broken symbolic link: " + e));
                return null;
            }
            if (attrs.isDirectory() && !followSymlinks) {
                found.skipped.add(new SkippedFile(entry, SkippedFile.Reason.SYMLINKED_DIRECTORY, ""));
                return null;
            }
        }
        if (attrs.isDirectory()) {
            Object key = attrs.fileKey() != null ? attrs.fileKey() : directoryKey(entry);
            if (!visited.add(key)) {
                found.skipped.add(new SkippedFile(entry, SkippedFile.Reason.UNREADABLE,
                        "directory already walked through another path (a file-system loop or a second link)"));
                return null;
            }
            return entry;
        }
        if (!attrs.isRegularFile()) {
            found.skipped.add(new SkippedFile(entry, SkippedFile.Reason.UNREADABLE, "not a regular file"));
            return null;
        }
        if (attrs.size() == 0) {
            found.skipped.add(new SkippedFile(entry, SkippedFile.Reason.EMPTY, "0 bytes"));
            return null;
        }
        found.files.add(entry);
        return null;
    }

    private static Object directoryKey(Path dir) {
        try {
            BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class);
            if (a.fileKey() != null) {
                return a.fileKey();
            }
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        if (name != null && name.toString().startsWith(".")) {
            return true;
        }
        try {
            return Files.isHidden(p);
        } catch (IOException e) {
            return false;
        }
    }
}
