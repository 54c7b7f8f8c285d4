package org.medimg4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code medimg dicom}: commands that read DICOM files through {@code imaging-dicom}. A group only; each
 * subcommand is its own class. Alone, it prints their list.
 */
@Command(name = "dicom", mixinStandardHelpOptions = true,
        description = "Reads DICOM files (pure Java: Part 10 parsing, every common transfer syntax).",
        subcommands = {DicomDumpCommand.class, DicomPixelsCommand.class})
final class DicomCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
