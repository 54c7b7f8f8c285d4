package org.medimg4j.models.train;

/**
 * Hears a {@link Trainer}'s progress: after every batch and after every epoch, on the training thread (keep it
 * quick). Both methods do nothing by default. {@link LoggingProgressListener} logs; a console progress bar can
 * implement the same interface.
 */
public interface ProgressListener {

    /** Called once before the first epoch run (epoch {@code startEpoch} of {@code epochs}). */
    default void onStart(int startEpoch, int epochs) {
    }

    /** Called after each training batch. */
    default void onIteration(IterationProgress progress) {
    }

    /** Called after each epoch, once its validation metric is known. */
    default void onEpoch(EpochRecord epoch) {
    }

    /** Called once when training ends, with the reason. */
    default void onFinish(TrainingResult result) {
    }
}
