package org.medimg4j.models.classify;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * He (Kaiming) normal initialisation in fan-out mode, as torchvision initialises ResNet convolutions
 * ({@code kaiming_normal_(w, mode="fan_out", nonlinearity="relu")}): weights drawn from N(0, 2 / fan_out) with
 * {@code fan_out = out_channels × kernel volume}.
 *
 * <p>The fan-out is computed here from the weight shape [out, in, k…] rather than taken from DL4J, whose
 * convolution fan-out divides by the stride product, so that the variance is torchvision's for strided
 * convolutions too. Stateless; serialises to JSON as its class name.
 */
public final class KaimingNormalFanOut implements IWeightInit {

    private static final long serialVersionUID = 1L;

    /** Creates the initialiser (public and argument-free for DL4J's JSON configuration format). */
    public KaimingNormalFanOut() {
    }

    /**
     * Fills {@code paramView} with N(0, 2 / fan_out) samples from ND4J's random generator.
     *
     * @param fanIn     DL4J's fan-in (unused)
     * @param fanOut    DL4J's fan-out (unused: see the class comment)
     * @param shape     weight shape [out, in, k…]
     * @param order     array order of the weights
     * @param paramView the flat view of the weights to fill
     * @return the weights, shaped
     */
    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        long receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        double std = Math.sqrt(2.0 / (shape[0] * receptive));
        Nd4j.randn(paramView).muli(std);
        return paramView.reshape(order, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KaimingNormalFanOut;
    }

    @Override
    public int hashCode() {
        return KaimingNormalFanOut.class.hashCode();
    }

    @Override
    public String toString() {
        return "KaimingNormalFanOut";
    }
}
