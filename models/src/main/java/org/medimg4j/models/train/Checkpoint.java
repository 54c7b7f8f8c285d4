package org.medimg4j.models.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.medimg4j.core.file.AtomicFile;
import org.medimg4j.models.backend.OneDnn;

/**
 * A training checkpoint: one zip as DL4J's {@code ModelSerializer} writes it (configuration, parameters and, for
 * the last-epoch checkpoint, the updater state such as Adam's moment estimates and iteration count), plus an
 * entry {@value #STATE_ENTRY} with the {@link TrainingState}. DL4J ignores the extra entry, so the file also
 * opens with {@code ModelSerializer.restoreComputationGraph}. Written atomically (temporary file and rename).
 *
 * @param network the restored network
 * @param state   the trainer's state when the checkpoint was written
 */
public record Checkpoint(ComputationGraph network, TrainingState state) {

    /** The zip entry holding the trainer's state as JSON. */
    public static final String STATE_ENTRY = "medimg4j-training-state.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Writes {@code network} and {@code state} to {@code file}, replacing it atomically.
     *
     * @param withUpdater whether to save the updater state (needed to resume exactly; doubles Adam's file size)
     * @throws IOException when writing fails; {@code file} is then left as it was
     */
    public static void write(Path file, ComputationGraph network, TrainingState state, boolean withUpdater)
            throws IOException {
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
        AtomicFile.write(file, tmp -> {
            ModelSerializer.writeModel(network, tmp.toFile(), withUpdater);
            // The zip file system appends the entry by streaming the zip anew, not by holding it in memory.
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + tmp.toUri()), Map.of())) {
                Files.write(zip.getPath(STATE_ENTRY), json);
            }
        });
    }

    /**
     * Reads a checkpoint written by {@link #write}, with its updater state when it has one.
     *
     * @throws IOException naming the file when it is not a zip, has no {@value #STATE_ENTRY}, or DL4J cannot
     *                     restore the network
     */
    public static Checkpoint read(Path file) throws IOException {
        TrainingState state = readState(file);
        ComputationGraph net;
        try {
            OneDnn.enable();   // DL4J picks a layer's oneDNN helper when the layer is created
            net = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new IOException("checkpoint " + file + ": DL4J cannot restore the network: " + e.getMessage(), e);
        }
        return new Checkpoint(net, state);
    }

    /**
     * Reads only the trainer's state of a checkpoint.
     *
     * @throws IOException naming the file when it is not a zip or has no {@value #STATE_ENTRY}
     */
    public static TrainingState readState(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(STATE_ENTRY);
            if (e == null) {
                throw new IOException("checkpoint " + file + " has no entry " + STATE_ENTRY
                        + ": it was not written by the medimg4j Trainer");
            }
            try (InputStream in = zip.getInputStream(e)) {
                return JSON.readValue(in, TrainingState.class);
            }
        } catch (ZipException e) {
            throw new IOException("checkpoint " + file + " is not a readable zip: " + e.getMessage(), e);
        }
    }
}
