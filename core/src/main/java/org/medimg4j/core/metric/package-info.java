/**
 * Evaluation metrics: overlap of one label ({@link org.medimg4j.core.metric.BinaryConfusion}: Dice, IoU,
 * precision, recall, specificity), multi-class counts ({@link org.medimg4j.core.metric.ConfusionMatrix}),
 * surface distances in mm with anisotropic spacing ({@link org.medimg4j.core.metric.SurfaceDistances}: HD95,
 * ASSD, built on {@link org.medimg4j.core.metric.EuclideanDistanceTransform}) and ROC analysis of scores
 * ({@link org.medimg4j.core.metric.RocCurve}). Volume metrics require prediction and truth on the same grid and
 * give defined values, never NaN, when a mask is empty.
 */
package org.medimg4j.core.metric;
