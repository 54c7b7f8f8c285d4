package org.medimg4j.models.classify;

import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.medimg4j.models.layer.BatchNorm3D;

/** The normalisations {@link Normalization#batch()} and {@link Normalization#none()} return. */
enum StandardNormalization implements Normalization {
    /** PyTorch-style batch normalisation: DL4J's in 2-D, our BatchNorm3D in 3-D (see {@link Normalization#batch()}). */
    BATCH {
        @Override
        public Optional<Layer> layer(int channels, int dimensions) {
            if (!supports(dimensions)) {
                throw new IllegalArgumentException("normalization batch cannot serve a network of " + dimensions
                        + " dimensions");
            }
            if (dimensions == 3) {
                return Optional.of(new BatchNorm3D.Builder().nOut(channels).eps(EPS).momentum(1 - DECAY).build());
            }
            return Optional.of(new BatchNormalization.Builder().nOut(channels).eps(EPS).decay(DECAY)
                    .useLogStd(false).build());
        }

        @Override
        public boolean supports(int dimensions) {
            return dimensions == 2 || dimensions == 3;
        }

        @Override
        public boolean convolutionBias() {
            return false;
        }

        @Override
        public String label() {
            return "batch";
        }
    },
    /** The identity; convolutions get a bias instead. */
    NONE {
        @Override
        public Optional<Layer> layer(int channels, int dimensions) {
            return Optional.empty();
        }

        @Override
        public boolean supports(int dimensions) {
            return dimensions == 2 || dimensions == 3;
        }

        @Override
        public boolean convolutionBias() {
            return true;
        }

        @Override
        public String label() {
            return "none";
        }
    }
}
