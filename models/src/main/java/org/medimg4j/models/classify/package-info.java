/**
 * Image and volume classifiers as DL4J {@code ComputationGraph}s: {@link org.medimg4j.models.classify.ResNet}
 * (ResNet-18/34, 2-D and 3-D), {@link org.medimg4j.models.classify.DenseNet} (DenseNet-121, 2-D) and the small
 * {@link org.medimg4j.models.classify.PatchClassifier} for lesion patches.
 *
 * <p>Every builder validates at {@code build()}, including the input size (pixels or voxels), and the built,
 * immutable description gives its DL4J configuration ({@code configuration(seed)}) or an initialised network
 * ({@code initialisedGraph(seed)}). Graphs have one input, "input" (NCHW or NCDHW), and one output, named after
 * torchvision's classifier module ("fc", "classifier"), giving [batch, classes] probabilities
 * ({@link org.medimg4j.models.classify.Head#SOFTMAX}) or logits ({@link org.medimg4j.models.classify.Head#LOGITS}).
 *
 * <p>The reference configurations ({@code ResNet.reference18()}, {@code DenseNet.reference121()}) match
 * {@code shared/reference-nets/torch_models.py} layer for layer; their DL4J parameter counts are PyTorch's plus the
 * BatchNorm running mean and variance, which DL4J stores as parameters.
 *
 * <p>3-D networks: DL4J 1.0.0-M2.1's BatchNormalization fails on rank-5 input, so
 * {@link org.medimg4j.models.classify.Normalization#batch()} refuses 3-D and a 3-D network must be given another
 * {@link org.medimg4j.models.classify.Normalization} (a 3-D normalisation layer, or {@code none()}).
 */
package org.medimg4j.models.classify;
