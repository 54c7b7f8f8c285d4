package org.medimg4j.models.classify;

import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The feature-map normalisation a classifier puts after its convolutions, pluggable so that a 3-D network can use
 * any normalisation layer; {@link #batch()} picks DL4J's {@link BatchNormalization} in 2-D and our BatchNorm3D in
 * 3-D (see there for why).
 *
 * <p>Implementations are stateless factories: each call returns a new layer configuration.
 */
public interface Normalization {

    /** Epsilon added to the variance, as in PyTorch's BatchNorm (1e-5). */
    double EPS = 1e-5;

    /** Weight of the old running statistic in each update: 0.9 is PyTorch's momentum 0.1. */
    double DECAY = 0.9;

    /**
     * A new layer normalising {@code channels} feature maps, or empty for no normalisation.
     *
     * @param channels   number of feature maps (channels) the layer sees, at least 1
     * @param dimensions spatial dimensions of the network, 2 (NCHW) or 3 (NCDHW)
     * @return the layer configuration, or empty when this normalisation is the identity
     */
    Optional<Layer> layer(int channels, int dimensions);

    /**
     * Whether this normalisation can run in a network of the given spatial dimensions. Builders check this at
     * {@code build()} so that a configuration that would fail at run time is refused up front.
     *
     * @param dimensions 2 or 3
     * @return true if {@link #layer} gives a working layer for that many dimensions
     */
    boolean supports(int dimensions);

    /**
     * Whether a convolution followed by this normalisation should carry its own bias. False for a normalisation
     * with a learned shift, which makes a conv bias redundant (torchvision's convention, which the reference
     * parameter counts assume); true for {@link #none()}.
     *
     * @return whether convolutions before this normalisation get a bias
     */
    boolean convolutionBias();

    /** @return a short name for summaries and error messages, e.g. "batch" */
    String label();

    /**
     * Batch normalisation with PyTorch's settings (eps 1e-5, momentum 0.1, learned scale and shift). 2-D: DL4J's
     * {@link BatchNormalization}, running variance stored as variance, not log-std, so that torchvision weights map
     * one to one. 3-D: our {@link org.medimg4j.models.layer.BatchNorm3D}, because DL4J 1.0.0-M2.1's
     * BatchNormalization builds a configuration for rank-5 (NCDHW) input but fails at run time with "Unable to
     * process input of rank 5" ({@code ResNetTest#dl4jBatchNormalizationStillFailsOnRank5Input} shows it).
     *
     * <p>DL4J 1.0.0-M2.1 reads the JSON of a configuration that no network was initialised from with useLogStd
     * true again ({@code ConfigurationJsonTest#dl4jFreshConfigurationJsonStillTurnsUseLogStdOn}); initialised
     * networks and model files keep it false. Save initialised networks, or rebuild configurations from the builders.
     *
     * @return the batch normalisation for 2-D and 3-D networks
     */
    static Normalization batch() {
        return StandardNormalization.BATCH;
    }

    /**
     * No normalisation: convolutions get a bias instead. For 3-D networks until a working 3-D normalisation layer
     * is plugged in, and for small fast networks.
     *
     * @return the identity normalisation
     */
    static Normalization none() {
        return StandardNormalization.NONE;
    }
}
