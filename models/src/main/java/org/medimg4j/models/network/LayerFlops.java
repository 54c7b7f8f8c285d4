package org.medimg4j.models.network;

import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.Subsampling3DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * FLOPs of one DL4J layer by {@code torch_models.py}'s {@code count_flops} convention: 2 × multiply-adds, counted
 * for convolutions, transposed convolutions and dense (linear) layers only, over the whole batch.
 *
 * <ul>
 *   <li>convolution: output elements × input channels × kernel volume (torch: {@code out.numel() ·
 *       in_channels/groups · k});</li>
 *   <li>depthwise convolution: output elements × kernel volume (groups = input channels);</li>
 *   <li>transposed convolution: input elements × output channels × kernel volume (each input voxel is scattered to
 *       k outputs of every output map);</li>
 *   <li>dense / output layer: rows × nIn × nOut;</li>
 *   <li>everything else (normalisation, activation, pooling, up-sampling, dropout, loss layers): 0.</li>
 * </ul>
 */
public final class LayerFlops {

    private LayerFlops() {
    }

    /**
     * @param layer       the layer configuration (nIn/nOut set)
     * @param inputShape  the layer's input shape with the batch, after any preprocessor, in elements
     * @param outputShape the layer's output shape with the batch, in elements
     * @return FLOPs of one forward pass over the batch
     */
    public static long of(Layer layer, long[] inputShape, long[] outputShape) {
        long in = product(inputShape);
        long out = product(outputShape);
        if (layer instanceof Deconvolution2D || layer instanceof Deconvolution3D) {
            ConvolutionLayer c = (ConvolutionLayer) layer;
            return 2 * in * c.getNOut() * product(c.getKernelSize());
        }
        if (layer instanceof DepthwiseConvolution2D d) {
            return 2 * out * product(d.getKernelSize());
        }
        if (layer instanceof SeparableConvolution2D s) {
            long k = product(s.getKernelSize());
            long mid = s.getNIn() * s.getDepthMultiplier();
            long perMap = out / s.getNOut();
            return 2 * (perMap * mid * k + out * mid);
        }
        if (layer instanceof ConvolutionLayer c) {
            return 2 * out * c.getNIn() * product(c.getKernelSize());
        }
        if (layer instanceof DenseLayer || layer instanceof OutputLayer || layer instanceof CenterLossOutputLayer) {
            FeedForwardLayer f = (FeedForwardLayer) layer;
            return 2 * (in / f.getNIn()) * f.getNIn() * f.getNOut();
        }
        return 0;
    }

    /**
     * @param layer a layer configuration
     * @return its class name, with kernel and stride for convolutions and pooling (e.g. "ConvolutionLayer 3x3/1")
     */
    public static String describe(Layer layer) {
        String name = layer.getClass().getSimpleName();
        if (layer instanceof ConvolutionLayer c) {
            return name + " " + dims(c.getKernelSize()) + "/" + dims(c.getStride());
        }
        if (layer instanceof SubsamplingLayer s) {
            return name + " " + s.getPoolingType() + " " + dims(s.getKernelSize()) + "/" + dims(s.getStride());
        }
        if (layer instanceof Subsampling3DLayer s) {
            return name + " " + s.getPoolingType() + " " + dims(s.getKernelSize()) + "/" + dims(s.getStride());
        }
        if (layer instanceof GlobalPoolingLayer g) {
            return name + " " + g.getPoolingType();
        }
        return name;
    }

    private static String dims(int[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : "x").append(a[i]);
        }
        return sb.toString();
    }

    private static long product(long[] a) {
        long p = 1;
        for (long v : a) {
            p *= v;
        }
        return p;
    }

    private static long product(int[] a) {
        long p = 1;
        for (int v : a) {
            p *= v;
        }
        return p;
    }
}
