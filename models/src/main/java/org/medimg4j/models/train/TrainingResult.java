package org.medimg4j.models.train;

import java.nio.file.Path;
import java.util.List;

/**
 * How a {@link Trainer} run ended.
 *
 * @param history        every epoch, including those run before a resume, oldest first
 * @param lastEpoch      the last epoch completed, from 0 (−1 if none)
 * @param bestEpoch      the epoch of the best validation metric (−1 without validation)
 * @param bestValue      the best validation metric (NaN without validation)
 * @param stopReason     why training stopped
 * @param bestCheckpoint the best checkpoint file, or null without validation
 * @param lastCheckpoint the checkpoint of the last epoch (with updater state, for resuming)
 */
public record TrainingResult(List<EpochRecord> history, int lastEpoch, int bestEpoch, double bestValue,
                             StopReason stopReason, Path bestCheckpoint, Path lastCheckpoint) {

    /** Why training stopped. */
    public enum StopReason {
        /** All configured epochs ran. */
        MAX_EPOCHS,
        /** The validation metric did not improve for {@code patience} epochs. */
        EARLY_STOPPING
    }

    /** Copies the history. */
    public TrainingResult {
        history = List.copyOf(history);
    }
}
