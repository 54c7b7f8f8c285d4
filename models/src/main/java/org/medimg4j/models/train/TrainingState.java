package org.medimg4j.models.train;

import java.util.List;

/**
 * The trainer's own state beside the network in a checkpoint: everything, apart from the weights and the updater
 * state that DL4J's {@code ModelSerializer} saves, that a resumed run needs to go on as the uninterrupted run
 * would have. Stored as JSON in the checkpoint zip (entry {@link Checkpoint#STATE_ENTRY}).
 *
 * @param nextEpoch                the epoch a resumed run starts with (the epochs completed)
 * @param iteration                batches trained so far, over all epochs
 * @param bestEpoch                epoch of the best validation metric so far, −1 if none
 * @param bestValue                the best validation metric so far, NaN if none
 * @param epochsWithoutImprovement epochs since the best, for early-stopping patience
 * @param seed                     the trainer's seed
 * @param metricName               the validation metric's name, or "" without one
 * @param history                  every epoch completed, oldest first
 */
public record TrainingState(int nextEpoch, long iteration, int bestEpoch, double bestValue,
                            int epochsWithoutImprovement, long seed, String metricName, List<EpochRecord> history) {

    /** Copies the history. */
    public TrainingState {
        history = List.copyOf(history);
        metricName = metricName == null ? "" : metricName;
    }
}
