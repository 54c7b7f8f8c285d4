package org.medimg4j.models.bundle;

import java.util.List;

/**
 * What the network's output means.
 *
 * @param activation the output activation, e.g. "softmax" or "sigmoid" (as DL4J names it, lower case)
 * @param labels     the name of each output channel/class, in channel order, e.g. ["background", "lesion"]
 */
public record OutputSpec(String activation, List<String> labels) {

    /** @throws IllegalArgumentException naming activation or labels if missing or empty */
    public OutputSpec {
        if (activation == null || activation.isBlank()) {
            throw new IllegalArgumentException("OutputSpec: activation must be given, e.g. \"softmax\"");
        }
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("OutputSpec: labels must name at least one class");
        }
        labels = List.copyOf(labels);
    }
}
