package org.medimg4j.models.train;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs training progress through SLF4J: one INFO line per epoch (loss, validation metric, learning rate, time)
 * and one INFO line every {@code everyBatches} batches (loss and examples/s); DEBUG for the other batches.
 */
public final class LoggingProgressListener implements ProgressListener {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingProgressListener.class);

    private final int everyBatches;
    private final String metricName;

    /**
     * @param everyBatches log a batch line at INFO every this many batches, &gt;= 1
     * @param metricName   how to call the validation metric in the epoch lines
     * @throws IllegalArgumentException naming everyBatches if it is &lt; 1
     */
    public LoggingProgressListener(int everyBatches, String metricName) {
        if (everyBatches < 1) {
            throw new IllegalArgumentException("LoggingProgressListener: everyBatches must be >= 1, got "
                    + everyBatches);
        }
        this.everyBatches = everyBatches;
        this.metricName = metricName == null ? "val" : metricName;
    }

    /** A listener logging every 50th batch at INFO. */
    public LoggingProgressListener() {
        this(50, "val");
    }

    @Override
    public void onStart(int startEpoch, int epochs) {
        LOG.info("training epochs {}..{}", startEpoch, epochs - 1);
    }

    @Override
    public void onIteration(IterationProgress p) {
        if (p.batch() % everyBatches == 0) {
            LOG.info(line(p));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug(line(p));
        }
    }

    @Override
    public void onEpoch(EpochRecord e) {
        LOG.info(String.format(Locale.ROOT, "epoch %d: loss %.5f, %s %.5f%s, lr %.3g, %.1f s, %.1f examples/s",
                e.epoch(), e.trainLoss(), metricName, e.validationValue(), e.best() ? " (best)" : "", e.learningRate(),
                e.seconds(), e.examplesPerSecond()));
    }

    @Override
    public void onFinish(TrainingResult r) {
        LOG.info("training finished after epoch {}: {}; best {} {} at epoch {}", r.lastEpoch(), r.stopReason(),
                metricName, r.bestValue(), r.bestEpoch());
    }

    private static String line(IterationProgress p) {
        String of = p.batchesPerEpoch() > 0 ? "/" + p.batchesPerEpoch() : "";
        return String.format(Locale.ROOT, "epoch %d batch %d%s: loss %.5f, %.1f examples/s", p.epoch(), p.batch(),
                of, p.loss(), p.examplesPerSecond());
    }
}
