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
        subcommands = {DemoCommand.class, DicomCommand.class, CommandLine.HelpCommand.class})
public final class MedimgCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
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
