/**
 * Segmentation and classification losses as DL4J {@link org.nd4j.linalg.lossfunctions.ILossFunction}s: soft
 * Dice, Dice + cross-entropy, focal, class-weighted cross-entropy (softmax) and class-weighted binary
 * cross-entropy (sigmoid). They serialise in a network configuration's JSON like DL4J's own losses (Jackson,
 * class name as type id) and validate their labels (one-hot or 0/1) and per-class weights with messages naming the
 * parameter.
 *
 * <p><b>Output layer.</b> Use them in DL4J's {@code CnnLossLayer} (2-D, NCHW) or {@code Cnn3DLossLayer} (3-D,
 * NCDHW) after a 1×1 convolution, or in an {@code OutputLayer} for classification. DL4J 1.0.0-M2.1's loss layers
 * reshape {@code [N, C, H, W]} activations and labels to {@code [N·H·W, C]} before calling the loss (and the
 * {@code [N, 1, H, W]} label mask to {@code [N·H·W, 1]}), so a loss does not see image boundaries: by default
 * Dice here is the <em>batch</em> Dice over every pixel of the minibatch. Because those layers order the rows image
 * by image (they permute to {@code [N, H, W, C]} before the reshape; tested), {@link
 * org.medimg4j.models.loss.SoftDiceLoss} and {@link org.medimg4j.models.loss.DiceCrossEntropyLoss} can recover
 * per-image Dice when told the image size ({@code pixelsPerImage} = H·W or D·H·W); that needs every training
 * image of that size. We chose this over a loss layer of our own: it keeps DL4J's tested layer and backprop.
 *
 * <p><b>Scale.</b> Every loss has a sum score {@code S} (the sum of its score array); the gradient it returns is
 * {@code dS/dz}. DL4J reports {@code S / N} and divides parameter gradients by {@code N}, with N the number of
 * examples ({@code OutputLayer}) or of images ({@code CnnLossLayer}: it calls the loss with
 * {@code average=false} and divides by the minibatch size). Per-pixel losses have {@code S} = sum over pixels;
 * Dice has {@code S = rows · D}. Through {@code CnnLossLayer} every loss therefore reports {@code H·W} times its
 * per-pixel-mean form ({@code H·W·D} for Dice), a constant factor that Adam ignores but plain SGD's learning rate
 * must absorb.
 *
 * <p><b>DL4J defect (1.0.0-M2.1).</b> {@code CnnLossLayer} with {@code CNN2DFormat.NHWC} computes its score with
 * the NCHW reshape (its {@code computeScore} calls {@code ConvolutionUtils.reshape4dTo2d} without the format), so
 * the classes are mixed with a spatial axis and the loss is wrong; see {@code CnnLossLayerFormatTest}. Train with
 * NCHW loss layers. Our losses' one-hot check rejects the mixed-up labels of that path instead of returning a
 * wrong number.
 */
package org.medimg4j.models.loss;
