package org.medimg4j.dicom.series;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Reads a DICOMDIR (the Media Storage Directory of a file-set, PS3.10 7.2 and 8.5; its records PS3.3 F.3 and F.5)
 * into the files it references.
 *
 * <p>Every item of the Directory Record Sequence (0004,1220) that has a Referenced File ID (0004,1500) names one
 * file: IMAGE records, and also RT DOSE, SR DOCUMENT, PRESENTATION, PRIVATE... records (the scanner then sorts out
 * what has pixel data). The record hierarchy (PATIENT, STUDY, SERIES, linked by byte offsets) is not followed:
 * grouping reads each file's own Study and Series Instance UIDs, so the flat list of records is all that is needed,
 * and wrong offsets in a DICOMDIR cannot hide files. Records whose Record In-use Flag (0004,1410) is 0000H
 * (inactive, an old way of deleting a record) are ignored.
 *
 * <p>A Referenced File ID is a list of path components relative to the DICOMDIR's folder (PS3.10 8.5: upper-case
 * letters, digits and "_", up to 8 characters, the last one the file). Media copied from CD often change the case
 * of names, and ISO 9660 readers may show a version suffix (";1") or a trailing dot, so a component that does not
 * exist as written is matched against the folder's entries ignoring case, a ";n" suffix and a trailing ".". A
 * component that is empty, "." or "..", or holds a path separator, is refused rather than resolved, so that a
 * DICOMDIR cannot point outside its folder.
 */
public final class DicomDirReader {

    /** Media Storage Directory Storage, the SOP Class of a DICOMDIR (PS3.4 Annex F, PS3.6 Annex A). */
    public static final String MEDIA_STORAGE_DIRECTORY_SOP_CLASS = "1.2.840.10008.1.3.10";

    /** The file name a DICOMDIR has (PS3.10 8.6), matched like a referenced file ID (ignoring case). */
    public static final String FILE_NAME = "DICOMDIR";

    private DicomDirReader() {
    }

    /**
     * One directory record that references a file.
     *
     * @param recordType  Directory Record Type (0004,1430), e.g. "IMAGE"; "" when absent
     * @param fileId      the Referenced File ID (0004,1500) components, as written
     * @param sopInstanceUid Referenced SOP Instance UID in File (0004,1511); "" when absent
     * @param path        the file: the one found on disk (possibly differing in case from {@code fileId}), or,
     *                    when none was found, the DICOMDIR's folder with the components as written
     * @param found       whether {@code path} exists
     */
    public record Reference(String recordType, List<String> fileId, String sopInstanceUid, Path path,
                            boolean found) {

        /** @throws NullPointerException when an argument is null */
        public Reference {
            Objects.requireNonNull(recordType, "recordType");
            fileId = List.copyOf(fileId);
            Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A DICOMDIR's references.
     *
     * @param dicomDir   the DICOMDIR file
     * @param references the records with a valid Referenced File ID, in record order
     * @param problems   the references that cannot be scanned: a missing file, or a file ID refused as unsafe;
     *                   each a {@link SkippedFile.Reason#MISSING_REFERENCED_FILE}
     */
    public record Contents(Path dicomDir, List<Reference> references, List<SkippedFile> problems) {

        /** @throws NullPointerException when an argument is null */
        public Contents {
            Objects.requireNonNull(dicomDir, "dicomDir");
            references = List.copyOf(references);
            problems = List.copyOf(problems);
        }

        /** @return the referenced files that exist, each once, in record order */
        public List<Path> files() {
            Set<Path> files = new LinkedHashSet<>();
            for (Reference r : references) {
                if (r.found()) {
                    files.add(r.path());
                }
            }
            return List.copyOf(files);
        }
    }

    /**
     * @param file a file read with {@link DicomFile#read}
     * @return whether it is a DICOMDIR: its Media Storage SOP Class UID (0002,0002) says so, or it has no meta
     *         SOP class but has a Directory Record Sequence (0004,1220)
     */
    public static boolean isDicomDir(DicomFile file) {
        Objects.requireNonNull(file, "file");
        return file.fileMetaInformation().getUid(Tag.MediaStorageSOPClassUID)
                .map(MEDIA_STORAGE_DIRECTORY_SOP_CLASS::equals)
                .orElseGet(() -> file.dataSet().contains(Tag.DirectoryRecordSequence));
    }

    /**
     * @param fileName a file name
     * @return whether it is "DICOMDIR" in any case, possibly with an ISO 9660 version suffix or trailing dot
     */
    public static boolean hasDicomDirName(String fileName) {
        return normalise(fileName).equals(FILE_NAME);
    }

    /**
     * Reads a DICOMDIR and locates the files it references.
     *
     * @param dicomDir the DICOMDIR file
     * @return its references and the problems found with them
     * @throws DicomException when the file is not DICOM, is malformed, or is not a DICOMDIR (the message names it)
     * @throws IOException    when it cannot be read
     */
    public static Contents read(Path dicomDir) throws IOException {
        Objects.requireNonNull(dicomDir, "dicomDir");
        try (DicomFile file = DicomFile.read(dicomDir)) {
            return read(file, dicomDir);
        }
    }

    /**
     * Locates the files a DICOMDIR already read references.
     *
     * @param file     the DICOMDIR, read
     * @param dicomDir where it is; its folder is where Referenced File IDs start
     * @return its references and the problems found with them
     * @throws DicomException when {@code file} is not a DICOMDIR
     */
    public static Contents read(DicomFile file, Path dicomDir) throws DicomException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dicomDir, "dicomDir");
        if (!isDicomDir(file)) {
            throw new DicomException(dicomDir + ": not a DICOMDIR: (0002,0002) MediaStorageSOPClassUID is "
                    + file.fileMetaInformation().getString(Tag.MediaStorageSOPClassUID, "absent") + ", expected "
                    + MEDIA_STORAGE_DIRECTORY_SOP_CLASS);
        }
        // Referenced files keep the form of the DICOMDIR's path (relative stays relative) unless it has no folder.
        Path folder = dicomDir.getParent() != null ? dicomDir.getParent() : dicomDir.toAbsolutePath().getParent();
        Locator locator = new Locator();
        List<Reference> references = new ArrayList<>();
        List<SkippedFile> problems = new ArrayList<>();
        List<Attributes> records = file.dataSet().getSequence(Tag.DirectoryRecordSequence);
        for (int i = 0; i < records.size(); i++) {
            Attributes record = records.get(i);
            List<String> fileId = record.getStrings(Tag.ReferencedFileID);
            // PS3.3 F.3.2.2: 0000H marks an inactive record (retired, but old media still carry them).
            if (fileId.isEmpty() || record.getInt(Tag.RecordInUseFlag, 0xFFFF) == 0) {
                continue;
            }
            String type = record.getString(Tag.DirectoryRecordType, "");
            String unsafe = unsafeComponent(fileId);
            if (unsafe != null) {
                problems.add(new SkippedFile(dicomDir, SkippedFile.Reason.MISSING_REFERENCED_FILE, "record " + (i + 1)
                        + " (" + type + "): Referenced File ID " + String.join("\\", fileId) + " refused: " + unsafe));
                continue;
            }
            Path literal = folder;
            for (String c : fileId) {
                literal = literal.resolve(c);
            }
            Path located = locator.locate(folder, fileId);
            String uid = record.getUid(Tag.ReferencedSOPInstanceUIDInFile).orElse("");
            references.add(new Reference(type, fileId, uid, located != null ? located : literal, located != null));
            if (located == null) {
                problems.add(new SkippedFile(literal, SkippedFile.Reason.MISSING_REFERENCED_FILE, type + " record "
                        + (i + 1) + " of " + dicomDir + ", Referenced File ID " + String.join("\\", fileId)));
            }
        }
        return new Contents(dicomDir, references, problems);
    }

    /** @return why a file ID cannot be resolved safely, or null when it can */
    private static String unsafeComponent(List<String> fileId) {
        for (String c : fileId) {
            if (c.isEmpty() || c.equals(".") || c.equals("..")) {
                return "component \"" + c + "\" is not a file name";
            }
            for (int k = 0; k < c.length(); k++) {
                char ch = c.charAt(k);
                if (ch == '/' || ch == '\\' || ch == ':' || ch == 0) {
                    return "component \"" + c + "\" holds a path separator";
                }
            }
        }
        return null;
    }

    /** "img0001;1" and "IMG0001." both become "IMG0001": case, ISO 9660 version and trailing dot dropped. */
    private static String normalise(String name) {
        String n = name;
        int semi = n.lastIndexOf(';');
        if (semi >= 0 && semi < n.length() - 1 && n.substring(semi + 1).chars().allMatch(Character::isDigit)) {
            n = n.substring(0, semi);
        }
        if (n.endsWith(".") && n.length() > 1) {
            n = n.substring(0, n.length() - 1);
        }
        return n.toUpperCase(Locale.ROOT);
    }

    /** Finds files ignoring case, listing each folder at most once. */
    private static final class Locator {
        private final Map<Path, Map<String, String>> listings = new HashMap<>();

        Path locate(Path folder, List<String> fileId) {
            Path p = folder;
            for (int i = 0; i < fileId.size(); i++) {
                String c = fileId.get(i);
                boolean last = i == fileId.size() - 1;
                Path exact = p.resolve(c);
                if (last ? Files.isRegularFile(exact) : Files.isDirectory(exact)) {
                    p = exact;
                    continue;
                }
                String actual = listing(p).get(normalise(c));
                if (actual == null) {
                    return null;
                }
                p = p.resolve(actual);
                if (last ? !Files.isRegularFile(p) : !Files.isDirectory(p)) {
                    return null;
                }
            }
            return p;
        }

        private Map<String, String> listing(Path dir) {
            return listings.computeIfAbsent(dir, d -> {
                // Sorted, so that on a case-sensitive file system holding both "a" and "A" the choice is stable.
                Map<String, String> names = new TreeMap<>();
                if (Files.isDirectory(d)) {
                    try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                        for (Path e : s) {
                            names.put(e.getFileName().toString(), e.getFileName().toString());
                        }
                    } catch (IOException e) {
                        return Map.of();
                    }
                }
                Map<String, String> byNormal = new HashMap<>();
                for (String n : names.keySet()) {
                    byNormal.putIfAbsent(normalise(n), n);
                }
                return byNormal;
            });
        }
    }
}
