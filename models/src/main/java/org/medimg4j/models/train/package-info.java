/**
 * Training a DL4J {@code ComputationGraph}: {@link org.medimg4j.models.train.Trainer} (optimiser, per-epoch
 * learning-rate schedule, early stopping on a caller-supplied {@link org.medimg4j.models.train.ValidationMetric},
 * best and last {@link org.medimg4j.models.train.Checkpoint}s, exact resume), progress to
 * {@link org.medimg4j.models.train.ProgressListener}s, per-epoch {@link org.medimg4j.models.train.MetricsCsv} and a
 * {@link org.medimg4j.models.train.TrainingCurve} PNG. The batches come from any {@code MultiDataSetIterator}; one
 * that implements {@link org.medimg4j.models.data.EpochAware} is told the epoch so that resumed runs see the same
 * batches.
 */
package org.medimg4j.models.train;
