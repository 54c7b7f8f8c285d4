package org.medimg4j.models.bundle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON descriptor of a model bundle (entry {@value ModelBundle#DESCRIPTOR_ENTRY}): everything needed to use
 * the network again correctly. See {@link ModelBundle} for the file format and an example.
 *
 * @param format        always {@value #FORMAT}
 * @param formatVersion the descriptor format version; this library reads {@value #FORMAT_VERSION}
 * @param name          the model's name, e.g. "liver-lesion-unet2d"
 * @param version       the model's own version, e.g. "1.0.0"
 * @param task          segmentation or classification
 * @param input         what the network takes and the preprocessing that gets there
 * @param output        what its output means
 * @param training      what it was trained on and its validation metrics
 * @param provenance    library and DL4J versions, seed, date
 * @param weights       the weights entry and its SHA-256 (filled in by {@link ModelBundle#save})
 */
@JsonPropertyOrder({"format", "formatVersion", "name", "version", "task", "input", "output", "training",
        "provenance", "weights"})
public record BundleDescriptor(String format, int formatVersion, String name, String version, Task task,
                               InputSpec input, OutputSpec output, TrainingSummary training, Provenance provenance,
                               WeightsEntry weights) {

    /** The format name every descriptor carries. */
    public static final String FORMAT = "medimg4j-model-bundle";
    /** The descriptor format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** @throws IllegalArgumentException naming name, version, task, input, output when missing */
    public BundleDescriptor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("BundleDescriptor: name must be given");
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("BundleDescriptor: version must be given");
        }
        if (task == null) {
            throw new IllegalArgumentException("BundleDescriptor: task must be given (segmentation or classification)");
        }
        if (input == null) {
            throw new IllegalArgumentException("BundleDescriptor: input must be given");
        }
        if (output == null) {
            throw new IllegalArgumentException("BundleDescriptor: output must be given");
        }
        training = training == null ? new TrainingSummary("", 0, 0, 0, null) : training;
        provenance = provenance == null ? new Provenance("medimg4j", "", "", 0, "", "") : provenance;
    }

    /**
     * A descriptor of the current format, without weights (they are added when the bundle is saved).
     */
    public static BundleDescriptor of(String name, String version, Task task, InputSpec input, OutputSpec output,
                                      TrainingSummary training, Provenance provenance) {
        return new BundleDescriptor(FORMAT, FORMAT_VERSION, name, version, task, input, output, training,
                provenance, null);
    }

    /** @return this descriptor with {@code newWeights} */
    public BundleDescriptor withWeights(WeightsEntry newWeights) {
        return new BundleDescriptor(format, formatVersion, name, version, task, input, output, training, provenance,
                newWeights);
    }
}
