package org.medimg4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code medimg dicom}: the commands that read DICOM files. Alone, it prints their list. */
@Command(name = "dicom", mixinStandardHelpOptions = true,
        description = "Reads DICOM files (pure Java: every common transfer syntax).",
        subcommands = {DicomDumpCommand.class})
final class DicomCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
