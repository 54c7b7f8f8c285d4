package org.medimg4j.models.classify;

import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;

/** The normalisations {@link Normalization#batch()} and {@link Normalization#none()} return. */
enum StandardNormalization implements Normalization {
    /** DL4J's BatchNormalization with PyTorch's settings; 2-D only (see {@link Normalization#batch()}). */
    BATCH {
        @Override
        public Optional<Layer> layer(int channels, int dimensions) {
            if (!supports(dimensions)) {
                throw new IllegalArgumentException("normalization batch cannot serve a network of " + dimensions
                        + " dimensions: DL4J 1.0.0-M2.1's BatchNormalization fails on rank-5 (NCDHW) input;"
                        + " plug in a 3-D normalisation layer or use Normalization.none()");
            }
            return Optional.of(new BatchNormalization.Builder().nOut(channels).eps(EPS).decay(DECAY)
                    .useLogStd(false).build());
        }

        @Override
        public boolean supports(int dimensions) {
            return dimensions == 2;
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
