package org.medimg4j.models.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a bundled network does; written in lower case in the descriptor. */
public enum Task {
    /** Per-voxel classes (output [batch, classes, spatial…]). */
    @JsonProperty("segmentation") SEGMENTATION,
    /** One class per image or patch (output [batch, classes]). */
    @JsonProperty("classification") CLASSIFICATION
}
