package org.medimg4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.json.DicomJsonWriter;
import org.medimg4j.dicom.listing.DicomDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code medimg dicom dump FILE}: the file's elements, one per line, as dcmdump lists them ({@link DicomDump});
 * with {@code --json}, its data set as the DICOM JSON model ({@link DicomJsonWriter}). A file that cannot be read
 * gives exit status 1 and one line on stderr naming the file and the reason; tolerated deviations from the
 * standard are listed on stderr as warnings.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Lists a DICOM file's elements like dcmdump (tag, VR, value, length, VM, keyword; sequences"
                + " indented), or with --json prints its data set as the DICOM JSON model (PS3.18 F.2), binary"
                + " values over 1024 bytes as BulkDataURI.")
final class DicomDumpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print the DICOM JSON model of the data set instead of the listing")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "a DICOM file (Part 10, or a bare data set)")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DicomFile f = DicomFile.read(file)) {
            if (json) {
                DicomJsonWriter.standard().write(f.dataSet(), out);
            } else {
                DicomDump.standard().write(f, out);
            }
            out.flush();
            for (String w : f.warnings()) {
                err.println("warning: " + file + ": " + w);
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            out.flush();
            err.println(failure(file, e));
            err.flush();
            return 1;
        }
    }

    /** @return one line: the file, then why it could not be read (without repeating the file name) */
    static String failure(Path file, Exception e) {
        String name = file.toString();
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof RuntimeException) {
            reason = "unexpected error: " + e;
        } else {
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (reason.startsWith(name + ": ")) {
                reason = reason.substring(name.length() + 2);
            }
        }
        return name + ": " + reason.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
