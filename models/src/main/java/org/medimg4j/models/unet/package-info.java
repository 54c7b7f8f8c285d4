/**
 * U-Net segmentation networks for 2-D images (NCHW) and 3-D volumes (NCDHW) as validated, immutable builders
 * that write DL4J computation graphs. {@link org.medimg4j.models.unet.UNet#reference2d()} and
 * {@link org.medimg4j.models.unet.UNet#reference3d()} are, layer for layer, the PyTorch reference networks of
 * {@code shared/reference-nets/torch_models.py} used in the speed comparison.
 */
package org.medimg4j.models.unet;
