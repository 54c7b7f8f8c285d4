/**
 * DL4J layers and vertices that DL4J 1.0.0-M2.1 lacks or gets wrong, each with a test that shows the defect and
 * the replacement: {@link org.medimg4j.models.layer.BatchNorm3D} (DL4J's BatchNormalization fails on rank-5 input),
 * {@link org.medimg4j.models.layer.InstanceNorm} (absent in DL4J) and {@link org.medimg4j.models.layer.ChannelConcat}
 * (DL4J's MergeVertex cannot backprop rank-5 input). All are channels-first and serialise with the model.
 */
package org.medimg4j.models.layer;
