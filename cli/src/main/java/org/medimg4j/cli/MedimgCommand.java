package org.medimg4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code medimg}: the command a newcomer runs first. Each subcommand composes the library; none holds an
 * algorithm of its own.
 */
@Command(name = "medimg",
        mixinStandardHelpOptions = true,
        versionProvider = MedimgCommand.Version.class,
        description = "medimg4j: deep learning on medical images, in Java.",
        subcommands = {DemoCommand.class, DicomCommand.class, SeriesCommand.class, ConvertCommand.class,
            CommandLine.HelpCommand.class})
public final class MedimgCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // UTF-8 whatever the platform locale: DICOM person names and text are Unicode
        CommandLine cl = commandLine();
        cl.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true));
        cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
        System.exit(cl.execute(args));
    }

    /** @return the configured command line, for tests */
    public static CommandLine commandLine() {
        return new CommandLine(new MedimgCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven filtered into {@code medimg-version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = MedimgCommand.class.getResourceAsStream("/medimg-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"medimg4j " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
