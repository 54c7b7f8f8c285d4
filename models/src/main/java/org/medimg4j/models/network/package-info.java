/**
 * Facts about a network for a given input shape, worked out from its configuration without a forward pass:
 * per-layer output shapes, parameter counts and FLOPs ({@link org.medimg4j.models.network.NetworkSummary}), and the
 * input-shape rules a network states up front ({@link org.medimg4j.models.network.InputShapeValidator}).
 */
package org.medimg4j.models.network;
