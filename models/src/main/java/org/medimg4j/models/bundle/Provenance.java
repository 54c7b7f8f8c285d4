package org.medimg4j.models.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * How and when the bundled network was made.
 *
 * @param library        "medimg4j"
 * @param libraryVersion the medimg4j version that trained it ("development" when run from classes, not a jar)
 * @param dl4jVersion    the Deeplearning4j version it was trained with
 * @param seed           the training seed
 * @param created        when the bundle was made, ISO-8601 UTC
 * @param trainer        the trainer configuration, free text (e.g. {@code Trainer.toString()})
 */
public record Provenance(String library, String libraryVersion, String dl4jVersion, long seed, String created,
                         String trainer) {

    /** Normalises nulls to "". */
    public Provenance {
        library = library == null ? "" : library;
        libraryVersion = libraryVersion == null ? "" : libraryVersion;
        dl4jVersion = dl4jVersion == null ? "" : dl4jVersion;
        created = created == null ? "" : created;
        trainer = trainer == null ? "" : trainer;
    }

    /**
     * @param seed    the training seed
     * @param trainer the trainer configuration, free text
     * @return provenance stamped now with this library's and DL4J's versions
     */
    public static Provenance now(long seed, String trainer) {
        return new Provenance("medimg4j", currentLibraryVersion(), currentDl4jVersion(), seed,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), trainer);
    }

    /** @return this library's version from its jar manifest, or "development" */
    public static String currentLibraryVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** @return the Deeplearning4j version on the classpath (from its Maven metadata), or "unknown" */
    public static String currentDl4jVersion() {
        try (InputStream in = ComputationGraph.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        return "unknown";
    }
}
